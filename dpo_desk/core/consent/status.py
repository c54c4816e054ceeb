"""The status of each option of a consent for one student on one day.

The rules, in the order they are applied to an option:
1. Only forms that had arrived by the day count (a consent the school has not received
   cannot be relied on), and only forms whose text version has this option.
2. Of those, the form declared last (signing date, else arrival; ties: the later arrival,
   then the later recording) decides, as a whole: it is the family's latest will. A later
   NEIN ends an earlier JA for the future, a later JA after a NEIN is a new consent, and a
   blank answer on the latest form does not revive an older JA.
3. NEIN -> ``refused``. Blank, or a JA without every signature the student's age on the
   signing date requires -> ``incomplete``.
4. A revocation declared on or after that form's declaration and in effect by the day ->
   ``revoked`` (a revocation dated in the future leaves the consent ``granted`` until then;
   ``OptionStatus.ends_on`` tells when). A revocation with no form before it -> ``revoked``.
5. A JA ends (``expired``) after its end date, when its condition ended, when the renewal
   interval has passed, or after the student's last day at the school.
6. No form, no revocation -> ``not_returned``, which is never consent.
Each form is judged by its own text version (signer ages, duration), the one the family read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dpo_desk.core.consent.values import (
    ConsentEvent,
    ConsentTemplate,
    ConsentTemplateVersion,
    DurationKind,
    EffectiveEvents,
    EventId,
    FormReturned,
    Revocation,
    StudentFacts,
    add_years,
    effective_events,
    roles_for_student,
)


class ConsentState(StrEnum):
    GRANTED = "granted"
    REFUSED = "refused"
    REVOKED = "revoked"
    NOT_RETURNED = "not_returned"
    INCOMPLETE = "incomplete"
    EXPIRED = "expired"

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
}


@dataclass(frozen=True)
class OptionStatus:
    """The state of one option, the event that decided it, and for a granted consent the
    last day it holds as far as known today (end date, renewal, pending revocation)."""

    state: ConsentState
    event_id: EventId | None = None
    ends_on: date | None = None


def _latest_form(
    forms: Sequence[FormReturned], option_key: str, versions: dict[int, ConsentTemplateVersion]
) -> FormReturned | None:
    candidates = [
        (form.declared_on, form.received_on, index, form)
        for index, form in enumerate(forms)
        if form.template_version in versions
        and option_key in versions[form.template_version].option_keys
    ]
    return max(candidates, key=lambda item: item[:3])[3] if candidates else None


def _signatures_complete(
    form: FormReturned, version: ConsentTemplateVersion, student: StudentFacts
) -> bool:
    required = roles_for_student(student, form.declared_on, version.signers)
    return set(required) <= form.signed_by


def _last_valid_day(
    form: FormReturned,
    version: ConsentTemplateVersion,
    template: ConsentTemplate,
    student: StudentFacts,
) -> date | None:
    """The last day a JA on ``form`` holds by its own terms (None: until revoked)."""
    ends: list[date] = []
    duration = version.duration
    if duration.kind is DurationKind.UNTIL_DATE and duration.end_date is not None:
        ends.append(duration.end_date)
    if duration.kind is DurationKind.WHILE_CONDITION and template.condition_ended_on:
        ends.append(template.condition_ended_on)
    if duration.renewal_years:
        ends.append(add_years(form.declared_on, duration.renewal_years) - timedelta(days=1))
    if student.left_on is not None:
        ends.append(student.left_on)
    return min(ends) if ends else None


def _revocation_for(
    revocations: Sequence[Revocation], option_key: str, after: date | None
) -> Revocation | None:
    """The earliest-effective revocation of the option declared on or after ``after``."""
    matching = [
        revocation
        for revocation in revocations
        if revocation.covers(option_key) and (after is None or revocation.declared_on >= after)
    ]
    return min(matching, key=lambda r: r.effective) if matching else None


def option_status(
    option_key: str,
    student: StudentFacts,
    template: ConsentTemplate,
    events: EffectiveEvents,
    day: date,
    versions: dict[int, ConsentTemplateVersion] | None = None,
) -> OptionStatus:
    """The status of one option on ``day``; ``events`` come from ``effective_events``,
    ``versions`` (number -> version) may be passed in when called for many options."""
    if versions is None:
        versions = {version.version: version for version in template.versions}
    received = [form for form in events.forms if form.received_on <= day]
    declared = [r for r in events.revocations if r.declared_on <= day]
    return _option_status(option_key, student, template, received, declared, day, versions)


def _option_status(
    option_key: str,
    student: StudentFacts,
    template: ConsentTemplate,
    received: Sequence[FormReturned],
    declared: Sequence[Revocation],
    day: date,
    versions: dict[int, ConsentTemplateVersion],
) -> OptionStatus:
    """``option_status`` with the forms received and revocations declared by ``day``."""
    form = _latest_form(received, option_key, versions)
    if form is None:
        revocation = _revocation_for(declared, option_key, None)
        if revocation is not None and revocation.effective <= day:
            return OptionStatus(ConsentState.REVOKED, revocation.event_id)
        return OptionStatus(ConsentState.NOT_RETURNED)
    version = versions[form.template_version]
    answer = form.answers.get(option_key)
    if answer is False:
        return OptionStatus(ConsentState.REFUSED, form.event_id)
    if answer is None or not _signatures_complete(form, version, student):
        return OptionStatus(ConsentState.INCOMPLETE, form.event_id)
    revocation = _revocation_for(declared, option_key, form.declared_on)
    if revocation is not None and revocation.effective <= day:
        return OptionStatus(ConsentState.REVOKED, revocation.event_id)
    last_day = _last_valid_day(form, version, template, student)
    if last_day is not None and day > last_day:
        return OptionStatus(ConsentState.EXPIRED, form.event_id, last_day)
    if revocation is not None:
        pending_end = revocation.effective - timedelta(days=1)
        last_day = pending_end if last_day is None else min(last_day, pending_end)
    return OptionStatus(ConsentState.GRANTED, form.event_id, last_day)


def consent_status(
    student: StudentFacts,
    template: ConsentTemplate,
    events: Sequence[ConsentEvent],
    day: date,
) -> dict[str, OptionStatus]:
    """Per option key of the template's current version, its status on ``day``.

    ``events`` are all consent events of this student for this template, in the order they
    were recorded (corrections are applied here)."""
    effective = effective_events(tuple(events))
    versions = {version.version: version for version in template.versions}
    received = [form for form in effective.forms if form.received_on <= day]
    declared = [r for r in effective.revocations if r.declared_on <= day]
    return {
        key: _option_status(key, student, template, received, declared, day, versions)
        for key in template.current.option_keys
    }


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
