"""Corrections of consent entries: a correcting event supersedes a mistaken one, which stays
visible in the history; undo is a correction that voids the entry."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from dpo_desk.core.consent.validation import revocation_problems
from dpo_desk.core.consent.values import Revocation
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.consent.recording import (
    FormEntry,
    RecordedEvent,
    RevocationEntry,
    append_event,
    finish,
    form_fields,
    form_problems,
    revocation_fields,
    school_student,
)
from dpo_desk.services.consent.templates import load_info
from dpo_desk.services.context import ServiceContext
from dpo_desk.store.models import ConsentTemplate as TemplateRow
from dpo_desk.store.models import ConsentTemplateVersion as VersionRow
from dpo_desk.store.models.consent import EVENT_CORRECTION, EVENT_FORM, EVENT_REVOCATION
from dpo_desk.store.models.consent import ConsentEvent as EventRow

UNDO_REASON = "Eingabe rückgängig gemacht"


def correct_event(
    ctx: ServiceContext,
    event_id: int,
    replacement: FormEntry | RevocationEntry | None,
    reason: str,
    on: date | None = None,
    class_name: str | None = None,
) -> RecordedEvent:
    """Append a correction: ``replacement`` counts instead of the event (None: the event is
    void). The original stays visible in the history. An event already corrected (by
    someone else, say) is refused: the newer entry is the one to correct."""
    day = on or ctx.clock.today()
    with ctx.unit_of_work() as uow:
        original = uow.session.get(EventRow, event_id)
        if original is None:
            raise LookupError(f"Den Eintrag {event_id} gibt es nicht.")
        already = uow.session.scalar(
            select(EventRow.id).where(EventRow.corrects_id == event_id).limit(1)
        )
        if already is not None:
            raise ValidationError(
                [
                    Problem(
                        "corrects",
                        f"Der Eintrag Nr. {event_id} wurde schon durch Nr. {already} "
                        "berichtigt. Bitte den neueren Eintrag berichtigen.",
                    )
                ]
            )
        if replacement is None and not reason.strip():
            raise ValidationError(
                [
                    Problem(
                        "reason", "Korrektur: Bitte einen Grund angeben, wenn ein Eintrag entfällt."
                    )
                ]
            )
        template = uow.session.get(TemplateRow, original.template_id)
        assert template is not None
        info = load_info(uow.session, template, counts=False)
        student = school_student(uow.session, template.school_id, original.student_id)
        values: dict[str, object] = {"version_id": original.version_id}
        replacement_kind = ""
        if isinstance(replacement, FormEntry):
            if replacement.student_id != student.id:
                raise ValidationError(
                    [Problem("student", "Korrektur: Ein Eintrag bleibt bei derselben Person.")]
                )
            version_row = uow.session.get(VersionRow, original.version_id)
            assert version_row is not None
            # A correction keeps the original's version, and may be made after leaving.
            problems = [
                p
                for p in form_problems(replacement, student, info, version_row.number, day)
                if p.field not in ("template_version", "student")
            ]
            if problems:
                raise ValidationError(problems)
            values = form_fields(replacement, original.version_id)
            replacement_kind = EVENT_FORM
        elif isinstance(replacement, RevocationEntry):
            revocation = Revocation(
                0,
                replacement.declared_on,
                replacement.channel,
                replacement.options,
                replacement.effective_on,
            )
            problems = revocation_problems(revocation, info.core, day)
            if problems:
                raise ValidationError(problems)
            values = revocation_fields(replacement, original.version_id)
            replacement_kind = EVENT_REVOCATION
        values["note"] = reason.strip() or str(values.get("note", ""))
        values["replacement_kind"] = replacement_kind
        values["corrects_id"] = original.id
        event = append_event(uow, template, student.id, EVENT_CORRECTION, values, info)
        return finish(uow, event, info, class_name, day)


PAYLOAD_FIELDS = (
    "answers",
    "signed_on",
    "received_on",
    "signed_by",
    "options",
    "declared_on",
    "effective_on",
    "channel",
    "entry_method",
)


def undo_event(ctx: ServiceContext, event_id: int, class_name: str | None = None) -> RecordedEvent:
    """Take back an entry just made, as a correction so the trail stays complete: a new
    entry becomes void; an undone correction brings back what it had replaced."""
    with ctx.unit_of_work() as uow:
        event = uow.session.get(EventRow, event_id)
        if event is None:
            raise LookupError(f"Den Eintrag {event_id} gibt es nicht.")
        later = uow.session.scalar(
            select(EventRow.id).where(EventRow.corrects_id == event_id).limit(1)
        )
        if later is not None:
            raise ValidationError(
                [
                    Problem(
                        "corrects",
                        f"Der Eintrag Nr. {event_id} wurde schon durch Nr. {later} berichtigt.",
                    )
                ]
            )
        template = uow.session.get(TemplateRow, event.template_id)
        assert template is not None
        info = load_info(uow.session, template, counts=False)
        values: dict[str, object] = {"version_id": event.version_id}
        kind = ""
        target = (
            uow.session.get(EventRow, event.corrects_id)
            if event.kind == EVENT_CORRECTION and event.corrects_id is not None
            else None
        )
        if target is not None:
            kind = target.replacement_kind if target.kind == EVENT_CORRECTION else target.kind
            if kind:
                values = {name: getattr(target, name) for name in PAYLOAD_FIELDS}
                values["version_id"] = target.version_id
        values.update(note=UNDO_REASON, replacement_kind=kind, corrects_id=event.id)
        recorded = append_event(uow, template, event.student_id, EVENT_CORRECTION, values, info)
        return finish(uow, recorded, info, class_name, ctx.clock.today())
