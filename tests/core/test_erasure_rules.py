"""What may be erased about a student now and what must be kept until when (Art. 17(3))."""

from __future__ import annotations

from datetime import date

from dpo_desk.core.erasure import (
    AUDIT,
    CLASSES,
    CONSENT,
    MASTER,
    REQUESTS,
    ConsentProof,
    StudentHoldings,
    erasure_plan,
)

TODAY = date(2026, 12, 1)
PHOTOS = ConsentProof(1, "Fotos", 3, 1)
VIDEO = ConsentProof(2, "Videokonferenzen", 2, 3)


def holdings(left_on, *proofs, requests=(2026,)) -> StudentHoldings:
    return StudentHoldings(7, "Lena Vogt", left_on, 3, tuple(proofs), tuple(requests), 5)


def by_part(plan) -> dict[str, object]:
    return {(i.part, i.template_id): i for i in plan.items}


def test_nothing_goes_while_the_student_attends() -> None:
    plan = erasure_plan(holdings(None, PHOTOS), TODAY)
    assert plan.deletable == ()
    items = by_part(plan)
    assert "besucht die Schule" in items[(MASTER, None)].reason
    assert items[(CONSENT, 1)].keep_until is None
    assert "Über Lena Vogt kann jetzt nichts gelöscht werden" in plan.refusal()
    assert "Einwilligungsnachweise „Fotos“: aufzubewahren vorerst" in plan.refusal()


def test_a_leaver_keeps_proof_until_its_retention_ends() -> None:
    plan = erasure_plan(holdings(date(2025, 3, 1), PHOTOS, VIDEO), TODAY)
    items = by_part(plan)
    # Left in the school year 2024/25, which ended 31.07.2025: photos one more year.
    assert items[(CONSENT, 1)].deletable and items[(CONSENT, 1)].keep_until == date(2026, 7, 31)
    assert not items[(CONSENT, 2)].deletable
    assert items[(CONSENT, 2)].keep_until == date(2028, 7, 31)
    # The master record stays as long as proof refers to it.
    assert items[(MASTER, None)].keep_until == date(2028, 7, 31)
    assert not plan.removes_student and plan.erasable_template_ids == {1}


def test_everything_goes_once_no_period_runs_but_the_request_records() -> None:
    plan = erasure_plan(holdings(date(2024, 6, 1), PHOTOS), TODAY)
    assert plan.removes_student
    assert {i.part for i in plan.deletable} == {MASTER, CLASSES, CONSENT, AUDIT}
    (kept,) = plan.kept
    assert kept.part == REQUESTS and kept.keep_until == date(2029, 12, 31)
