"""Consent templates of a school as values: their versions, how many consents refer to each.

A version that was printed or that a consent event refers to is never changed: editing it
makes the next version (``template_edit``), an editorial fix or a new wording, and the old
consents keep pointing to the text they were given (Art. 7(1) GDPR).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dpo_desk.core.consent.values import (
    ChangeKind,
    ConsentOption,
    ConsentTemplate,
    ConsentTemplateVersion,
    Duration,
    DurationKind,
    SignerRules,
)
from dpo_desk.services.changes import Changes, changes_field
from dpo_desk.services.context import ServiceContext
from dpo_desk.store.models import ConsentEvent, ConsentPrint
from dpo_desk.store.models import ConsentTemplate as TemplateRow
from dpo_desk.store.models import ConsentTemplateVersion as VersionRow

TEXT_FIELDS = ("title", "purpose", "information_text", "declaration_text", "voluntary_note")


@dataclass
class TemplateDraft:
    """What the template editor fills in. ``options``: (key, label) pairs."""

    key: str
    title: str
    purpose: str
    information_text: str
    declaration_text: str
    voluntary_note: str
    options: list[tuple[str, str]]
    co_signature_age: int = 16
    student_alone_age: int = 18
    duration_kind: str = DurationKind.UNTIL_REVOKED.value
    end_date: date | None = None
    condition: str = ""
    renewal_years: int | None = None
    retention_years: int = 1
    grades: list[int] = field(default_factory=list)
    class_names: list[str] = field(default_factory=list)
    head_signature: bool = False
    option_shorts: dict[str, str] = field(default_factory=dict)
    """Short names of options for teachers' lists (option key -> "Video")."""

    @classmethod
    def from_version(
        cls, version: ConsentTemplateVersion, class_names: list[str] | None = None
    ) -> TemplateDraft:
        return cls(
            key=version.template_key,
            title=version.title,
            purpose=version.purpose,
            information_text=version.information_text,
            declaration_text=version.declaration_text,
            voluntary_note=version.voluntary_note,
            options=[(o.key, o.label) for o in version.options],
            co_signature_age=version.signers.co_signature_age,
            student_alone_age=version.signers.student_alone_age,
            duration_kind=version.duration.kind.value,
            end_date=version.duration.end_date,
            condition=version.duration.condition,
            renewal_years=version.duration.renewal_years,
            retention_years=version.retention_years,
            grades=list(version.grades),
            class_names=list(class_names or []),
            head_signature=version.head_signature,
            option_shorts={o.key: o.short for o in version.options if o.short},
        )


@dataclass(frozen=True)
class VersionInfo:
    number: int
    created_at: datetime
    created_by: str
    consent_count: int
    """How many consent events refer to this version."""
    id: int = 0
    print_count: int = 0
    """How many printouts handed this version out."""
    legacy_print: bool = False
    change_kind: ChangeKind = ChangeKind.FIRST
    renew_consents: bool = False
    released_on: date | None = None

    @property
    def handed_out(self) -> bool:
        """Printed, used by a consent, or possibly printed before the print log: its text
        is what families read, so it is never changed (a change is a new version)."""
        return bool(self.consent_count or self.print_count or self.legacy_print)


@dataclass(frozen=True)
class TemplateInfo:
    """A template with its versions; ``core`` holds the texts as rule values."""

    id: int
    school_id: int
    key: str
    title: str
    grades: tuple[int, ...]
    class_names: tuple[str, ...]
    retired: bool
    core: ConsentTemplate
    versions: tuple[VersionInfo, ...]
    catalogue_key: str = ""
    row_version: int = 1
    changes: Changes = changes_field()

    @property
    def version_numbers(self) -> dict[int, int]:
        """Version row id -> version number."""
        return {v.id: v.number for v in self.versions}

    @property
    def current(self) -> ConsentTemplateVersion:
        return self.core.current

    @property
    def current_version(self) -> int:
        return self.core.current.version

    @property
    def consents_on_older_versions(self) -> int:
        return sum(v.consent_count for v in self.versions if v.number != self.current_version)

    @property
    def consent_count(self) -> int:
        return sum(v.consent_count for v in self.versions)

    def version_info(self, number: int) -> VersionInfo | None:
        return next((v for v in self.versions if v.number == number), None)

    def applies_to(self, class_name: str, grade: int | None) -> bool:
        """Empty lists: every class. Otherwise the class is named or its grade is listed."""
        if not self.grades and not self.class_names:
            return True
        names = {name.casefold() for name in self.class_names}
        return class_name.casefold() in names or (grade is not None and grade in self.grades)

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "title": self.title,
            "version": self.current_version,
            "options": [o.key for o in self.current.options],
            "option_labels": [o.label for o in self.current.options],
            "grades": list(self.grades),
            "classes": list(self.class_names),
            "consents": self.consent_count,
            "consents_on_older_versions": self.consents_on_older_versions,
            "retired": self.retired,
        }


