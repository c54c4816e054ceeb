"""Übersicht, the DPO's start page: the chosen school at a glance with everything due
("Fällig", ``ui.due.panel``), or the first steps on an empty database."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedLayout, QVBoxLayout, QWidget

from dpo_desk.core.schools import SCHOOL_KINDS, STATES
from dpo_desk.services import schools
from dpo_desk.services.changes import Area
from dpo_desk.services.overview.first_steps import first_steps
from dpo_desk.ui.due.panel import DuePanel
from dpo_desk.ui.operations import no_progress
from dpo_desk.ui.overview.first_steps import FirstStepsBox
from dpo_desk.ui.pages.base import Page
from dpo_desk.ui.safety.backup_status import BackupStatusBanner


class OverviewPage(Page):
    title = "Übersicht"
    object_name = "overviewPage"
    # The first steps tick off with the roster, templates, consents and register.
    areas = frozenset(
        {
            Area.SCHOOLS,
            Area.BACKUP,
            Area.ROSTER,
            Area.TEMPLATES,
            Area.CONSENT,
            Area.REGISTER,
            Area.SETTINGS,
        }
    )

    def __init__(self, ctx, signals) -> None:
        super().__init__(ctx, signals)
        self._layers = QStackedLayout(self)
        self._layers.addWidget(self._build_welcome())
        self._layers.addWidget(self._build_summary())

    def _build_welcome(self) -> QWidget:
        panel = QWidget()
        panel.setObjectName("welcomePanel")
        layout = QVBoxLayout(panel)
        layout.addStretch(1)
        heading = QLabel(self.tr("<h1>Willkommen bei dpo_desk</h1>"))
        text = QLabel(
            self.tr(
                "Hier verwalten Sie Verarbeitungsverzeichnis, Auftragsverarbeiter, "
                "Datenschutz-Folgenabschätzungen, Einwilligungen, Datenpannen und Anfragen "
                "Ihrer Schule – offline, "
                "in einer Datei auf diesem Rechner.\n\nLegen Sie zuerst Ihre Schule an. Zum "
                "Ausprobieren können Sie auch zwei erfundene Demo-Schulen laden."
            )
        )
        text.setWordWrap(True)
        buttons = QHBoxLayout()
        self.create_button = QPushButton(self.tr("Erste &Schule anlegen …"))
        self.create_button.setObjectName("createFirstSchoolButton")
        self.create_button.setAccessibleName(self.tr("Erste Schule anlegen"))
        self.create_button.clicked.connect(self.signals.new_school_requested)
        self.demo_button = QPushButton(self.tr("&Demo-Schulen laden"))
        self.demo_button.setObjectName("loadDemoButton")
        self.demo_button.setAccessibleName(self.tr("Demo-Schulen laden"))
        self.demo_button.clicked.connect(self._load_demo)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        for widget in (heading, text):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addStretch(2)
        layout.setContentsMargins(48, 24, 48, 24)
        return panel

    def _build_summary(self) -> QWidget:
        panel = QWidget()
        panel.setObjectName("schoolSummaryPanel")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(32, 24, 32, 24)
        self.summary = QLabel()
        self.summary.setObjectName("schoolSummary")
        self.summary.setTextFormat(Qt.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.first_steps = FirstStepsBox(self.signals)
        layout.addWidget(self.first_steps)
        self.backup_banner = BackupStatusBanner(self.ctx, self.signals)
        layout.addWidget(self.backup_banner)
        self.due_panel = DuePanel(self.ctx, self.signals)
        layout.addWidget(self.due_panel, 1)
        return panel

    def _load_demo(self) -> None:
        from dpo_desk.services.demo import load_demo

        self.operations.start(
            no_progress(lambda: load_demo(self.ctx)),
            parent=self,
            label=self.tr("Demo-Schulen werden geladen …"),
            on_done=lambda result: self.signals.status_message.emit(
                self.tr("Demo-Daten geladen: %1 Schulen.").replace("%1", str(len(result.schools)))
            ),
            cancellable=False,
        )

    def refresh(self) -> None:
        if self.school_id is None:
            self._layers.setCurrentIndex(0)
            self.create_button.setFocus()
            return
        self._layers.setCurrentIndex(1)
        self.due_panel.set_school(self.school_id)
        p = schools.get_profile(self.ctx, self.school_id)

        def row(label: str, value: str) -> str:
            shown = escape(value).replace("\n", "<br>") if value else "<i>nicht angegeben</i>"
            return f"<tr><td style='padding-right:16px'><b>{label}</b></td><td>{shown}</td></tr>"

        address = f"{p.street}\n{p.postcode} {p.town}"
        dpo = "\n".join(x for x in (p.dpo_name, p.dpo_organisation, p.dpo_email, p.dpo_phone) if x)
        rows = [
            row(self.tr("Anschrift"), address),
            row(self.tr("Bundesland"), STATES.get(p.state, p.state)),
            row(self.tr("Schulform"), SCHOOL_KINDS.get(p.kind, p.kind)),
            row(self.tr("Schulnummer"), p.school_number),
            row(self.tr("Schulleitung"), p.head_name),
            row(self.tr("Datenschutzbeauftragte/r"), dpo),
            row(self.tr("Aufsichtsbehörde"), p.authority_name),
        ]
        self.summary.setText(f"<h1>{escape(p.name)}</h1><table>{''.join(rows)}</table>")
        self.first_steps.show_steps(first_steps(self.ctx, self.school_id))
