"""Scan codes on printed consent forms: the code for a student's form, and where a scanned
code belongs (checked against the school, its templates and the print log: a code of a
version never printed for that student is refused as such). A form whose version is already
recorded for the student is reported, so the person can decide to correct it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dpo_desk.core.consent.events import effective_events
from dpo_desk.core.consent.scan_code import ScanCodeError, make_scan_code, parse_scan_code
from dpo_desk.core.dates import format_date
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.consent.event_rows import student_events
from dpo_desk.services.consent.print_log import entry_version
from dpo_desk.services.consent.templates import TemplateInfo, find_row, load_info
from dpo_desk.services.context import ServiceContext
from dpo_desk.store.models import ConsentTemplate as TemplateRow
from dpo_desk.store.models import School, Student


@dataclass(frozen=True)
class RecordedForm:
    """A form of the scanned version already recorded for the student (in force)."""

    event_id: int
    entered_at: datetime
    received_on: date


@dataclass(frozen=True)
class ScanTarget:
    """Where a scanned form belongs, and whether that form seems recorded already."""

    student_id: int
    template_key: str
    version: int
    recorded: RecordedForm | None = None


def school_code_key(session: Session, school_id: int) -> str:
    school = session.get(School, school_id)
    if school is None:
        raise LookupError(f"Schule {school_id} gibt es nicht.")
    return (school.school_number or str(school.id)).upper()


def scan_code_for(
    ctx: ServiceContext,
    school_id: int,
    student_id: int,
    template_key: str,
    version: int | None = None,
) -> str:
    """The code to print on a student's form (default: the current version)."""
    with ctx.reading() as session:
        template = find_row(session, school_id, template_key)
        if version is None:
            version = load_info(session, template).current_version
        return make_scan_code(
            school_code_key(session, school_id), student_id, template.key, version
        )


def resolve_scan(ctx: ServiceContext, school_id: int, text: str) -> ScanTarget:
    """The student, template and version a scanned code stands for, checked against this
    school; ``ValidationError`` with a German message otherwise."""
    try:
        scan = parse_scan_code(text)
    except ScanCodeError as exc:
        raise ValidationError([Problem("scan", str(exc))]) from None
    with ctx.reading() as session:
        if scan.school != school_code_key(session, school_id):
            raise ValidationError(
                [
                    Problem(
                        "scan",
                        f"Der Code „{text.strip()}“ gehört zu einer anderen Schule "
                        f"(Kennung {scan.school}). Bitte das Formular dieser Schule "
                        "zuordnen oder zur richtigen Schule wechseln.",
                    )
                ]
            )
        template = None
        for key in scan.key_candidates():
            template = session.scalar(
                select(TemplateRow).where(
                    TemplateRow.school_id == school_id, TemplateRow.key == key
                )
            )
            if template is not None:
                break
        if template is None:
            raise ValidationError(
                [Problem("scan", f"Die Vorlage „{scan.template_key}“ aus dem Code gibt es nicht.")]
            )
        student = session.get(Student, scan.student_id)
        if student is None or student.school_id != school_id:
            raise ValidationError(
                [Problem("scan", f"Schüler Nr. {scan.student_id} aus dem Code gibt es nicht.")]
            )
        if student.left_on is not None and student.left_on < ctx.clock.today():
            raise ValidationError(
                [
                    Problem(
                        "student",
                        f"{student.first_names} {student.last_name} hat die Schule am "
                        f"{format_date(student.left_on)} verlassen. Für sie oder ihn wird keine "
                        "Einwilligung mehr erfasst.",
                    )
                ]
            )
        info = load_info(session, template, counts=False)
        entry_version(session, info, student, scan.version, scanned=True)
        return ScanTarget(
            student.id,
            template.key,
            scan.version,
            _recorded(session, info, student.id, scan.version),
        )


def _recorded(
    session: Session, info: TemplateInfo, student_id: int, version: int
) -> RecordedForm | None:
    """The student's latest recorded form of the scanned version that is in force."""
    forms = effective_events(student_events(session, info, student_id)).forms
    same = [form for form in forms if form.template_version == version]
    if not same:
        return None
    form = same[-1]
    assert isinstance(form.event_id, int) and form.recorded_at is not None
    return RecordedForm(form.event_id, form.recorded_at, form.received_on)
