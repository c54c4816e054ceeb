"""Which is the family's newer declaration: a returned form or a revocation?

The rules (README "Widerruf: was gilt?", docs/DEVELOPING.md):

1. A revocation ends, from its effective date, the consent of the forms it is newer than,
   for the options it names.
2. A form is newer than a revocation only when both dates say so: it reached the school
   after the revocation did, *and* it was signed after the revocation was declared. A form
   received after a revocation is a new consent only if signed after it.
3. A form signed (or, without a signing date, received) on or before the day the revocation
   was declared is older: the revocation wins, whenever either was recorded.
4. Everything else cannot be decided by dates (``Order.UNDECIDED``): a revocation dated
   before a form that the school had already received, or a form without a signing date
   received after a revocation was declared. The person who enters the later of the two is
   asked; the answer is kept with that entry (``Precedence``). Without an answer (old
   entries, a script without ``--force``) the revocation wins: in doubt, no consent.
"""

from __future__ import annotations

from enum import StrEnum

from dpo_desk.core.consent.events import EffectiveEvents, FormReturned, Precedence, Revocation


class Order(StrEnum):
    FORM_NEWER = "form_newer"
    REVOCATION_NEWER = "revocation_newer"
    UNDECIDED = "undecided"


def order_by_dates(form: FormReturned, revocation: Revocation) -> Order:
    """What the dates alone say about ``form`` and ``revocation`` (rules 2 to 4)."""
    if form.declared_on <= revocation.declared_on:
        return Order.REVOCATION_NEWER
    if (
        form.received_on > revocation.received
        and form.signed_on is not None
        and form.signed_on > revocation.declared_on
    ):
        return Order.FORM_NEWER
    return Order.UNDECIDED


def decided_order(
    form: FormReturned, revocation: Revocation, form_rank: int, revocation_rank: int
) -> Order:
    """The order of an undecided pair as the person decided it with the later entry (by
    recording rank); without a decision the revocation is newer."""
    if revocation_rank >= form_rank:
        decision = revocation.precedence
        if decision == Precedence.RECORDED:
            return Order.FORM_NEWER
        return Order.REVOCATION_NEWER
    if form.precedence == Precedence.ENTRY:
        return Order.FORM_NEWER
    return Order.REVOCATION_NEWER


def revocation_wins(form: FormReturned, revocation: Revocation, events: EffectiveEvents) -> bool:
    """Whether ``revocation`` is newer than ``form`` (so it ends the form's consent)."""
    order = order_by_dates(form, revocation)
    if order is Order.UNDECIDED:
        order = decided_order(form, revocation, events.rank(form), events.rank(revocation))
    return order is Order.REVOCATION_NEWER
