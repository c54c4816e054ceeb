"""The DSFA page's action plan and views of those affected, the authority's list in the
threshold analysis, and the order of scenarios, driven like a DPO."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from dpo_desk.services.dsfa import assessments as dsfa
from dpo_desk.services.dsfa import scenarios
from dpo_desk.services.dsfa.due import open_measures_of
from dpo_desk.services.register import activities
from dpo_desk.services.register.toms import list_toms
from tests.ui.typing_support import type_date


@pytest.fixture
def video(qtbot, open_window, demo):
    """The DSFA page on the video conference draft, a school measure linked to scenario 1."""
    window = open_window()
    school_id = demo.schools[1].id
    window.select_school(school_id)
    page = window.page("dsfaPage")
    ctx = page.ctx
    entry = activities.find_activity(ctx, school_id, "videokonferenz")
    draft = dsfa.current_assessment(ctx, entry.id)
    linked = {m.tom_id for s in draft.scenarios for m in s.measures}
    tom = next(
        t for t in list_toms(ctx, school_id) if t.processor_id is None and t.id not in linked
    )
    first = draft.scenarios[0]
    window.signals.operations.announce(
        scenarios.link_measures(ctx, first.id, [*(m.tom_id for m in first.measures), tom.id])
    )
    item = window.navigation.findItems("DSFA", Qt.MatchExactly)[0]
    window.navigation.setCurrentItem(item)
    qtbot.waitUntil(page.isVisible, timeout=3000)
    page.select_activity(entry.id)
    assert page.detail.activity_key == "videokonferenz"
    page.tabs.setCurrentWidget(page.plan)
    return window, page, school_id, tom


def row_of(plan, title: str) -> int:
    titles = [plan.actions.item(r, 0).text() for r in range(plan.actions.rowCount())]
    return titles.index(title) if title in titles else -1


def test_action_plan_owner_deadline_and_status(qtbot, video) -> None:
    _, page, school_id, tom = video
    plan = page.plan
    qtbot.waitUntil(lambda: row_of(plan, tom.title) >= 0, timeout=3000)
    row = row_of(plan, tom.title)
    assert plan.actions.item(row, 1).text() == "1"  # linked to scenario 1
    plan.actions.setCurrentCell(row, 0)
    plan.owner.setText("Herr Kaya (IT)")
    type_date(qtbot, plan.due, "1.2.27")
    plan.status.setCurrentIndex(plan.status.findData("in_progress"))
    qtbot.mouseClick(plan.save_action, Qt.LeftButton)
    qtbot.waitUntil(lambda: plan.actions.item(row, 2).text() == "Herr Kaya (IT)", timeout=3000)
    assert plan.actions.item(row, 3).text() == "01.02.2027"
    assert plan.actions.item(row, 4).text() == "in Arbeit"
    assert plan.actions.currentRow() == row  # the edited line stays chosen
    due = [m for m in open_measures_of(page.ctx, school_id) if m.activity_key == "videokonferenz"]
    assert [(m.title, m.owner, m.due_on) for m in due] == [
        (tom.title, "Herr Kaya (IT)", date(2027, 2, 1))
    ]


def test_a_deadline_without_an_owner_is_refused(qtbot, video) -> None:
    _, page, _, tom = video
    plan = page.plan
    qtbot.waitUntil(lambda: row_of(plan, tom.title) >= 0, timeout=3000)
    plan.actions.setCurrentCell(row_of(plan, tom.title), 0)
    plan.owner.clear()
    plan.status.setCurrentIndex(plan.status.findData("open"))
    type_date(qtbot, plan.due, "1.2.27")
    qtbot.mouseClick(plan.save_action, Qt.LeftButton)
    assert "wer verantwortlich ist" in plan.action_error.text()
    stored = dsfa.get_assessment(page.ctx, page.detail.id).actions
    assert next(a for a in stored if a.tom_id == tom.id).data.due_on is None


def test_views_of_those_affected_are_recorded(qtbot, video) -> None:
    _, page, _, _ = video
    plan = page.plan
    qtbot.mouseClick(plan.new_view, Qt.LeftButton)
    plan.group.setEditText("Schülervertretung")
    qtbot.mouseClick(plan.save_view, Qt.LeftButton)
    assert "zusammenfassen" in plan.view_error.text()
    type_date(qtbot, plan.asked, "5.10.2026")
    plan.summary.setPlainText("Kamerapflicht abgelehnt; Hintergrundfilter gewünscht.")
    plan.response.setPlainText("Kamera bleibt freiwillig.")
    qtbot.mouseClick(plan.save_view, Qt.LeftButton)
    qtbot.waitUntil(lambda: plan.views.count() == 1, timeout=3000)
    assert plan.views.item(0).text().startswith("Schülervertretung – 05.10.2026: Kamerapflicht")
    stored = dsfa.get_assessment(page.ctx, page.detail.id).views
    assert stored[0].data.response == "Kamera bleibt freiwillig."


def test_scenarios_move_up_and_down(qtbot, video) -> None:
    _, page, _, _ = video
    panel = page.scenarios
    page.tabs.setCurrentWidget(panel)
    first, second = (s.data.title for s in page.detail.scenarios[:2])
    panel.list.setCurrentRow(1)
    qtbot.mouseClick(panel.move_up, Qt.LeftButton)
    qtbot.waitUntil(lambda: panel.list.item(0).text() == f"1. {second}", timeout=3000)
    assert panel.list.item(1).text() == f"2. {first}"
    assert panel.list.currentRow() == 0
    titles = [s.data.title for s in dsfa.get_assessment(page.ctx, page.detail.id).scenarios]
    assert titles[:2] == [second, first]


def test_threshold_dialog_offers_the_authority_list_and_scrolls(qtbot, video) -> None:
    _, page, _, _ = video
    qtbot.mouseClick(page.threshold_button, Qt.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert len(dialog.boxes) == 9
    assert len(dialog.list_boxes) >= 10
    key, box = next(iter(dialog.list_boxes.items()))
    for other in dialog.boxes.values():
        other.setChecked(False)
    dialog.state_list.setChecked(False)
    box.setChecked(True)
    assert "Liste der Aufsichtsbehörde" in dialog.suggestion.text()
    dialog.resize(1024, 600)
    assert dialog.save_button.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    stored = dsfa.get_threshold(page.ctx, page.detail.activity_id)
    assert stored.answers.list_items == {key}
