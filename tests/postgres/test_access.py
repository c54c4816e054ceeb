"""Roles per school on a real server: the services refuse in German and write nothing,
each person sees only their schools, and the server itself refuses the same (second line)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import func, select

from dpo_desk.app import open_app
from dpo_desk.core.access import Role
from dpo_desk.core.consent.values import SignerRole
from dpo_desk.services.consent.recording import FormEntry, record_form
from dpo_desk.services.consent.template_edit import copy_from_catalogue
from dpo_desk.services.errors import AccessDenied
from dpo_desk.services.printing.request import PrintDocument, PrintRequest
from dpo_desk.services.register import activities
from dpo_desk.services.register.catalogue import add_from_catalogue
from dpo_desk.services.register.lifecycle import release_activity
from dpo_desk.services.roster import students as roster
from dpo_desk.services.schools import create_school, list_schools
from dpo_desk.services.users import accounts
from dpo_desk.store.models import AuditEvent, ConsentEvent, ProcessingActivity, Student
from dpo_desk.store.server.errors import AccountMissing
from tests.conftest import sample_profile
from tests.postgres.fixtures import ServerTemplates
from tests.postgres.people import PASSWORD, add_person, signed_in
from tests.services.consent_support import TODAY, fill_school
from tests.services.test_register_activities import complete

GUARDIANS = frozenset({SignerRole.GUARDIANS})


@dataclass
class District:
    templates: ServerTemplates
    database: str
    folder: Path
    north: int
    south: int
    north_students: dict[str, int]
    south_students: dict[str, int]
    logins: dict[str, str]

    def person(self, name: str):  # type: ignore[no-untyped-def]
        return signed_in(self.templates, self.database, self.logins[name], self.folder)


@pytest.fixture
def district(server_templates, server_db, server_url, tmp_path) -> District:
    folder = tmp_path / "daten"
    admin = open_app(str(folder), database_url=server_url)
    try:
        north = create_school(admin, sample_profile(name="Nordschule", school_number="100")).id
        south = create_school(admin, sample_profile(name="Südschule", school_number="200")).id
        (tmp_path / "nord").mkdir()
        (tmp_path / "sued").mkdir()
        north_students = fill_school(admin, north, tmp_path / "nord")
        south_students = fill_school(admin, south, tmp_path / "sued")
        people = {
            "dsb": {north: Role.DPO},
            "sekretariat": {north: Role.SECRETARY},
            "leitung": {north: Role.HEAD},
            "lesen": {north: Role.READER},
        }
        logins = {
            name: add_person(admin, server_db, name, roles, display_name=f"{name.title()} Nord")
            for name, roles in people.items()
        }
    finally:
        admin.db.close()
    return District(
        server_templates, server_db, folder, north, south, north_students, south_students, logins
    )


def _form(student_id: int) -> FormEntry:
    return FormEntry(
        student_id,
        {"audio": True, "video": False},
        received_on=TODAY,
        signed_on=TODAY - timedelta(days=1),
        signed_by=GUARDIANS,
    )


def _count(ctx, model) -> int:  # type: ignore[no-untyped-def]
    with ctx.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_the_secretary_records_consents_and_is_named_in_the_audit_trail(district) -> None:
    with district.person("sekretariat") as ctx:
        recorded = record_form(
            ctx, district.north, "videokonferenzen", _form(district.north_students["Becker"])
        )
        assert recorded.entered_by == f"Sekretariat Nord ({district.logins['sekretariat']})"
        with ctx.reading() as session:
            event = session.scalar(
                select(AuditEvent).where(AuditEvent.entity_type == "consent_event")
            )
            assert event.actor == recorded.entered_by


def test_the_secretary_may_not_edit_the_register_and_nothing_is_written(district) -> None:
    with district.person("sekretariat") as ctx:
        before = _count(ctx, ProcessingActivity)
        with pytest.raises(AccessDenied) as refused:
            activities.create_activity(ctx, district.north, complete())
        assert "Keine Berechtigung" in str(refused.value)
        assert "„Sekretariat“" in str(refused.value) and "Nordschule" in str(refused.value)
        with pytest.raises(AccessDenied):
            add_from_catalogue(ctx, district.north, "lernplattform")
        with pytest.raises(AccessDenied):
            copy_from_catalogue(ctx, district.north, "fotos")
        assert _count(ctx, ProcessingActivity) == before


def test_the_secretary_sees_only_her_school(district) -> None:
    with district.person("sekretariat") as ctx:
        assert [s.name for s in list_schools(ctx)] == ["Nordschule"]
        assert roster.list_students(ctx, district.south) == []
        assert _count(ctx, Student) == len(district.north_students)
        with pytest.raises(LookupError, match="gibt es an dieser Schule nicht"):
            record_form(
                ctx, district.south, "videokonferenzen", _form(district.south_students["Becker"])
            )
        assert _count(ctx, ConsentEvent) == 0


def test_the_head_signs_off_but_does_not_edit(district) -> None:
    with district.person("dsb") as dpo:
        draft = activities.create_activity(dpo, district.north, complete())
    with district.person("leitung") as head:
        with pytest.raises(AccessDenied):
            activities.update_activity(head, draft.id, complete("Andere Plattform"))
        released = release_activity(head, draft.id, today=TODAY)
        assert released.status == "released"
        with pytest.raises(AccessDenied):
            record_form(
                head, district.north, "videokonferenzen", _form(district.north_students["Becker"])
            )


def test_reading_only_means_no_recording_and_no_printing(district, tmp_path) -> None:
    from dpo_desk.services.printing.documents import gather

    with district.person("lesen") as reader:
        assert len(roster.list_students(reader, district.north)) == len(district.north_students)
        with pytest.raises(AccessDenied):
            record_form(
                reader, district.north, "videokonferenzen", _form(district.north_students["Becker"])
            )
        with pytest.raises(AccessDenied):
            request = PrintRequest(PrintDocument.CONSENT_FORMS, "videokonferenzen")
            gather(reader, district.north, request)
        assert _count(reader, ConsentEvent) == 0


def test_a_dpo_manages_people_only_in_his_schools(district) -> None:
    with district.person("dsb") as dpo:
        login = f"neu_{district.database}"
        accounts.add_user(dpo, login, "Neue Kollegin", PASSWORD)
        accounts.grant(dpo, login, district.north, Role.SECRETARY)
        with pytest.raises(AccessDenied):
            accounts.grant(dpo, login, district.south, Role.SECRETARY)
        with pytest.raises(AccessDenied):
            create_school(dpo, sample_profile(name="Drittschule", school_number="300"))
        users = {u.login: u for u in accounts.list_users(dpo)}
        assert users[login].roles == (("Nordschule", "Sekretariat"),)
    with district.person("sekretariat") as secretary, pytest.raises(AccessDenied):
        accounts.add_user(secretary, f"x_{district.database}", "X", PASSWORD)


def test_a_locked_account_cannot_sign_in(district) -> None:
    with district.person("dsb") as dpo:
        accounts.set_active(dpo, district.logins["lesen"], False)
    with pytest.raises(AccountMissing, match="gesperrt"), district.person("lesen"):
        pass


def _raw(district: District, name: str) -> psycopg.Connection:
    cluster = district.templates.cluster
    return psycopg.connect(
        host=cluster.host,
        port=cluster.port,
        dbname=district.database,
        user=district.logins[name],
        password=PASSWORD,
        autocommit=True,
    )


def test_the_server_refuses_the_same_to_a_direct_connection(district) -> None:
    """Second line of defence: psql with the secretary's login gets no further."""
    with _raw(district, "sekretariat") as conn:
        (students,) = conn.execute("SELECT count(*) FROM student").fetchone()
        assert students == len(district.north_students)  # not the other school's
        (schools,) = conn.execute("SELECT count(*) FROM school").fetchone()
        assert schools == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO processing_activity (school_id, key, name) VALUES (%s, 'x', 'x')",
                (district.north,),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE audit_event SET actor = 'jemand anderes'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM audit_event")
        changed = conn.execute(
            "UPDATE student SET last_name = 'X' WHERE school_id = %s", (district.south,)
        )
        assert changed.rowcount == 0  # the other school's rows do not exist for her
    with _raw(district, "lesen") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE student SET last_name = 'X'")


