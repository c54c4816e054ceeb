"""Einstellungen: who is working (for the change log) and the chosen school's profile."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.schools import SchoolProfile
from dpo_desk.services import schools, settings
from dpo_desk.services.changes import Area
from dpo_desk.ui.common.text import plain_label
from dpo_desk.ui.dsfa.matrix_settings import RiskMatrixSettings
from dpo_desk.ui.exchange.panel import ExchangePanel
from dpo_desk.ui.pages.base import Page
from dpo_desk.ui.register.retention_settings import RegisterRetentionSettings
from dpo_desk.ui.safety.panel import DataSafetyPanel
from dpo_desk.ui.schools.school_form import SchoolForm
from dpo_desk.ui.settings.person_dialog import PersonForm
from dpo_desk.ui.users.connection_box import ServerConnectionBox


class SettingsPage(Page):
    title = "Einstellungen"
    object_name = "settingsPage"
    areas = frozenset({Area.SCHOOLS, Area.SETTINGS, Area.BACKUP, Area.DSFA, Area.LIBRARY})

    def __init__(self, ctx, signals) -> None:
        super().__init__(ctx, signals)
        self.loaded: SchoolProfile | None = None
        self.school_version: int | None = None
        content = QWidget()
        self.sections = QVBoxLayout(content)
        self.sections.addWidget(self._build_user_box())
        self.school_box = QGroupBox(self.tr("Schulprofil"))
        school_layout = QVBoxLayout(self.school_box)
        self.form = SchoolForm()
        school_layout.addWidget(self.form)
        school_layout.addWidget(self._build_logo_row())
        self.save_button = QPushButton(self.tr("Schulprofil &speichern"))
        self.save_button.setObjectName("saveSchoolButton")
        self.save_button.setAccessibleName(self.tr("Schulprofil speichern"))
        self.save_button.clicked.connect(self._save_school)
        school_layout.addWidget(self.save_button, alignment=Qt.AlignRight)
        self.sections.addWidget(self.school_box)
        self.sections.addStretch(1)
        self.matrix_settings = RiskMatrixSettings(ctx, signals)
        self.add_section(self.matrix_settings)
        self.retention_settings = RegisterRetentionSettings(ctx, signals)
        self.add_section(self.retention_settings)
        # Backups, encryption and the lock file are the server's job in server mode.
        self.safety = None if ctx.server_mode else DataSafetyPanel(ctx, signals)
        if self.safety is not None:
            self.add_section(self.safety)
        self.exchange = ExchangePanel(ctx, signals, lambda: self.school_id)
        self.add_section(self.exchange)
        self.add_section(ServerConnectionBox(ctx, signals))
        self.scroll = QScrollArea()
        self.scroll.setObjectName("settingsScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    def add_section(self, widget: QWidget) -> None:
        """Other areas (e.g. data safety) add their settings below the school profile."""
        self.sections.insertWidget(self.sections.count() - 1, widget)

    def open_target(self, target) -> None:
        """From "Fällig" (a backup is due): the data safety section."""
        if self.safety is not None:
            self.scroll.ensureWidgetVisible(self.safety)

    def _build_user_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Wer arbeitet?"))
        box.setObjectName("personBox")
        layout = QVBoxLayout(box)
        self.person = PersonForm()
        self.person.name.returnPressed.connect(self._save_person)
        save = QPushButton(self.tr("Person ü&bernehmen"))
        save.setObjectName("savePersonButton")
        save.setAccessibleName(self.tr("Name und Funktion übernehmen"))
        save.clicked.connect(self._save_person)
        note = plain_label(
            self.tr(
                "Name und Funktion stehen im Änderungsprotokoll bei jeder Eingabe und auf "
                "Freigaben („freigegeben von …“). Wechselt die Person am Rechner, hier oder "
                "unten in der Statusleiste („Wechseln …“) ändern."
            ),
            wrap=True,
        )
        layout.addWidget(self.person)
        layout.addWidget(note)
        layout.addWidget(save, alignment=Qt.AlignRight)
        if self.ctx.server_mode:  # the signed-in person's name, kept by the server
            self.person.setEnabled(False)
            save.setEnabled(False)
            note.setText(
                self.tr("Im Servermodus steht der Name Ihrer Anmeldung im Änderungsprotokoll.")
            )
        return box

    def _build_logo_row(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.logo_preview = QLabel(self.tr("Kein Logo"))
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setFixedSize(160, 64)
        self.logo_preview.setAlignment(Qt.AlignCenter)
        self.logo_preview.setStyleSheet("border: 1px solid #bbb;")
        choose = QPushButton(self.tr("&Logo wählen …"))
        choose.setObjectName("chooseLogoButton")
        choose.clicked.connect(self._choose_logo)
        remove = QPushButton(self.tr("Logo entfernen"))
        remove.setObjectName("removeLogoButton")
        remove.clicked.connect(lambda: self._store_logo(None))
        layout.addWidget(QLabel(self.tr("Logo für Briefköpfe:")))
        layout.addWidget(self.logo_preview)
        layout.addWidget(choose)
        layout.addWidget(remove)
        layout.addStretch(1)
        return row

    def refresh(self) -> None:
        if self.ctx.server_mode:
            self.person.name.setText(self.ctx.actor)
        else:
            self.person.set_person(settings.person(self.ctx))
        self.school_box.setEnabled(self.school_id is not None)
        self.exchange.refresh()
        if self.matrix_settings.school_id != self.school_id:  # page built after the choice
            self.matrix_settings.set_school(self.school_id)
        if self.school_id is None:
            self.loaded = self.school_version = None
            return
        record = schools.load_school(self.ctx, self.school_id)
        self.loaded, self.school_version = record.profile, record.row_version
        self.form.set_profile(record.profile)
        self.form.show_problems([])
        self._show_logo()

    def _show_logo(self) -> None:
        if self.school_id is None:
            return
        logo = schools.get_logo(self.ctx, self.school_id)
        pixmap = QPixmap()
        if logo and pixmap.loadFromData(logo):
            self.logo_preview.setPixmap(
                pixmap.scaled(156, 60, Qt.KeepAspectRatio, Qt.SmoothTransformation)
            )
        else:
            self.logo_preview.setText(self.tr("Kein Logo"))

    def unsaved_work(self) -> str | None:
        if self.loaded is not None and self.form.profile() != self.loaded:
            return self.tr("Änderungen am Schulprofil")
        return None

    def _save_person(self) -> None:
        name, function = self.person.values()
        done = self.operations.run(
            lambda: settings.set_person(self.ctx, name, function),
            parent=self,
            initiator=self,
            errors=self.person.show_problems,
        )
        if done is not None:
            self.person.set_person(settings.person(self.ctx))
            self.signals.status_message.emit(self.tr("Name und Funktion gespeichert."))

    def _save_school(self) -> None:
        if self.school_id is None:
            return
        school_id, profile, version = self.school_id, self.form.profile(), self.school_version
        saved = self.operations.run(
            lambda: schools.update_school(self.ctx, school_id, profile, version),
            parent=self,
            initiator=self,
            errors=self.form.show_problems,
            on_reload=self.reload,
        )
        if saved is not None:
            self.loaded, self.school_version = profile, saved.row_version
            self.form.show_problems([])
            self.signals.status_message.emit(self.tr("Schulprofil gespeichert."))

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Logo wählen"), "", self.tr("Bilder (*.png *.jpg *.jpeg)")
        )
        if not path:
            return
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            self.form.show_problems([])
            self.signals.status_message.emit(
                self.tr("Logo kann nicht gelesen werden: %s") % exc.strerror
            )
            return
        self._store_logo(data)

    def _store_logo(self, data: bytes | None) -> None:
        if self.school_id is None:
            return
        school_id = self.school_id
        if (
            self.operations.run(
                lambda: schools.set_logo(self.ctx, school_id, data), parent=self, initiator=self
            )
            is not None
        ):
            self._show_logo()
