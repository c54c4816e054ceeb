"""The library on the settings page ("Bibliothek …"): a record of this school goes in by
ticking it, another school takes it over through the import preview, a later change is
shown to that school and taken with "Änderungen ansehen …"; removing asks first and keeps
the copies; a library scenario appears in the DSFA editor's list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from dpo_desk.core.register.values import TomData
from dpo_desk.services.library import items
from dpo_desk.services.register.toms import list_toms, update_tom
from dpo_desk.ui.settings.page import SettingsPage
from dpo_desk.ui.signals import AppSignals


@pytest.fixture
def page(qtbot, ctx, demo) -> SettingsPage:
    widget = SettingsPage(ctx, AppSignals())
    qtbot.addWidget(widget)
    widget.set_school(demo.schools[0].id)
    widget.show()
    return widget


def _open_library(qtbot, page):
    qtbot.mouseClick(page.exchange.library_button, Qt.LeftButton)
    dialog = page.exchange.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=10_000)
    return dialog


def _tick(dialog, title: str) -> None:
    records = dialog.records
    for row in range(records.count()):
        if records.item(row).text().startswith(title):
            records.item(row).setCheckState(Qt.Checked)
            return
    raise AssertionError(title)


def test_a_measure_goes_into_the_library_and_into_another_school(qtbot, page, ctx, demo) -> None:
    first, second = demo.schools[0].id, demo.schools[1].id
    tom = next(iter(list_toms(ctx, first, None)))
    library = _open_library(qtbot, page)
    assert library.table.rowCount() == 0
    assert "leer" in library.message.text()

    qtbot.mouseClick(library.add_button, Qt.LeftButton)
    adding = library.child
    adding.kind.setCurrentIndex(adding.kind.findData("tom"))
    _tick(adding, tom.title)
    qtbot.mouseClick(adding.confirm, Qt.LeftButton)
    qtbot.waitUntil(lambda: library.table.rowCount() == 1, timeout=10_000)
    assert library.table.item(0, 1).text() == tom.title
    assert library.table.item(0, 2).text() == "1"
    library.accept()

    # The other school takes it over; a later change in the library is offered there.
    page.set_school(second)
    library = _open_library(qtbot, page)
    library.table.selectRow(0)
    qtbot.mouseClick(library.take_button, Qt.LeftButton)
    preview = library.child
    assert preview.target_school() == second
    assert preview.target.findText("eine neue Schule", Qt.MatchStartsWith) == -1
    qtbot.mouseClick(preview.import_button, Qt.LeftButton)
    assert "Importiert:" in preview.message.text()
    preview.accept()
    library.accept()

    update_tom(
        ctx, tom.id, TomData(tom.title, "Neu gefasst", tom.protection_goal, tom.control_type)
    )
    items.add_to_library(ctx, first, "tom", tom.title)
    page.exchange.refresh()
    assert "Einträge der Bibliothek wurden seit der Übernahme geändert" in (
        page.exchange.updates.text()
    )
    library = _open_library(qtbot, page)
    assert library.updates_button.isVisibleTo(library)
    assert "Stand 2" in library.updates.text()
    qtbot.mouseClick(library.updates_button, Qt.LeftButton)
    preview = library.child
    for row in range(preview.table.rowCount()):
        preview.table.selectRow(row)
    qtbot.mouseClick(preview.choice_buttons["replace"], Qt.LeftButton)
    qtbot.mouseClick(preview.import_button, Qt.LeftButton)
    preview.accept()
    qtbot.waitUntil(lambda: not library.updates_button.isVisibleTo(library), timeout=10_000)
    assert any(
        t.description == "Neu gefasst" for t in list_toms(ctx, second, None) if t.title == tom.title
    )


def test_removing_asks_and_keeps_the_copies(qtbot, page, ctx, demo) -> None:
    first = demo.schools[0].id
    tom = next(iter(list_toms(ctx, first, None)))
    items.add_to_library(ctx, first, "tom", tom.title)
    library = _open_library(qtbot, page)
    library.table.selectRow(0)
    qtbot.mouseClick(library.remove_button, Qt.LeftButton)
    question = library.question
    assert tom.title in question.text()
    qtbot.mouseClick(question.button(QMessageBox.Yes), Qt.LeftButton)
    qtbot.waitUntil(lambda: library.table.rowCount() == 0, timeout=10_000)
    assert any(t.title == tom.title for t in list_toms(ctx, first, None))


def test_a_library_scenario_is_added_in_the_dsfa_editor(qtbot, open_window, ctx, demo) -> None:
    from sqlalchemy import select

    from dpo_desk.services.library import scenarios
    from dpo_desk.services.register import activities
    from dpo_desk.store.models import DsfaScenario

    first, second = demo.schools[0].id, demo.schools[1].id
    with ctx.reading() as session:
        title = session.scalars(
            select(DsfaScenario.title).where(DsfaScenario.school_id == first)
        ).first()
    items.add_to_library(ctx, first, scenarios.KIND, title)
    window = open_window()
    window.select_school(second)
    page = window.page("dsfaPage")
    window.navigation.setCurrentItem(window.navigation.findItems("DSFA", Qt.MatchExactly)[0])
    qtbot.waitUntil(page.isVisible, timeout=10_000)
    homepage = activities.find_activity(ctx, second, "homepage")
    page.activity.setCurrentIndex(page.activity.findData(homepage.id))
    qtbot.mouseClick(page.create_button, Qt.LeftButton)
    page.tabs.setCurrentIndex(1)
    panel = page.scenarios
    index = panel.catalogue.findText(f"{title} (Bibliothek, Stand 1)")
    assert index >= 0
    panel.catalogue.setCurrentIndex(index)
    before = panel.list.count()
    qtbot.mouseClick(panel.add_catalogue, Qt.LeftButton)
    assert panel.list.count() == before + 1
    assert panel.list.item(before).text().endswith(title)
