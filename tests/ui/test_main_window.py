"""The main window as a user meets it: first start, creating schools, switching, reopening."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit

from dpo_desk.services.schools import list_schools
from dpo_desk.ui.schools.school_dialog import NewSchoolDialog


def _fill_dialog_by_keyboard(qtbot, dialog: NewSchoolDialog, name: str, number: str) -> None:
    form = dialog.form
    assert QApplication.focusWidget() is form.editor("name")
    # Type into the focused field, Tab to the next one, as a secretary would.
    for text in (name, number, "Schulstraße 5", "10115", "Berlin"):
        qtbot.keyClicks(QApplication.focusWidget(), text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    state = QApplication.focusWidget()
    assert isinstance(state, QComboBox)
    qtbot.keyClicks(state, "Berlin")
    qtbot.keyClick(dialog, Qt.Key_Return)


def _create_school_via_dialog(qtbot, window, name: str, number: str) -> None:
    handled: list[bool] = []

    def handle() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, NewSchoolDialog)]
        visible = [d for d in dialogs if d.isVisible() and d.isActiveWindow()]
        if not visible:
            QTimer.singleShot(10, handle)
            return
        dialog = visible[0]
        try:
            _fill_dialog_by_keyboard(qtbot, dialog, name, number)
        finally:
            handled.append(True)
            if dialog.isVisible():  # never leave a modal dialog open: it would hang the run
                problems = dialog.form.findChild(QLabel, "schoolFormErrors").text()
                dialog.reject()
                raise AssertionError(f"dialog did not accept: {problems}")

    window.activateWindow()  # offscreen has no window manager to hand focus back
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    QTimer.singleShot(0, handle)
    qtbot.keyClick(window, Qt.Key_H, Qt.AltModifier)  # "Neue Sc&hule …"
    # A button's mnemonic clicks it after a short animation.
    qtbot.waitUntil(lambda: bool(handled), timeout=3000)


def test_first_start_offers_to_create_a_school_or_load_the_demo(open_window) -> None:
    window = open_window()
    overview = window.page("overviewPage")
    assert window.current_page() is overview
    assert overview.create_button.isVisible()
    assert overview.demo_button.isVisible()
    assert window.school_switcher.count() == 0
    assert window.navigation.item(0).text() == "Übersicht"


def test_create_school_by_keyboard_fills_in_the_authority(qtbot, open_window) -> None:
    window = open_window()
    _create_school_via_dialog(qtbot, window, "Gymnasium Am Park", "654321")
    assert window.school_switcher.currentText() == "Gymnasium Am Park (654321)"
    settings = window.page("settingsPage")
    window.show_page(window.pages.index(settings))
    assert settings.form.profile().authority_name.startswith("Berliner Beauftragte")
    summary = window.page("overviewPage").summary.text()
    assert "Gymnasium Am Park" in summary


def test_invalid_school_shows_german_problems_and_keeps_the_dialog(qtbot, open_window) -> None:
    window = open_window()
    dialog = NewSchoolDialog(window.ctx, window.signals.operations, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.editor("name"), "Schule ohne Anschrift")
    qtbot.keyClicks(dialog.form.editor("postcode"), "1234")
    qtbot.keyClick(dialog, Qt.Key_Return)
    errors = dialog.form.findChild(QLabel, "schoolFormErrors")
    assert errors.isVisible()
    assert "PLZ: „1234“ ist keine Postleitzahl" in errors.text()
    assert "Ort: Bitte ausfüllen." in errors.text()
    assert dialog.isVisible()
    assert list_schools(window.ctx) == []


def test_switching_schools_and_reopening_keeps_everything(qtbot, open_window) -> None:
    window = open_window()
    _create_school_via_dialog(qtbot, window, "Erste Schule", "100001")
    _create_school_via_dialog(qtbot, window, "Zweite Schule", "100002")
    assert window.school_switcher.count() == 2
    assert window.school_switcher.currentText() == "Zweite Schule (100002)"

    window.school_switcher.setFocus()
    qtbot.keyClick(window.school_switcher, Qt.Key_Up)
    assert window.school_switcher.currentText() == "Erste Schule (100001)"
    overview = window.page("overviewPage")
    assert "Erste Schule" in overview.summary.text()

    settings = window.page("settingsPage")
    window.show_page(window.pages.index(settings))
    user = settings.findChild(QLineEdit, "personName")
    user.clear()
    qtbot.keyClicks(user, "Aylin Özdemir")
    function = settings.findChild(QComboBox, "personFunction")
    function.setCurrentIndex(function.findData("Sekretariat"))
    qtbot.keyClick(user, Qt.Key_Return)
    town = settings.form.editor("town")
    town.clear()
    qtbot.keyClicks(town, "Potsdam")
    qtbot.mouseClick(settings.save_button, Qt.LeftButton)
    window.resize(1000, 700)
    window.close()

    reopened = open_window()
    assert reopened.school_switcher.count() == 2
    assert reopened.school_switcher.currentText() == "Erste Schule (100001)"
    assert reopened.size().width() == 1000
    settings = reopened.page("settingsPage")
    reopened.show_page(reopened.pages.index(settings))
    assert settings.form.profile().town == "Potsdam"
    assert settings.findChild(QLineEdit, "personName").text() == "Aylin Özdemir"
    assert reopened.ctx.actor == "Aylin Özdemir (Sekretariat)"
    status = reopened.findChild(QLabel, "personStatus")
    assert status.text() == "Es arbeitet: Aylin Özdemir (Sekretariat)"


def test_load_demo_from_the_welcome_page(qtbot, open_window) -> None:
    window = open_window()
    overview = window.page("overviewPage")
    qtbot.mouseClick(overview.demo_button, Qt.LeftButton)
    # The demo loads in the background; the window stays usable meanwhile.
    qtbot.waitUntil(lambda: window.school_switcher.count() == 2, timeout=60000)
    assert "Demo-Daten geladen" in window.statusBar().currentMessage()
    banner = overview.backup_banner
    assert banner.isVisible()
    assert "Datensicherung" in banner.text()


def test_pages_are_reachable_by_keyboard(qtbot, open_window) -> None:
    window = open_window()
    qtbot.keyClick(window, Qt.Key_2, Qt.ControlModifier)
    assert window.current_page() is window.pages[1]
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key_Home)
    assert window.current_page() is window.pages[0]
