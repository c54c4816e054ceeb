"""The later tabs of the entry form: where the data comes from and where it lives (data
source, hosting, systems and modules, automated decisions), DSFA and review with the person
who releases, and the files kept with the entry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from dpo_desk.core.register.values import DSFA_LABELS, ActivityData
from dpo_desk.ui.common.fields import plain_label, scrolled

if TYPE_CHECKING:
    from dpo_desk.ui.register.activity_dialog import ActivityDialog


def details_tab(dialog: ActivityDialog, d: ActivityData) -> QWidget:
    """Data source, hosting location, systems/modules and automated decisions."""
    page, form = QWidget(), QFormLayout()
    form.addRow(
        dialog.tr("&Herkunft der Daten:"),
        dialog._line("data_source", "Herkunft der Daten", d.data_source),
    )
    dialog.w["data_source"].setPlaceholderText(
        dialog.tr("z. B. Anmeldung durch die Eltern, Schulverwaltungsprogramm")
    )
    form.addRow(
        dialog.tr("Hosting / &Speicherort:"),
        dialog._line("hosting_location", "Hosting und Speicherort", d.hosting_location),
    )
    dialog.w["hosting_location"].setPlaceholderText(
        dialog.tr("z. B. Rechenzentrum des Anbieters in Deutschland, Server in der Schule")
    )
    form.addRow(
        dialog.tr("S&ysteme und Module\n(eines je Zeile):"),
        dialog._text("systems", "Systeme und Module", "\n".join(d.systems)),
    )
    automated = QCheckBox(
        dialog.tr("Automatisierte Entscheidung im Einzelfall (Art. 22) einschließlich Profiling")
    )
    automated.setObjectName("activity_automated_decision")
    automated.setChecked(d.automated_decision)
    dialog.w["automated_decision"] = automated
    form.addRow("", automated)
    form.addRow(
        dialog.tr("&Logik und Tragweite:"),
        dialog._text(
            "automated_decision_logic",
            "Logik und Tragweite der automatisierten Entscheidung",
            d.automated_decision_logic,
            50,
        ),
    )
    form.addRow(
        "",
        plain_label(
            dialog.tr(
                "Ohne Haken druckt das Informationsblatt: „Eine automatisierte "
                "Entscheidungsfindung einschließlich Profiling findet nicht statt.“"
            )
        ),
    )
    page.setLayout(form)
    return scrolled(page)


def review_tab(dialog: ActivityDialog, d: ActivityData, head_name: str) -> QWidget:
    """DSFA, review interval and date, notes, and who releases the entry."""
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
    dialog.approved_by = QLineEdit()
    dialog.approved_by.setObjectName("activity_approved_by")
    dialog.approved_by.setAccessibleName(dialog.tr("Freigabe durch"))
    dialog.approved_by.setPlaceholderText(
        (head_name and dialog.tr("%1 (Schulleitung laut Schulprofil)").replace("%1", head_name))
        or dialog.tr("Name der Person, die freigibt")
    )
    dialog.approved_role = QLineEdit()
    dialog.approved_role.setObjectName("activity_approved_role")
    dialog.approved_role.setAccessibleName(dialog.tr("Funktion der freigebenden Person"))
    dialog.approved_role.setPlaceholderText(dialog.tr("z. B. Schulleiterin, stellv. Schulleiter"))
    form.addRow(dialog.tr("Frei&gabe durch:"), dialog.approved_by)
    form.addRow(dialog.tr("F&unktion:"), dialog.approved_role)
    page.setLayout(form)
    return scrolled(page)
