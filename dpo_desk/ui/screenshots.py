"""``make screenshots``: render every page with the demo data to PNG files.

Runs offscreen in a temporary data folder, so a person can look at the UI without a display.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def _save(widget: QWidget, target: Path, app: QApplication) -> None:
    _settle(app)
    widget.grab().save(str(target))
    print(target)


def render_all(out_dir: Path) -> list[Path]:
    from dpo_desk.app import open_app
    from dpo_desk.services.demo import load_demo
    from dpo_desk.services.schools import list_schools
    from dpo_desk.ui.app import _qt_app
    from dpo_desk.ui.main_window import MainWindow
    from dpo_desk.ui.schools.school_dialog import NewSchoolDialog

    out_dir.mkdir(parents=True, exist_ok=True)
    app = _qt_app()
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_app(folder)
        window = MainWindow(ctx)
        window.resize(1280, 820)
        window.show()
        target = out_dir / "00_willkommen.png"
        _save(window, target, app)
        written.append(target)

        dialog = NewSchoolDialog(ctx, window.signals.operations, window)
        dialog.show()
        target = out_dir / "01_neue_schule.png"
        _save(dialog, target, app)
        written.append(target)
        dialog.reject()

        window.signals.operations.announce(load_demo(ctx).changes)
        large = next(s for s in list_schools(ctx) if s.name == "Gesamtschule Rheinblick")
        window.select_school(large.id)
        for index, page in enumerate(window.pages):
            window.show_page(index)
            target = out_dir / f"{index + 2:02d}_{page.objectName()}.png"
            _save(window, target, app)
            written.append(target)
        written += _editors(window, out_dir, app)
        written.append(_locked(window, ctx, out_dir, app))
        window.close()
        ctx.db.close()
    return written


def _locked(window: QWidget, ctx, out_dir: Path, app: QApplication) -> Path:
    """The window locked (the demo encrypted first: only an encrypted database locks)."""
    from dpo_desk.services.safety.encryption import change_passphrase
    from dpo_desk.ui.safety.start import start_safety

    change_passphrase(ctx, "Bildschirmfoto-2026")
    window.show_page(1)
    lock = start_safety(window, ctx, window.signals)
    lock.lock(manual=True)
    target = out_dir / f"{len(window.pages) + 2:02d}_gesperrt.png"
    _save(window, target, app)
    return target


def _editors(window, out_dir: Path, app: QApplication) -> list[Path]:
    """The breach and request editors of the demo, as a DPO opens them."""
    written = []
    for page_name, file_name in (
        ("breachesPage", "20_datenpanne.png"),
        ("requestsPage", "21_anfrage.png"),
    ):
        page = window.page(page_name)
        window.show_page(window.pages.index(page))
        _settle(app)
        page.table.selectRow(0)
        page.edit_current()
        dialog = page.dialog
        target = out_dir / file_name
        _save(dialog, target, app)
        written.append(target)
        dialog.reject()
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0] if argv else "docs/screenshots")
    render_all(out_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
