"""The whole window on a server database: every page opens with the demo schools, the
rest of the start-up (safety steps) runs, nothing raises; as a secretary the window
offers only her school."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from dpo_desk.app import open_app
from dpo_desk.core.access import Role
from dpo_desk.services.schools import list_schools
from dpo_desk.ui.main_window import MainWindow
from tests.postgres.people import add_person, signed_in


def _visit_every_page(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "ask_before_closing", False))
    window.resize(1024, 600)
    window.show()
    from dpo_desk.ui.safety.start import start_safety

    with qtbot.waitSignal(window.loaded, timeout=60_000):  # as ``ui.app.open_data`` does
        window.load_rest([lambda: start_safety(window, ctx, window.signals)])
    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        QApplication.processEvents()
        assert window.stack.currentIndex() == row
    return window


def test_every_page_opens_on_the_server(qtbot, server_templates, tmp_path) -> None:
    name = server_templates.fresh("demo")
    try:
        ctx = open_app(str(tmp_path / "dsb"), database_url=server_templates.url(name))
        try:
            window = _visit_every_page(qtbot, ctx)
            assert window.school_switcher.count() == 2
            window.close()
        finally:
            ctx.db.close()
    finally:
        server_templates.cluster.drop_database(name)


def test_the_secretary_s_window_offers_only_her_school(qtbot, server_templates, tmp_path):
    name = server_templates.fresh("demo")
    try:
        admin = open_app(str(tmp_path / "a"), database_url=server_templates.url(name))
        try:
            first = list_schools(admin)[0]
            login = add_person(admin, name, "sek", {first.id: Role.SECRETARY}, "Sina Sek")
        finally:
            admin.db.close()
        with signed_in(server_templates, name, login, tmp_path / "s") as secretary:
            window = _visit_every_page(qtbot, secretary)
            assert window.school_switcher.count() == 1
            assert window.school_switcher.currentText().startswith(first.name)
            window.close()
    finally:
        server_templates.cluster.drop_database(name)
