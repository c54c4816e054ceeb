"""The template editor: copy a starter template, adapt texts, options, signers, duration.

The dialog says which version is current and how many consents refer to older ones; saving
a text change of a version already used creates the next version (the old one stays).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.consent.values import (
    DURATION_LABELS,
)
from dpo_desk.core.validation import Problem
from dpo_desk.services.consent.template_edit import (
    copy_from_catalogue,
    create_template,
    starter_catalogue,
    update_template,
)
from dpo_desk.services.consent.template_lifecycle import set_condition_ended, set_retired
from dpo_desk.services.consent.templates import TemplateDraft, TemplateInfo, list_templates
from dpo_desk.services.context import ServiceContext
from dpo_desk.ui.common.date_field import DateField, check_dates
from dpo_desk.ui.common.screen import fit_to_screen
from dpo_desk.ui.consent.change_kind import ChangeKindBox
from dpo_desk.ui.consent.markup_preview import MarkupPreview
from dpo_desk.ui.consent.template_fields import (
    date_edit,
    day_of,
    line_edit,
    names_in,
    numbers_in,
    show_day,
    spin_box,
)
from dpo_desk.ui.signals import AppSignals

TEXT_FIELDS = (
    ("purpose", "&Zweck:"),
    ("information_text", "&Informationstext:"),
    ("declaration_text", "&Erklärung:"),
    ("voluntary_note", "&Freiwilligkeit/Widerruf:"),
)


class ConsentTemplatesDialog(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        school_id: int,
        current_key: str | None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.signals = signals
        self.school_id = school_id
        self.templates: list[TemplateInfo] = []
        self.setObjectName("consentTemplatesDialog")
        self.setAccessibleName(self.tr("Einwilligungsvorlagen bearbeiten"))
        self.setWindowTitle(self.tr("Einwilligungsvorlagen"))
        fit_to_screen(self, 1100, 760)

        self.list = QListWidget()
        self.list.setObjectName("consentTemplateList")
        self.list.setAccessibleName(self.tr("Vorlagen"))
        self.list.currentRowChanged.connect(self._show_current)
        self.catalogue = QComboBox()
        self.catalogue.setObjectName("consentCatalogueChoice")
        self.catalogue.setAccessibleName(self.tr("Vorlage aus dem Katalog"))
        for starter in starter_catalogue():
            self.catalogue.addItem(starter.title, starter.template_key)
        self.copy_button = QPushButton(self.tr("Aus Katalog ü&bernehmen"))
        self.copy_button.setObjectName("consentCopyFromCatalogue")
        self.copy_button.setAccessibleName(self.tr("Vorlage aus dem Katalog übernehmen"))
        self.copy_button.clicked.connect(self.copy_starter)
        self.new_button = QPushButton(self.tr("&Neue leere Vorlage"))
        self.new_button.setObjectName("consentNewTemplate")
        self.new_button.clicked.connect(self.new_template)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("<b>Vorlagen der Schule</b>")))
        left.addWidget(self.list, 1)
        left.addWidget(QLabel(self.tr("Starter-Katalog:")))
        left.addWidget(self.catalogue)
        left.addWidget(self.copy_button)
        left.addWidget(self.new_button)

        self.version_info = QLabel()
        self.version_info.setObjectName("consentVersionInfo")
        self.version_info.setWordWrap(True)
        form = QFormLayout()
        self.key = line_edit("consentTemplateKey", self.tr("Kürzel"))
        form.addRow(self.tr("&Kürzel:"), self.key)
        self.title_edit = line_edit("consentTemplateTitle", self.tr("Titel"))
        form.addRow(self.tr("&Titel:"), self.title_edit)
        self.texts: dict[str, QPlainTextEdit] = {}
        for name, label in TEXT_FIELDS:
            edit = QPlainTextEdit()
            edit.setObjectName(f"consentTemplate_{name}")
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(70 if name != "information_text" else 140)
            self.texts[name] = edit
            if name == "information_text":
                form.addRow(self.tr(label), self._with_preview(edit))
            else:
                form.addRow(self.tr(label), edit)
        self.options = QPlainTextEdit()
        self.options.setObjectName("consentTemplateOptions")
        self.options.setAccessibleName(self.tr("Optionen, je Zeile: kürzel = Bezeichnung"))
        self.options.setTabChangesFocus(True)
        self.options.setFixedHeight(70)
        form.addRow(self.tr("&Optionen (kürzel = Text):"), self.options)
        self.co_age = spin_box("consentCoSignatureAge", self.tr("Mitunterschrift ab"), 1, 18)
        self.alone_age = spin_box("consentAloneAge", self.tr("Allein ab"), 1, 18)
        ages = QHBoxLayout()
        ages.addWidget(QLabel(self.tr("Schüler/in mit ab")))
        ages.addWidget(self.co_age)
        ages.addWidget(QLabel(self.tr("Jahren, allein ab")))
        ages.addWidget(self.alone_age)
        ages.addStretch(1)
        ages_label = QLabel(self.tr("&Unterschriften:"))
        ages_label.setBuddy(self.co_age)
        form.addRow(ages_label, ages)
        self.duration = QComboBox()
        self.duration.setObjectName("consentDuration")
        self.duration.setAccessibleName(self.tr("Geltungsdauer"))
        for kind, label in DURATION_LABELS.items():
            self.duration.addItem(label, kind.value)
        self.end_date = date_edit("consentEndDate", self.tr("Enddatum"), ctx.clock.today)
        self.condition = line_edit("consentCondition", self.tr("Umstand"))
        duration = QHBoxLayout()
        duration.addWidget(self.duration)
        duration.addWidget(QLabel(self.tr("Enddatum:")))
        duration.addWidget(self.end_date)
        duration.addWidget(QLabel(self.tr("Umstand:")))
        duration.addWidget(self.condition, 1)
        duration_label = QLabel(self.tr("&Geltungsdauer:"))
        duration_label.setBuddy(self.duration)
        form.addRow(duration_label, duration)
        self.condition_ended = QCheckBox(self.tr("Umstand ist beendet seit"))
        self.condition_ended.setObjectName("consentConditionEnded")
        self.condition_ended.setAccessibleName(self.tr("Umstand ist beendet"))
        self.condition_ended_on = date_edit(
            "consentConditionEndedOn", self.tr("beendet am"), ctx.clock.today
        )
        ended = QHBoxLayout()
        ended.addWidget(self.condition_ended)
        ended.addWidget(self.condition_ended_on)
        ended.addWidget(QLabel(self.tr("(danach gilt die Einwilligung nicht mehr)")))
        ended.addStretch(1)
        form.addRow("", ended)
        self.renewal = spin_box("consentRenewalYears", self.tr("Erneuern nach Jahren"), 0, 10)
        self.renewal.setSpecialValueText(self.tr("nie"))
        self.retention = spin_box("consentRetentionYears", self.tr("Nachweis Jahre"), 0, 10)
        renewal = QHBoxLayout()
        renewal.addWidget(self.renewal)
        renewal.addWidget(QLabel(self.tr("Jahren (nie = keine Erneuerung)")))
        renewal.addStretch(1)
        renewal_label = QLabel(self.tr("E&rneuern nach:"))
        renewal_label.setBuddy(self.renewal)
        form.addRow(renewal_label, renewal)
        retention = QHBoxLayout()
        retention.addWidget(self.retention)
        retention.addWidget(QLabel(self.tr("Jahr(e) nach Ende des Schuljahres des Abgangs")))
        retention.addStretch(1)
        retention_label = QLabel(self.tr("Na&chweis aufbewahren:"))
        retention_label.setBuddy(self.retention)
        form.addRow(retention_label, retention)
        self.grades = line_edit("consentGrades", self.tr("Jahrgänge"))
        self.grades.setPlaceholderText(self.tr("leer = alle, sonst z. B. 5, 6, 7"))
        form.addRow(self.tr("&Jahrgänge:"), self.grades)
        self.classes = line_edit("consentClasses", self.tr("Klassen"))
        self.classes.setPlaceholderText(self.tr("zusätzlich einzelne Klassen, z. B. 7b, 8a"))
        form.addRow(self.tr("Kl&assen:"), self.classes)
        self.head_signature = QCheckBox(
            self.tr("Unterschrift der Schulleitung unter dem Elternbrief")
        )
        self.head_signature.setObjectName("consentHeadSignature")
        self.head_signature.setAccessibleName(self.tr("Unterschrift der Schulleitung"))
        form.addRow("", self.head_signature)
        self.change_kind = ChangeKindBox()
        form.addRow(self.change_kind)
        form_widget = QWidget()
        form_widget.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setWidget(form_widget)

        self.message = QLabel()
        self.message.setTextFormat(Qt.PlainText)
        self.message.setObjectName("consentTemplateMessage")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("&Speichern"))
        self.save_button.setObjectName("consentTemplateSave")
        self.save_button.setAccessibleName(self.tr("Vorlage speichern"))
        self.save_button.clicked.connect(self.save)
        self.retire_button = QPushButton(self.tr("Still&legen"))
        self.retire_button.setObjectName("consentTemplateRetire")
        self.retire_button.clicked.connect(self.toggle_retired)
        close = QPushButton(self.tr("Schließen"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retire_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        right = QVBoxLayout()
        right.addWidget(self.version_info)
        right.addWidget(scroll, 1)
        right.addWidget(self.message)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 3)
        self.reload(current_key)

    def _with_preview(self, edit: QPlainTextEdit) -> QWidget:
        """The text field with its live preview beside it (as it will be printed)."""
        self.preview = MarkupPreview("consentTemplatePreview")
        self.preview.setFixedHeight(140)
        edit.textChanged.connect(lambda: self.preview.show_text(edit.toPlainText()))
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(self.preview, 1)
        return box

    # --- showing -------------------------------------------------------------------------

    def reload(self, key: str | None = None) -> None:
        self.templates = list_templates(self.ctx, self.school_id)
        self.list.blockSignals(True)
        self.list.clear()
        for info in self.templates:
            suffix = self.tr(" (stillgelegt)") if info.retired else ""
            self.list.addItem(QListWidgetItem(f"{info.title} – V{info.current_version}{suffix}"))
        self.list.blockSignals(False)
        keys = [t.key for t in self.templates]
        self.list.setCurrentRow(keys.index(key) if key in keys else (0 if keys else -1))
        if not keys:
            self.new_template()

    def current(self) -> TemplateInfo | None:
        row = self.list.currentRow()
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def _show_current(self) -> None:
        info = self.current()
        if info is None:
            return
        self._fill(TemplateDraft.from_version(info.current, list(info.class_names)), True)
        in_use = info.versions[-1].consent_count
        text = self.tr("<b>Version %1 ist aktuell.</b>").replace("%1", str(info.current_version))
        if info.consents_on_older_versions:
            text += self.tr(" %1 Einwilligungen beziehen sich auf ältere Versionen.").replace(
                "%1", str(info.consents_on_older_versions)
            )
        if in_use or info.versions[-1].handed_out:
            text += (
                self.tr(
                    " Version %1 wurde schon ausgegeben (%2-mal verwendet): Textänderungen werden "
                    "als Version %3 gespeichert – bitte unten die Art der Änderung wählen."
                )
                .replace("%1", str(info.current_version))
                .replace("%2", str(in_use))
                .replace("%3", str(info.current_version + 1))
            )
        versions = ", ".join(
            f"V{v.number} vom {v.created_at.astimezone():%d.%m.%Y} ({v.consent_count} Einträge)"
            for v in info.versions
        )
        self.version_info.setText(f"{text}<br>Versionen: {versions}")
        self.retire_button.setText(
            self.tr("Wieder &verwenden") if info.retired else self.tr("Still&legen")
        )
        self.retire_button.setEnabled(True)

    def _fill(self, draft: TemplateDraft, existing: bool) -> None:
        self.key.setText(draft.key)
        self.key.setReadOnly(existing)
        self.title_edit.setText(draft.title)
        for name, edit in self.texts.items():
            edit.setPlainText(getattr(draft, name))
        self.options.setPlainText("\n".join(f"{k} = {label}" for k, label in draft.options))
        self.co_age.setValue(draft.co_signature_age)
        self.alone_age.setValue(draft.student_alone_age)
        self.duration.setCurrentIndex(max(0, self.duration.findData(draft.duration_kind)))
        if draft.end_date:
            show_day(self.end_date, draft.end_date)
        self.condition.setText(draft.condition)
        self.renewal.setValue(draft.renewal_years or 0)
        self.retention.setValue(draft.retention_years)
        info = self.current() if existing else None
        ended_on = info.core.condition_ended_on if info is not None else None
        self.condition_ended.setChecked(ended_on is not None)
        if ended_on is not None:
            show_day(self.condition_ended_on, ended_on)
        self.grades.setText(", ".join(str(g) for g in draft.grades))
        self.classes.setText(", ".join(draft.class_names))
        self.head_signature.setChecked(draft.head_signature)
        self.change_kind.reset(info is not None and info.versions[-1].handed_out)
        self.message.setText("")

    def draft(self) -> TemplateDraft:
        options = []
        for line in self.options.toPlainText().splitlines():
            if line.strip():
                key, _, label = line.partition("=")
                options.append((key.strip(), label.strip()))
        kind = self.duration.currentData()
        return TemplateDraft(
            key=self.key.text(),
            title=self.title_edit.text(),
            options=options,
            co_signature_age=self.co_age.value(),
            student_alone_age=self.alone_age.value(),
            duration_kind=kind,
            end_date=day_of(self.end_date) if kind == "until_date" else None,
            condition=self.condition.text() if kind == "while_condition" else "",
            renewal_years=self.renewal.value() or None,
            retention_years=self.retention.value(),
            grades=numbers_in(self.grades.text()),
            class_names=names_in(self.classes.text()),
            head_signature=self.head_signature.isChecked(),
            **{name: edit.toPlainText() for name, edit in self.texts.items()},
        )

    # --- actions -------------------------------------------------------------------------

    def new_template(self) -> None:
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self._fill(TemplateDraft("", "", "", "", "", "", []), False)
        self.version_info.setText(self.tr("<b>Neue Vorlage</b> – wird als Version 1 gespeichert."))
        self.retire_button.setEnabled(False)
        self.key.setFocus()

    def _done(self, info: TemplateInfo, text: str) -> None:
        self.reload(info.key)
        self.message.setStyleSheet("color: #006000;")
        self.message.setText(text)

    def _failed(self, problems: list[Problem]) -> None:
        self.message.setStyleSheet("color: #a00000;")
        self.message.setText("\n".join(p.message for p in problems))

    def _run(self, work):
        return self.signals.operations.run(
            work,
            parent=self,
            initiator=self,
            errors=self._failed,
            on_reload=lambda: self.reload(self.key.text()),
        )

    def copy_starter(self) -> None:
        school_id, key = self.school_id, self.catalogue.currentData()
        info = self._run(lambda: copy_from_catalogue(self.ctx, school_id, key))
        if info is None:
            return
        self._done(
            info,
            self.tr("„%1“ übernommen. Bitte an die Schule anpassen.").replace("%1", info.title),
        )

    def _typed_dates(self) -> tuple[DateField, ...]:
        fields = [self.end_date] if self.duration.currentData() == "until_date" else []
        if self.condition_ended.isChecked():
            fields.append(self.condition_ended_on)
        return tuple(fields)

    def save(self) -> None:
        info, draft, dates = self.current(), self.draft(), self._typed_dates()
        change, renew = self.change_kind.choice() if info is not None else (None, False)

        def store() -> TemplateInfo:
            check_dates(*dates)  # a typed date that is none is refused first
            if info is None:
                return create_template(self.ctx, self.school_id, draft)
            return update_template(
                self.ctx, info.id, draft, info.row_version, change, renew_consents=renew
            )

        saved = self._run(store)
        if saved is None:
            return
        if self._save_condition_end(saved) is None:
            return
        self._done(
            saved,
            self.tr("Gespeichert. Aktuell ist Version %1.").replace(
                "%1", str(saved.current_version)
            ),
        )

    def _save_condition_end(self, info: TemplateInfo) -> object:
        ended_on = None
        if self.condition_ended.isChecked() and self.duration.currentData() == "while_condition":
            ended_on = day_of(self.condition_ended_on)
        if ended_on == info.core.condition_ended_on:
            return info
        return self._run(lambda: set_condition_ended(self.ctx, info.id, ended_on))

    def toggle_retired(self) -> None:
        info = self.current()
        if (
            info is not None
            and self._run(lambda: set_retired(self.ctx, info.id, not info.retired)) is not None
        ):
            self.reload(info.key)
