"""A growing pause after wrong passphrases that survives restarts and applies to every way
in: the count lives in the data folder, and while the pause runs even the right
passphrase is not tried (``PassphrasePaused``)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dpo_desk.app import open_app
from dpo_desk.cli import main
from dpo_desk.store.attempts import PassphraseAttempts
from dpo_desk.store.errors import PassphrasePaused, WrongPassphrase

pytest.importorskip("sqlcipher3")
pytestmark = [pytest.mark.no_database, pytest.mark.sqlite_only]  # the local file only

PASS = "Richtige-Passphrase"


def test_wrong_passphrases_are_counted_outside_the_database(data_dir: Path) -> None:
    open_app(str(data_dir), PASS).db.close()
    attempts = PassphraseAttempts(data_dir)
    with pytest.raises(WrongPassphrase):
        open_app(str(data_dir), "falsch-geraten")
    assert PassphraseAttempts(data_dir).failed == 1  # a new object: read from the file
    assert attempts.path.stat().st_mode & 0o077 == 0
    assert b"falsch" not in attempts.path.read_bytes()
    open_app(str(data_dir), PASS).db.close()
    assert attempts.failed == 0  # the right one clears the count


def test_the_pause_grows_and_is_measured_from_the_last_wrong_passphrase(tmp_path: Path) -> None:
    attempts = PassphraseAttempts(tmp_path)
    waits = []
    for n in range(1, 7):
        attempts.record_failure(now=1000.0)
        waits.append(attempts.wait_seconds(now=1000.0))
        assert attempts.failed == n
    assert waits == [0.0, 1.0, 2.0, 4.0, 8.0, 16.0]
    assert attempts.wait_seconds(now=1010.0) == 6.0
    assert attempts.wait_seconds(now=1020.0) == 0.0
    assert attempts.wait_seconds(now=500.0) == 16.0  # clock set back: no shortcut


def test_during_the_pause_even_the_right_passphrase_is_refused_everywhere(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    open_app(str(data_dir), PASS).db.close()
    attempts = PassphraseAttempts(data_dir)
    for _ in range(6):  # as after six wrong tries a moment ago: 16 s pause
        attempts.record_failure(now=time.time())
    with pytest.raises(PassphrasePaused, match="erst in"):
        open_app(str(data_dir), PASS)
    monkeypatch.setenv("DPO_DESK_PASSPHRASE", PASS)
    assert main(["school", "list"]) == 1
    assert "nächste Eingabe erst in" in capsys.readouterr().err
    monkeypatch.delenv("DPO_DESK_PASSPHRASE")
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASS)
    secret.chmod(0o600)
    assert main(["--passphrase-file", str(secret), "school", "list"]) == 1
    assert "nächste Eingabe erst in" in capsys.readouterr().err
    assert attempts.failed == 6  # refused without a try: not counted again


def test_a_passphrase_file_others_may_read_is_refused(
    data_dir: Path, tmp_path: Path, capsys
) -> None:
    open_app(str(data_dir), PASS).db.close()
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASS + "\n")
    secret.chmod(0o644)
    assert main(["--passphrase-file", str(secret), "school", "list"]) == 3
    err = capsys.readouterr().err
    assert "auch für andere Benutzer lesbar (Rechte 0644)" in err and "chmod 600" in err
    assert PassphraseAttempts(data_dir).failed == 0  # not even tried
    secret.chmod(0o600)
    assert main(["--passphrase-file", str(secret), "school", "list"]) == 0
