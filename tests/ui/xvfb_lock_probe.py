"""The app's main window on a real X server, locked on command (for test_lock_xvfb.py).

``python -m tests.ui.xvfb_lock_probe DATA_DIR PASSPHRASE`` with DISPLAY set: shows the
roster page of the encrypted database in DATA_DIR at the screen's top left, prints
``bereit X Y W H`` (the window on the screen), locks when a line ``sperren`` arrives and
prints ``gesperrt X Y W H`` (the lock panel on the screen), and ends on ``ende``.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QTableView, QWidget


def _settle(app: QApplication, done, rounds: int = 2000) -> None:
    for _ in range(rounds):
        app.processEvents()
        if done():
            return
    raise SystemExit("Fenster wurde nicht fertig")


def _panel(cover: QWidget) -> QRect:
    box = QRect()
    for child in cover.findChildren(QWidget):
        if child.isVisible():
            box = box.united(child.geometry())
    return QRect(cover.mapToGlobal(box.topLeft()), box.size())


def main() -> int:
    from dpo_desk.app import open_app
    from dpo_desk.ui.main_window import MainWindow
    from dpo_desk.ui.safety.start import start_safety

    data_dir, passphrase = sys.argv[1], sys.argv[2]
    app = QApplication(sys.argv[:1])
    ctx = open_app(data_dir, passphrase)
    window = MainWindow(ctx)
    window.resize(1024, 600)
    window.move(0, 0)
    window.show()
    window.show_page(window.pages.index(window.page("rosterPage")))
    table = window.page("rosterPage").findChild(QTableView, "studentTable")
    _settle(app, lambda: window.isVisible() and table.model().rowCount() > 100)
    window.repaint()
    app.sync()
    origin = window.mapToGlobal(QPoint(0, 0))
    print(f"bereit {origin.x()} {origin.y()} {window.width()} {window.height()}", flush=True)
    lock = start_safety(window, ctx, window.signals)
    for line in sys.stdin:
        if line.strip() == "sperren":
            lock.lock(manual=True)
            app.processEvents()
            app.sync()
            panel = _panel(lock.cover_of(window))
            print(f"gesperrt {panel.x()} {panel.y()} {panel.width()} {panel.height()}", flush=True)
        elif line.strip() == "ende":
            break
    window.close()
    ctx.db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
