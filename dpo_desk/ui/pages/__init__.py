"""The pages of the main window, in navigation order.

An area adds its page here when its issue lands (no placeholder pages).
"""

from __future__ import annotations

from dpo_desk.ui.pages.base import Page


def page_classes() -> list[type[Page]]:
    from dpo_desk.ui.audit.page import AuditLogPage
    from dpo_desk.ui.consent.page import ConsentPage
    from dpo_desk.ui.dsfa.page import DsfaPage
    from dpo_desk.ui.overview.page import OverviewPage
    from dpo_desk.ui.printing.page import PrintingPage
    from dpo_desk.ui.register.page import RegisterPage
    from dpo_desk.ui.register.processors_page import ProcessorsPage
    from dpo_desk.ui.roster.page import RosterPage
    from dpo_desk.ui.settings.page import SettingsPage

    return [
        OverviewPage,
        RosterPage,
        ConsentPage,
        RegisterPage,
        ProcessorsPage,
        DsfaPage,
        PrintingPage,
        AuditLogPage,
        SettingsPage,
    ]
