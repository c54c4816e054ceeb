"""DSFA: impact assessments of the school's processing activities — threshold analysis,
the list with status and highest residual risk, the editor with scenarios and heat map,
sign-off, revision and the PDF for signing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.dsfa.risk import class_label
from dpo_desk.core.dsfa.rules import CONSULTATION_NOTE
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.changes import Area
from dpo_desk.services.dsfa import assessments as dsfa
from dpo_desk.services.dsfa.views import AssessmentDetail
from dpo_desk.services.register import activities
from dpo_desk.ui.common.save_dialog import document_path, saved_text
from dpo_desk.ui.common.screen import scrolled
from dpo_desk.ui.common.text import heading, plain_label, plain_tooltip
from dpo_desk.ui.dsfa.editor import (
    DecisionForm,
    DescriptionForm,
    fill,
    read,
    set_read_only,
)
from dpo_desk.ui.dsfa.plan_tab import PlanTab
from dpo_desk.ui.dsfa.scenarios import ScenarioPanel
from dpo_desk.ui.pages.base import Page

HEADINGS = ("Verarbeitungstätigkeit", "Status", "Szenarien", "Höchstes Restrisiko", "Prüfung")


class AssessmentModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dsfa.AssessmentSummary] = []

    def forget(self) -> None:
        """Drop every row (the app is being locked)."""
        self.set_rows([])

    def set_rows(self, rows: list[dsfa.AssessmentSummary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADINGS)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        a = self.rows[index.row()]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            residual = class_label(a.highest_residual)
            if a.consultation_needed:
                residual += " – Konsultation nötig"
            text = (
                a.activity_name,
                a.status_label,
                str(a.scenario_count),
                residual,
                a.next_review.strftime("%d.%m.%Y") if a.next_review else "",
            )[index.column()]
            return text if role == Qt.DisplayRole else plain_tooltip(text)
        if role == Qt.ForegroundRole and index.column() == 3 and a.consultation_needed:
            return Qt.darkRed
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return HEADINGS[section]
        return None


class DsfaPage(Page):
    title = "DSFA"
    object_name = "dsfaPage"
    areas = frozenset({Area.DSFA, Area.REGISTER, Area.PROCESSORS, Area.LIBRARY})

    def __init__(self, ctx, signals) -> None:
        super().__init__(ctx, signals)
        self.detail: AssessmentDetail | None = None
        self.dialog: QWidget | None = None
        self.activity = QComboBox()
        self.activity.setObjectName("dsfaActivity")
        self.activity.setAccessibleName(self.tr("Verarbeitungstätigkeit"))
        self.activity.setMinimumWidth(200)
        self.activity.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        b = self._button
        self.threshold_button = b("thresholdButton", "Sch&wellwertanalyse …", self.open_threshold)
        self.create_button = b("createDsfaButton", "DSFA &anlegen", self.create_assessment)
        self.sign_button = b("signOffButton", "Abschlie&ßen …", self.sign_off)
        self.revise_button = b("reviseButton", "Überarbei&ten", self.revise)
        self.print_button = b("printDsfaButton", "&PDF speichern …", self.choose_pdf)
        self.save_button = b("saveDsfaButton", "Angaben spei&chern", self.save_texts)

        self.model = AssessmentModel()
        self.table = QTableView()
        self.table.setObjectName("dsfaTable")
        self.table.setAccessibleName(self.tr("Folgenabschätzungen"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(110)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((240, 220, 80, 240)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.version = QComboBox()
        self.version.setObjectName("dsfaVersion")
        self.version.setAccessibleName(self.tr("Version"))
        self.version.activated.connect(self._version_chosen)
        self.banner = plain_label("", "dsfaBanner", wrap=True)
        self.description = DescriptionForm()
        self.decision = DecisionForm()
        self.scenarios = ScenarioPanel(ctx, self.operations)
        self.scenarios.page = self
        self.scenarios.changed.connect(self.signals.status_message)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dsfaTabs")
        # Each tab scrolls on its own: the buttons above stay in view on a laptop.
        self.tabs.addTab(scrolled(self.description), self.tr("Beschreibung"))
        self.tabs.addTab(scrolled(self.scenarios), self.tr("Risiken und Maßnahmen"))
        self.plan = PlanTab(ctx, self.operations)
        self.tabs.addTab(self.plan, self.tr("Maßnahmenplan und Betroffene"))  # scrolls itself
        self.tabs.addTab(scrolled(self.decision), self.tr("Stellungnahme und Entscheidung"))
        self._layout()
        self._update_enabled()

    def _button(self, name: str, text: str, slot) -> QPushButton:
        button = QPushButton(self.tr(text))
        button.setObjectName(name)
        button.setAccessibleName(self.tr(text).replace("&", "").rstrip(" …"))
        button.clicked.connect(slot)
        return button

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Verarbeitungstätigkeit:")))
        top.addWidget(self.activity, 1)
        top.addWidget(self.threshold_button)
        top.addWidget(self.create_button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.table, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        actions = QHBoxLayout()
        actions.addWidget(self.version)
        for button in (self.save_button, self.sign_button, self.revise_button, self.print_button):
            actions.addWidget(button)
        actions.addStretch(1)
        lower_layout.addWidget(self.banner)
        lower_layout.addLayout(actions)
        lower_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setSizes([190, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Datenschutz-Folgenabschätzungen")))
        layout.addWidget(splitter, 1)

    # --- loading -----------------------------------------------------------------------

    def refresh(self) -> None:
        chosen = self.activity.currentData()
        self.activity.clear()
        if self.school_id is None:
            self.model.set_rows([])
            self.show_assessment(None)
            return
        for entry in activities.list_activities(self.ctx, self.school_id):
            self.activity.addItem(f"{entry.name} (DSFA {entry.dsfa_label})", entry.id)
        self.activity.setCurrentIndex(max(0, self.activity.findData(chosen)))
        current = self.detail.activity_id if self.detail else None
        self.model.set_rows(dsfa.list_assessments(self.ctx, self.school_id))
        rows = [r.activity_id for r in self.model.rows]
        if current in rows:
            self.table.selectRow(rows.index(current))
            self._row_changed()
        elif rows:
            self.table.selectRow(0)
        else:
            self.show_assessment(None)

    def _row_changed(self, *_args) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < len(self.model.rows):
            self.show_assessment(dsfa.get_assessment(self.ctx, self.model.rows[row].id))

    def select_activity(self, activity_id: int) -> None:
        rows = [r.activity_id for r in self.model.rows]
        if activity_id in rows:
            self.table.selectRow(rows.index(activity_id))

    def open_target(self, target) -> None:
        """The activity's assessment, at the decision and review date (from "Fällig" and
        from the register's checks)."""
        if target.entity_id is not None:
            self.activity.setCurrentIndex(max(0, self.activity.findData(target.entity_id)))
            self.select_activity(target.entity_id)
            self.tabs.setCurrentWidget(self.decision)

    def show_assessment(self, detail: AssessmentDetail | None) -> None:
        if self._keep_edits() and detail is not None:
            detail = dsfa.get_assessment(self.ctx, detail.id)
        self.detail = detail
        if detail is not None:
            fill(self.description, self.decision, detail.data)
            index = self.activity.findData(detail.activity_id)
            if index >= 0:
                self.activity.setCurrentIndex(index)
        set_read_only(self.description, self.decision, detail is None or detail.frozen)
        self.version.clear()
        if detail is not None:
            for version in dsfa.assessment_versions(self.ctx, detail.activity_id):
                self.version.addItem(
                    self.tr("Version %1").replace("%1", str(version.version)), version.id
                )
            self.version.setCurrentIndex(self.version.findData(detail.id))
        self.scenarios.set_assessment(detail)
        self.plan.set_assessment(self.scenarios.detail if detail is not None else None)
        self._update_banner()
        self._update_enabled()

    def _keep_edits(self) -> bool:
        """Save the texts of the draft on screen before another assessment (or a reload)
        replaces them; with a malformed date they stay on screen unsaved."""
        detail = self.detail
        if detail is None or detail.frozen:
            return False
        try:
            data = read(self.description, self.decision, self.ctx.clock.today())
        except ValidationError:  # a malformed date: the input stays on screen
            return False
        if data == detail.data:
            return False
        saved = self.operations.run(
            lambda: dsfa.update_assessment(self.ctx, detail.id, data, detail.row_version),
            parent=self,
            initiator=self,
        )
        if saved is None:  # invalid, changed or deleted meanwhile: said so, input kept
            return False
        self.detail = saved
        self.signals.status_message.emit(self.tr("Änderungen gespeichert."))
        return True

    def _version_chosen(self) -> None:
        assessment_id = self.version.currentData()
        if assessment_id is not None and (self.detail is None or self.detail.id != assessment_id):
            self.show_assessment(dsfa.get_assessment(self.ctx, assessment_id))

    def _update_banner(self) -> None:
        detail = self.detail
        if detail is None:
            self.banner.setText(self.tr("Keine Folgenabschätzung gewählt."))
            self.banner.setStyleSheet("")
            return
        text = f"{detail.activity_name} – {detail.status_label}. "
        text += self.tr("Höchstes Restrisiko: %1.").replace(
            "%1", class_label(detail.highest_residual)
        )
        style = ""
        if detail.consultation_needed:
            text += " " + self.tr(CONSULTATION_NOTE)
            style = "color: #a40000; font-weight: bold;"
        self.banner.setText(text)
        self.banner.setStyleSheet(style)

    def _update_enabled(self) -> None:
        has_school = self.school_id is not None
        draft = self.detail is not None and not self.detail.frozen
        self.threshold_button.setEnabled(has_school and self.activity.count() > 0)
        self.create_button.setEnabled(has_school and self.activity.count() > 0)
        self.save_button.setEnabled(draft)
        self.sign_button.setEnabled(draft)
        latest = self.version.itemData(self.version.count() - 1) if self.version.count() else None
        self.revise_button.setEnabled(
            self.detail is not None and self.detail.frozen and self.detail.id == latest
        )
        self.print_button.setEnabled(self.detail is not None)

    # --- actions -----------------------------------------------------------------------

    def _changed(self, message: str) -> None:
        self.signals.status_message.emit(message)

    def open_threshold(self) -> None:
        from dpo_desk.ui.dsfa.threshold_dialog import ThresholdDialog

        activity_id = self.activity.currentData()
        if activity_id is None:
            return
        name = activities.get_activity(self.ctx, activity_id).data.name
        self.dialog = self.operations.editors.open(
            ("dsfa_threshold", activity_id),
            lambda: ThresholdDialog(self.ctx, self.signals, activity_id, name, self),
        )

    def create_assessment(self) -> None:
        activity_id = self.activity.currentData()
        if activity_id is None:
            return
        created = self.operations.run(
            lambda: dsfa.create_assessment(self.ctx, activity_id), parent=self
        )
        if created is None:
            self.select_activity(activity_id)
            return
        self.show_assessment(created)
        self._changed(self.tr("Folgenabschätzung angelegt (Beschreibung aus dem Verzeichnis)."))
        self.select_activity(activity_id)
        self.tabs.setCurrentIndex(0)

    def save_texts(self) -> bool:
        detail = self.detail
        if detail is None or detail.frozen:
            return False
        saved = self.operations.run(
            lambda: dsfa.update_assessment(
                self.ctx,
                detail.id,
                read(self.description, self.decision, self.ctx.clock.today()),
                detail.row_version,
            ),
            parent=self,
            initiator=self,
        )
        if saved is None:
            return False
        self.detail = saved
        self._changed(self.tr("Angaben gespeichert."))
        return True

    def sign_off(self) -> None:
        self.scenarios.keep_edits()
        if self.detail is None or not self.save_texts():
            return
        detail = self.detail
        signed = self.operations.run(
            lambda: dsfa.sign_off(self.ctx, detail.id, expected_version=detail.row_version),
            parent=self,
        )
        if signed is None:
            return
        message = self.tr(
            "Version %1 abgeschlossen. Das Ergebnis steht im Verzeichnis; bitte den Eintrag "
            "dort neu freigeben."
        ).replace("%1", str(signed.version))
        if signed.consultation_needed:
            message += " " + self.tr(CONSULTATION_NOTE)
        self._changed(message)

    def revise(self) -> None:
        if self.detail is None:
            return
        detail = self.detail
        revision = self.operations.run(lambda: dsfa.revise(self.ctx, detail.id), parent=self)
        if revision is None:
            return
        self.show_assessment(revision)
        self._changed(
            self.tr("Version %1 als Entwurf begonnen.").replace("%1", str(revision.version))
        )

    def choose_pdf(self) -> None:
        if self.detail is None:
            return
        path = document_path(
            self,
            self.tr("Folgenabschätzung speichern"),
            f"DSFA_{self.detail.activity_key}_V{self.detail.version}.pdf",
        )
        if path:
            self.save_pdf(path)

    def save_pdf(self, path: Path) -> None:
        # ReportLab loads only when a report is made, not with the page at start-up.
        from dpo_desk.services.dsfa.printing import print_assessment

        if self.detail is None:
            return
        self.scenarios.keep_edits()
        self._keep_edits()
        assessment_id = self.detail.id
        result = self.operations.run(
            lambda: print_assessment(self.ctx, assessment_id, path), parent=self
        )
        if result is None:
            return
        self.signals.status_message.emit(saved_text(self, result))
