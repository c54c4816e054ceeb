"""The action plan and the views of those affected of one impact assessment.

The plan has one line per measure linked to a scenario (made by the service when measures
are linked): the DPO sets who implements it, by when, and how far it is. The views of
those affected (Art. 35(9)) are a list of groups heard, with date, summary and how they were
taken into account. Both are editable while the assessment is a draft; open measures with a
deadline appear in the due list ("Fällig", ``services/due/sources.py``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.dsfa.plan import ACTION_STATUSES, TYPICAL_GROUPS, ActionData, ViewData
from dpo_desk.core.validation import Problem
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.dsfa import plan
from dpo_desk.services.dsfa.views import AssessmentDetail
from dpo_desk.ui.common.date_field import DateField
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.common.fields import (
    choice,
    named_button,
    plain_label,
    scrolled,
    text_box,
)
from dpo_desk.ui.operations import Operations

ACTION_COLUMNS = ("Maßnahme", "Szenarien", "Verantwortlich", "Frist", "Stand")


class PlanTab(QWidget):
    def __init__(self, ctx: ServiceContext, operations: Operations) -> None:
        super().__init__()
        self.ctx, self.operations = ctx, operations
        self.detail: AssessmentDetail | None = None
        self.actions = QTableWidget(0, len(ACTION_COLUMNS))
        self.actions.setObjectName("dsfaActionPlan")
        self.actions.setAccessibleName(self.tr("Maßnahmenplan"))
        self.actions.setHorizontalHeaderLabels([self.tr(c) for c in ACTION_COLUMNS])
        self.actions.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.actions.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.actions.setSelectionMode(QAbstractItemView.SingleSelection)
        self.actions.verticalHeader().hide()
        header = self.actions.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        self.actions.setMinimumHeight(110)
        self.actions.currentCellChanged.connect(lambda *_: self._show_action())
        self.owner = QLineEdit()
        self.owner.setObjectName("action_owner")
        self.owner.setAccessibleName(self.tr("Verantwortlich"))
        self.due = DateField(
            "action_due_on",
            self.tr("Frist"),
            today=ctx.clock.today,
            past=False,
            optional=True,
            field="due_on",
        )
        self.status = choice("action_status", "Stand", ACTION_STATUSES, "open")
        self.note = QLineEdit()
        self.note.setObjectName("action_note")
        self.note.setAccessibleName(self.tr("Notiz zur Maßnahme"))
        self.save_action = named_button(
            "saveActionButton", self.tr("Zeile &übernehmen"), self.store_action
        )
        self.action_error = error_label("actionError")

        self.views = QListWidget()
        self.views.setObjectName("dsfaViews")
        self.views.setAccessibleName(self.tr("Stellungnahmen der Betroffenen"))
        self.views.setMinimumHeight(70)
        self.views.currentRowChanged.connect(lambda _row: self._show_view())
        self.group = QComboBox()
        self.group.setEditable(True)
        self.group.setObjectName("view_group_name")
        self.group.setAccessibleName(self.tr("Angehörte Gruppe"))
        self.group.setFocusPolicy(Qt.StrongFocus)
        self.group.addItems(list(TYPICAL_GROUPS))
        self.asked = DateField(
            "view_asked_on",
            self.tr("Angehört am"),
            today=ctx.clock.today,
            optional=True,
            field="asked_on",
        )
        self.summary = text_box("view_summary", "Zusammenfassung der Stellungnahme", "", 50)
        self.response = text_box("view_response", "Wie berücksichtigt", "", 50)
        self.new_view = named_button(
            "newViewButton", self.tr("&Neue Stellungnahme"), self.start_view
        )
        self.save_view = named_button(
            "saveViewButton", self.tr("Stellungnahme &speichern"), self.store_view
        )
        self.delete_view = named_button(
            "deleteViewButton", self.tr("Stellungnahme &löschen"), self.drop_view
        )
        self.view_error = error_label("viewError")
        self._layout()
        self.set_assessment(None)

    def _layout(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("<b>Maßnahmenplan</b>")))
        layout.addWidget(
            plain_label(
                self.tr(
                    "Eine Zeile je Maßnahme, die einem Szenario zugeordnet ist: wer sie bis "
                    "wann umsetzt und wie weit sie ist. Offene Maßnahmen mit Frist erscheinen "
                    "in „Fällig“ auf der Übersicht."
                )
            )
        )
        layout.addWidget(self.actions)
        form = QFormLayout()
        form.addRow(self.tr("&Verantwortlich:"), self.owner)
        row = QHBoxLayout()
        row.addWidget(self.due, 1)
        row.addWidget(QLabel(self.tr("Stand:")))
        row.addWidget(self.status, 1)
        form.addRow(self.tr("Frist:"), row)
        form.addRow(self.tr("N&otiz:"), self.note)
        layout.addLayout(form)
        layout.addWidget(self.action_error)
        layout.addWidget(self.save_action, 0, Qt.AlignLeft)
        layout.addWidget(QLabel(self.tr("<b>Standpunkt der Betroffenen (Art. 35 Abs. 9)</b>")))
        layout.addWidget(self.views)
        views = QFormLayout()
        views.addRow(self.tr("&Gruppe:"), self.group)
        views.addRow(self.tr("Angeh&ört am:"), self.asked)
        views.addRow(self.tr("&Zusammenfassung:"), self.summary)
        views.addRow(self.tr("&Berücksichtigung:"), self.response)
        layout.addLayout(views)
        layout.addWidget(self.view_error)
        buttons = QHBoxLayout()
        for button in (self.new_view, self.save_view, self.delete_view):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(page, horizontal=False))

    # --- showing -----------------------------------------------------------------------

    def set_assessment(self, detail: AssessmentDetail | None) -> None:
        action_row, view_row = self.actions.currentRow(), self.views.currentRow()
        same = detail is not None and self.detail is not None and detail.id == self.detail.id
        self.detail = detail
        actions = detail.actions if detail else ()
        self.actions.setRowCount(len(actions))
        for row, action in enumerate(actions):
            cells = (
                action.title,
                ", ".join(str(n) for n in action.scenarios),
                action.data.owner,
                f"{action.data.due_on:%d.%m.%Y}" if action.data.due_on else "",
                action.status_label,
            )
            for column, text in enumerate(cells):
                self.actions.setItem(row, column, QTableWidgetItem(text))
        self.views.blockSignals(True)
        self.views.clear()
        for view in detail.views if detail else ():
            day = f"{view.data.asked_on:%d.%m.%Y}: " if view.data.asked_on else ""
            self.views.addItem(f"{view.data.group_name} – {day}{view.data.summary[:80]}")
        self.views.blockSignals(False)
        editable = detail is not None and not detail.frozen
        for widget in self.edit_widgets():
            widget.setEnabled(editable)
        if actions:
            self.actions.setCurrentCell(min(action_row if same else 0, len(actions) - 1), 0)
        self._show_action()
        if self.views.count() and same and view_row >= 0:
            self.views.setCurrentRow(min(view_row, self.views.count() - 1))
        self._show_view()

    def edit_widgets(self) -> list[QWidget]:
        return [
            self.owner,
            self.due,
            self.status,
            self.note,
            self.save_action,
            self.group,
            self.asked,
            self.summary,
            self.response,
            self.new_view,
            self.save_view,
            self.delete_view,
        ]

    def current_action(self):
        row = self.actions.currentRow()
        if self.detail is None or not 0 <= row < len(self.detail.actions):
            return None
        return self.detail.actions[row]

    def _show_action(self) -> None:
        action = self.current_action()
        data = action.data if action else ActionData()
        self.owner.setText(data.owner)
        self.due.set_date(data.due_on)
        self.status.setCurrentIndex(max(0, self.status.findData(data.status)))
        self.note.setText(data.note)
        self.save_action.setEnabled(
            action is not None and self.detail is not None and not self.detail.frozen
        )
        self.action_error.clear()

    def current_view(self):
        row = self.views.currentRow()
        if self.detail is None or not 0 <= row < len(self.detail.views):
            return None
        return self.detail.views[row]

    def _show_view(self) -> None:
        view = self.current_view()
        data = view.data if view else ViewData()
        self.group.setEditText(data.group_name)
        self.asked.set_date(data.asked_on)
        self.summary.setPlainText(data.summary)
        self.response.setPlainText(data.response)
        self.delete_view.setEnabled(
            view is not None and self.detail is not None and not self.detail.frozen
        )
        self.view_error.clear()

    # --- writing -----------------------------------------------------------------------

    def action_values(self) -> ActionData:
        return ActionData(
            self.owner.text(), self.due.value(), self.status.currentData(), self.note.text()
        )

    def store_action(self) -> None:
        action = self.current_action()
        if action is None:
            return
        self.operations.run(  # a mistyped date is refused there, like the service's problems
            lambda: plan.update_action(
                self.ctx, action.id, self.action_values(), action.row_version
            ),
            parent=self,
            errors=self.action_error,
        )

    def view_values(self) -> ViewData:
        return ViewData(
            self.group.currentText(),
            self.asked.value(),
            self.summary.toPlainText(),
            self.response.toPlainText(),
        )

    def start_view(self) -> None:
        """Empty the form for a new statement (saved with "Stellungnahme speichern")."""
        self.views.setCurrentRow(-1)
        self._show_view()
        self.group.setFocus()

    def _view_problems(self, problems: list[Problem]) -> None:
        self.view_error.setText("\n".join(p.message for p in problems))
        if problems and problems[0].field == "summary":
            self.summary.setFocus()
        elif problems and problems[0].field == "asked_on":
            self.asked.setFocus()
        elif problems:
            self.group.setFocus()

    def store_view(self) -> None:
        if self.detail is None:
            return
        view, assessment_id = self.current_view(), self.detail.id
        self.operations.run(  # a mistyped date is refused there, like the service's problems
            (lambda: plan.add_view(self.ctx, assessment_id, self.view_values()))
            if view is None
            else (
                lambda: plan.update_view(self.ctx, view.id, self.view_values(), view.row_version)
            ),
            parent=self,
            errors=self._view_problems,
        )

    def drop_view(self) -> None:
        view = self.current_view()
        if view is not None:
            self.operations.run(
                lambda: plan.delete_view(self.ctx, view.id), parent=self, errors=self.view_error
            )
