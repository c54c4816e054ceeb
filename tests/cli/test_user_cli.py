"""``dpo-desk user show|set``: who is working, as the change log names them; a name that
cannot be read is refused (exit 3, nothing stored)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from dpo_desk.cli import main
from dpo_desk.services import schools
from dpo_desk.store.models import AuditEvent
from tests.conftest import sample_profile

# The person named in the local file; in server mode the signed-in person works
# (tests/postgres/test_server_cli.py).
pytestmark = pytest.mark.sqlite_only


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


@pytest.mark.no_database
def test_a_fresh_database_names_nobody_and_refuses_changes_until_someone_is_named(
    data_dir, capsys
) -> None:
    assert run(data_dir, "user", "show") == 0
    assert "Noch niemand angegeben" in capsys.readouterr().out
    school = ("--name", "Grundschule Nord", "--street", "Nordweg 1", "--postcode", "10115")
    code = run(data_dir, "school", "add", *school, "--town", "Berlin", "--state", "BE")
    assert code == 3
    assert "Wer arbeitet?" in capsys.readouterr().err

    assert run(data_dir, "user", "set", "Anna Berg", "--function", "Sekretariat") == 0
    assert "Es arbeitet: Anna Berg (Sekretariat)." in capsys.readouterr().out
    assert run(data_dir, "user", "show") == 0
    assert capsys.readouterr().out.strip() == "Anna Berg (Sekretariat)"


def test_the_change_log_names_the_person_never_the_login(ctx, data_dir, capsys) -> None:
    assert run(data_dir, "user", "set", "Dr. Jonas Albrecht", "--function", "Schulleitung") == 0
    ctx.forget_actor()
    schools.create_school(ctx, sample_profile())
    with ctx.reading() as session:
        actor = session.scalars(
            select(AuditEvent.actor).order_by(AuditEvent.id.desc()).limit(1)
        ).one()
    assert actor == "Dr. Jonas Albrecht (Schulleitung)"


@pytest.mark.parametrize("name", ["\u200b\u2060", "Anna\x1bBerg"])
def test_an_unreadable_name_is_refused(data_dir, capsys, name: str) -> None:
    assert run(data_dir, "user", "set", name, "--function", "Sekretariat") == 3
    assert "Ihr Name:" in capsys.readouterr().err
    assert run(data_dir, "user", "show") == 0
    assert "Paula Prüfer" in capsys.readouterr().out  # as it was
