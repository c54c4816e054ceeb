"""What is missing from a student's consent, in words a reminder letter can print.

A reminder goes to every family whose answer the school still needs: no form came back,
a form came back without a signature or without an answer, the text was newly worded and
the consent must be given again, or the renewal interval has passed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from dpo_desk.core.consent.events import FormReturned
from dpo_desk.core.consent.status import ConsentState, EndReason, OptionStatus
from dpo_desk.core.consent.values import (
    ConsentTemplate,
    SignerRole,
    StudentFacts,
    roles_for_student,
)
from dpo_desk.core.dates import format_date


class GapKind(StrEnum):
    NOT_RETURNED = "not_returned"
    SIGNATURE_MISSING = "signature_missing"
    ANSWER_MISSING = "answer_missing"
    RENEWAL_DUE = "renewal_due"
    RENEWAL_INTERVAL = "renewal_interval"


MISSING_SIGNATURE: dict[SignerRole, str] = {
    SignerRole.GUARDIANS: "Unterschrift der Erziehungsberechtigten fehlt",
    SignerRole.STUDENT: "Unterschrift der Schülerin/des Schülers fehlt",
}


@dataclass(frozen=True)
class Gap:
    kind: GapKind
    text: str
    option_keys: tuple[str, ...] = ()


def _label(template: ConsentTemplate, key: str) -> str:
    option = template.current.option(key)
    return option.label if option else key


def _keys(states: Mapping[str, OptionStatus], *wanted: ConsentState) -> tuple[str, ...]:
    return tuple(key for key, status in states.items() if status.state in wanted)


def consent_gaps(
    states: Mapping[str, OptionStatus],
    form: FormReturned | None,
    template: ConsentTemplate,
    student: StudentFacts,
) -> list[Gap]:
    """The gaps of one student's consent (empty: nothing to remind of). ``form`` is the
    latest form the states rest on."""
    gaps: list[Gap] = []
    missing = _keys(states, ConsentState.NOT_RETURNED)
    if missing:
        labels = ", ".join(f"„{_label(template, key)}“" for key in missing)
        text = (
            "Das Formular ist nicht zurückgekommen."
            if form is None
            else f"Keine Antwort zu {labels}."
        )
        gaps.append(Gap(GapKind.NOT_RETURNED, text, missing))
    incomplete = _keys(states, ConsentState.INCOMPLETE)
    if incomplete and form is not None:
        version = template.version(form.template_version) or template.current
        required = roles_for_student(student, form.declared_on, version.signers)
        for role in required:
            if role not in form.signed_by:
                gaps.append(Gap(GapKind.SIGNATURE_MISSING, MISSING_SIGNATURE[role], incomplete))
        blank = tuple(key for key in incomplete if form.answers.get(key) is None)
        if blank:
            labels = ", ".join(f"„{_label(template, key)}“" for key in blank)
            gaps.append(
                Gap(GapKind.ANSWER_MISSING, f"Weder JA noch NEIN angekreuzt bei {labels}.", blank)
            )
    renewal = _keys(states, ConsentState.RENEWAL_DUE)
    if renewal:
        gaps.append(
            Gap(
                GapKind.RENEWAL_DUE,
                f"Der Text wurde neu gefasst (jetzt Version {template.current.version}); die "
                "Einwilligung muss neu erteilt werden.",
                renewal,
            )
        )
    interval = tuple(
        key
        for key, status in states.items()
        if status.state is ConsentState.EXPIRED
        and status.ends_because is EndReason.RENEWAL_INTERVAL
    )
    if interval:
        since = states[interval[0]].ends_on
        when = f" (gültig bis {format_date(since)})" if since else ""
        gaps.append(
            Gap(
                GapKind.RENEWAL_INTERVAL,
                f"Die Einwilligung ist nach der vereinbarten Zeit abgelaufen{when} und muss "
                "erneuert werden.",
                interval,
            )
        )
    return gaps
