"""When granted consents end by their own terms: a renewal interval (given again after some
years) or an end date. For the due list ("Einwilligung erneuern", "läuft ab").

A deliberately small reading of the events, made to be fast over a whole school: per student
and template the latest form counts (by its declaration date); it must hold at least one
JA, and no revocation of all options may be declared on or after it. Issue 14 gives consent
its full rules for "neu einzuholen"; ``services.due.consent`` is the one place to switch to
them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dpo_desk.core.consent.values import add_years

RENEWAL = "renewal"
EXPIRY = "expiry"


@dataclass(frozen=True)
class FormFacts:
    student_id: int
    template_id: int
    declared_on: date
    order: int  # the event id: the later recording wins a tie
    any_yes: bool
    renewal_years: int | None
    end_date: date | None


@dataclass(frozen=True)
class RevocationFacts:
    student_id: int
    template_id: int
    declared_on: date
    all_options: bool


def consent_ends(
    forms: Iterable[FormFacts], revocations: Iterable[RevocationFacts]
) -> Counter[tuple[int, str, date]]:
    """How many granted consents end on which day: ``(template_id, RENEWAL|EXPIRY, last day)``."""
    latest: dict[tuple[int, int], FormFacts] = {}
    for form in forms:
        key = (form.student_id, form.template_id)
        known = latest.get(key)
        if known is None or (form.declared_on, form.order) > (known.declared_on, known.order):
            latest[key] = form
    revoked: dict[tuple[int, int], date] = {}
    for revocation in revocations:
        if revocation.all_options:
            key = (revocation.student_id, revocation.template_id)
            revoked[key] = max(revoked.get(key, revocation.declared_on), revocation.declared_on)
    ends: Counter[tuple[int, str, date]] = Counter()
    renewals: dict[tuple[date, int], date] = {}  # a school's forms share few signing days
    for key, form in latest.items():
        if not form.any_yes or revoked.get(key, date.min) >= form.declared_on:
            continue
        renewal = None
        if form.renewal_years:
            when = (form.declared_on, form.renewal_years)
            renewal = renewals.get(when)
            if renewal is None:
                renewal = renewals[when] = add_years(*when) - timedelta(days=1)
        if form.end_date is not None and (renewal is None or form.end_date <= renewal):
            ends[(form.template_id, EXPIRY, form.end_date)] += 1
        elif renewal is not None:
            ends[(form.template_id, RENEWAL, renewal)] += 1
    return ends
