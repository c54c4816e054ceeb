"""The print log: which text version was handed to which student, and the version a returned
form is recorded against.

A consent is never stored against a text version the family did not receive. A scanned
form names its version in the code; a typed one is recorded against the version last
printed for the student (the recording grid shows it, and it can be changed to another
version printed for that student). Versions that existed before the print log
(``legacy_print``) may have been printed without a log entry and are accepted as such.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from dpo_desk.core.dates import format_date
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Created
from dpo_desk.services.consent.templates import TemplateInfo, find_row, load_info
from dpo_desk.services.context import ServiceContext
from dpo_desk.store.models import ConsentPrint, ConsentPrintStudent, Student

NEVER_PRINTED = "Code einer nie gedruckten Version"


class VersionBasis(StrEnum):
    """How the version of a recorded form was known."""

    CODE = "code"
    PRINTED = "printed"
    CHOSEN = "chosen"
    LEGACY = "legacy"

    @property
    def label(self) -> str:
        return BASIS_LABELS[self]


BASIS_LABELS = {
    VersionBasis.CODE: "Scan-Code",
    VersionBasis.PRINTED: "zuletzt gedruckt",
    VersionBasis.CHOSEN: "gewählt",
    VersionBasis.LEGACY: "vor dem Druckprotokoll",
}
"""How the history names the way the version of a form was known."""


def basis_label(basis: str) -> str:
    """The German name of a stored basis ("" for revocations and old entries)."""
    try:
        return VersionBasis(basis).label
    except ValueError:
        return ""


@dataclass(frozen=True)
class PrintedVersion:
    version: int
    printed_at: datetime


def log_printed(
    ctx: ServiceContext,
    school_id: int,
    template_key: str,
    version: int,
    student_ids: Sequence[int],
    document: str,
) -> Created:
    """Remember that ``document`` handed text version ``version`` to these students (one
    printout, one audit entry naming how many; no names)."""
    with ctx.unit_of_work() as uow:
        template = find_row(uow.session, school_id, template_key)
        info = load_info(uow.session, template, counts=False)
        chosen = info.version_info(version)
        if chosen is None:
            raise LookupError(f"„{info.title}“ hat keine Version {version}.")
        ids = sorted(set(student_ids))
        row = ConsentPrint(
            school_id=school_id,
            template_id=template.id,
            version_id=chosen.id,
            document=document,
            students=len(ids),
            printed_by=uow.actor,
        )
        uow.session.add(row)
        uow.session.flush()
        if ids:
            uow.session.execute(
                insert(ConsentPrintStudent),
                [{"print_id": row.id, "student_id": student_id} for student_id in ids],
            )
        uow.audit(
            "consent_print",
            row.id,
            "create",
            {
                "template": template.key,
                "version": version,
                "document": document,
                "students": len(ids),
            },
            school_id=school_id,
        )
        return Created(row.id, changes=uow.changes)


def printed_versions(
    session: Session, info: TemplateInfo, student_ids: Iterable[int] | None = None
) -> dict[int, list[PrintedVersion]]:
    """Per student the versions printed for them, the most recent printout first (each
    version once, at its latest printout)."""
    numbers = info.version_numbers
    query = (
        select(ConsentPrintStudent.student_id, ConsentPrint.version_id, ConsentPrint.printed_at)
        .join(ConsentPrint, ConsentPrint.id == ConsentPrintStudent.print_id)
        .where(ConsentPrint.template_id == info.id)
        .order_by(ConsentPrint.id.desc())
    )
    if student_ids is not None:
        query = query.where(ConsentPrintStudent.student_id.in_(list(student_ids)))
    found: dict[int, list[PrintedVersion]] = defaultdict(list)
    for student_id, version_id, printed_at in session.execute(query):
        number = numbers.get(version_id)
        if number is not None and all(p.version != number for p in found[student_id]):
            found[student_id].append(PrintedVersion(number, printed_at))
    return dict(found)


def printed_for_students(
    ctx: ServiceContext, school_id: int, template_key: str, student_ids: Iterable[int]
) -> dict[int, list[PrintedVersion]]:
    with ctx.reading() as session:
        info = load_info(session, find_row(session, school_id, template_key), counts=False)
        return printed_versions(session, info, student_ids)


def printed_for(
    ctx: ServiceContext, info: TemplateInfo, student_ids: Iterable[int]
) -> dict[int, list[PrintedVersion]]:
    """``printed_for_students`` of a template already loaded (opening a class in the
    recording grid: one query, not three)."""
    with ctx.reading() as session:
        return printed_versions(session, info, student_ids)


def _name(student: Student) -> str:
    return f"{student.first_names} {student.last_name}"


def _printed_text(printed: list[PrintedVersion]) -> str:
    if not printed:
        return "Für sie oder ihn wurde noch kein Formular dieser Vorlage gedruckt."
    listed = ", ".join(
        f"Version {p.version} am {format_date(p.printed_at.astimezone().date())}"
        for p in printed[:3]
    )
    return f"Gedruckt wurde: {listed}."


def entry_version(
    session: Session,
    info: TemplateInfo,
    student: Student,
    requested: int | None,
    scanned: bool = False,
    printed: list[PrintedVersion] | None = None,
) -> tuple[int, VersionBasis]:
    """The version a returned form of ``student`` is recorded against, and how it is known:
    ``requested`` (from the code, or chosen in the grid) when it was printed for the
    student; without it the version last printed for them. ``ValidationError`` (German)
    for a version the family cannot have received."""
    if printed is None:
        printed = printed_versions(session, info, [student.id]).get(student.id, [])
    numbers = [p.version for p in printed]
    if requested is None:
        if numbers:
            return numbers[0], VersionBasis.PRINTED
        current = info.versions[-1]
        if current.legacy_print:
            return current.number, VersionBasis.LEGACY
        raise ValidationError(
            [
                Problem(
                    "template_version",
                    f"{_name(student)}: Für „{info.title}“ wurde noch kein Formular gedruckt. "
                    "Ein Formular wird gegen die Textversion erfasst, die die Familie bekommen "
                    "hat: bitte das Formular über „Drucken“ ausgeben oder die Version auf dem "
                    "Papier wählen.",
                )
            ]
        )
    version = info.version_info(requested)
    if version is None:
        raise ValidationError(
            [
                Problem(
                    "template_version",
                    f"„{info.title}“ hat keine Version {requested}. Bitte den Code oder die "
                    "Version auf dem Formular prüfen.",
                )
            ]
        )
    if requested in numbers:
        if scanned:
            return requested, VersionBasis.CODE
        return requested, VersionBasis.PRINTED if requested == numbers[0] else VersionBasis.CHOSEN
    if version.legacy_print:
        return requested, VersionBasis.LEGACY
    what = NEVER_PRINTED if scanned else "Nie gedruckte Version"
    raise ValidationError(
        [
            Problem(
                "template_version",
                f"{what}: Version {requested} von „{info.title}“ wurde für {_name(student)} nie "
                f"gedruckt. {_printed_text(printed)} Bitte das Formular prüfen.",
            )
        ]
    )
