"""A template's life after its texts: the day its condition ended, retiring, deleting.

None of these touch the text versions families read (``template_edit`` does that).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes
from dpo_desk.services.context import ServiceContext, changes_between
from dpo_desk.services.versions import RecordGone
from dpo_desk.store.models import ConsentEvent
from dpo_desk.store.models import ConsentTemplate as TemplateRow


def load_template(session: Session, template_id: int) -> TemplateRow:
    template = session.get(TemplateRow, template_id)
    if template is None:
        raise RecordGone(
            "Diese Einwilligungsvorlage gibt es nicht mehr (inzwischen gelöscht). "
            "Nichts wurde gespeichert."
        )
    return template


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def set_condition_ended(ctx: ServiceContext, template_id: int, ended_on: date | None) -> Changes:
    """For a "while a condition lasts" template: the day the condition ended (or None)."""
    with ctx.unit_of_work() as uow:
        template = load_template(uow.session, template_id)
        changes = changes_between(
            {"condition_ended_on": _iso(template.condition_ended_on)},
            {"condition_ended_on": _iso(ended_on)},
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
        template = load_template(uow.session, template_id)
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
        template = load_template(uow.session, template_id)
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
