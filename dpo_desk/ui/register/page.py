"""Verarbeitungsverzeichnis: the entries with search and status filter, adding from the
catalogue, release and version history, printing, and the findings that open their place."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.register.findings import CODE_LABELS, Finding
from dpo_desk.core.register.values import DRAFT, RELEASED
from dpo_desk.services.changes import Area
from dpo_desk.services.register import activities
from dpo_desk.services.register.catalogue import add_from_catalogue, catalogue_entries
from dpo_desk.services.register.findings import school_findings
from dpo_desk.ui.common.confirm import ask_yes_no
from dpo_desk.ui.pages.base import Page
from dpo_desk.ui.register.page_printing import RegisterPrinting
from dpo_desk.ui.register.table import (
    RecordsFilterProxy,
    RecordsTableModel,
    TableRow,
    make_table,
)

SEVERITY_COLOURS = {"error": "#a40000", "warning": "#8a5a00", "info": "#555555"}
ARCHIVED = "archived"
STATUS_FILTERS = (
    ("In Gebrauch", f"!{ARCHIVED}"),
    ("Entwürfe", DRAFT),
    ("Freigegeben", RELEASED),
    ("Archiviert", ARCHIVED),
    ("Alle Einträge", None),
)


class RegisterPage(RegisterPrinting, Page):
    title = "Verarbeitungsverzeichnis"
    object_name = "registerPage"
    areas = frozenset({Area.REGISTER, Area.PROCESSORS, Area.SCHOOLS, Area.TEMPLATES})

    def __init__(self, ctx, signals) -> None:
        super().__init__(ctx, signals)
        self.dialog: QWidget | None = None
        self.model = RecordsTableModel(
            ["Bezeichnung", "Status", "Rechtsgrundlage", "Auftragsverarbeiter", "Nächste Prüfung"]
        )
        self.proxy = RecordsFilterProxy(self.model)
        self.table = make_table("activityTable", self.tr("Verarbeitungstätigkeiten"), self.proxy)
        for column, width in enumerate((260, 190, 260, 200)):
            self.table.horizontalHeader().resizeSection(column, width)
        # Enter and double-click both "activate" a row: one signal, one editor.
        self.table.activated.connect(self._open_index)
        self.findings_model = RecordsTableModel(["Stufe", "Prüfung", "Befund"])
        self.findings_proxy = RecordsFilterProxy(self.findings_model)
        self.findings = make_table("findingsTable", self.tr("Prüfungen"), self.findings_proxy)
        self.findings.horizontalHeader().resizeSection(0, 80)
        self.findings.horizontalHeader().resizeSection(1, 220)
        self.findings.activated.connect(self._open_finding_index)
        self.findings_label = QLabel()
        self.findings_label.setTextFormat(Qt.PlainText)
        self.findings_label.setObjectName("findingsSummary")

        self.search = self._edit("activitySearch", "Verzeichnis durchsuchen")
        self.search.setPlaceholderText(self.tr("Suchen … (Strg+F)"))
        self.search.textChanged.connect(self._filter)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("activityStatusFilter")
        self.status_filter.setAccessibleName(self.tr("Status filtern"))
        for label, value in STATUS_FILTERS:
            self.status_filter.addItem(self.tr(label), value)
        self.status_filter.currentIndexChanged.connect(self._filter)
        self.proxy.set_status(STATUS_FILTERS[0][1])
        self.catalogue = QComboBox()
        self.catalogue.setObjectName("catalogueChoice")
        self.catalogue.setAccessibleName(self.tr("Vorlage aus dem Katalog"))
        for entry in catalogue_entries():
            self.catalogue.addItem(entry.name, entry.key)
        self._build_print_options()
        b = self._button
        self.buttons = [
            b("newActivityButton", "&Neu …", self.new_activity),
            b("addFromCatalogueButton", "Aus &Katalog", self.add_from_catalogue),
            b("editActivityButton", "&Bearbeiten …", self.edit_current),
            b("versionsButton", "&Versionen …", self.show_versions),
            b("archiveActivityButton", "A&rchivieren …", self.archive_current),
            b("deleteActivityButton", "&Löschen …", self.delete_current),
            b("printRegisterButton", "Verzeichnis &drucken …", self.choose_register_file),
            b("printEntryButton", "&Eintrag drucken …", self.choose_entry_file),
            b("printInfoSheetButton", "&Informationsblatt …", self.choose_info_sheet_file),
        ]
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.status_filter)
        top.addWidget(self.catalogue)
        for button in self.buttons[:2]:
            top.addWidget(button)
        actions = QHBoxLayout()
        for button in self.buttons[2:6]:
            actions.addWidget(button)
        actions.addStretch(1)
        printing = QHBoxLayout()
        for button in self.buttons[6:]:
            printing.addWidget(button)
        printing.addWidget(self.audience)
        printing.addWidget(self.draft)
        printing.addStretch(1)
        upper, lower = QWidget(), QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addLayout(actions)
        upper_layout.addLayout(printing)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(
            QLabel(self.tr("<b>Prüfungen</b> – Doppelklick oder Enter öffnet die Stelle"))
        )
        lower_layout.addWidget(self.findings, 1)
        lower_layout.addWidget(self.findings_label)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setSizes([450, 250])
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Verzeichnis der Verarbeitungstätigkeiten</h2>")))
        layout.addWidget(splitter, 1)
        QShortcut(QKeySequence.Find, self, self.search.setFocus)
        self._update_enabled()

    def _edit(self, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(self.tr(accessible))
        edit.setClearButtonEnabled(True)
        return edit

    def _button(self, name: str, text: str, slot) -> QPushButton:
        button = QPushButton(self.tr(text))
        button.setObjectName(name)
        button.setAccessibleName(self.tr(text).replace("&", "").rstrip(" …"))
        button.clicked.connect(slot)
        return button

    # --- loading ------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.school_id is None:
            self.model.set_rows([])
            self.findings_model.set_rows([])
            self._update_enabled()
            return
        selected = self.proxy.item_at(self.table.currentIndex())
        rows = [
            TableRow(
                a,
                (
                    a.name,
                    a.status_label,
                    a.legal_basis,
                    a.processors,
                    f"{a.next_review:%d.%m.%Y}" if a.next_review else "",
                ),
                status=ARCHIVED if a.archived else a.status,
                sort_keys=(
                    a.name,
                    a.status_label,
                    a.legal_basis,
                    a.processors,
                    a.next_review.isoformat() if a.next_review else "",
                ),
            )
            for a in activities.list_activities(self.ctx, self.school_id)
        ]
        self.model.set_rows(rows)
        if selected is not None and (row := self.proxy.row_of(selected.id)) >= 0:
            self.table.selectRow(row)
        findings = school_findings(self.ctx, self.school_id)
        self.findings_model.set_rows(
            [
                TableRow(
                    f,
                    (f.severity_label, CODE_LABELS[f.code], f.message),
                    f.severity,
                    sort_keys=(f"{rank:04d}", CODE_LABELS[f.code], f.message),
                    colour=SEVERITY_COLOURS[f.severity],
                )
                for rank, f in enumerate(findings)
            ]
        )
        errors = sum(1 for f in findings if f.severity == "error")
        self.findings_label.setText(
            self.tr("%1 Befunde, davon %2 Fehler")
            .replace("%1", str(len(findings)))
            .replace("%2", str(errors))
            if findings
            else self.tr("Keine Befunde: Das Verzeichnis ist vollständig und aktuell.")
        )
        self._update_enabled()

    def _filter(self) -> None:
        self.proxy.set_search(self.search.text())
        self.proxy.set_status(self.status_filter.currentData())

    def _update_enabled(self) -> None:
        has_school = self.school_id is not None
        for button in self.buttons:
            button.setEnabled(has_school)

    def current_activity(self) -> activities.ActivitySummary | None:
        item = self.proxy.item_at(self.table.currentIndex())
        if item is None and self.proxy.rowCount():
            self.table.selectRow(0)
            item = self.proxy.item_at(self.table.currentIndex())
        return item

    # --- entries ------------------------------------------------------------------------

    def open_activity(self, activity_id: int | None, field: str = "", data=None) -> None:
        from dpo_desk.ui.register.activity_dialog import ActivityDialog

        if self.school_id is None:
            return
        school_id = self.school_id
        dialog = self.operations.editors.open(
            ("activity", activity_id),
            lambda: ActivityDialog(self.ctx, self.signals, school_id, activity_id, data, self),
        )
        if field:
            dialog.focus_field(field)
        self.dialog = dialog

    def open_target(self, target) -> None:
        """An entry at a field (its review date unless a check names another), a processor
        at the field a check names, the drafts or a new entry (the register's checks), or
        the catalogue (first steps)."""
        if target.place == "catalogue":  # choose an entry, then "Aus Katalog"
            self.catalogue.setFocus()
        elif target.entity_type == "activity" and target.entity_id is not None:
            self.open_activity(target.entity_id, target.field or "next_review")
        elif target.entity_type == "processor" and target.entity_id is not None:
            self._open_processor(target.entity_id, target.field or "contract_review")
        elif target.entity_type == "register":
            if target.field == "new":
                self.new_activity()
            else:
                self.status_filter.setCurrentIndex(
                    [value for _label, value in STATUS_FILTERS].index(DRAFT)
                )
                self.edit_current()

    def new_activity(self) -> None:
        self.open_activity(None)

    def add_from_catalogue(self) -> None:
        if self.school_id is None:
            return
        school_id, key = self.school_id, self.catalogue.currentData()
        created = self.operations.run(
            lambda: add_from_catalogue(self.ctx, school_id, key), parent=self
        )
        if created is None:
            return
        self.signals.status_message.emit(
            self.tr("Entwurf „%1“ aus dem Katalog angelegt.").replace("%1", created.data.name)
        )
        self.open_activity(created.id)

    def edit_current(self) -> None:
        current = self.current_activity()
        if current is not None:
            self.open_activity(current.id)

    def _open_index(self, index: QModelIndex) -> None:
        item = self.proxy.item_at(index)
        if item is not None:
            self.open_activity(item.id)

    def show_versions(self) -> None:
        from dpo_desk.ui.register.versions_dialog import ActivityVersionsDialog

        current = self.current_activity()
        if current is not None:
            self.dialog = ActivityVersionsDialog(self.ctx, current.id, self)
            self.dialog.open()

    def archive_current(self) -> None:
        """Archive the chosen entry (asking for reason and dates), or take an archived one
        back into use."""
        from dpo_desk.ui.register.archive_dialog import ArchiveDialog

        current = self.current_activity()
        if current is None:
            return
        if current.archived:
            self.dialog = ask_yes_no(
                self,
                self.tr("Wieder in Gebrauch nehmen"),
                self.tr("„%1“ ist archiviert. Wieder in Gebrauch nehmen?").replace(
                    "%1", current.name
                ),
                "confirmRestoreActivity",
                lambda: self._restore_confirmed(current.id),
            )
            return
        self.dialog = ArchiveDialog(self.ctx, self.signals, current.id, current.name, self)
        self.dialog.open()

    def _restore_confirmed(self, activity_id: int) -> None:
        from dpo_desk.services.register.archive import restore_activity

        if self.operations.run(lambda: restore_activity(self.ctx, activity_id), parent=self):
            self.signals.status_message.emit(self.tr("Eintrag wieder in Gebrauch."))

    def delete_current(self) -> None:
        current = self.current_activity()
        if current is None:
            return
        self.dialog = ask_yes_no(
            self,
            self.tr("Eintrag löschen"),
            self.tr("„%1“ mit allen freigegebenen Versionen löschen?").replace("%1", current.name),
            "confirmDeleteActivity",
            lambda: self._delete_confirmed(current.id),
        )

    def _delete_confirmed(self, activity_id: int) -> None:
        deleted = self.operations.run(
            lambda: activities.delete_activity(self.ctx, activity_id), parent=self
        )
        if deleted is not None:
            self.signals.status_message.emit(self.tr("Eintrag gelöscht."))

    # --- findings -----------------------------------------------------------------------

    def _open_finding_index(self, index: QModelIndex) -> None:
        finding = self.findings_proxy.item_at(index)
        if finding is not None:
            self.open_finding(finding)

    def open_finding(self, finding: Finding) -> None:
        """Open the form (and field) where the finding can be fixed (``Finding.target``),
        the way every place is opened (``signals.open_requested``)."""
        if finding.target.page != self.objectName():
            self.signals.status_message.emit(finding.message)
        self.signals.open_requested.emit(finding.target, self.school_id)

    def _open_processor(self, processor_id: int, field: str) -> None:
        from dpo_desk.ui.register.processor_dialog import ProcessorDialog

        dialog = self.operations.editors.open(
            ("processor", processor_id),
            lambda: ProcessorDialog(self.ctx, self.signals, processor_id, parent=self),
        )
        dialog.focus_field(field)
        self.dialog = dialog
