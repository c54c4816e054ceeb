"""Personen & Rollen in the window: the DPO adds a person, gives her a role at a school,
locks the account; a secretary sees the page but may change nothing; on the laptop the
page explains server mode."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dpo_desk.app import open_app
from dpo_desk.core.access import Role
from dpo_desk.services.schools import create_school
from dpo_desk.services.users import accounts
from dpo_desk.ui.signals import AppSignals
from dpo_desk.ui.users.page import UsersPage
from tests.conftest import sample_profile
from tests.postgres.people import PASSWORD, add_person, login_for, signed_in


def _page(qtbot, ctx, school_id) -> UsersPage:  # type: ignore[no-untyped-def]
    page = UsersPage(ctx, AppSignals())
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    page.set_school(school_id)
    return page


def _fill(qtbot, dialog, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit

    field = dialog.findChild(QLineEdit, name)
    field.setFocus()
    qtbot.keyClicks(field, text)


def _ok(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    qtbot.mouseClick(dialog.findChild(QPushButton, "dialogOk"), Qt.LeftButton)


def test_the_dpo_adds_a_person_grants_a_role_and_locks_her(
    qtbot, server_templates, server_db, server_url, tmp_path
) -> None:
    admin = open_app(str(tmp_path / "a"), database_url=server_url)
    try:
        school = create_school(admin, sample_profile(name="Nordschule")).id
        page = _page(qtbot, admin, school)
        assert page.add_button.isEnabled()
        qtbot.mouseClick(page.add_button, Qt.LeftButton)
        dialog = page.dialog
        login = login_for("neu", server_db)
        _fill(qtbot, dialog, "personLogin", login)
        _fill(qtbot, dialog, "personName", "Nora Neu")
        _fill(qtbot, dialog, "personPassword", PASSWORD)
        _fill(qtbot, dialog, "personPasswordAgain", "anders")
        _ok(qtbot, dialog)
        assert (
            "stimmen nicht überein"
            in dialog.findChild(type(dialog.problem), "dialogProblem").text()
        )
        dialog.again.clear()
        _fill(qtbot, dialog, "personPasswordAgain", PASSWORD)
        _ok(qtbot, dialog)
        qtbot.waitUntil(lambda: any(u.login == login for u in page.users), timeout=10_000)
        assert page.selected().login == login

        qtbot.mouseClick(page.grant_button, Qt.LeftButton)
        role_dialog = page.dialog
        role_dialog.role.setCurrentIndex(role_dialog.role.findData(Role.SECRETARY.value))
        _ok(qtbot, role_dialog)
        row = next(i for i, u in enumerate(page.users) if u.login == login)
        assert page.table.item(row, 3).text() == "Nordschule: Sekretariat"

        with signed_in(server_templates, server_db, login, tmp_path / "n") as nora:
            assert nora.actor == f"Nora Neu ({login})"

        qtbot.mouseClick(page.lock_button, Qt.LeftButton)
        row = next(i for i, u in enumerate(page.users) if u.login == login)
        assert page.table.item(row, 4).text() == "gesperrt"
        assert page.lock_button.text().replace("&", "") == "Entsperren"
    finally:
        admin.db.close()


def test_a_secretary_sees_the_page_but_changes_nothing(
    qtbot, server_templates, server_db, server_url, tmp_path
) -> None:
    admin = open_app(str(tmp_path / "a"), database_url=server_url)
    try:
        school = create_school(admin, sample_profile(name="Nordschule")).id
        login = add_person(admin, server_db, "sek", {school: Role.SECRETARY}, "Sina Sek")
    finally:
        admin.db.close()
    with signed_in(server_templates, server_db, login, tmp_path / "s") as secretary:
        page = _page(qtbot, secretary, school)
        assert not page.add_button.isEnabled()
        assert "nur Datenschutzbeauftragte" in page.intro.text()
        page.select(login)
        assert not page.lock_button.isEnabled() and page.password_button.isEnabled()
        # a button bypassed: the service refuses all the same, in German, nothing written
        before = accounts.list_users(secretary)
        page._toggle_active()
        assert "Keine Berechtigung" in _shown(page)
        assert accounts.list_users(secretary) == before


def _shown(page) -> str:  # type: ignore[no-untyped-def]
    problem = page.operations.last_problem
    return problem.text() if problem is not None else ""


def test_on_the_laptop_the_page_explains_server_mode(qtbot, ctx, school_id) -> None:
    page = _page(qtbot, ctx, school_id)
    assert "Servermodus" in page.intro.text()
    assert not page.table.isVisible() and not page.add_button.isEnabled()
