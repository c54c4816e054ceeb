"""Roles on the server for the services main grew after the first roles landed: the print
log (issue 14), the due list and the change log's chain (issues 16 and 17), copying from
another school (issue 16). The services refuse in German and write nothing; the print log
names the person who printed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import func, select

from dpo_desk.app import open_app
from dpo_desk.core.access import Role
from dpo_desk.services.audit.chain import SERVER_CHAIN_LINE, verify_log
from dpo_desk.services.consent.print_log import log_printed
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.due.items import due_list
from dpo_desk.services.errors import AccessDenied
from dpo_desk.services.exchange.apply import apply_import
from dpo_desk.services.exchange.preview import preview_import
from dpo_desk.services.library.copying import school_as_archive
from dpo_desk.services.register.catalogue import add_from_catalogue
from dpo_desk.store.models import ConsentPrint, ProcessingActivity
from tests.postgres.people import add_person, signed_in
from tests.postgres.test_access import District, _count
from tests.services.consent_support import KEY


def _print_log_entries(ctx) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    with ctx.reading() as session:
        rows = session.execute(
            select(ConsentPrint.printed_by, ConsentPrint.students).order_by(ConsentPrint.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_the_secretary_and_the_head_print_and_the_log_names_them(district: District) -> None:
    north = district.north
    students = list(district.north_students.values())
    for name in ("sekretariat", "leitung"):
        with district.person(name) as ctx:
            log_printed(ctx, north, KEY, 1, students[:2], "consent-forms")
    with district.person("dsb") as dpo:
        printed_by = [who for who, _ in _print_log_entries(dpo)[-2:]]
    assert printed_by == [
        f"Sekretariat Nord ({district.logins['sekretariat']})",
        f"Leitung Nord ({district.logins['leitung']})",
    ]


def test_reading_only_prints_nothing_and_the_log_stays(district: District) -> None:
    with district.person("lesen") as reader:
        before = _count(reader, ConsentPrint)
        with pytest.raises(AccessDenied, match="Keine Berechtigung"):
            log_printed(reader, district.north, KEY, 1, list(district.north_students.values()), "x")
        assert _count(reader, ConsentPrint) == before


def test_the_due_list_shows_only_her_school(district: District) -> None:
    with district.person("sekretariat") as secretary:
        due = due_list(secretary)
    assert set(due.schools) == {district.north}
    assert all(item.school_id in (None, district.north) for item in due.items)


def test_copying_from_another_school_is_the_dpos(district: District) -> None:
    """The secretary may not take register entries into her school; the DPO may, and only
    from a school she sees."""
    admin = district.templates.url(district.database)
    with signed_in_admin(district, admin) as ctx:
        add_from_catalogue(ctx, district.south, "lernplattform")
        archive = school_as_archive(ctx, district.south, ["register"])
    with district.person("sekretariat") as secretary:
        before = _count(secretary, ProcessingActivity)
        preview = preview_import(secretary, archive, district.north)
        with pytest.raises(AccessDenied, match="Keine Berechtigung"):
            apply_import(secretary, archive, preview)
        assert _count(secretary, ProcessingActivity) == before
    with district.person("dsb") as dpo:
        preview = preview_import(dpo, archive, district.north)
        apply_import(dpo, archive, preview)
        with dpo.reading() as session:
            names = session.scalars(
                select(ProcessingActivity.name).where(
                    ProcessingActivity.school_id == district.north
                )
            ).all()
        assert names  # copied into her school
        # the other school is not hers: she cannot read it to copy from it
        with pytest.raises(Exception, match="Schule"):
            school_as_archive(dpo, district.south, ["register"])


def test_the_chain_is_checked_by_the_administration_only(district: District) -> None:
    with district.person("dsb") as dpo:
        assert verify_log(dpo) == (SERVER_CHAIN_LINE, [])
    with signed_in_admin(district, district.templates.url(district.database)) as admin:
        line, problems = verify_log(admin)
        with admin.reading() as session:
            from dpo_desk.store.models import AuditEvent

            events = session.scalar(select(func.count()).select_from(AuditEvent))
    assert problems == []
    assert line.startswith(f"Protokoll-Kette geprüft: {events} Einträge")


def test_a_new_reader_writes_nothing_anywhere(district: District, tmp_path) -> None:
    with signed_in_admin(district, district.templates.url(district.database)) as admin:
        login = add_person(admin, district.database, "zweitleser", {district.south: Role.READER})
    with signed_in(district.templates, district.database, login, tmp_path) as reader:
        with pytest.raises(AccessDenied):
            add_from_catalogue(reader, district.south, "lernplattform")
        with pytest.raises(AccessDenied):
            log_printed(reader, district.south, KEY, 1, [], "consent-forms")


@contextmanager
def signed_in_admin(district: District, url: str) -> Iterator[ServiceContext]:
    ctx = open_app(str(district.folder), database_url=url)
    try:
        yield ctx
    finally:
        ctx.db.close()
