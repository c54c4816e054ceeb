"""The consent of a whole school at once: students whose histories have the same shape share
one evaluation of the rules.

A school's histories are few patterns repeated: most students have one form, returned on one
of a few dozen days with one of a few answer patterns. The rules (``core.consent.status``)
read of a student only the age on each form's signing date and the last school day, and of
an event only its dates, answers, signatures, version and precedence, never its id or who
entered it. So the outcome for one student, with event ids replaced by their places in the
history, holds for every student with the same *shape* (those facts, event by event), and
is computed once per shape. Only the ids (and the latest form itself) are the student's own.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from dpo_desk.core.consent.events import FormReturned, effective_events
from dpo_desk.core.consent.status import OptionStatus, effective_status
from dpo_desk.core.consent.values import (
    ConsentTemplate,
    SignerRole,
    SignerRules,
    StudentFacts,
    signature_roles_for,
)
from dpo_desk.core.roster import age_on
from dpo_desk.services.consent.event_rows import to_core
from dpo_desk.store.models.consent import EVENT_CORRECTION, EVENT_FORM, EVENT_REVOCATION


@dataclass(frozen=True)
class _Outcome:
    """The evaluation of one shape: per option the status of the first student of that
    shape and the place in the history of the event that decided it (None: no event, the
    status is shared as it is); the place of the latest form in force and that form."""

    states: tuple[tuple[str, OptionStatus, int | None], ...]
    latest_place: int | None
    latest: FormReturned | None


class ShapeCache:
    """Evaluates the histories of many students of one template on one day.

    ``rows`` are a student's event rows (``event_rows.EVENT_COLUMNS``, recording order)."""

    def __init__(
        self,
        template: ConsentTemplate,
        signers: SignerRules,
        numbers: Mapping[int, int],
        day: date,
    ) -> None:
        self.template, self.signers, self.numbers, self.day = template, signers, numbers, day
        self._outcomes: dict[tuple[Any, ...], _Outcome] = {}
        self._roles: dict[int | None, tuple[SignerRole, ...]] = {}
        self._form_roles: dict[tuple[int | None, int], tuple[SignerRole, ...] | None] = {}

    def required_signers(self, birth_date: date | None) -> tuple[SignerRole, ...]:
        """The signature lines a form signed on the day needs (``roles_for_student``)."""
        age = None if birth_date is None else age_on(birth_date, self.day)
        roles = self._roles.get(age)
        if roles is None:
            roles = self._roles[age] = signature_roles_for(age, self.signers)
        return roles

    def evaluate(
        self, rows: Sequence[Any], birth_date: date | None, left_on: date | None
    ) -> tuple[dict[str, OptionStatus], FormReturned | None]:
        """The student's status per option and latest form in force, as ``consent_status``
        and the latest of ``effective_events(...).forms`` give them."""
        shape = self._row_shape
        if len(rows) == 1:  # the usual history: one form
            key: tuple[Any, ...] = (left_on, shape(rows[0], birth_date))
        else:
            key = (left_on, *[shape(row, birth_date) for row in rows])
        outcome = self._outcomes.get(key)
        if outcome is None:
            outcome = self._outcomes[key] = self._evaluate(rows, birth_date, left_on)
        states = {}
        for option, status, place in outcome.states:
            if place is not None and status.event_id != (own := rows[place].id):
                status = _copy(status, event_id=own)
            states[option] = status
        latest = outcome.latest
        if latest is not None:
            row = rows[outcome.latest_place]  # type: ignore[index]
            if row.id != latest.event_id:
                latest = _copy(
                    latest, event_id=row.id, recorded_by=row.entered_by, recorded_at=row.entered_at
                )
        return states, latest

    def _evaluate(
        self, rows: Sequence[Any], birth_date: date | None, left_on: date | None
    ) -> _Outcome:
        history = [to_core(row, self.numbers) for row in rows]
        effective = effective_events(history)
        facts = StudentFacts(birth_date, left_on)
        states = effective_status(facts, self.template, effective, self.day)
        # A correction's replacement carries the correction's id: its place is the row's.
        places = {row.id: place for place, row in enumerate(rows)}
        latest = effective.forms[-1] if effective.forms else None
        return _Outcome(
            tuple(
                (option, status, None if status.event_id is None else places[status.event_id])
                for option, status in states.items()
            ),
            None if latest is None else places[latest.event_id],
            latest,
        )

    def _row_shape(self, row: Any, birth_date: date | None) -> tuple[Any, ...]:
        """What the rules read of one event row: everything but its id, student, note and
        who entered it; the entry day only where it stands in for a missing date; for a
        form, the signature lines the student's age on its signing date requires."""
        kind = row.replacement_kind if row.kind == EVENT_CORRECTION else row.kind
        stand_in = roles = None
        if kind == EVENT_FORM:
            received = row.received_on
            if received is None:
                received = stand_in = row.entered_at.date()
            age = None if birth_date is None else age_on(birth_date, row.signed_on or received)
            asked = (age, row.version_id)
            if asked not in self._form_roles:
                self._form_roles[asked] = self._signers_of(age, row)
            roles = self._form_roles[asked]
        elif kind == EVENT_REVOCATION and row.declared_on is None:
            stand_in = row.entered_at.date()
        fields = row[2:14]
        if not (_is_text(row.answers) and _is_text(row.signed_by) and _is_text(row.options)):
            # PostgreSQL's driver hands the JSON columns over decoded: as text they hash.
            fields = tuple(
                json.dumps(v, sort_keys=True) if isinstance(v, dict | list) else v for v in fields
            )
        return (fields, row.precedence, stand_in, roles)

    def _signers_of(self, age: int | None, row: Any) -> tuple[SignerRole, ...] | None:
        """The lines a form on the row's text version needs at ``age`` (None: a version the
        template does not know, whose forms the rules pass over)."""
        version = self.template.by_number.get(self.numbers.get(row.version_id, 0))
        return None if version is None else signature_roles_for(age, version.signers)


def _is_text(value: object) -> bool:
    return value is None or type(value) is str


_T = TypeVar("_T")
_new = object.__new__


def assemble(kind: type[_T], fields: dict[str, Any]) -> _T:
    """An instance of the plain frozen dataclass ``kind`` (no ``__post_init__``, no derived
    fields) from all its ``fields``, without running ``__init__``: a frozen dataclass sets
    each field through ``object.__setattr__``, which makes building one cost four times a
    plain one, and a school's status builds thousands."""
    value = _new(kind)
    value.__dict__.update(fields)
    return value


def _copy(value: _T, **changes: Any) -> _T:
    """``dataclasses.replace`` for the plain frozen values here, through ``assemble``."""
    return assemble(type(value), {**value.__dict__, **changes})
