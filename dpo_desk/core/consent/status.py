"""The status of each option of a consent for one student on one day.

The rules, in the order they are applied to an option:
1. Only forms that had arrived by the day count (a consent the school has not received
   cannot be relied on), and only forms whose text version has this option.
2. Of those, the form declared last (signing date, else arrival; ties: the later arrival,
   then the later recording) decides, as a whole: it is the family's latest will. A later
   NEIN ends an earlier JA for the future, a later JA after a NEIN is a new consent, and a
   blank answer on the latest form does not revive an older JA.
3. NEIN -> ``refused``.
4. A revocation of the option that is newer than that form (``core.consent.order``) and in
   effect by the day -> ``revoked``, whatever the form says otherwise. A revocation dated in
   the future leaves a consent ``granted`` until then (``OptionStatus.ends_on``). A
   revocation with no form before it -> ``revoked``.
5. A JA (or a blank) on a text version after which a new wording asked for consent again
   (released by the day) -> ``renewal_due`` ("neu einzuholen").
6. Blank, or a JA without every signature the student's age on the signing date requires
   -> ``incomplete``.
7. A JA ends (``expired``) after its end date, when its condition ended, when the renewal
   interval has passed, or after the student's last day at the school.
8. No form, no revocation -> ``not_returned``, which is never consent.
Each form is judged by its own text version (signer ages, duration), the one the family read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dpo_desk.core.consent.events import (
    ConsentEvent,
    EffectiveEvents,
    EventId,
    FormReturned,
    Revocation,
    effective_events,
)
from dpo_desk.core.consent.order import revocation_wins
from dpo_desk.core.consent.values import (
    ConsentTemplate,
    ConsentTemplateVersion,
    DurationKind,
    StudentFacts,
    add_years,
    roles_for_student,
)


class ConsentState(StrEnum):
    GRANTED = "granted"
    REFUSED = "refused"
    REVOKED = "revoked"
    NOT_RETURNED = "not_returned"
    INCOMPLETE = "incomplete"
    EXPIRED = "expired"
    RENEWAL_DUE = "renewal_due"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def allows_processing(self) -> bool:
        """Only a valid JA allows it; everything else counts as NEIN."""
        return self is ConsentState.GRANTED


STATE_LABELS: dict[ConsentState, str] = {
    ConsentState.GRANTED: "erteilt",
    ConsentState.REFUSED: "abgelehnt",
    ConsentState.REVOKED: "widerrufen",
    ConsentState.NOT_RETURNED: "nicht abgegeben",
    ConsentState.INCOMPLETE: "unvollständig",
    ConsentState.EXPIRED: "abgelaufen",
    ConsentState.RENEWAL_DUE: "neu einzuholen",
}


class EndReason(StrEnum):
    """Why a consent ends (``expired``) or will end (``granted`` with ``ends_on``)."""

    END_DATE = "end_date"
    CONDITION = "condition"
    RENEWAL_INTERVAL = "renewal_interval"
    LEAVING = "leaving"
    REVOCATION = "revocation"
    NEW_WORDING = "new_wording"


END_REASON_LABELS: dict[EndReason, str] = {
    EndReason.END_DATE: "Enddatum der Einwilligung",
    EndReason.CONDITION: "Umstand beendet",
    EndReason.RENEWAL_INTERVAL: "Erneuerung fällig",
    EndReason.LEAVING: "Abgang von der Schule",
    EndReason.REVOCATION: "Widerruf",
    EndReason.NEW_WORDING: "neue Fassung des Textes",
}


@dataclass(frozen=True)
class OptionStatus:
    """The state of one option, the event that decided it, the text version of the form it
    rests on (None without a form), and for a granted consent the last day it holds as far
    as known today (end date, renewal, pending revocation) and why it ends then."""

    state: ConsentState
    event_id: EventId | None = None
    ends_on: date | None = None
    version: int | None = None
    ends_because: EndReason | None = None


_NOT_RETURNED = OptionStatus(ConsentState.NOT_RETURNED)


def _signatures_complete(
    form: FormReturned, version: ConsentTemplateVersion, student: StudentFacts
) -> bool:
    required = roles_for_student(student, form.declared_on, version.signers)
    return set(required) <= form.signed_by


def _ends(
    form: FormReturned,
    version: ConsentTemplateVersion,
    template: ConsentTemplate,
    student: StudentFacts,
) -> list[tuple[date, EndReason]]:
    """The last days a JA on ``form`` holds by its own terms and the template's history."""
    ends: list[tuple[date, EndReason]] = []
    duration = version.duration
    if duration.kind is DurationKind.UNTIL_DATE and duration.end_date is not None:
        ends.append((duration.end_date, EndReason.END_DATE))
    if duration.kind is DurationKind.WHILE_CONDITION and template.condition_ended_on:
        ends.append((template.condition_ended_on, EndReason.CONDITION))
    if duration.renewal_years:
        renew = add_years(form.declared_on, duration.renewal_years) - timedelta(days=1)
        ends.append((renew, EndReason.RENEWAL_INTERVAL))
    if student.left_on is not None:
        ends.append((student.left_on, EndReason.LEAVING))
    return ends


