"""What a teacher needs per child: which of a template's options the child may take part
in on a day, in one phrase ("Audio und Video", "nur Audio", "keine Teilnahme")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dpo_desk.core.consent.status import ConsentState
from dpo_desk.core.consent.values import ConsentOption

NONE = "keine Teilnahme"


def _joined(labels: Sequence[str]) -> str:
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " und " + labels[-1]


def participation(states: Mapping[str, ConsentState], options: Sequence[ConsentOption]) -> str:
    """Only a valid JA counts; everything else (no answer, NEIN, revoked, …) is no."""
    granted = [o.short_label for o in options if states.get(o.key) is ConsentState.GRANTED]
    if not granted:
        return NONE
    if len(granted) == len(options):
        return _joined(granted)
    return "nur " + _joined(granted)
