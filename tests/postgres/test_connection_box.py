"""Einstellungen → Server-Verbindung: connecting checks the sign-in before anything is
saved, and switching back to the local file removes the profile; both take effect at the
next start. The settings page works in server mode too."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dpo_desk.app import open_app
from dpo_desk.store.server.target import PROFILE_FILENAME, parse_url
from dpo_desk.ui.settings.page import SettingsPage
from dpo_desk.ui.signals import AppSignals
from dpo_desk.ui.users.connection_box import ServerConnectionBox


def _box(qtbot, ctx) -> ServerConnectionBox:  # type: ignore[no-untyped-def]
    box = ServerConnectionBox(ctx, AppSignals())
    qtbot.addWidget(box)
    box.show()
    return box


def test_connect_from_the_laptop_and_back(qtbot, ctx, server_templates, server_db) -> None:
    box = _box(qtbot, ctx)
    assert "lokalen Datei" in box.mode.text() and not box.local_button.isEnabled()
    address = server_templates.cluster.url(server_db, "pruef_admin", "")
    box.url.setFocus()
    qtbot.keyClicks(box.url, address.replace("postgresql+psycopg", "postgresql"))
    qtbot.keyClicks(box.password, "falsches-passwort")
    qtbot.keyClick(box.password, Qt.Key_Return)
    assert "Passwort ist falsch" in box.message.text()
    assert not (ctx.paths.data_dir / PROFILE_FILENAME).exists()
    qtbot.keyClicks(box.password, parse_url(server_templates.url(server_db)).password or "")
    qtbot.mouseClick(box.connect_button, Qt.LeftButton)
    assert "Verbunden mit" in box.message.text() and "nächsten Start" in box.message.text()
    assert (ctx.paths.data_dir / PROFILE_FILENAME).exists()
    assert box.password.text() == "" and box.local_button.isEnabled()
    qtbot.mouseClick(box.local_button, Qt.LeftButton)
    assert not (ctx.paths.data_dir / PROFILE_FILENAME).exists()
    assert "entfernt" in box.message.text()


def test_the_settings_page_in_server_mode(qtbot, server_url, tmp_path) -> None:
    from dpo_desk.services.schools import create_school
    from tests.conftest import sample_profile

    ctx = open_app(str(tmp_path / "d"), database_url=server_url)
    try:
        school = create_school(ctx, sample_profile()).id
        page = SettingsPage(ctx, AppSignals())
        qtbot.addWidget(page)
        page.resize(1024, 600)
        page.show()
        page.set_school(school)
        box = page.findChild(ServerConnectionBox)
        assert "angemeldet als Paula Prüfer" in box.mode.text()
    finally:
        ctx.db.close()
