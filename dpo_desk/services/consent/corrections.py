"""Corrections of consent entries: a correcting event supersedes a mistaken one, which stays
visible in the history; undo is a correction that voids the entry.

A corrected form is reviewed like a new one (``core.consent.review``): when the correction
makes it conflict with a recorded revocation, nothing is stored until the person decides.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from dpo_desk.core.consent.events import Precedence
from dpo_desk.core.consent.review import review_entry
from dpo_desk.core.consent.validation import revocation_problems
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.consent.event_rows import (
    RecordedEvent,
    append_event,
    facts_of,
    school_student,
    student_events,
)
from dpo_desk.services.consent.print_log import entry_version
from dpo_desk.services.consent.recording import (
    DecisionNeeded,
    FormEntry,
    RevocationEntry,
    as_form,
    as_revocation,
    finish,
    form_fields,
    form_problems,
    revocation_fields,
)
from dpo_desk.services.consent.templates import load_info
from dpo_desk.services.context import ServiceContext
from dpo_desk.store.models import ConsentTemplate as TemplateRow
from dpo_desk.store.models import ConsentTemplateVersion as VersionRow
from dpo_desk.store.models.consent import EVENT_CORRECTION, EVENT_FORM, EVENT_REVOCATION
from dpo_desk.store.models.consent import ConsentEvent as EventRow

UNDO_REASON = "Eingabe rückgängig gemacht"


def _not_corrected_yet(session, event_id: int) -> None:
    already = session.scalar(select(EventRow.id).where(EventRow.corrects_id == event_id).limit(1))
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


def correct_event(
    ctx: ServiceContext,
    event_id: int,
    replacement: FormEntry | RevocationEntry | None,
    reason: str,
    on: date | None = None,
    class_name: str | None = None,
    decision: Precedence | None = None,
    version: int | None = None,
) -> RecordedEvent | DecisionNeeded:
    """Append a correction: ``replacement`` counts instead of the event (None: the event is
    void). The original stays visible in the history. An event already corrected (by
    someone else, say) is refused: the newer entry is the one to correct. A corrected form
    keeps its text version unless ``version`` (one printed for the student) is given."""
    day = on or ctx.clock.today()
    with ctx.unit_of_work() as uow:
        original = uow.session.get(EventRow, event_id)
        if original is None:
            raise LookupError(f"Den Eintrag {event_id} gibt es nicht.")
        _not_corrected_yet(uow.session, event_id)
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
        history = student_events(uow.session, info, student.id)
        values: dict[str, object] = {"version_id": original.version_id}
        replacement_kind = ""
        review = None
        if isinstance(replacement, FormEntry):
            if replacement.student_id != student.id:
                raise ValidationError(
                    [Problem("student", "Korrektur: Ein Eintrag bleibt bei derselben Person.")]
                )
            version_row = uow.session.get(VersionRow, original.version_id)
            assert version_row is not None
            number, basis = version_row.number, original.version_basis
            if version is not None and version != number:
                number, basis = entry_version(uow.session, info, student, version)
            # A correction may be made after leaving.
            problems = [
                p
                for p in form_problems(replacement, student, info, number, day)
                if p.field != "student"
            ]
            if problems:
                raise ValidationError(problems)
            form = as_form(replacement, number, decision)
            facts = facts_of(student)
            review = review_entry(form, history, info.core, facts, day, replaces=original.id)
            if review.needs_decision and decision is None:
                return DecisionNeeded(student.id, review)
            version_id = info.version_info(number).id  # type: ignore[union-attr]
            values = form_fields(replacement, version_id, decision or Precedence.NONE, basis)
            replacement_kind = EVENT_FORM
        elif isinstance(replacement, RevocationEntry):
            received_on = replacement.received_on or original.received_on or day
            revocation = as_revocation(replacement, received_on, decision)
            problems = revocation_problems(revocation, info.core, day)
            if problems:
                raise ValidationError(problems)
            values = revocation_fields(
                replacement, original.version_id, received_on, decision or Precedence.NONE
            )
            replacement_kind = EVENT_REVOCATION
        values["note"] = reason.strip() or str(values.get("note", ""))
        values["replacement_kind"] = replacement_kind
        values["corrects_id"] = original.id
        recorded, row = append_event(uow, template, student.id, EVENT_CORRECTION, values, info)
        return finish(uow, recorded, row, info, history, class_name, day, review)


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
    "precedence",
    "version_basis",
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
        history = student_events(uow.session, info, event.student_id)
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
        recorded, row = append_event(
            uow, template, event.student_id, EVENT_CORRECTION, values, info
        )
        return finish(uow, recorded, row, info, history, class_name, ctx.clock.today())