def test_breaches_and_requests_are_the_dpos(district) -> None:
    """Issue 17's casework on the server: the DPO records a breach and a request, the
    secretary and the reader are refused in German and nothing is written; all of them
    see what the DPO recorded in their school."""
    from dpo_desk.core.requests.values import RequestData
    from dpo_desk.services.breaches import records as breaches
    from dpo_desk.services.requests import records as requests
    from dpo_desk.store.models import Breach
    from tests.services.test_breaches import lost_stick

    request = RequestData(received_on=TODAY, student_id=district.north_students["Becker"])
    with district.person("dsb") as ctx:
        breach = breaches.create_breach(ctx, district.north, lost_stick())
        breach = breaches.update_breach(
            ctx, breach.id, lost_stick(title="USB-Stick gefunden"), breach.row_version
        )
        requests.create_request(ctx, district.north, request)
    for name in ("sekretariat", "lesen"):
        with district.person(name) as ctx:
            with pytest.raises(AccessDenied, match="Keine Berechtigung"):
                breaches.create_breach(ctx, district.north, lost_stick(title="Fehlversand"))
            with pytest.raises(AccessDenied, match="Keine Berechtigung"):
                requests.create_request(ctx, district.north, request)
            seen = breaches.breach_details(ctx, district.north)
            assert [b.data.title for b in seen] == ["USB-Stick gefunden"]
            assert _count(ctx, Breach) == 1
    with _raw(district, "sekretariat") as conn:
        changed = conn.execute("UPDATE breach SET title = 'anders'")
        assert changed.rowcount == 0  # the server lets her change no breach either
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO subject_request (school_id) VALUES (%s)", (district.north,))
