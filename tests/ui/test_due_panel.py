"""Übersicht → Fällig: every dated duty sorted, overdue in red, one list across schools
with a switch, Enter opens the place to act (in the other school too), calendar export."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from dpo_desk.core.breaches.values import BreachData
from dpo_desk.core.requests.values import RequestData
from dpo_desk.services.breaches.records import create_breach
from dpo_desk.services.clock import FixedClock
from dpo_desk.services.requests.records import create_request
from dpo_desk.services.schools import create_school
from tests.conftest import sample_profile

TODAY = date(2026, 10, 13)


@pytest.fixture
def overview(qtbot, open_window, ctx, school_id):
    ctx.clock = FixedClock(TODAY)
    other = create_school(ctx, sample_profile(name="Zweite Schule", school_number="654321")).id
    create_breach(
        ctx,
        school_id,
        BreachData(title="USB-Stick", aware_at=datetime(2026, 10, 12, 8, 15, tzinfo=UTC)),
    )
    create_request(ctx, other, RequestData(received_on=date(2026, 9, 1), subject_name="Lena Vogt"))
    window = open_window()
    window.ctx.clock = FixedClock(TODAY, time(9, 0))
    window.select_school(school_id)
    page = window.page("overviewPage")
    window.show_page(0)
    qtbot.waitUntil(page.isVisible, timeout=3000)
    page.reload()
    return window, page.due_panel, school_id, other


def rows(panel) -> list[tuple[str, ...]]:
    """The duties of the schools (the test folder has no backup: that item is left out)."""
    return [r.cells for r in panel.model.rows if r.cells[2] != "Datensicherung"]


def test_the_start_page_lists_whats_due_across_schools(qtbot, overview, tmp_path: Path) -> None:
    window, panel, _, other = overview
    backup = [r.cells for r in panel.model.rows if r.cells[2] == "Datensicherung"]
    assert [b[4] for b in backup] == ["noch keine Sicherung vorhanden"]
    titles = [cells[3] for cells in rows(panel)]
    assert titles[0] == "Datenpanne 2026-01 „USB-Stick“: melden oder begründen (72 Stunden)"
    assert rows(panel)[0][0] == "15.10.2026 08:15 (noch 47 Std. 15 Min.)"
    assert panel.table.isColumnHidden(1)
    assert not any("Anfrage" in t for t in titles)
    assert panel.all_schools.isVisible()
    qtbot.mouseClick(panel.all_schools, Qt.LeftButton)
    assert not panel.table.isColumnHidden(1)
    first = rows(panel)[0]
    assert first[1] == "Zweite Schule" and first[3].startswith("Anfrage 2026-01")
    assert "seit 12 Tagen überfällig" in first[0]
    assert next(r for r in panel.model.rows if r.cells == first).colour is not None
    assert "Lena Vogt" in first[4]
    assert "überfällig" in panel.summary.text()
    # Enter opens the request in its school.
    panel.table.setFocus()
    row = next(i for i, r in enumerate(panel.model.rows) if r.cells == first)
    panel.table.setCurrentIndex(panel.proxy.index(row, 0))
    qtbot.keyClick(panel.table, Qt.Key_Return)
    requests_page = window.page("requestsPage")
    qtbot.waitUntil(requests_page.isVisible, timeout=3000)
    assert window.current_school_id() == other
    dialog = requests_page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.windowTitle() == "Anfrage 2026-01"
    dialog.reject()
    target = tmp_path / "termine.ics"
    panel.export_calendar_to(target)
    qtbot.waitUntil(target.exists, timeout=5000)
    assert b"BEGIN:VCALENDAR" in target.read_bytes() and b"Lena" not in target.read_bytes()


def test_a_new_breach_appears_at_once(qtbot, overview) -> None:
    window, panel, school_id, _ = overview
    before = len(rows(panel))
    window.signals.operations.run(
        lambda: create_breach(
            window.ctx,
            school_id,
            BreachData(title="Fax falsch", aware_at=datetime(2026, 10, 13, 7, 0, tzinfo=UTC)),
        ),
        parent=window,
    )
    assert len(rows(panel)) == before + 1
