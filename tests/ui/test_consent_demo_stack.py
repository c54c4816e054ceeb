"""Recording a whole class's stack in the demo asks "which declaration is newer?" only where a
school would have to decide too: a form without a signing date from a family that revoked."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from dpo_desk.core.consent.status import ConsentState
from dpo_desk.services.clock import FixedClock
from dpo_desk.services.consent.overview import template_status
from dpo_desk.ui.consent.page import ConsentPage
from dpo_desk.ui.signals import AppSignals

KEY = "videokonferenzen"
CLASS = "5a"
DAY = date(2026, 12, 1)


@pytest.fixture
def large(ctx, demo) -> int:
    ctx.clock = FixedClock(DAY)
    return next(s.id for s in demo.schools if s.size == "large")


@pytest.fixture
def recorder(qtbot, ctx, large):
    page = ConsentPage(ctx, AppSignals())
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.set_school(large)
    page.show()
    page.choose_template(KEY)
    recorder = page.recorder
    recorder.class_box.setCurrentIndex(recorder.class_box.findData(CLASS))
    recorder.grid.setFocus()
    return recorder


def record_stack(qtbot, recorder, keys: str) -> list[str]:
    """Type ``keys`` on every row; answer each question "this form is newer" and return the
    names of the students it was asked for."""
    asked: list[str] = []
    rows = recorder.model.rowCount()

    def decide() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "consentDecision":
            row = recorder.grid.currentIndex().row()
            asked.append(recorder.model.rows[row].student.name)
            box.findChild(QAbstractButton, "consentDecisionEntry").click()
        if len(recorder.undo_stack) < rows:
            QTimer.singleShot(20, decide)

    QTimer.singleShot(0, decide)
    for _row in range(rows):
        qtbot.keyClicks(recorder.grid, keys)
    assert len(recorder.undo_stack) == rows  # every form of the class stored
    return asked


def revoked_in_class(ctx, school_id: int) -> list[str]:
    rows = template_status(ctx, school_id, KEY, class_name=CLASS).rows
    return [r.name for r in rows if r.has_any(ConsentState.REVOKED)]


def test_the_demo_has_few_revocations_per_class(ctx, large) -> None:
    rows = template_status(ctx, large, KEY).rows
    per_class: dict[str, int] = {}
    for row in rows:
        if row.has_any(ConsentState.REVOKED):
            per_class[row.class_name] = per_class.get(row.class_name, 0) + 1
    assert 0 < sum(per_class.values()) <= len(rows) // 40
    assert max(per_class.values()) <= 2


def test_a_stack_without_signing_dates_asks_only_for_families_that_revoked(
    qtbot, ctx, large, recorder
) -> None:
    revoked = revoked_in_class(ctx, large)
    assert len(revoked) == 1
    asked = record_stack(qtbot, recorder, "jju")
    assert asked == revoked  # one question in a class of 27


def test_a_stack_signed_after_the_revocations_asks_nothing(qtbot, ctx, large, recorder) -> None:
    assert revoked_in_class(ctx, large)
    asked = record_stack(qtbot, recorder, "jj28.11.u")  # the date on the paper is clear
    assert asked == []
    assert revoked_in_class(ctx, large) == []  # the new forms are new consents
