"""The pages of the main window, in navigation order.

An area adds its page here when its issue lands (no placeholder pages). The list names
each page without importing it: the main window shows the navigation and the first page
before the other pages (and SQLAlchemy, which they need) are loaded. A test checks that
each entry's title and object name are those of its class.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from dpo_desk.ui.pages.base import Page


@dataclass(frozen=True)
class PageEntry:
    title: str
    object_name: str
    module: str
    class_name: str

    def load(self) -> type[Page]:
        return getattr(importlib.import_module(self.module), self.class_name)


PAGES: tuple[PageEntry, ...] = (
    PageEntry("Übersicht", "overviewPage", "dpo_desk.ui.overview.page", "OverviewPage"),
    PageEntry("Schüler & Klassen", "rosterPage", "dpo_desk.ui.roster.page", "RosterPage"),
    PageEntry("Einwilligungen", "consentPage", "dpo_desk.ui.consent.page", "ConsentPage"),
    PageEntry(
        "Verarbeitungsverzeichnis", "registerPage", "dpo_desk.ui.register.page", "RegisterPage"
    ),
    PageEntry(
        "Auftragsverarbeiter & TOM",
        "processorsPage",
        "dpo_desk.ui.register.processors_page",
        "ProcessorsPage",
    ),
    PageEntry("DSFA", "dsfaPage", "dpo_desk.ui.dsfa.page", "DsfaPage"),
    PageEntry("Datenpannen", "breachesPage", "dpo_desk.ui.breaches.page", "BreachesPage"),
    PageEntry("Anfragen", "requestsPage", "dpo_desk.ui.requests.page", "RequestsPage"),
    PageEntry("Drucken", "printingPage", "dpo_desk.ui.printing.page", "PrintingPage"),
    PageEntry("Änderungsprotokoll", "auditLogPage", "dpo_desk.ui.audit.page", "AuditLogPage"),
    PageEntry("Einstellungen", "settingsPage", "dpo_desk.ui.settings.page", "SettingsPage"),
    PageEntry("Personen & Rollen", "usersPage", "dpo_desk.ui.users.page", "UsersPage"),
)


def page_classes() -> list[type[Page]]:
    return [entry.load() for entry in PAGES]
