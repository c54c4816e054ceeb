"""Consent templates of a school: create, copy from the starter catalogue, edit, versions.

A version that a consent event refers to is never changed: editing it makes the next
version, and the old consents keep pointing to the text they were given (Art. 7(1) GDPR).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dpo_desk.core.consent import (
    ConsentOption,
    ConsentTemplate,
    ConsentTemplateVersion,
    Duration,
    DurationKind,
    SignerRules,
)
from dpo_desk.core.consent_catalogue import starter_template, starter_templates
from dpo_desk.core.consent_validation import template_problems
from dpo_desk.core.roster import clean_text
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.context import ServiceContext, UnitOfWork, changes_between
from dpo_desk.store.models import ConsentEvent
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
        )


@dataclass(frozen=True)
class VersionInfo:
    number: int
    created_at: datetime
    created_by: str
    consent_count: int
    """How many consent events refer to this version (0: it may still be edited)."""


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
        options=tuple(ConsentOption(o["key"], o["label"]) for o in row.options),
        signers=SignerRules(row.co_signature_age, row.student_alone_age),
        duration=Duration(
            DurationKind(row.duration_kind), row.end_date, row.condition, row.renewal_years
        ),
        retention_years=row.retention_years,
        grades=tuple(template.grades or ()),
        released_on=row.released_on,
    )


def load_info(session: Session, template: TemplateRow) -> TemplateInfo:
    rows = session.scalars(
        select(VersionRow).where(VersionRow.template_id == template.id).order_by(VersionRow.number)
    ).all()
    counts = dict(
        session.execute(
            select(ConsentEvent.version_id, func.count())
            .where(ConsentEvent.template_id == template.id)
            .group_by(ConsentEvent.version_id)
        ).all()
    )
    core = ConsentTemplate(
        template.key,
        tuple(core_version(row, template) for row in rows),
        template.condition_ended_on,
    )
    versions = tuple(
        VersionInfo(row.number, row.created_at, row.created_by, counts.get(row.id, 0))
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


# --- writing -------------------------------------------------------------------------------


def _clean(draft: TemplateDraft) -> TemplateDraft:
    return replace(
        draft,
        key=draft.key.strip().lower(),
        title=clean_text(draft.title),
        purpose=draft.purpose.strip(),
        information_text=draft.information_text.strip(),
        declaration_text=draft.declaration_text.strip(),
        voluntary_note=draft.voluntary_note.strip(),
        options=[(k.strip().lower(), clean_text(label)) for k, label in draft.options],
        condition=draft.condition.strip(),
        class_names=sorted({clean_text(n) for n in draft.class_names if clean_text(n)}),
        grades=sorted(set(draft.grades)),
    )


def _as_version(draft: TemplateDraft, number: int = 1) -> ConsentTemplateVersion:
    try:
        kind = DurationKind(draft.duration_kind)
    except ValueError:
        raise ValidationError(
            [Problem("duration", f"Geltungsdauer: „{draft.duration_kind}“ ist unbekannt.")]
        ) from None
    return ConsentTemplateVersion(
        template_key=draft.key,
        version=number,
        title=draft.title,
        purpose=draft.purpose,
        information_text=draft.information_text,
        declaration_text=draft.declaration_text,
        voluntary_note=draft.voluntary_note,
        options=tuple(ConsentOption(k, label) for k, label in draft.options),
        signers=SignerRules(draft.co_signature_age, draft.student_alone_age),
        duration=Duration(kind, draft.end_date, draft.condition, draft.renewal_years),
        retention_years=draft.retention_years,
        grades=tuple(draft.grades),
    )


def _validate(draft: TemplateDraft) -> ConsentTemplateVersion:
    version = _as_version(draft)
    problems = template_problems(version)
    if any(not 1 <= g <= 13 for g in draft.grades):
        problems.append(Problem("grades", "Jahrgänge: Bitte nur Jahrgänge von 1 bis 13 angeben."))
    if problems:
        raise ValidationError(problems)
    return version


def _version_values(draft: TemplateDraft) -> dict[str, object]:
    return {
        "title": draft.title,
        "purpose": draft.purpose,
        "information_text": draft.information_text,
        "declaration_text": draft.declaration_text,
        "voluntary_note": draft.voluntary_note,
        "options": [{"key": k, "label": label} for k, label in draft.options],
        "co_signature_age": draft.co_signature_age,
        "student_alone_age": draft.student_alone_age,
        "duration_kind": draft.duration_kind,
        "end_date": draft.end_date,
        "condition": draft.condition,
        "renewal_years": draft.renewal_years,
        "retention_years": draft.retention_years,
    }


def _audit_values(values: dict[str, object]) -> dict[str, object]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items()}


def _add_version(uow: UnitOfWork, template: TemplateRow, number: int, draft: TemplateDraft) -> None:
    values = _version_values(draft)
    row = VersionRow(
        school_id=template.school_id,
        template_id=template.id,
        number=number,
        created_by=uow.actor,
        **values,
    )
    uow.session.add(row)
    uow.session.flush()
    uow.audit(
        "consent_template_version",
        row.id,
        "create",
        {"template": template.key, "number": number, **_audit_values(values)},
        school_id=template.school_id,
    )


def create_template(
    ctx: ServiceContext, school_id: int, draft: TemplateDraft, catalogue_key: str = ""
) -> TemplateInfo:
    draft = _clean(draft)
    _validate(draft)
    with ctx.unit_of_work() as uow:
        taken = uow.session.scalar(
            select(TemplateRow.id).where(
                TemplateRow.school_id == school_id, TemplateRow.key == draft.key
            )
        )
        if taken is not None:
            raise ValidationError(
                [Problem("key", f"Kürzel: Eine Vorlage „{draft.key}“ gibt es schon.")]
            )
        template = TemplateRow(
            school_id=school_id,
            key=draft.key,
            title=draft.title,
            catalogue_key=catalogue_key,
            grades=draft.grades,
            class_names=draft.class_names,
        )
        uow.session.add(template)
        uow.session.flush()
        uow.audit(
            "consent_template",
            template.id,
            "create",
            {"key": draft.key, "title": draft.title, "catalogue_key": catalogue_key},
            school_id=school_id,
        )
        _add_version(uow, template, 1, draft)
        return load_info(uow.session, template)


def starter_catalogue() -> list[ConsentTemplateVersion]:
    return starter_templates()


def copy_from_catalogue(
    ctx: ServiceContext, school_id: int, catalogue_key: str, key: str | None = None
) -> TemplateInfo:
    """Version 1 of a school template from a starter template (the DPO then adapts it)."""
    starter = starter_template(catalogue_key)
    if starter is None:
        raise LookupError(f"Im Katalog gibt es keine Vorlage „{catalogue_key}“.")
    draft = TemplateDraft.from_version(starter)
    if key:
        draft.key = key
    return create_template(ctx, school_id, draft, catalogue_key=catalogue_key)


def update_template(ctx: ServiceContext, template_id: int, draft: TemplateDraft) -> TemplateInfo:
    """Save the editor. Texts and terms change the current version while no consent refers
    to it, else they become the next version. Classes and grades change in place."""
    draft = _clean(draft)
    with ctx.unit_of_work() as uow:
        template = uow.session.get(TemplateRow, template_id)
        if template is None:
            raise LookupError(f"Einwilligungsvorlage {template_id} gibt es nicht.")
        draft.key = template.key
        _validate(draft)
        current = uow.session.scalar(
            select(VersionRow)
            .where(VersionRow.template_id == template.id)
            .order_by(VersionRow.number.desc())
            .limit(1)
        )
        assert current is not None
        new_values = _audit_values(_version_values(draft))
        old_values = _audit_values({k: getattr(current, k) for k in new_values})
        text_changes = changes_between(old_values, new_values)
        if text_changes:
            used = uow.session.scalar(
                select(func.count()).where(ConsentEvent.version_id == current.id)
            )
            if used:
                _add_version(uow, template, current.number + 1, draft)
            else:
                for name, value in _version_values(draft).items():
                    setattr(current, name, value)
                uow.audit(
                    "consent_template_version",
                    current.id,
                    "update",
                    text_changes,
                    school_id=template.school_id,
                )
        template_changes = changes_between(
            {"title": template.title, "grades": template.grades, "classes": template.class_names},
            {"title": draft.title, "grades": draft.grades, "classes": draft.class_names},
        )
        if template_changes:
            template.title = draft.title
            template.grades = draft.grades
            template.class_names = draft.class_names
            uow.audit(
                "consent_template",
                template.id,
                "update",
                template_changes,
                school_id=template.school_id,
            )
        uow.session.flush()
        return load_info(uow.session, template)


def set_condition_ended(ctx: ServiceContext, template_id: int, ended_on: date | None) -> None:
    """For a "while a condition lasts" template: the day the condition ended (or None)."""
    with ctx.unit_of_work() as uow:
        template = uow.session.get(TemplateRow, template_id)
        if template is None:
            raise LookupError(f"Einwilligungsvorlage {template_id} gibt es nicht.")
        changes = changes_between(
            {"condition_ended_on": _audit_values({"d": template.condition_ended_on})["d"]},
            {"condition_ended_on": _audit_values({"d": ended_on})["d"]},
        )
        if changes:
            template.condition_ended_on = ended_on
            uow.audit(
                "consent_template", template.id, "update", changes, school_id=template.school_id
            )


def set_retired(ctx: ServiceContext, template_id: int, retired: bool) -> None:
    """A retired template is no longer handed out; its consents and proof stay."""
    with ctx.unit_of_work() as uow:
        template = uow.session.get(TemplateRow, template_id)
        if template is None:
            raise LookupError(f"Einwilligungsvorlage {template_id} gibt es nicht.")
        if template.retired != retired:
            uow.audit(
                "consent_template",
                template.id,
                "update",
                {"retired": [template.retired, retired]},
                school_id=template.school_id,
            )
            template.retired = retired


def delete_template(ctx: ServiceContext, template_id: int) -> None:
    """Only a template no consent refers to may be deleted (else: retire it)."""
    with ctx.unit_of_work() as uow:
        template = uow.session.get(TemplateRow, template_id)
        if template is None:
            raise LookupError(f"Einwilligungsvorlage {template_id} gibt es nicht.")
        used = uow.session.scalar(
            select(func.count()).where(ConsentEvent.template_id == template.id)
        )
        if used:
            raise ValidationError(
                [
                    Problem(
                        "template",
                        f"„{template.title}“: Es sind {used} Einwilligungen dazu erfasst; "
                        "die Vorlage bleibt als Nachweis erhalten. Sie kann stattdessen "
                        "stillgelegt werden.",
                    )
                ]
            )
        uow.audit(
            "consent_template",
            template.id,
            "delete",
            {"key": template.key, "title": template.title},
            school_id=template.school_id,
        )
        uow.session.delete(template)
