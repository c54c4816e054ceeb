"""Bibliothek: the records kept once for all schools. From here a school takes items over
(through the import dialog's preview and choices), puts its own records in, removes items,
and takes the changes made to items since it took its copies."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from dpo_desk.services.library.items import (
    LibraryEntry,
    library_archive,
    library_updates,
    list_library,
    remove_from_library,
)
from dpo_desk.services.library.scenarios import KIND as SCENARIO
from dpo_desk.services.library.scenarios import renew_scenarios
from dpo_desk.ui.common.confirm import ask_yes_no
from dpo_desk.ui.common.screen import fit_to_screen
from dpo_desk.ui.exchange.import_dialog import ImportDialog
from dpo_desk.ui.library.add_dialog import AddToLibraryDialog
from dpo_desk.ui.signals import AppSignals

COLUMNS = ("Art", "Titel", "Stand", "Geändert", "Aus der Schule", "Kopien")


def _label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class LibraryDialog(QDialog):
    def __init__(
        self, ctx, signals: AppSignals, school_id: int, school_name: str, parent=None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.signals, self.school_id = ctx, signals, school_id
        self.entries: list[LibraryEntry] = []
        self.child: QDialog | None = None
        self.question = None
        self.setObjectName("libraryDialog")
        self.setWindowTitle(self.tr("Bibliothek für alle Schulen"))
        self.setAccessibleName(self.windowTitle())
        intro = _label(
            self.tr(
                "Auftragsverarbeiter (mit Prüfliste, Unterauftragnehmern und TOM-Anlage), "
                "TOM, Einwilligungsvorlagen, VVT-Einträge und DSFA-Szenarien einmal pflegen "
                "und in jede Schule übernehmen. Übernommene Einträge bleiben mit der "
                "Bibliothek verbunden: Ändert sich ein Eintrag, wird die Änderung den Schulen "
                "angeboten. DSFA-Szenarien fügt man im DSFA-Editor hinzu („Aus Katalog“)."
            )
        )
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("libraryItems")
        self.table.setAccessibleName(self.tr("Einträge der Bibliothek"))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.take_button = self._button(
            "libraryTake",
            self.tr("In „%1“ ü&bernehmen …").replace("%1", school_name.replace("&", "&&")),
            self.take,
        )
        self.add_button = self._button(
            "libraryAdd", self.tr("Aus dieser Schule &aufnehmen …"), self.open_add
        )
        self.remove_button = self._button("libraryRemove", self.tr("&Entfernen …"), self.remove)
        self.close_button = self._button("libraryClose", self.tr("Schließen"), self.accept)
        self.updates = _label(name="libraryUpdates")
        self.updates_button = self._button(
            "libraryTakeUpdates", self.tr("Änderungen an&sehen …"), self.take_updates
        )
        self.message = _label(name="libraryMessage")
        update_row = QHBoxLayout()
        update_row.addWidget(self.updates, 1)
        update_row.addWidget(self.updates_button)
        row = QHBoxLayout()
        for button in (self.take_button, self.add_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(update_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        fit_to_screen(self, 900, 560)
        self.reload()

    def _button(self, name: str, text: str, action) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(
            text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(" …")
        )
        button.setAutoDefault(False)
        button.clicked.connect(action)
        return button

    def reload(self) -> None:
        self.entries = list_library(self.ctx)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            values = (
                entry.kind_label,
                entry.title,
                str(entry.revision),
                f"{entry.updated_at:%d.%m.%Y}",
                entry.source_school,
                str(entry.copies),
            )
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if entry.updated_by:
                self.table.item(row, 3).setToolTip(
                    self.tr("von %1").replace("%1", entry.updated_by)
                )
        for column in (0, 2, 3, 5):
            self.table.resizeColumnToContents(column)
        offered = library_updates(self.ctx, self.school_id)
        self.offered = [o.item_id for o in offered]
        self.offered_scenarios = [o.item_id for o in offered if o.kind == SCENARIO]
        self.updates.setText(
            self.tr("%1 übernommene Einträge wurden in der Bibliothek geändert: %2")
            .replace("%1", str(len(offered)))
            .replace("%2", ", ".join(f"{o.title} (Stand {o.revision})" for o in offered[:5]))
            if offered
            else self.tr("Alle übernommenen Einträge sind auf dem Stand der Bibliothek.")
        )
        self.updates_button.setVisible(bool(offered))
        empty = not self.entries
        self.take_button.setEnabled(not empty)
        self.remove_button.setEnabled(not empty)
        if empty:
            self.message.setText(
                self.tr("Die Bibliothek ist leer. „Aus dieser Schule aufnehmen“ füllt sie.")
            )

    def selected(self) -> list[LibraryEntry]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.entries[r] for r in rows]

    def take(self) -> None:
        chosen = [e.id for e in self.selected() if e.kind != SCENARIO]
        if not chosen:
            self.message.setText(
                self.tr(
                    "Bitte Einträge markieren (DSFA-Szenarien werden im DSFA-Editor hinzugefügt)."
                )
            )
            return
        self._preview(chosen)

    def take_updates(self) -> None:
        """Scenarios are renewed in place after asking; the other records go through the
        import preview."""
        others = [i for i in self.offered if i not in self.offered_scenarios]
        if not self.offered_scenarios:
            if others:
                self._preview(others)
            return
        self.question = ask_yes_no(
            self,
            self.tr("DSFA-Szenarien erneuern"),
            self.tr(
                "%1 DSFA-Szenario(s) dieser Schule bekommen Texte und Bewertungen aus der "
                "Bibliothek; die verknüpften Maßnahmen bleiben, abgeschlossene DSFAs bleiben "
                "unverändert. Fortfahren?"
            ).replace("%1", str(len(self.offered_scenarios))),
            "libraryRenewScenarios",
            lambda: self._renew(list(self.offered_scenarios), others),
        )

    def _renew(self, scenario_items: list[int], others: list[int]) -> None:
        done = self.signals.operations.run(
            lambda: renew_scenarios(self.ctx, self.school_id, scenario_items), parent=self
        )
        if done is not None:
            self.message.setText(self.tr("%1 Szenario(s) erneuert.").replace("%1", str(done.count)))
        self.reload()
        if done is not None and others:
            self._preview(others)

    def _preview(self, item_ids: list[int]) -> None:
        archive = self.signals.operations.run(
            lambda: library_archive(self.ctx, item_ids), parent=self
        )
        if archive is None:
            return
        dialog = ImportDialog(self.ctx, self.signals, archive, self, target=self.school_id)
        dialog.setWindowTitle(self.tr("Aus der Bibliothek übernehmen"))
        dialog.finished.connect(lambda _=0: self.reload())
        self.child = dialog
        dialog.open()

    def open_add(self) -> None:
        dialog = AddToLibraryDialog(self.ctx, self.signals, self.school_id, self)
        dialog.finished.connect(lambda _=0: self.reload())
        self.child = dialog
        dialog.open()

    def remove(self) -> None:
        chosen = self.selected()
        if not chosen:
            self.message.setText(self.tr("Bitte Einträge markieren."))
            return
        names = ", ".join(f"„{e.title}“" for e in chosen[:5])
        self.question = ask_yes_no(
            self,
            self.tr("Aus der Bibliothek entfernen"),
            self.tr(
                "%1 aus der Bibliothek entfernen? Die Kopien in den Schulen bleiben, sind "
                "dann aber nicht mehr mit der Bibliothek verbunden."
            ).replace("%1", names),
            "libraryRemoveQuestion",
            lambda: self._remove([e.id for e in chosen]),
        )

    def _remove(self, item_ids: list[int]) -> None:
        self.signals.operations.run(lambda: remove_from_library(self.ctx, item_ids), parent=self)
        self.reload()