def _winning_revocation(
    form: FormReturned | None,
    revocations: Sequence[Revocation],
    option_key: str,
    events: EffectiveEvents,
) -> Revocation | None:
    """The earliest-effective revocation of the option that is newer than ``form``."""
    matching = [
        revocation
        for revocation in revocations
        if revocation.covers(option_key)
        and (form is None or revocation_wins(form, revocation, events))
    ]
    return min(matching, key=lambda r: r.effective) if matching else None


class _Evaluation:
    """One student's forms received and revocations declared by ``day``. The forms are
    ordered once, newest declaration first (rule 2: signing date, else arrival; ties: the
    later arrival, then the later recording), and each form is judged once (signatures,
    last days), since neither depends on the option: a school's status asks this for
    thousands of students."""

    __slots__ = (
        "_judged",
        "day",
        "declared",
        "events",
        "newest_first",
        "student",
        "template",
        "versions",
    )

    def __init__(
        self, student: StudentFacts, template: ConsentTemplate, events: EffectiveEvents, day: date
    ) -> None:
        self.student, self.template, self.events, self.day = student, template, events, day
        self.versions = template.by_number
        received = [form for form in events.forms if form.received_on <= day]
        if len(received) > 1:
            order = sorted(
                range(len(received)),
                key=lambda i: (received[i].declared_on, received[i].received_on, i),
                reverse=True,
            )
            received = [received[i] for i in order]
        self.newest_first = received
        self.declared = [r for r in events.revocations if r.declared_on <= day]
        self._judged: dict[int, tuple[bool, list[tuple[date, EndReason]]]] = {}

    @property
    def empty(self) -> bool:
        return not self.newest_first and not self.declared

    def _latest_form(self, option_key: str) -> FormReturned | None:
        versions = self.versions
        for form in self.newest_first:
            version = versions.get(form.template_version)
            if version is not None and option_key in version.option_keys:
                return form
        return None

    def _judge(self, form: FormReturned) -> tuple[bool, list[tuple[date, EndReason]]]:
        """Whether the form carries every signature its signing date requires, and the
        last days a JA on it holds by its own terms."""
        judged = self._judged.get(id(form))
        if judged is None:
            version = self.versions[form.template_version]
            judged = (
                _signatures_complete(form, version, self.student),
                _ends(form, version, self.template, self.student),
            )
            self._judged[id(form)] = judged
        return judged

    def status(self, option_key: str) -> OptionStatus:
        day = self.day
        form = self._latest_form(option_key)
        declared = self.declared
        revocation = (
            _winning_revocation(form, declared, option_key, self.events) if declared else None
        )
        if form is None:
            if revocation is not None and revocation.effective <= day:
                return OptionStatus(ConsentState.REVOKED, revocation.event_id)
            return _NOT_RETURNED
        number = form.template_version
        answer = form.answers.get(option_key)
        if answer is False:
            return OptionStatus(ConsentState.REFUSED, form.event_id, version=number)
        if revocation is not None and revocation.effective <= day:
            return OptionStatus(ConsentState.REVOKED, revocation.event_id, version=number)
        renewal = self.template.renewal_from.get(number)
        if renewal is not None and renewal <= day:
            return OptionStatus(
                ConsentState.RENEWAL_DUE, form.event_id, renewal, number, EndReason.NEW_WORDING
            )
        complete, own_ends = self._judge(form) if answer is not None else (False, [])
        if not complete:
            return OptionStatus(ConsentState.INCOMPLETE, form.event_id, version=number)
        if own_ends:
            last_day, reason = min(own_ends)
            if day > last_day:
                return OptionStatus(ConsentState.EXPIRED, form.event_id, last_day, number, reason)
        ends = list(own_ends)
        if revocation is not None:
            ends.append((revocation.effective - timedelta(days=1), EndReason.REVOCATION))
        if renewal is not None:
            ends.append((renewal - timedelta(days=1), EndReason.NEW_WORDING))
        last_day, reason = min(ends) if ends else (None, None)
        return OptionStatus(ConsentState.GRANTED, form.event_id, last_day, number, reason)


def option_status(
    option_key: str,
    student: StudentFacts,
    template: ConsentTemplate,
    events: EffectiveEvents,
    day: date,
) -> OptionStatus:
    """The status of one option on ``day``; ``events`` come from ``effective_events``."""
    return _Evaluation(student, template, events, day).status(option_key)


def consent_status(
    student: StudentFacts,
    template: ConsentTemplate,
    events: Sequence[ConsentEvent],
    day: date,
) -> dict[str, OptionStatus]:
    """Per option key of the template's current version, its status on ``day``.

    ``events`` are all consent events of this student for this template, in the order they
    were recorded (corrections are applied here)."""
    return effective_status(student, template, effective_events(tuple(events)), day)


def effective_status(
    student: StudentFacts, template: ConsentTemplate, effective: EffectiveEvents, day: date
) -> dict[str, OptionStatus]:
    """``consent_status`` for events already resolved by ``effective_events`` (a caller
    that needs them too resolves them once)."""
    keys = template.current.option_keys
    evaluation = _Evaluation(student, template, effective, day)
    if evaluation.empty:
        return dict.fromkeys(keys, _NOT_RETURNED)
    return {key: evaluation.status(key) for key in keys}


def consent_states(
    student: StudentFacts,
    template: ConsentTemplate,
    events: Sequence[ConsentEvent],
    day: date,
) -> dict[str, ConsentState]:
    """``consent_status`` reduced to the state per option."""
    return {
        key: status.state for key, status in consent_status(student, template, events, day).items()
    }
