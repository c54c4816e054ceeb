"""Before an entry is stored: does it conflict with what is recorded, and does it change
anything? Nothing may be stored that silently changes no status.

``review_entry`` compares a new form or revocation with a student's history and returns
the notices a person must see (German, naming dates and options) and the status before and
after. Notices of kind ``UNDECIDED`` ask which declaration is newer (``Precedence.ENTRY`` or
``Precedence.RECORDED``); the others ask to confirm (``Precedence.CONFIRMED``). A form that
merely repeats what is recorded is stored with a notice (``NO_EFFECT`` on a form needs no
decision), a revocation that changes nothing is not stored without one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from dpo_desk.core.consent.events import (
    ConsentEvent,
    Correction,
    EffectiveEvents,
    EventId,
    FormReturned,
    Precedence,
    Revocation,
    effective_events,
)
from dpo_desk.core.consent.order import Order, order_by_dates
from dpo_desk.core.consent.status import OptionStatus, effective_status
from dpo_desk.core.consent.values import ConsentTemplate, StudentFacts
from dpo_desk.core.dates import format_date

NEW_ENTRY = "neu"
"""The event id a reviewed entry carries until it is stored."""


class NoticeKind(StrEnum):
    UNDECIDED = "undecided"
    """The dates cannot tell which declaration is newer: the person decides."""
    OLDER_THAN_REVOCATION = "older_than_revocation"
    """A form older than a recorded revocation: the revoked options stay revoked."""
    OLDER_THAN_FORM = "older_than_form"
    """A revocation older than a form the school received after it: it changes nothing."""
    NO_EFFECT = "no_effect"
    """The entry changes no status."""


@dataclass(frozen=True)
class EntryNotice:
    kind: NoticeKind
    message: str
    option_keys: tuple[str, ...] = ()

    @property
    def choices(self) -> tuple[Precedence, ...]:
        if self.kind is NoticeKind.UNDECIDED:
            return (Precedence.ENTRY, Precedence.RECORDED)
        return (Precedence.CONFIRMED,)


@dataclass(frozen=True)
class EntryReview:
    """What an entry would do: its notices and the status per option before and after on
    ``day`` (the effective day of a revocation in the future, else today)."""

    entry: FormReturned | Revocation
    notices: tuple[EntryNotice, ...]
    before: dict[str, OptionStatus]
    after: dict[str, OptionStatus]
    day: date

    @property
    def changed(self) -> tuple[str, ...]:
        """Option keys whose status the entry changes."""
        before, after = self.before, self.after
        return tuple(key for key in after if _shown(after[key]) != _shown(before[key]))

    @property
    def undecided(self) -> bool:
        return any(n.kind is NoticeKind.UNDECIDED for n in self.notices)

    @property
    def needs_decision(self) -> bool:
        """True when storing needs a person's answer (a form that changes nothing does not:
        it is stored and the notice says so)."""
        if isinstance(self.entry, FormReturned):
            return any(n.kind is not NoticeKind.NO_EFFECT for n in self.notices)
        return bool(self.notices)

    @property
    def message(self) -> str:
        return " ".join(notice.message for notice in self.notices)


def _shown(status: OptionStatus) -> tuple[object, ...]:
    return (status.state, status.version, status.ends_on)


def _labels(template: ConsentTemplate, keys: Sequence[str]) -> str:
    labels = []
    for key in keys:
        option = template.current.option(key) or next(
            (v.option(key) for v in template.versions if v.option(key) is not None), None
        )
        labels.append(f"„{option.label if option else key}“")
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " und " + labels[-1]


def form_dates(form: FormReturned) -> str:
    received = f"eingegangen am {format_date(form.received_on)}"
    if form.signed_on is None:
        return f"ohne Unterschriftsdatum, {received}"
    return f"unterschrieben am {format_date(form.signed_on)}, {received}"


def revocation_dates(revocation: Revocation) -> str:
    text = f"erklärt am {format_date(revocation.declared_on)}"
    if revocation.received != revocation.declared_on:
        text += f", eingegangen am {format_date(revocation.received)}"
    return text


def _form_notices(
    form: FormReturned, effective: EffectiveEvents, template: ConsentTemplate
) -> list[EntryNotice]:
    version = template.version(form.template_version)
    keys = version.option_keys if version else tuple(form.answers)
    asked = [key for key in keys if form.answers.get(key) is not False]
    notices = []
    for revocation in effective.revocations:
        covered = tuple(key for key in asked if revocation.covers(key))
        if not covered:
            continue
        order = order_by_dates(form, revocation)
        labels = _labels(template, covered)
        if order is Order.REVOCATION_NEWER:
            notices.append(
                EntryNotice(
                    NoticeKind.OLDER_THAN_REVOCATION,
                    f"Das Formular ({form_dates(form)}) ist älter als der Widerruf "
                    f"({revocation_dates(revocation)}) für {labels}: Dafür bleibt es beim "
                    "Widerruf. Das Formular wird nur als Nachweis gespeichert.",
                    covered,
                )
            )
        elif order is Order.UNDECIDED:
            notices.append(
                EntryNotice(
                    NoticeKind.UNDECIDED,
                    f"Für {labels} liegt ein Widerruf vor ({revocation_dates(revocation)}). "
                    f"Das Formular ({form_dates(form)}) kann davor oder danach unterschrieben "
                    "sein. Ist es die neuere Erklärung (eine neue Einwilligung), oder bleibt "
                    "der Widerruf wirksam?",
                    covered,
                )
            )
    return notices


def _latest_forms(
    effective: EffectiveEvents, template: ConsentTemplate, keys: Sequence[str]
) -> dict[object, tuple[FormReturned, list[str]]]:
    """Per option key the latest form answering it, grouped by form."""
    versions = {v.version: v for v in template.versions}
    found: dict[object, tuple[FormReturned, list[str]]] = {}
    for key in keys:
        candidates = [
            (form.declared_on, form.received_on, index, form)
            for index, form in enumerate(effective.forms)
            if form.template_version in versions
            and key in versions[form.template_version].option_keys
        ]
        if candidates:
            form = max(candidates, key=lambda item: item[:3])[3]
            found.setdefault(form.event_id, (form, []))[1].append(key)
    return found


def _revocation_notices(
    revocation: Revocation, effective: EffectiveEvents, template: ConsentTemplate
) -> list[EntryNotice]:
    keys = [k for k in template.current.option_keys if revocation.covers(k)]
    notices = []
    for form, covered in _latest_forms(effective, template, keys).values():
        asked = tuple(key for key in covered if form.answers.get(key) is not False)
        if not asked:
            continue
        order = order_by_dates(form, revocation)
        labels = _labels(template, asked)
        if order is Order.FORM_NEWER:
            notices.append(
                EntryNotice(
                    NoticeKind.OLDER_THAN_FORM,
                    f"Der Widerruf ({revocation_dates(revocation)}) ist älter als das "
                    f"Formular ({form_dates(form)}) für {labels}: Das Formular bleibt die "
                    "neuere Erklärung, der Widerruf ändert daran nichts.",
                    asked,
                )
            )
        elif order is Order.UNDECIDED:
            notices.append(
                EntryNotice(
                    NoticeKind.UNDECIDED,
                    f"Das Formular für {labels} ({form_dates(form)}) ist erst nach dem "
                    f"Widerruf ({revocation_dates(revocation)}) erfasst oder "
                    "unterschrieben. Soll der Widerruf ab "
                    f"{format_date(revocation.effective)} gelten, oder ist das Formular die "
                    "neuere Erklärung?",
                    asked,
                )
            )
    return notices


def _no_effect(
    entry: FormReturned | Revocation,
    before: dict[str, OptionStatus],
    template: ConsentTemplate,
    day: date,
) -> EntryNotice:
    keys = list(before)
    if isinstance(entry, Revocation):
        keys = [k for k in keys if entry.covers(k)] or keys
    states = "; ".join(f"{_labels(template, [key])}: {before[key].state.label}" for key in keys)
    what = "Der Widerruf" if isinstance(entry, Revocation) else "Das Formular"
    return EntryNotice(
        NoticeKind.NO_EFFECT,
        f"{what} ändert am Stand vom {format_date(day)} nichts ({states}).",
        tuple(keys),
    )


def review_entry(
    entry: FormReturned | Revocation,
    history: Sequence[ConsentEvent],
    template: ConsentTemplate,
    student: StudentFacts,
    today: date,
    replaces: EventId | None = None,
) -> EntryReview:
    """The notices for ``entry`` (with the decision it carries, if any) against ``history``
    (the student's events of this template in recording order). With ``replaces`` the entry
    is a correction of that event."""
    effective = effective_events(tuple(history))
    added: ConsentEvent = entry
    if replaces is not None:
        added = Correction(NEW_ENTRY, replaces, entry)
        others = effective_events((*history, Correction(NEW_ENTRY, replaces, None)))
    else:
        others = effective
    if isinstance(entry, Revocation):
        day = max(today, entry.effective)
        notices = _revocation_notices(entry, others, template)
    else:
        day = today
        notices = _form_notices(entry, others, template)
    before = effective_status(student, template, effective, day)
    after = effective_status(student, template, effective_events((*history, added)), day)
    review = EntryReview(entry, tuple(notices), before, after, day)
    if not review.changed:
        review = replace(review, notices=(*notices, _no_effect(entry, before, template, day)))
    return review
