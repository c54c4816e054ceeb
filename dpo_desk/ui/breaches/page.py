"""Datenpannen: the school's breach register with the 72-hour countdown in the list (renewed
every 30 seconds), filters (open, overdue, year), the editor and the printouts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer

from dpo_desk.core.dates import local_time
from dpo_desk.services.breaches import records as breaches
from dpo_desk.services.changes import Area
from dpo_desk.ui.common.case_list import CaseListPage
from dpo_desk.ui.common.documents import choose_target, write_document
from dpo_desk.ui.common.error_label import ERROR_COLOUR
from dpo_desk.ui.register.table import TableRow

TICK_MS = 30_000


def _printing():
    from dpo_desk.services.breaches import printing

    return printing


class BreachesPage(CaseListPage):
    title = "Datenpannen"
    object_name = "breachesPage"
    areas = frozenset({Area.BREACHES, Area.REGISTER, Area.PROCESSORS})
    heading = "<h2>Datenpannen (Art. 33/34 DSGVO)</h2>"
    headings = (
        "Nr.",
        "Bekannt geworden",
        "Vorfall",
        "Risiko",
        "Stand / Meldefrist",
        "Abgeschlossen",
    )
    entity = "breach"
    prefix = "breach"
    noun = "Datenpannen"

    def __init__(self, ctx, signals) -> None:
        super().__init__(ctx, signals)
        self.table.horizontalHeader().resizeSection(2, 240)
        self.table.horizontalHeader().resizeSection(4, 250)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        """The countdown moves on; nothing is shown while the app is locked."""
        if not self.ctx.db.locked and self.items:
            self.fill_rows()

    def actions(self) -> list[tuple]:
        return [
            *super().actions(),
            ("printNotificationButton", "&Meldung drucken …", self.choose_notification_file),
            ("printLetterButton", "Brief an Be&troffene …", self.choose_letter_file),
            ("printBreachRegisterButton", "&Verzeichnis drucken …", self.choose_register_file),
        ]

    def load(self) -> list[breaches.BreachSummary]:
        return breaches.list_breaches(self.ctx, self.school_id)

    def year_of(self, item: breaches.BreachSummary) -> int:
        return local_time(item.aware_at).year

    def is_overdue(self, item: breaches.BreachSummary) -> bool:
        return item.is_overdue(self.ctx.clock.now())

    def row(self, b: breaches.BreachSummary) -> TableRow:
        now = self.ctx.clock.now()
        aware = local_time(b.aware_at)
        status = b.status_text(now)
        closed = (f"{b.closed_on:%d.%m.%Y}", b.closed_on.isoformat()) if b.closed_on else ("", "")
        return TableRow(
            b,
            (b.reference, f"{aware:%d.%m.%Y %H:%M}", b.title, b.risk_label, status, closed[0]),
            sort_keys=(b.reference, aware.isoformat(), b.title, b.risk_label, status, closed[1]),
            colour=ERROR_COLOUR if b.is_overdue(now) else None,
        )

    def editor(self, school_id: int, record_id: int | None):
        from dpo_desk.ui.breaches.dialog import BreachDialog

        return BreachDialog(self.ctx, self.signals, school_id, record_id, self)

    def delete_question(self, item: breaches.BreachSummary) -> str:
        return (
            self.tr(
                "Datenpanne %1 „%2“ löschen? Nur für versehentliche Einträge: Jede echte "
                "Datenpanne muss dokumentiert bleiben (Art. 33 Abs. 5 DSGVO)."
            )
            .replace("%1", item.reference)
            .replace("%2", item.title)
        )

    def delete(self, record_id: int):
        return breaches.delete_breach(self.ctx, record_id)

    # the names the rest of the app and the tests use
    new_breach = CaseListPage.new_record
    open_breach = CaseListPage.open_record
    current_breach = CaseListPage.current

    # --- printing -----------------------------------------------------------------------

    def _chosen(self, title: str, prefix: str) -> tuple[int, Path] | None:
        current = self.current()
        if current is None:
            self.message.setText(self.tr("Bitte zuerst eine Datenpanne auswählen."))
            return None
        path = choose_target(self, title, f"{prefix}_{current.reference}.pdf")
        return None if path is None else (current.id, path)

    def choose_notification_file(self) -> None:
        chosen = self._chosen(self.tr("Meldung speichern"), "Meldung_Datenpanne")
        if chosen:
            self.print_notification_to(*chosen)

    def choose_letter_file(self) -> None:
        chosen = self._chosen(self.tr("Brief speichern"), "Brief_Betroffene")
        if chosen:
            self.print_letter_to(*chosen)

    def choose_register_file(self) -> None:
        path = choose_target(self, self.tr("Verzeichnis speichern"), "Datenpannen.pdf")
        if path is not None:
            self.print_register_to(path)

    def _write(self, label: str, work) -> None:
        write_document(self.signals, self, label, work)

    def print_notification_to(self, breach_id: int, path: Path) -> None:
        self._write(
            self.tr("Meldung wird erstellt …"),
            lambda: _printing().print_notification(self.ctx, breach_id, path),
        )

    def print_letter_to(self, breach_id: int, path: Path) -> None:
        self._write(
            self.tr("Brief wird erstellt …"),
            lambda: _printing().print_letter(self.ctx, breach_id, path),
        )

    def print_register_to(self, path: Path) -> None:
        school_id = self.school_id
        assert school_id is not None
        self._write(
            self.tr("Verzeichnis wird erstellt …"),
            lambda: _printing().print_breach_register(self.ctx, school_id, path),
        )
