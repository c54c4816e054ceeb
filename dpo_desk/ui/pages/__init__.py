"""The pages of the main window, in navigation order.

An area adds its page here when its issue lands (no placeholder pages).
"""

from __future__ import annotations

from dpo_desk.ui.pages.base import Page


def page_classes() -> list[type[Page]]:
    from dpo_desk.ui.pages.consent import ConsentPage
    from dpo_desk.ui.pages.dsfa import DsfaPage
    from dpo_desk.ui.pages.overview import OverviewPage
    from dpo_desk.ui.pages.printing import PrintingPage
    from dpo_desk.ui.pages.processors import ProcessorsPage
    from dpo_desk.ui.pages.register import RegisterPage
    from dpo_desk.ui.pages.roster import RosterPage
    from dpo_desk.ui.pages.settings import SettingsPage

    return [
        OverviewPage,
        RosterPage,
        ConsentPage,
        RegisterPage,
        ProcessorsPage,
        DsfaPage,
        PrintingPage,
        SettingsPage,
    ]
