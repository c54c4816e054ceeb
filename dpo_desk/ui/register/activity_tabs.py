"""The tabs of the entry form after "Daten": recipients and transfers, processors and
measures, where the data comes from and where it lives (data source, hosting, systems and
modules, automated decisions), and DSFA and review with the person who releases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.register.countries import THIRD_COUNTRIES
from dpo_desk.core.register.values import DSFA_LABELS, SAFEGUARDS, ActivityData
from dpo_desk.services.register.processors import list_processors
from dpo_desk.services.register.toms import list_toms
from dpo_desk.ui.common.date_field import DateField
from dpo_desk.ui.common.fields import plain_label, scrolled
from dpo_desk.ui.register.grids import EditableGrid, check_list

SAFEGUARD_CHOICES = {"": "keine", **SAFEGUARDS}
COUNTRY_CHOICES = {code: f"{name} ({code})" for code, name in THIRD_COUNTRIES.items()}

if TYPE_CHECKING:
    from dpo_desk.ui.register.activity_dialog import ActivityDialog


def details_tab(dialog: ActivityDialog, d: ActivityData) -> QWidget:
    """Data source, hosting location, systems/modules and automated decisions."""
    page, form = QWidget(), QFormLayout()
    form.addRow(
        dialog.tr("Her&kunft der Daten:"),
        dialog._line("data_source", "Herkunft der Daten", d.data_source),
    )
    dialog.w["data_source"].setPlaceholderText(
        dialog.tr("z. B. Anmeldung durch die Eltern, Schulverwaltungsprogramm")
    )
    form.addRow(
        dialog.tr("Hosting / Spei&cherort:"),
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
    form.addRow(dialog.tr("DSFA erforderl&ich:"), dsfa)
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
    form.addRow(dialog.tr("Prüfinter&vall:"), interval)
    review = DateField(
        "activity_next_review",
        dialog.tr("Nächste Überprüfung"),
        today=dialog.ctx.clock.today,
        past=False,
        optional=True,
        value=d.next_review,
        field="next_review",
    )
    review.set_placeholder(dialog.tr("TT.MM.JJJJ (leer: keine)"))
    dialog.w["next_review"] = review
    form.addRow(dialog.tr("Nächste Überprüfung:"), review)
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


def recipients_tab(dialog: ActivityDialog, d: ActivityData) -> QWidget:
    """Internal and external recipients and third-country transfers."""
    page, layout = QWidget(), QVBoxLayout()
    layout.addWidget(QLabel(dialog.tr("Empfänger (intern oder extern):")))
    recipients = EditableGrid(
        "activity_recipients", "Empfänger", [("Empfänger", "text"), ("extern", "check")]
    )
    recipients.set_rows([(r.name, r.external) for r in d.recipients])
    dialog.w["recipients"] = recipients
    layout.addWidget(recipients, 1)
    layout.addWidget(QLabel(dialog.tr("Übermittlung in Drittländer (außerhalb EU/EWR):")))
    transfers = EditableGrid(
        "activity_transfers",
        "Drittlandübermittlungen",
        [
            ("Land", COUNTRY_CHOICES),
            ("Empfänger", "text"),
            ("Garantie", SAFEGUARD_CHOICES),
            ("Hinweis", "text"),
        ],
    )
    transfers.set_rows([(t.country, t.recipient, t.safeguard, t.note) for t in d.transfers])
    dialog.w["transfers"] = transfers
    layout.addWidget(transfers, 1)
    page.setLayout(layout)
    return page


def measures_tab(dialog: ActivityDialog, d: ActivityData) -> QWidget:
    """The processors involved, the measures (TOM) and their general description."""
    page, layout = QWidget(), QVBoxLayout()
    vendors = [(p.id, p.name) for p in list_processors(dialog.ctx, dialog.school_id)]
    layout.addWidget(QLabel(dialog.tr("Beteiligte Auftragsverarbeiter:")))
    dialog.w["processors"] = check_list(
        "activity_processors", "Auftragsverarbeiter", vendors, d.processor_ids
    )
    layout.addWidget(dialog.w["processors"], 1)
    measures = [
        (t.id, f"{t.title} ({t.goal_label}, {t.owner})")
        for t in list_toms(dialog.ctx, dialog.school_id)
    ]
    layout.addWidget(QLabel(dialog.tr("Technische und organisatorische Maßnahmen:")))
    dialog.w["toms"] = check_list("activity_toms", "Maßnahmen", measures, d.tom_ids)
    layout.addWidget(dialog.w["toms"], 2)
    layout.addWidget(QLabel(dialog.tr("Allgemeine Beschreibung der Maßnahmen (lit. g):")))
    layout.addWidget(
        dialog._text("tom_description", "Beschreibung der Maßnahmen", d.tom_description, 50)
    )
    page.setLayout(layout)
    return page
