"""The last tab of the entry form: DSFA, review interval and next review date, notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSpinBox, QWidget

from dpo_desk.core.register.values import DSFA_LABELS, ActivityData
from dpo_desk.ui.common.date_field import DateField

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
    form.addRow(dialog.tr("DSFA erforder&lich:"), dsfa)
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
    review = DateField(
        "activity_next_review",
        dialog.tr("Nächste Überprüfung"),
        today=dialog.ctx.clock.today,
        past=False,
        optional=True,
    )
    review.set_placeholder(dialog.tr("TT.MM.JJJJ (leer: noch nicht festgelegt)"))
    review.set_date(d.next_review)
    dialog.w["next_review"] = review
    review_label = QLabel(dialog.tr("Nächste Ü&berprüfung:"))
    review_label.setBuddy(review)
    form.addRow(review_label, review)
    form.addRow(dialog.tr("&Notizen:"), dialog._text("notes", "Notizen", d.notes))
    page.setLayout(form)
    return page
