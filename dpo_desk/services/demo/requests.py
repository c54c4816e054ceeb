"""Demo requests: a parent's access request answered within the month, and a second one
still running. The running one is dated nine days before the demo is loaded, so it is open
and within its deadline whenever the demo is loaded. Re-running adds nothing twice."""

from __future__ import annotations

from datetime import date, timedelta

from dpo_desk.core.requests.values import RequestData
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.demo.schools import DemoSchool
from dpo_desk.services.requests.records import create_request, list_requests
from dpo_desk.services.roster.students import list_students

ANSWERED_NOTE = "Auskunft mit Kopie der Daten (PDF) persönlich übergeben."
RUNNING_NOTE = "Bitte um Auskunft, welche Einwilligungen vorliegen."


def seed(ctx: ServiceContext, demo_schools: list[DemoSchool]) -> None:
    today = ctx.clock.today()
    for school in demo_schools:
        if any(r.kind == "access" for r in list_requests(ctx, school.id)):
            continue
        students = list_students(ctx, school.id)
        if len(students) < 2:
            continue
        first, second = students[3 % len(students)], students[17 % len(students)]
        create_request(
            ctx,
            school.id,
            RequestData(
                received_on=date(2026, 10, 5),
                requester_role="guardian",
                requester_name=f"Erziehungsberechtigte von {first.first_names}",
                channel="letter",
                student_id=first.id,
                kind="access",
                identity_checked_on=date(2026, 10, 5),
                identity_method="Personalausweis im Sekretariat vorgelegt",
                status="answered",
                answered_on=date(2026, 10, 19),
                note=ANSWERED_NOTE,
            ),
        )
        create_request(
            ctx,
            school.id,
            RequestData(
                received_on=today - timedelta(days=9),
                requester_role="guardian",
                requester_name=f"Erziehungsberechtigte von {second.first_names}",
                channel="email",
                student_id=second.id,
                kind="access",
                note=RUNNING_NOTE,
            ),
        )
