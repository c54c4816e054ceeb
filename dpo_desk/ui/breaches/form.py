"""The fields of a breach record, on three scrolling tabs: what happened, who and which
data, risk and notification. ``values()`` reads them (typed dates and numbers checked, with
German problems naming the field); ``raw()`` is what is shown, for "unsaved work"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QWidget,
)

from dpo_desk.core.breaches.rules import risk_class_of
from dpo_desk.core.breaches.values import DUTY_LABELS, FIELD_LABELS, BreachData, duty_for
from dpo_desk.core.dsfa.risk import LEVEL_LABELS, LEVELS, RiskMatrix
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.ui.common.date_field import DateField
from dpo_desk.ui.common.date_time_field import DateTimeField
from dpo_desk.ui.common.wheel import guard_wheel

TEXTS = ("title", "occurred_note", "reported_by", "authority_reference")
AREAS = (
    "description",
    "consequences",
    "measures_taken",
    "measures_planned",
    "risk_reasoning",
    "delay_reason",
    "no_notification_reason",
    "persons_informed_how",
    "persons_not_informed_reason",
    "notes",
)
INSTANTS = ("occurred_at", "aware_at", "notified_at")
DAYS = ("persons_informed_on", "closed_on")
NUMBERS = ("persons_count", "records_count")
TAB_OF = {
    **dict.fromkeys(
        (
            "title",
            "occurred_at",
            "occurred_note",
            "aware_at",
            "reported_by",
            "description",
            "consequences",
            "measures_taken",
            "measures_planned",
        ),
        0,
    ),
    **dict.fromkeys(
        (
            "data_categories",
            "subject_groups",
            "special_categories",
            "persons_count",
            "records_count",
            "activity_ids",
            "processor_ids",
        ),
        1,
    ),
}


class BreachForm(QTabWidget):
    def __init__(self, now: Callable, today: Callable, matrix: RiskMatrix) -> None:
        super().__init__()
        self.setObjectName("breachTabs")
        self.matrix = matrix
        self.widgets: dict[str, QWidget] = {}
        self.now, self.today = now, today
        self.addTab(self._scrolled(self._incident()), self.tr("&Vorfall"))
        self.addTab(self._scrolled(self._scope()), self.tr("&Betroffene und Daten"))
        self.addTab(self._scrolled(self._decision()), self.tr("&Risiko und Meldung"))

    # --- building -----------------------------------------------------------------------

    def _scrolled(self, content: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(content)
        return area

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        return self._named(name, edit)

    def _area(self, name: str, height: int = 70) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(height)
        return self._named(name, edit)

    def _named(self, name, widget):
        widget.setObjectName(f"breach_{name}")
        widget.setAccessibleName(FIELD_LABELS[name])
        self.widgets[name] = widget
        return widget

    def _instant(self, name: str, with_now: bool) -> QWidget:
        field = self._named(name, DateTimeField(f"breach_{name}", FIELD_LABELS[name], self.now))
        if not with_now:
            return field
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field)
        button = QPushButton(self.tr("Jetzt"))
        button.setObjectName(f"breach_{name}_now")
        button.setAccessibleName(self.tr("%1: jetzt").replace("%1", FIELD_LABELS[name]))
        button.clicked.connect(field.set_now)
        row.addWidget(button)
        row.addStretch(1)
        return box

    def _label(self, text: str, buddy: str) -> QLabel:
        """A row label whose shortcut letter focuses the field inside a row with a button."""
        label = QLabel(self.tr(text))
        label.setBuddy(self.widgets[buddy])
        return label

    def _day(self, name: str) -> DateField:
        field = DateField(
            f"breach_{name}", FIELD_LABELS[name], today=self.today, optional=True, field=name
        )
        return self._named(name, field)

    def _form(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        return page, form

    def _incident(self) -> QWidget:
        page, form = self._form()
        form.addRow(self.tr("&Kurzbezeichnung:"), self._line("title"))
        aware = self._instant("aware_at", True)
        form.addRow(self._label("B&ekannt geworden am:", "aware_at"), aware)
        hint = QLabel(self.tr("Ab diesem Zeitpunkt läuft die Frist von 72 Stunden."))
        hint.setObjectName("breachAwareHint")
        form.addRow("", hint)
        form.addRow(self.tr("&Geschehen am:"), self._instant("occurred_at", False))
        form.addRow(self.tr("Zeitraum / Hinweis:"), self._line("occurred_note"))
        form.addRow(self.tr("Gemeldet vo&n (intern):"), self._line("reported_by"))
        form.addRow(self.tr("&Was ist passiert:"), self._area("description", 90))
        form.addRow(self.tr("Wahrscheinliche &Folgen:"), self._area("consequences"))
        form.addRow(self.tr("Ergriffene &Maßnahmen:"), self._area("measures_taken"))
        form.addRow(self.tr("Geplante Maßnahmen:"), self._area("measures_planned"))
        return page

    def _checklist(self, name: str) -> QListWidget:
        widget = self._named(name, QListWidget())
        widget.setMinimumHeight(90)
        return widget

    def _scope(self) -> QWidget:
        page, form = self._form()
        form.addRow(self.tr("&Datenkategorien (je Zeile):"), self._area("data_categories"))
        form.addRow(self.tr("Betroffene &Gruppen (je Zeile):"), self._area("subject_groups"))
        special = self._named("special_categories", QCheckBox(FIELD_LABELS["special_categories"]))
        form.addRow("", special)
        form.addRow(self.tr("Zahl der &Personen (ca.):"), self._line("persons_count"))
        form.addRow(self.tr("Zahl der Datensä&tze (ca.):"), self._line("records_count"))
        form.addRow(self.tr("Ver&arbeitungstätigkeiten:"), self._checklist("activity_ids"))
        form.addRow(self.tr("Auftragsverarbeit&er:"), self._checklist("processor_ids"))
        return page

    def _level(self, name: str) -> QComboBox:
        combo = self._named(name, QComboBox())
        combo.addItem(self.tr("– nicht bewertet –"), None)
        for level in LEVELS:
            combo.addItem(f"{level} – {LEVEL_LABELS[level]}", level)
        combo.currentIndexChanged.connect(self._show_risk)
        guard_wheel(combo)
        return combo

    def _decision(self) -> QWidget:
        page, form = self._form()
        form.addRow(self.tr("Eintritts&wahrscheinlichkeit:"), self._level("likelihood"))
        form.addRow(self.tr("Schwere des Sc&hadens:"), self._level("severity"))
        self.risk = QLabel()
        self.risk.setObjectName("breachRisk")
        self.risk.setWordWrap(True)
        self.risk.setTextFormat(Qt.PlainText)
        # Full width, or the form keeps it at its first width and one line high (cut off).
        self.risk.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        form.addRow(self.tr("Ergebnis:"), self.risk)
        form.addRow(self.tr("Begründung der Bewertung:"), self._area("risk_reasoning", 50))
        notified = self._instant("notified_at", True)
        form.addRow(self._label("Ge&meldet am:", "notified_at"), notified)
        form.addRow(self.tr("Aktenzeichen der Behörde:"), self._line("authority_reference"))
        form.addRow(self.tr("Gründe für die Ver&zögerung:"), self._area("delay_reason", 50))
        form.addRow(self.tr("Keine Meldung, we&il:"), self._area("no_notification_reason", 50))
        form.addRow(self.tr("Betroffene be&nachrichtigt am:"), self._day("persons_informed_on"))
        form.addRow(self.tr("Art der Benachrichtigung:"), self._area("persons_informed_how", 40))
        form.addRow(
            self.tr("Keine Benachrichtigung, weil:"), self._area("persons_not_informed_reason", 40)
        )
        form.addRow(self.tr("Abgeschlossen &am:"), self._day("closed_on"))
        form.addRow(self.tr("N&otizen:"), self._area("notes", 50))
        return page

    # --- data ---------------------------------------------------------------------------

    def set_choices(self, activities: list[tuple[int, str]], processors: list[tuple[int, str]]):
        for name, choices in (("activity_ids", activities), ("processor_ids", processors)):
            widget: QListWidget = self.widgets[name]
            widget.clear()
            for item_id, label in choices:
                item = QListWidgetItem(label)
                item.setData(Qt.UserRole, item_id)
                item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Unchecked)
                widget.addItem(item)

    def set_data(self, d: BreachData) -> None:
        w = self.widgets
        for name in TEXTS:
            w[name].setText(getattr(d, name))
        for name in AREAS:
            w[name].setPlainText(getattr(d, name))
        for name in INSTANTS:
            w[name].set_value(getattr(d, name))
        for name in DAYS:
            w[name].set_date(getattr(d, name))
        for name in NUMBERS:
            value = getattr(d, name)
            w[name].setText("" if value is None else str(value))
        w["data_categories"].setPlainText("\n".join(d.data_categories))
        w["subject_groups"].setPlainText("\n".join(d.subject_groups))
        w["special_categories"].setChecked(d.special_categories)
        for name in ("likelihood", "severity"):
            w[name].setCurrentIndex(max(0, w[name].findData(getattr(d, name))))
        for name, ids in (("activity_ids", d.activity_ids), ("processor_ids", d.processor_ids)):
            widget: QListWidget = w[name]
            for row in range(widget.count()):
                item = widget.item(row)
                item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in ids else Qt.Unchecked)
        self._show_risk()

    def _checked(self, name: str) -> list[int]:
        widget: QListWidget = self.widgets[name]
        return [
            widget.item(row).data(Qt.UserRole)
            for row in range(widget.count())
            if widget.item(row).checkState() == Qt.Checked
        ]

    def values(self) -> BreachData:
        """What is entered; ``ValidationError`` when a date, time or number does not read."""
        w = self.widgets
        problems: list[Problem] = []
        parsed: dict[str, object] = {}
        for name in INSTANTS:
            try:
                parsed[name] = w[name].value()
            except ValueError as exc:
                problems.append(Problem(name, f"{FIELD_LABELS[name]}: {exc}"))
        for name in DAYS:
            try:
                parsed[name] = w[name].value()
            except ValidationError as exc:
                problems.extend(exc.problems)
        for name in NUMBERS:
            text = w[name].text().strip().replace(".", "")
            if text and not text.isdigit():
                problems.append(
                    Problem(name, f"{FIELD_LABELS[name]}: „{w[name].text()}“ ist keine Zahl.")
                )
            parsed[name] = int(text) if text.isdigit() else None
        if problems:
            raise ValidationError(problems)
        return BreachData(
            **{name: w[name].text() for name in TEXTS},
            **{name: w[name].toPlainText() for name in AREAS},
            **parsed,  # type: ignore[arg-type]
            data_categories=w["data_categories"].toPlainText().splitlines(),
            subject_groups=w["subject_groups"].toPlainText().splitlines(),
            special_categories=w["special_categories"].isChecked(),
            likelihood=w["likelihood"].currentData(),
            severity=w["severity"].currentData(),
            activity_ids=self._checked("activity_ids"),
            processor_ids=self._checked("processor_ids"),
        )

    def raw(self) -> tuple:
        """Everything as shown, comparable (no parsing: a half-typed date counts too)."""
        w = self.widgets
        return (
            tuple(w[n].text() for n in (*TEXTS, *INSTANTS, *DAYS, *NUMBERS)),
            tuple(w[n].toPlainText() for n in (*AREAS, "data_categories", "subject_groups")),
            w["special_categories"].isChecked(),
            w["likelihood"].currentIndex(),
            w["severity"].currentIndex(),
            tuple(self._checked("activity_ids")),
            tuple(self._checked("processor_ids")),
        )

    def _show_risk(self) -> None:
        data = BreachData(
            likelihood=self.widgets["likelihood"].currentData(),
            severity=self.widgets["severity"].currentData(),
        )
        self.risk.setText(DUTY_LABELS[duty_for(risk_class_of(data, self.matrix))])

    def focus_field(self, name: str) -> None:
        self.setCurrentIndex(TAB_OF.get(name, 2))
        widget = self.widgets.get(name) or self.widgets["title"]
        widget.setFocus()
