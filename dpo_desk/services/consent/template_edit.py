"""Writing consent templates: create, copy from the starter catalogue, edit, retire.

Texts and terms of a version that a consent refers to never change: the edit becomes the
next version (``update_template``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import func, select

from dpo_desk.core.consent.catalogue import starter_template, starter_templates
from dpo_desk.core.consent.validation import template_problems
from dpo_desk.core.consent.values import (
    ConsentOption,
    ConsentTemplateVersion,
    Duration,
    DurationKind,
    SignerRules,
)
from dpo_desk.core.roster import clean_text
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, reported
from dpo_desk.services.consent.templates import TemplateDraft, TemplateInfo, load_info
from dpo_desk.services.context import ServiceContext, UnitOfWork, changes_between
from dpo_desk.services.versions import RecordGone, check_version, mark_saved
from dpo_desk.store.models import ConsentEvent
from dpo_desk.store.models import ConsentTemplate as TemplateRow
from dpo_desk.store.models import ConsentTemplateVersion as VersionRow


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
        return reported(load_info(uow.session, template), uow.changes)


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


def _load(session, template_id: int) -> TemplateRow:
    template = session.get(TemplateRow, template_id)
    if template is None:
        raise RecordGone(
            "Diese Einwilligungsvorlage gibt es nicht mehr (inzwischen gelöscht). "
            "Nichts wurde gespeichert."
        )
    return template


def update_template(
    ctx: ServiceContext,
    template_id: int,
    draft: TemplateDraft,
    expected_version: int | None = None,
) -> TemplateInfo:
    """Save the editor. Texts and terms change the current version while no consent refers
    to it, else they become the next version. Classes and grades change in place. Refused
    (``StaleEdit``) when the template changed since ``expected_version`` was read."""
    draft = _clean(draft)
    with ctx.unit_of_work() as uow:
        template = _load(uow.session, template_id)
        check_version(
            uow.session,
            template,
            expected_version,
            entity_type="consent_template",
            label=f"Die Einwilligungsvorlage „{template.title}“",
        )
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
            mark_saved(template)
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
        return reported(load_info(uow.session, template), uow.changes)


def set_condition_ended(ctx: ServiceContext, template_id: int, ended_on: date | None) -> Changes:
    """For a "while a condition lasts" template: the day the condition ended (or None)."""
    with ctx.unit_of_work() as uow:
        template = _load(uow.session, template_id)
        changes = changes_between(
            {"condition_ended_on": _audit_values({"d": template.condition_ended_on})["d"]},
            {"condition_ended_on": _audit_values({"d": ended_on})["d"]},
        )
        if changes:
            template.condition_ended_on = ended_on
            uow.audit(
                "consent_template", template.id, "update", changes, school_id=template.school_id
            )
        return uow.changes


def set_retired(ctx: ServiceContext, template_id: int, retired: bool) -> Changes:
    """A retired template is no longer handed out; its consents and proof stay."""
    with ctx.unit_of_work() as uow:
        template = _load(uow.session, template_id)
        if template.retired != retired:
            uow.audit(
                "consent_template",
                template.id,
                "update",
                {"retired": [template.retired, retired]},
                school_id=template.school_id,
            )
            template.retired = retired
        return uow.changes


def delete_template(ctx: ServiceContext, template_id: int) -> Changes:
    """Only a template no consent refers to may be deleted (else: retire it)."""
    with ctx.unit_of_work() as uow:
        template = _load(uow.session, template_id)
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
        return uow.changes
