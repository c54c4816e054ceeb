"""Restore refused while the database is open elsewhere, and a hostile backup refused, in
the real window and from the command line next to an open window."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from dpo_desk.services.safety import backup
from dpo_desk.services.schools import create_school, list_schools
from tests.conftest import sample_profile
from tests.store.test_process_lock import _holder, _release
from tests.store.worker_process import ROOT
from tests.ui.test_data_safety import _click, when_modal


def test_command_line_restore_is_refused_while_a_window_is_open(
    qtbot, open_window, data_dir: Path
) -> None:
    window = open_window()
    create_school(window.ctx, sample_profile())
    saved = backup.create_backup(window.ctx)
    create_school(window.ctx, sample_profile(name="Nachher", school_number="333"))
    proc = subprocess.run(
        [
            *(sys.executable, "-m", "dpo_desk", "--data-dir", str(data_dir)),
            *("backup", "restore", str(saved.path), "--yes"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "noch in einem anderen Fenster" in proc.stderr
    assert len(list_schools(window.ctx)) == 2  # the window's data is untouched


def test_window_restore_is_refused_while_another_process_has_it_open(
    qtbot, panel, ctx, data_dir: Path
) -> None:
    panel.backup_now()
    create_school(ctx, sample_profile(name="Bleibt auch", school_number="779"))
    panel.refresh()
    panel.table.selectRow(0)
    holder = _holder(data_dir)
    try:
        when_modal(qtbot, lambda box: _click(box, "Zurückspielen"))
        qtbot.mouseClick(panel.restore_button, Qt.LeftButton)
        assert "anderen Fenster" in panel.status.text()
        assert len(list_schools(ctx)) == 2
    finally:
        _release(holder)


def test_window_refuses_a_backup_with_a_trigger(qtbot, panel, ctx, tmp_path: Path) -> None:
    saved = backup.create_backup(ctx)
    hostile = tmp_path / "dpo_desk_2026-01-01_080000_manuell.sqlite"
    hostile.write_bytes(saved.path.read_bytes())
    with sqlite3.connect(hostile) as conn:
        conn.execute("CREATE TRIGGER weg AFTER INSERT ON school BEGIN DELETE FROM school; END")
    create_school(ctx, sample_profile(name="Bleibt", school_number="780"))
    panel.restore_from(hostile)
    assert "Trigger" in panel.status.text() and "weg" in panel.status.text()
    assert len(list_schools(ctx)) == 2
