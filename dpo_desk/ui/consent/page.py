"""Einwilligungen: record returned forms by keyboard, see the state per class, answer
"Wer darf teilnehmen?", show a student's history (and revoke), edit the templates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
)

from dpo_desk.core.places import Target
from dpo_desk.services.changes import Area
from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.templates import TemplateInfo, list_templates
from dpo_desk.ui.common.confirm import ask_yes_no
from dpo_desk.ui.common.text import heading, plain_label
from dpo_desk.ui.consent.grid_model import STUDENT_ROLE
from dpo_desk.ui.consent.overview_tab import ConsentOverview
from dpo_desk.ui.consent.participants_tab import ConsentParticipants
from dpo_desk.ui.consent.recorder import ConsentRecorder
from dpo_desk.ui.pages.base import Page

RECORD_TAB, OVERVIEW_TAB, PARTICIPANTS_TAB = range(3)


class ConsentPage(Page):
    title = "Einwilligungen"
    object_name = "consentPage"
    areas = frozenset({Area.CONSENT, Area.TEMPLATES, Area.ROSTER})

    def __init__(self, ctx, signals) -> None:
        super().__init__(ctx, signals)
        self.templates: list[TemplateInfo] = []
        self._tabs_stale = {OVERVIEW_TAB: True, PARTICIPANTS_TAB: True}

        self.template_box = QComboBox()
        self.template_box.setObjectName("consentTemplate")
        self.template_box.setAccessibleName(self.tr("Einwilligungsvorlage"))
        self.template_box.setMinimumWidth(220)
        self.template_box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.template_box.currentIndexChanged.connect(self._template_chosen)
        template_label = QLabel(self.tr("&Vorlage:"))
        template_label.setBuddy(self.template_box)
        self.template_info = plain_label("", "consentTemplateInfo", wrap=True)
        self.edit_button = QPushButton(self.tr("Vorlagen be&arbeiten …"))
        self.edit_button.setObjectName("consentEditTemplates")
        self.edit_button.setAccessibleName(self.tr("Vorlagen bearbeiten"))
        self.edit_button.clicked.connect(self.open_templates)
        self.history_button = QPushButton(self.tr("Verlau&f …"))
        self.history_button.setObjectName("consentHistoryButton")
        self.history_button.setAccessibleName(
            self.tr("Verlauf der gewählten Schülerin oder des gewählten Schülers")
        )
        self.history_button.setToolTip(self.tr("Verlauf und Widerruf (Strg+H)"))
        self.history_button.clicked.connect(self.open_current_history)

        self.erase_button = QPushButton(self.tr("Abgelaufene &Nachweise …"))
        self.erase_button.setObjectName("consentEraseProof")
        self.erase_button.setAccessibleName(self.tr("Abgelaufene Nachweise löschen"))
        self.erase_button.setToolTip(
            self.tr("Nachweise abgegangener Schüler löschen, deren Aufbewahrungsfrist vorbei ist")
        )
        self.erase_button.clicked.connect(self.offer_erasure)

        self.recorder = ConsentRecorder(ctx, self.operations, initiator=self)
        self.recorder.saved.connect(self._recorded)
        self.recorder.template_requested.connect(self.choose_template)
        self.overview = ConsentOverview()
        self.overview.student_activated.connect(self.open_history)
        self.overview.reminders_requested.connect(self.print_reminders)
        self.participants = ConsentParticipants()
        self.participants.day_listener = self._participants_day
        self.tabs = QTabWidget()
        self.tabs.setObjectName("consentTabs")
        self.tabs.setAccessibleName(self.tr("Einwilligungen"))
        self.tabs.addTab(self.recorder, self.tr("&Erfassen"))
        self.tabs.addTab(self.overview, self.tr("Ü&bersicht"))
        self.tabs.addTab(self.participants, self.tr("Wer darf &teilnehmen?"))
        self.tabs.currentChanged.connect(self._tab_shown)
        self.empty_hint = QLabel(
            self.tr(
                "Noch keine Einwilligungsvorlage. Über „Vorlagen bearbeiten …“ eine Vorlage "
                "aus dem Katalog übernehmen und anpassen."
            )
        )
        self.empty_hint.setObjectName("consentEmptyHint")
        self.empty_hint.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(template_label)
        top.addWidget(self.template_box, 1)
        top.addWidget(self.history_button)
        top.addWidget(self.erase_button)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Einwilligungen")))
        layout.addLayout(top)
        layout.addWidget(self.template_info)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.tabs, 1)
        QShortcut(
            QKeySequence("Ctrl+H"), self, self.open_current_history, Qt.WidgetWithChildrenShortcut
        )

    # --- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        chosen = self.current_key()
        self.templates = (
            list_templates(self.ctx, self.school_id, include_retired=False)
            if self.school_id is not None
            else []
        )
        self.template_box.blockSignals(True)
        self.template_box.clear()
        for info in self.templates:
            self.template_box.addItem(info.title, info.key)
        index = self.template_box.findData(chosen) if chosen else -1
        self.template_box.setCurrentIndex(index if index >= 0 else 0)
        self.template_box.blockSignals(False)
        has = bool(self.templates)
        self.empty_hint.setVisible(self.school_id is not None and not has)
        self.tabs.setEnabled(has)
        self.history_button.setEnabled(has)
        self.edit_button.setEnabled(self.school_id is not None)
        self.erase_button.setEnabled(has)
        self._template_chosen()

    def current_key(self) -> str | None:
        return self.template_box.currentData()

    def current_template(self) -> TemplateInfo | None:
        key = self.current_key()
        return next((t for t in self.templates if t.key == key), None)

    def choose_template(self, key: str) -> None:
        index = self.template_box.findData(key)
        if index >= 0:
            self.template_box.setCurrentIndex(index)

    def open_target(self, target) -> None:
        """The templates dialog or the recorder (first steps); from "Fällig": the template
        whose consents end, on the overview tab."""
        if target.place == "templates":
            self.open_templates()
        elif target.place == "record":  # "Rückläufer erfassen" on the overview
            self.tabs.setCurrentWidget(self.recorder)
            self.recorder.grid.setFocus()
        elif target.key:
            self.choose_template(target.key)
            self.tabs.setCurrentIndex(OVERVIEW_TAB)

    def _template_chosen(self) -> None:
        info = self.current_template()
        if info is None:
            self.template_info.setText("")
        else:
            text = self.tr("Version %1 ist aktuell.").replace("%1", str(info.current_version))
            older = info.consents_on_older_versions
            if older:
                text += self.tr(" %1 Einträge beziehen sich auf ältere Versionen.").replace(
                    "%1", str(older)
                )
            self.template_info.setText(text)
        self.recorder.set_template(self.school_id, info.key if info else None)
        self._tabs_stale = {OVERVIEW_TAB: True, PARTICIPANTS_TAB: True}
        self._tab_shown(self.tabs.currentIndex())

    def _status(self, day: date | None = None):
        info = self.current_template()
        if info is None or self.school_id is None:
            return None
        return template_status(self.ctx, self.school_id, info.key, on=day)

    def _tab_shown(self, index: int) -> None:
        if not self._tabs_stale.get(index):
            return
        self._tabs_stale[index] = False
        if index == OVERVIEW_TAB:
            self.overview.show_status(self._status())
            class_name = self.recorder.current_class()
            if class_name:
                self.overview.choose_class(class_name)
        elif index == PARTICIPANTS_TAB:
            self.participants.show_status(self._status(self.participants.chosen_day()))
            self.participants.choose(class_name=self.recorder.current_class())

    def _participants_day(self, day: date) -> None:
        self.participants.show_status(self._status(day))

    def _recorded(self) -> None:
        """The recorder shows its own change; the other tabs look again when shown."""
        self._tabs_stale = {OVERVIEW_TAB: True, PARTICIPANTS_TAB: True}

    def unsaved_work(self) -> str | None:
        return self.recorder.unsaved_work()

    # --- dialogs -------------------------------------------------------------------------

    def current_student_id(self) -> int | None:
        if self.tabs.currentIndex() == OVERVIEW_TAB:
            return self.overview.current_student_id()
        index = self.recorder.grid.currentIndex()
        return index.data(STUDENT_ROLE) if index.isValid() else None

    def open_current_history(self) -> None:
        student_id = self.current_student_id()
        if student_id is not None:
            self.open_history(int(student_id))

    def open_history(self, student_id: int) -> None:
        from dpo_desk.ui.consent.history_dialog import ConsentHistoryDialog

        if self.school_id is None:
            return
        school_id, key = self.school_id, self.current_key()
        self.history_dialog = self.operations.editors.open(
            ("consent_history", student_id),
            lambda: ConsentHistoryDialog(self.ctx, self.signals, school_id, student_id, key, self),
        )

    def print_reminders(self, student_ids: list[int]) -> None:
        """Go to "Drucken" with reminders of the current template for these students."""
        key = self.current_key()
        if key and student_ids:
            target = Target(
                "printingPage", "student", key=key, place="reprint", ids=tuple(student_ids)
            )
            self.signals.open_requested.emit(target, self.school_id)

    def open_templates(self) -> None:
        from dpo_desk.ui.consent.template_dialog import ConsentTemplatesDialog

        if self.school_id is None:
            return
        school_id, key = self.school_id, self.current_key()
        self.templates_dialog = self.operations.editors.open(
            ("consent_templates", school_id),
            lambda: ConsentTemplatesDialog(self.ctx, self.signals, school_id, key, self),
        )

    def offer_erasure(self) -> None:
        """List the leavers' proof whose retention has run out and erase it on request."""

        from dpo_desk.services.consent.retention import erase_expired_proof, expired_proof

        if self.school_id is None:
            return
        due = expired_proof(self.ctx, self.school_id)
        if not due:
            self.signals.status_message.emit(self.tr("Keine abgelaufenen Nachweise."))
            return
        lines = [f"{p.student_name}: {p.template_title} (bis {p.kept_until:%d.%m.%Y})" for p in due]
        more = len(lines) - 12
        text = "\n".join(lines[:12]) + (f"\n… und {more} weitere" if more > 0 else "")

        school_id = self.school_id

        def erase() -> None:
            erased = self.operations.run(
                lambda: erase_expired_proof(self.ctx, school_id), parent=self
            )
            if erased is not None:
                self.signals.status_message.emit(
                    self.tr("%1 Einträge gelöscht.").replace("%1", str(erased.count))
                )

        self.erase_box = ask_yes_no(
            self,
            self.tr("Abgelaufene Nachweise löschen"),
            self.tr("%1 Nachweise abgegangener Schüler sind nicht mehr aufzubewahren:").replace(
                "%1", str(len(due))
            )
            + "\n\n"
            + text
            + "\n\n"
            + self.tr("Endgültig löschen?"),
            "consentEraseQuestion",
            erase,
            yes_text=self.tr("Löschen"),
            no_text=self.tr("Abbrechen"),
        )
