"""The trace search after "Person löschen" tells apart what stays on purpose (the erasure
request keeps whom it was about as proof, with its reason) from a real leftover (the name
in the free text of another record, which the erasure does not touch, named to check); the
report never names the person."""

from __future__ import annotations

from datetime import UTC, datetime

from dpo_desk.core.breaches.values import BreachData
from dpo_desk.core.requests.values import RequestData, RequestKind
from dpo_desk.services.breaches.records import create_breach
from dpo_desk.services.erasure.service import erase_student
from dpo_desk.services.requests.records import create_request
from dpo_desk.services.roster import students as roster
from tests.services.consent_support import TODAY
from tests.services.test_erasure import FIRST, LAST, NAMES, person  # noqa: F401


def _request(ctx, school_id: int, target: int):
    data = RequestData(
        received_on=TODAY,
        requester_name=f"Waltraud {LAST}",
        student_id=target,
        subject_name=f"{FIRST} {LAST}",
        kind=RequestKind.ERASURE.value,
    )
    return create_request(ctx, school_id, data)


def _school(ctx, person) -> int:  # noqa: F811
    return roster.get_student(ctx, person["target"]).school_id


def test_the_name_kept_in_the_erasure_request_is_reported_with_its_reason(
    ctx,
    person,  # noqa: F811
) -> None:
    request = _request(ctx, _school(ctx, person), person["target"])
    result = erase_student(ctx, person["target"], reason=f"Anfrage {request.reference}")

    report = result.traces
    assert report.clean, report.leftovers
    assert report.kept[0].startswith(f"der Name in Anfrage {request.reference}, als Nachweis")
    assert "Art. 5 Abs. 2 DSGVO" in report.kept[0]
    text = "\n".join(result.lines())
    assert "Keine ungewollte Kopie der Namen gefunden" in text
    assert f"Bewusst aufbewahrt: der Name in Anfrage {request.reference}" in text
    assert not any(name in text for name in NAMES)


def test_a_name_in_another_records_text_is_named_to_check(ctx, person) -> None:  # noqa: F811
    school_id = _school(ctx, person)
    create_breach(
        ctx,
        school_id,
        BreachData(
            title="Fehlversand",
            aware_at=datetime(2026, 9, 1, 8, 0, tzinfo=UTC),
            description=f"Das Zeugnis von {FIRST} ging an die falsche Adresse.",
        ),
    )
    result = erase_student(ctx, person["target"])
    report = result.traces
    assert report.clean  # the erased rows left no copy; the breach is another record
    assert [p for p in report.to_check if "„Datenpannen“" in p]
    text = "\n".join(result.lines())
    assert "Bitte prüfen: im Bereich „Datenpannen“ steht der Name noch" in text
    assert not any(name in text for name in NAMES)