def core_version(row: VersionRow, template: TemplateRow) -> ConsentTemplateVersion:
    return ConsentTemplateVersion(
        template_key=template.key,
        version=row.number,
        title=row.title,
        purpose=row.purpose,
        information_text=row.information_text,
        declaration_text=row.declaration_text,
        voluntary_note=row.voluntary_note,
        options=tuple(ConsentOption(o["key"], o["label"], o.get("short", "")) for o in row.options),
        signers=SignerRules(row.co_signature_age, row.student_alone_age),
        duration=Duration(
            DurationKind(row.duration_kind), row.end_date, row.condition, row.renewal_years
        ),
        retention_years=row.retention_years,
        grades=tuple(template.grades or ()),
        released_on=row.released_on,
        change_kind=ChangeKind(row.change_kind or ""),
        renew_consents=row.renew_consents,
        head_signature=row.head_signature,
    )


def load_info(session: Session, template: TemplateRow, counts: bool = True) -> TemplateInfo:
    """The template with its versions; ``counts=False`` skips counting the consents per
    version (then every ``consent_count`` is 0), for recording where speed matters."""
    rows = session.scalars(
        select(VersionRow).where(VersionRow.template_id == template.id).order_by(VersionRow.number)
    ).all()
    used: dict[int, int] = {}
    printed: dict[int, int] = {}
    if counts:
        used = dict(
            session.execute(
                select(ConsentEvent.version_id, func.count())
                .where(ConsentEvent.template_id == template.id)
                .group_by(ConsentEvent.version_id)
            ).all()
        )
        printed = dict(
            session.execute(
                select(ConsentPrint.version_id, func.count())
                .where(ConsentPrint.template_id == template.id)
                .group_by(ConsentPrint.version_id)
            ).all()
        )
    core = ConsentTemplate(
        template.key,
        tuple(core_version(row, template) for row in rows),
        template.condition_ended_on,
    )
    versions = tuple(
        VersionInfo(
            row.number,
            row.created_at,
            row.created_by,
            used.get(row.id, 0),
            row.id,
            printed.get(row.id, 0),
            row.legacy_print,
            ChangeKind(row.change_kind or ""),
            row.renew_consents,
            row.released_on,
        )
        for row in rows
    )
    return TemplateInfo(
        template.id,
        template.school_id,
        template.key,
        template.title,
        tuple(template.grades or ()),
        tuple(template.class_names or ()),
        template.retired,
        core,
        versions,
        template.catalogue_key,
        template.row_version,
    )


def find_row(session: Session, school_id: int, key: str) -> TemplateRow:
    row = session.scalar(
        select(TemplateRow).where(
            TemplateRow.school_id == school_id, TemplateRow.key == key.strip().lower()
        )
    )
    if row is None:
        raise LookupError(f"Eine Einwilligungsvorlage „{key}“ gibt es an dieser Schule nicht.")
    return row


def list_templates(
    ctx: ServiceContext, school_id: int, include_retired: bool = True
) -> list[TemplateInfo]:
    with ctx.reading() as session:
        query = select(TemplateRow).where(TemplateRow.school_id == school_id)
        if not include_retired:
            query = query.where(TemplateRow.retired.is_(False))
        rows = session.scalars(query.order_by(func.lower(TemplateRow.title))).all()
        return [load_info(session, row) for row in rows]


def get_template(ctx: ServiceContext, school_id: int, key: str) -> TemplateInfo:
    with ctx.reading() as session:
        return load_info(session, find_row(session, school_id, key))


def get_template_by_id(ctx: ServiceContext, template_id: int) -> TemplateInfo:
    with ctx.reading() as session:
        row = session.get(TemplateRow, template_id)
        if row is None:
            raise LookupError(f"Einwilligungsvorlage {template_id} gibt es nicht.")
        return load_info(session, row)
