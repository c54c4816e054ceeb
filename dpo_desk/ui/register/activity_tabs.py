"""The last tab of the entry form: DSFA, review interval and next review date, notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QSpinBox,
    QWidget,
)

from dpo_desk.core.register.values import DSFA_LABELS, ActivityData

if TYPE_CHECKING:
    from dpo_desk.ui.register.activity_dialog import ActivityDialog


def review_tab(dialog: ActivityDialog, d: ActivityData) -> QWidget:
    """DSFA, review interval and date, notes of an entry (the dialog's last tab)."""
    page, form = QWidget(), QFormLayout()
    dsfa = QComboBox()
    dsfa.setObjectName("activity_dsfa")
    dsfa.setAccessibleName("DSFA")
    for code, label in DSFA_LABELS.items():
        dsfa.addItem(label, code)
    dsfa.setCurrentIndex(max(0, dsfa.findData(d.dsfa)))
    dialog.w["dsfa"] = dsfa
    form.addRow(dialog.tr("DSFA &erforderlich:"), dsfa)
    form.addRow(
        dialog.tr("Ergebnis / Begründung:"),
        dialog._text("dsfa_result", "DSFA-Ergebnis", d.dsfa_result),
    )
    interval = QSpinBox()
    interval.setObjectName("activity_review_interval")
    interval.setAccessibleName("Prüfintervall in Monaten")
    interval.setRange(0, 120)
    interval.setSuffix(dialog.tr(" Monate"))
    interval.setValue(d.review_interval_months)
    dialog.w["review_interval"] = interval
    form.addRow(dialog.tr("Prüf&intervall:"), interval)
    dialog.has_review = QCheckBox(dialog.tr("festgelegt"))
    dialog.has_review.setObjectName("activity_has_next_review")
    review = QDateEdit()
    review.setObjectName("activity_next_review")
    review.setAccessibleName("Nächste Überprüfung")
    review.setDisplayFormat("dd.MM.yyyy")
    review.setCalendarPopup(True)
    day = d.next_review or dialog.ctx.clock.today()
    review.setDate(QDate(day.year, day.month, day.day))
    dialog.has_review.setChecked(d.next_review is not None)
    review.setEnabled(d.next_review is not None)
    dialog.has_review.toggled.connect(review.setEnabled)
    dialog.w["next_review"] = review
    row = QHBoxLayout()
    row.addWidget(dialog.has_review)
    row.addWidget(review, 1)
    form.addRow(dialog.tr("Nächste Überprüfung:"), row)
    form.addRow(dialog.tr("&Notizen:"), dialog._text("notes", "Notizen", d.notes))
    page.setLayout(form)
    return page
