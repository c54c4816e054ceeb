"""Run in a fresh process: show a window, report its first paint, then (app) data ready.

``bare``: an empty PySide6 main window (the floor Qt itself sets).
``app``: dpo_desk's start sequence of ``ui.app.run_gui`` on the data folder given as
second argument: the frame paints first, then ``ui.app.open_data`` opens the first page on
the data ("ready": its data painted), then the rest loads in the background: the other
pages, the daily backup, the quick check and the auto-lock ("loaded"). The peak memory is
taken when everything is loaded.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    def __init__(self, then) -> None:
        super().__init__()
        self.then = then
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, self.then)
        return False


def peak_memory_mb() -> float:
    """This process's own peak memory. Not ru_maxrss: Linux carries the high-water mark of
    the forking parent across exec, so a child of a big benchmark run would inherit it."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    mode = sys.argv[1]
    app = QApplication(sys.argv[:1])
    if mode == "bare":
        window = QMainWindow()
        window.resize(1200, 780)

        def finish() -> None:
            print("painted", flush=True)
            print(f"memory {peak_memory_mb():.1f}", flush=True)
            app.exit(0)
    else:
        from pathlib import Path

        from dpo_desk.ui.main_window import MainWindow

        window = MainWindow(data_dir=Path(sys.argv[2]))

        def finish() -> None:
            print("painted", flush=True)
            from dpo_desk.ui.app import open_data

            window.loaded.connect(loaded)
            open_data(window, sys.argv[2])  # the start sequence of run_gui
            window.repaint()
            print("ready", flush=True)

        def loaded() -> None:
            window.repaint()
            print(f"loaded {peak_memory_mb():.1f}", flush=True)
            app.exit(0)

    watcher = FirstPaint(finish)
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
