"""Writing consent templates: create, copy from the starter catalogue, edit the texts.

A version that was handed out (printed, or a consent refers to it) never changes. Editing
its texts asks what kind of change it is (``ChangeKind``): an *editorial fix* (spelling,
layout: the options, signers and duration stay; printed forms and the consents given stay
valid) or a *new wording*, for which the DPO decides whether consents to earlier versions
stay valid or must be given again (``renew_consents``: they become "neu einzuholen" from
the day the new version is saved). Either way the new text is the next version. A version
nobody has seen yet is changed in place. Saving unchanged texts makes no version.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select

from dpo_desk.core.consent.catalogue import starter_template, starter_templates
from dpo_desk.core.consent.validation import template_problems
from dpo_desk.core.consent.values import (
    ChangeKind,
    ConsentOption,
    ConsentTemplateVersion,
    Duration,
    DurationKind,
    SignerRules,
)
from dpo_desk.core.roster import clean_text
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import reported
from dpo_desk.services.consent.template_lifecycle import load_template
from dpo_desk.services.consent.templates import TemplateDraft, TemplateInfo, load_info
from dpo_desk.services.context import ServiceContext, UnitOfWork, changes_between
from dpo_desk.services.versions import check_version, mark_saved
from dpo_desk.store.models import ConsentTemplate as TemplateRow
from dpo_desk.store.models import ConsentTemplateVersion as VersionRow

TERMS = (
    "options",
    "co_signature_age",
    "student_alone_age",
    "duration_kind",
    "end_date",
    "condition",
    "renewal_years",
)
"""What families agree to beyond the wording: an editorial fix must leave these alone."""
TERM_LABELS = {
    "options": "Optionen",
    "co_signature_age": "Unterschriften",
    "student_alone_age": "Unterschriften",
    "duration_kind": "Geltungsdauer",
    "end_date": "Geltungsdauer",
    "condition": "Geltungsdauer",
    "renewal_years": "Erneuerung",
}


def _clean(draft: TemplateDraft) -> TemplateDraft:
    options = [(k.strip().lower(), clean_text(label)) for k, label in draft.options]
    return replace(
        draft,
        key=draft.key.strip().lower(),
        title=clean_text(draft.title),
        purpose=draft.purpose.strip(),
        information_text=draft.information_text.strip(),
        declaration_text=draft.declaration_text.strip(),
        voluntary_note=draft.voluntary_note.strip(),
        options=options,
        option_shorts={
            k.strip().lower(): clean_text(v) for k, v in draft.option_shorts.items() if v.strip()
        },
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
        options=tuple(
            ConsentOption(k, label, draft.option_shorts.get(k, "")) for k, label in draft.options
        ),
        signers=SignerRules(draft.co_signature_age, draft.student_alone_age),
        duration=Duration(kind, draft.end_date, draft.condition, draft.renewal_years),
        retention_years=draft.retention_years,
        grades=tuple(draft.grades),
        head_signature=draft.head_signature,
    )


def _validate(draft: TemplateDraft) -> ConsentTemplateVersion:
    version = _as_version(draft)
    problems = template_problems(version)
    if any(not 1 <= g <= 13 for g in draft.grades):
        problems.append(Problem("grades", "Jahrgänge: Bitte nur Jahrgänge von 1 bis 13 angeben."))
    if problems:
        raise ValidationError(problems)
    return version


def _option_values(draft: TemplateDraft) -> list[dict[str, str]]:
    values = []
    for key, label in draft.options:
        option = {"key": key, "label": label}
        if draft.option_shorts.get(key):
            option["short"] = draft.option_shorts[key]
        values.append(option)
    return values


def version_values(draft: TemplateDraft) -> dict[str, object]:
    """The fields of a version row as the draft would store them."""
    return {
        "title": draft.title,
        "purpose": draft.purpose,
        "information_text": draft.information_text,
        "declaration_text": draft.declaration_text,
        "voluntary_note": draft.voluntary_note,
        "options": _option_values(draft),
        "co_signature_age": draft.co_signature_age,
        "student_alone_age": draft.student_alone_age,
        "duration_kind": draft.duration_kind,
        "end_date": draft.end_date,
        "condition": draft.condition,
        "renewal_years": draft.renewal_years,
        "retention_years": draft.retention_years,
        "head_signature": draft.head_signature,
    }


def _audit_values(values: dict[str, object]) -> dict[str, object]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items()}


def text_changes(info: TemplateInfo, draft: TemplateDraft) -> dict[str, list[object]]:
    """What the editor's draft changes in the current version's text and terms ({} when
    nothing: saving then makes no version). The editor asks for the kind of change when
    this is not empty and the current version was handed out."""
    draft = _clean(replace(draft, key=info.key))
    stored = TemplateDraft.from_version(info.current)
    return changes_between(
        _audit_values(version_values(stored)), _audit_values(version_values(draft))
    )


def _add_version(
    uow: UnitOfWork,
    template: TemplateRow,
    number: int,
    draft: TemplateDraft,
    change: ChangeKind = ChangeKind.FIRST,
    renew_consents: bool = False,
    today: date | None = None,
) -> None:
    """A new version row; ``today`` is its release day (None for a template's first text,
    which schools often handed out on paper before using the app)."""
    values = version_values(draft)
    row = VersionRow(
        school_id=template.school_id,
        template_id=template.id,
        number=number,
        created_by=uow.actor,
        change_kind=change.value,
        renew_consents=renew_consents,
        released_on=today,
        **values,
    )
    uow.session.add(row)
    uow.session.flush()
    uow.audit(
        "consent_template_version",
        row.id,
        "create",
        {
            "template": template.key,
            "number": number,
            "change_kind": change.value,
            "renew_consents": renew_consents,
            **_audit_values(values),
        },
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


def _editorial_problems(changes: dict[str, list[object]]) -> list[Problem]:
    terms = sorted({TERM_LABELS[name] for name in changes if name in TERMS})
    if not terms:
        return []
    return [
        Problem(
            "change_kind",
            f"Geändert: {', '.join(terms)}. Das ist keine redaktionelle Korrektur, sondern eine "
            "neue Fassung: Bitte „Neue Fassung“ wählen.",
        )
    ]


def update_template(
    ctx: ServiceContext,
    template_id: int,
    draft: TemplateDraft,
    expected_version: int | None = None,
    change: ChangeKind | None = None,
    renew_consents: bool = False,
) -> TemplateInfo:
    """Save the editor. Changed texts and terms: in place while the current version was
    never handed out; else the next version of the kind ``change`` (refused without one).
    Classes and grades change in place. Refused (``StaleEdit``) when the template changed
    since ``expected_version`` was read."""
    draft = _clean(draft)
    with ctx.unit_of_work() as uow:
        template = load_template(uow.session, template_id)
        check_version(
            uow.session,
            template,
            expected_version,
            entity_type="consent_template",
            label=f"Die Einwilligungsvorlage „{template.title}“",
        )
        draft.key = template.key
        _validate(draft)
        info = load_info(uow.session, template)
        changes = text_changes(info, draft)
        if changes:
            _save_text(uow, template, info, draft, changes, change, renew_consents, ctx)
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


def _save_text(
    uow: UnitOfWork,
    template: TemplateRow,
    info: TemplateInfo,
    draft: TemplateDraft,
    changes: dict[str, list[object]],
    change: ChangeKind | None,
    renew_consents: bool,
    ctx: ServiceContext,
) -> None:
    mark_saved(template)
    current = info.versions[-1]
    if not current.handed_out:
        row = uow.session.get(VersionRow, current.id)
        assert row is not None
        for name, value in version_values(draft).items():
            setattr(row, name, value)
        uow.audit(
            "consent_template_version", row.id, "update", changes, school_id=template.school_id
        )
        return
    if change is None or change is ChangeKind.FIRST:
        raise ValidationError(
            [
                Problem(
                    "change_kind",
                    f"Version {current.number} wurde schon gedruckt oder verwendet. Bitte "
                    "angeben, ob die Änderung eine redaktionelle Korrektur oder eine neue "
                    "Fassung ist.",
                )
            ]
        )
    if change is ChangeKind.EDITORIAL and (problems := _editorial_problems(changes)):
        raise ValidationError(problems)
    renew = renew_consents and change is ChangeKind.WORDING
    _add_version(uow, template, current.number + 1, draft, change, renew, ctx.clock.today())
