"""Moving schools keeps every change log's hash chain whole: the entries a school brings
are sealed anew into the target's chain, a school removed after a move leaves its entries
blanked (not deleted), and ``dpo-desk check`` passes on both sides afterwards, on the
server too (as the administration; others are told who checks the chain there)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from dpo_desk.app import open_app
from dpo_desk.cli import main
from dpo_desk.core.access import Role
from dpo_desk.services.schools import create_school, list_schools
from dpo_desk.store.models import AuditEvent
from dpo_desk.store.server.target import DATABASE_URL_ENV
from tests.conftest import name_test_person, sample_profile
from tests.postgres.people import PASSWORD, add_person
from tests.services.consent_support import fill_school


@pytest.fixture(autouse=True)
def _no_url_from_outside(monkeypatch) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.delenv("PGPASSWORD", raising=False)


def run(*args: str) -> int:
    return main(list(args))


def _check(capsys, *place: str) -> str:
    code = run(*place, "check")
    said = capsys.readouterr()
    assert code == 0, said.err
    return said.out


def small_laptop(folder: Path) -> list[str]:
    """A local file with two small schools (roster, template, forms handed out)."""
    local = open_app(str(folder), local=True)
    try:
        name_test_person(local)
        for name, number in (("Nordschule", "100"), ("Südschule", "200")):
            school = create_school(local, sample_profile(name=name, school_number=number))
            (folder / number).mkdir()
            fill_school(local, school.id, folder / number)
        return sorted(s.name for s in list_schools(local))
    finally:
        local.db.close()


def test_the_chains_hold_after_moving_to_the_server_and_back(
    server_url, server_templates, server_db, tmp_path, capsys
) -> None:
    laptop = tmp_path / "laptop"
    names = small_laptop(laptop)
    # one school to the server, removed from the laptop: both chains hold
    assert run("--data-dir", str(laptop), "--database-url", server_url,
               "move", "to-server", "--school", names[0], "--quelle-entfernen") == 0  # fmt: skip
    capsys.readouterr()
    said = _check(capsys, "--data-dir", str(laptop))
    assert "Protokoll-Kette geprüft" in said
    said = _check(capsys, "--data-dir", str(tmp_path / "a"), "--database-url", server_url)
    assert "Protokoll-Kette geprüft" in said
    assert "prüft und sichert der PostgreSQL-Server selbst" in said
    # the other school follows; then the first goes back to a new local file, removed on
    # the server (its entries stay there, blanked, between the other school's)
    assert run("--data-dir", str(laptop), "--database-url", server_url,
               "move", "to-server", "--school", names[1]) == 0  # fmt: skip
    back = tmp_path / "zurueck"
    assert run("--data-dir", str(back), "--database-url", server_url,
               "move", "to-local", "--school", names[0], "--quelle-entfernen") == 0  # fmt: skip
    capsys.readouterr()
    said = _check(capsys, "--data-dir", str(tmp_path / "a"), "--database-url", server_url)
    assert "Protokoll-Kette geprüft" in said and "nach Löschung geleert" in said
    said = _check(capsys, "--data-dir", str(back))
    assert "Protokoll-Kette geprüft" in said
    server = open_app(str(tmp_path / "a"), database_url=server_url)
    try:
        assert [s.name for s in list_schools(server)] == [names[1]]
        with server.reading() as session:
            kept = session.scalar(
                select(func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.school_id.is_(None), AuditEvent.erased_at.is_not(None))
            )
        assert kept > 0  # the removed school's entries: blanked, still in the chain
        login = add_person(
            server, server_db, "sekretariat", {list_schools(server)[0].id: Role.SECRETARY}
        )
    finally:
        server.db.close()
    secretary = server_templates.url(server_db, login, PASSWORD)
    said = _check(capsys, "--data-dir", str(tmp_path / "s"), "--database-url", secretary)
    assert "prüft sie die Administration" in said


def test_an_altered_entry_on_the_server_is_found(
    server_url, server_templates, server_db, tmp_path, capsys
) -> None:
    laptop = tmp_path / "laptop"
    small_laptop(laptop)
    assert run("--data-dir", str(laptop), "--database-url", server_url,
               "move", "to-server", "--all") == 0  # fmt: skip
    capsys.readouterr()
    server_templates.cluster.execute(
        "UPDATE audit_event SET actor = 'jemand anderes' WHERE id = "
        "(SELECT min(id) + 3 FROM audit_event)",
        server_db,
    )
    code = run("--data-dir", str(tmp_path / "a"), "--database-url", server_url, "check")
    said = capsys.readouterr()
    assert code == 1
    assert "nachträglich verändert" in said.err
    assert "Administration des Servers" in said.err
