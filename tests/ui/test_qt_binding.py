"""The Qt binding itself must be sound: PySide6 6.12.0 on Python 3.11 lost a reference to
None on every void call, and the app aborted after a few thousand calls
("Fatal Python error: none_dealloc"). This fails on such a build before a user meets it."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_the_reference_count_of_none(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for number in range(500):
        label.setText(str(number))
        label.update()
    lost = before - sys.getrefcount(None)
    assert lost < 50, f"{lost} references to None lost in 1,000 Qt calls"
