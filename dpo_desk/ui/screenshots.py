"""``make screenshots``: render every page with the demo data to PNG files, and at a school
laptop's 1024×600 also every dialog and wizard of the catalogue (``ui/catalogue.py``).

Runs offscreen in a temporary data folder, so a person can look at the UI without a display.
Each screen size is rendered in a process of its own: Qt learns the screen when it starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

LAPTOP = (1024, 600)
DESKTOP = (1280, 860)
SCREENS = {"": DESKTOP, "1024x600": LAPTOP}
"""Sub-folder of the output folder and the screen rendered into it."""


def _screen_config(folder: Path, width: int, height: int) -> Path:
    config = folder / f"screen_{width}x{height}.json"
    screen = {"name": "Bildschirm", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return config


def _settle(app) -> None:
    for _ in range(5):
        app.processEvents()


def _save(widget, target: Path, app) -> Path:
    _settle(app)
    widget.window().grab().save(str(target))
    print(target)
    return target


def _first_school():
    """A school just created: the overview shows its first steps."""
    from dpo_desk.core.authorities import with_authority
    from dpo_desk.core.schools import SchoolProfile

    return with_authority(
        SchoolProfile(
            name="Grundschule Kastanienallee",
            school_number="309911",
            street="Lindenweg 3",
            postcode="14467",
            town="Potsdam",
            state="BB",
            kind="grundschule",
        )
    )


def render_screen(out_dir: Path, with_dialogs: bool) -> list[Path]:
    """Render into ``out_dir`` on the screen this process was started with."""
    from dpo_desk.app import open_app
    from dpo_desk.services import settings
    from dpo_desk.services.demo import load_demo
    from dpo_desk.services.schools import create_school, list_schools
    from dpo_desk.ui.app import _qt_app
    from dpo_desk.ui.catalogue import PLACES, close
    from dpo_desk.ui.main_window import MainWindow
    from dpo_desk.ui.schools.school_dialog import NewSchoolDialog

    out_dir.mkdir(parents=True, exist_ok=True)
    app = _qt_app()
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_app(str(Path(folder) / "daten"))
        window = MainWindow(ctx)  # a first start: it asks who is working
        window.show()
        _settle(app)
        dialog = window.person_dialog
        written.append(_save(dialog, out_dir / "00_wer_arbeitet.png", app))
        dialog.form.name.setText("Anna Berg")
        dialog.form.function.setCurrentIndex(dialog.form.function.findData("Sekretariat"))
        dialog.accept()
        written.append(_save(window, out_dir / "00_willkommen.png", app))

        school_dialog = NewSchoolDialog(ctx, window.signals.operations, window)
        school_dialog.show()
        written.append(_save(school_dialog, out_dir / "01_neue_schule.png", app))
        school_dialog.reject()

        first = create_school(ctx, _first_school())
        window.signals.operations.announce(first.changes)
        window.select_school(first.id)
        window.show_page(0)
        written.append(_save(window, out_dir / "01_erste_schritte.png", app))

        window.signals.operations.announce(load_demo(ctx).changes)
        window.signals.operations.announce(
            settings.set_person(ctx, "Dr. Jonas Albrecht", "Datenschutzbeauftragte/r")
        )
        large = next(s for s in list_schools(ctx) if s.name == "Gesamtschule Rheinblick")
        window.select_school(large.id)
        for index, page in enumerate(window.pages):
            window.show_page(index)
            target = out_dir / f"{index + 2:02d}_{page.objectName()}.png"
            written.append(_save(window, target, app))
        written += _editors(window, out_dir, app)
        if with_dialogs:
            scratch = Path(folder) / "scratch"
            scratch.mkdir()
            for number, place in enumerate(PLACES, start=1):
                shown = place.open(window, scratch)
                written.append(_save(shown, out_dir / f"d{number:02d}_{place.name}.png", app))
                close(shown)
                _settle(app)
        written.append(_locked(window, ctx, out_dir, app))
        window.ask_before_closing = False
        window.close()
        ctx.db.close()
    return written


def _locked(window, ctx, out_dir: Path, app) -> Path:
    """The window locked (the demo encrypted first: only an encrypted database locks)."""
    from dpo_desk.services.safety.encryption import change_passphrase
    from dpo_desk.ui.safety.start import start_safety

    change_passphrase(ctx, "Bildschirmfoto-2026")
    window.show_page(1)
    lock = start_safety(window, ctx, window.signals)
    lock.lock(manual=True)
    target = out_dir / f"{len(window.pages) + 2:02d}_gesperrt.png"
    return _save(window, target, app)


def _editors(window, out_dir: Path, app) -> list[Path]:
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
        written.append(_save(dialog, out_dir / file_name, app))
        dialog.reject()
    return written


def main(argv: list[str]) -> int:
    """``screenshots OUT`` renders every screen in its own process; ``--screen W H SUB``
    (internal) renders one."""
    if argv[:1] == ["--screen"]:
        out_dir, sub = Path(argv[1]), argv[2]
        render_screen(out_dir / sub if sub else out_dir, with_dialogs=bool(sub))
        return 0
    out_dir = Path(argv[0] if argv else "docs/screenshots")
    with tempfile.TemporaryDirectory() as folder:
        for sub, (width, height) in SCREENS.items():
            config = _screen_config(Path(folder), width, height)
            env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
            command = [sys.executable, "-m", "dpo_desk.ui.screenshots", "--screen", str(out_dir)]
            subprocess.run([*command, sub], env=env, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
