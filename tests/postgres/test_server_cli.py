"""The command line in server mode: connecting a data folder, people and roles, moving
schools to the server and back with the counts compared. A refused right or a clash is
exit code 3 (nothing written); a server that cannot be used is exit code 1, as a local
database that cannot be opened."""

from __future__ import annotations

import json

import pytest

from dpo_desk.app import open_app
from dpo_desk.cli import main
from dpo_desk.services.schools import list_schools
from dpo_desk.store.server.errors import SignInFailed
from dpo_desk.store.server.target import DATABASE_URL_ENV, PROFILE_FILENAME, parse_url
from tests.postgres.people import PASSWORD, login_for
from tests.postgres.test_moving_check import small_laptop


@pytest.fixture(autouse=True)
def _no_url_from_outside(monkeypatch) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.delenv("PGPASSWORD", raising=False)


def run(*args: str) -> int:
    return main(list(args))


def test_connect_status_and_disconnect(server_url, tmp_path, capsys) -> None:
    folder = tmp_path / "daten"
    assert run("--data-dir", str(folder), "server", "connect", server_url) == 0
    said = capsys.readouterr().out
    assert "Verbunden mit" in said and "Paula Prüfer" in said
    profile = (folder / PROFILE_FILENAME).read_text(encoding="utf-8")
    assert parse_url(server_url).password not in profile  # never the password
    # the password is not stored: the next start has to be given it
    with pytest.raises(SignInFailed):
        open_app(str(folder))
    assert run("--data-dir", str(folder), "server", "disconnect") == 0
    assert "wieder mit der lokalen Datei" in capsys.readouterr().out
    assert run("--data-dir", str(folder), "server", "status") == 0
    assert "Lokaler Modus" in capsys.readouterr().out


def test_a_wrong_password_connects_nothing(server_templates, server_db, tmp_path, capsys):
    folder = tmp_path / "daten"
    url = server_templates.url(server_db, password="falsch-falsch")
    assert run("--data-dir", str(folder), "--database-url", url, "server", "status") == 1
    assert "Passwort ist falsch" in capsys.readouterr().err
    assert run("--data-dir", str(folder), "server", "connect", url) == 1
    assert not (folder / PROFILE_FILENAME).exists()


def test_user_add_grant_list_and_lock(server_url, server_db, tmp_path, capsys) -> None:
    base = ["--data-dir", str(tmp_path / "d"), "--database-url", server_url]
    assert run(*base, "school", "add", "--name", "Nordschule", "--street", "Weg 1",
               "--postcode", "12345", "--town", "Ort", "--state", "BE") == 0  # fmt: skip
    secret = tmp_path / "pw.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    secret.chmod(0o600)
    login = login_for("sabine", server_db)
    assert run(*base, "users", "add", login, "--name", "Sabine Müller",
               "--passwort-datei", str(secret)) == 0  # fmt: skip
    assert (
        run(*base, "users", "grant", login, "--role", "sekretariat", "--school", "Nordschule") == 0
    )
    capsys.readouterr()
    assert run(*base, "users", "list", "--format", "json") == 0
    people = {p["key"]: p for p in json.loads(capsys.readouterr().out)}
    assert "Nordschule" in json.dumps(people[login], ensure_ascii=False)
    # she signs in and may not manage people: exit 3, German, nothing written
    her_url = parse_url(server_url).url().set(username=login, password=PASSWORD)
    hers = ["--data-dir", str(tmp_path / "s"), "--database-url",
            her_url.render_as_string(hide_password=False)]  # fmt: skip
    assert run(*hers, "users", "add", "x" + login[:20], "--name", "X",
               "--passwort-datei", str(secret)) == 3  # fmt: skip
    assert "Keine Berechtigung" in capsys.readouterr().err
    assert run(*base, "users", "lock", login) == 0
    assert run(*hers, "server", "status") == 1
    assert "gesperrt" in capsys.readouterr().err


def test_move_schools_to_the_server_and_one_school_back(server_url, tmp_path, capsys) -> None:
    """Two small schools (the demo's move is the server tests' demo template)."""
    laptop = tmp_path / "laptop"
    names = small_laptop(laptop)
    assert run("--data-dir", str(laptop), "--database-url", server_url,
               "move", "to-server", "--all") == 0  # fmt: skip
    said = capsys.readouterr().out
    assert said.count("Zahlen auf beiden Seiten gleich") == len(names)
    # a second time: the schools are there already, nothing is written
    assert run("--data-dir", str(laptop), "--database-url", server_url,
               "move", "to-server", "--all") == 3  # fmt: skip
    capsys.readouterr()
    back = tmp_path / "zurueck"
    assert run("--data-dir", str(back), "--database-url", server_url,
               "move", "to-local", "--school", names[0]) == 0  # fmt: skip
    assert "Zahlen auf beiden Seiten gleich" in capsys.readouterr().out
    returned = open_app(str(back), local=True)
    try:
        assert [s.name for s in list_schools(returned)] == [names[0]]
    finally:
        returned.db.close()


def test_the_signed_in_person_is_who_works(server_url, tmp_path, capsys) -> None:
    """``dpo-desk user`` in server mode: the signed-in person, not a name typed in."""
    place = ("--data-dir", str(tmp_path), "--database-url", server_url)
    assert run(*place, "user", "show") == 0
    assert "Paula Prüfer (pruef_admin)" in capsys.readouterr().out
    assert run(*place, "user", "set", "Jemand Anderes", "--function", "Sekretariat") == 3
    assert "Im Servermodus arbeitet die angemeldete Person" in capsys.readouterr().err
