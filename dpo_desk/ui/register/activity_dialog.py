"""One entry of the register: every Art. 30(1) field, saved as a draft or released."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.register.values import (
    LEGAL_BASES,
    ActivityData,
    DataCategory,
    Recipient,
    Transfer,
)
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.consent.templates import list_templates
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register import activities
from dpo_desk.services.register.lifecycle import release_activity
from dpo_desk.services.schools import get_profile
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.common.fields import plain_label, scrolled
from dpo_desk.ui.common.screen import fit_to_screen
from dpo_desk.ui.register.activity_tabs import (
    details_tab,
    measures_tab,
    recipients_tab,
    review_tab,
)
from dpo_desk.ui.register.attachments_box import AttachmentsBox
from dpo_desk.ui.register.grids import (
    EditableGrid,
    check_list,
    checked_values,
    parse_field,
)
from dpo_desk.ui.signals import AppSignals

# Which tab and widget hold each field named by validation problems and findings.
FIELD_PLACES = {
    "name": (0, "name"),
    "purposes": (0, "purposes"),
    "legal_basis": (0, "legal_bases"),
    "consent_template_key": (0, "consent_template_key"),
    "data_subjects": (1, "data_subjects"),
    "data_categories": (1, "data_categories"),
    "recipients": (2, "recipients"),
    "transfers": (2, "transfers"),
    "processor_ids": (3, "processors"),
    "tom_ids": (3, "toms"),
    "toms": (3, "tom_description"),
    "data_source": (4, "data_source"),
    "hosting_location": (4, "hosting_location"),
    "systems": (4, "systems"),
    "automated_decision": (4, "automated_decision"),
    "automated_decision_logic": (4, "automated_decision_logic"),
    "dsfa": (5, "dsfa"),
    "dsfa_result": (5, "dsfa_result"),
    "review_interval_months": (5, "review_interval"),
    "next_review": (5, "next_review"),
    "approved_by": (5, "approved_by"),
}


class ActivityDialog(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        school_id: int,
        activity_id: int | None = None,
        data: ActivityData | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.signals, self.school_id = ctx, signals, school_id
        self.operations = signals.operations
        self.activity_id = activity_id
        self.row_version: int | None = None
        self.setObjectName("activityDialog")
        self.setAccessibleName(self.tr("Verarbeitungstätigkeit"))
        self.setWindowTitle(self.tr("Verarbeitungstätigkeit"))
        fit_to_screen(self, 820, 640)
        self.w: dict[str, QWidget] = {}
        self.tabs = QTabWidget()
        self.tabs.setObjectName("activityTabs")
        self.hint = plain_label(name="activityHint")
        self.error = error_label("activityError")
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(self.tr("Als Entwurf &speichern"))
        self.save_button.setObjectName("saveActivityButton")
        self.save_button.setAccessibleName(self.tr("Als Entwurf speichern"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Abbrechen"))
        self.release_button = QPushButton(self.tr("Speichern und &freigeben"))
        self.release_button.setObjectName("saveReleaseActivityButton")
        self.release_button.setAccessibleName(self.tr("Speichern und freigeben"))
        buttons.addButton(self.release_button, QDialogButtonBox.ActionRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.release_button.clicked.connect(self.save_and_release)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fill(data)

    def _fill(self, data: ActivityData | None = None) -> None:
        """Show the stored entry (or ``data`` for a new one) in fresh tabs."""
        status, archived = "", ""
        if self.activity_id is not None:
            detail = activities.get_activity(self.ctx, self.activity_id)
            data, status, self.row_version = detail.data, detail.status, detail.row_version
            if detail.archived_on is not None:
                archived = (
                    self.tr("Archiviert am %1 (%2) – zum Ändern zuerst wieder in Gebrauch nehmen.")
                    .replace("%1", f"{detail.archived_on:%d.%m.%Y}")
                    .replace("%2", detail.archive_reason)
                )
        data = data or ActivityData()
        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.w.clear()
        self.tabs.addTab(scrolled(self._general(data)), self.tr("&Allgemein"))
        self.tabs.addTab(self._data_tab(data), self.tr("&Daten"))
        self.tabs.addTab(recipients_tab(self, data), self.tr("&Empfänger"))
        self.tabs.addTab(measures_tab(self, data), self.tr("&Maßnahmen"))
        self.tabs.addTab(details_tab(self, data), self.tr("Herkunft && &Technik"))
        head = get_profile(self.ctx, self.school_id).head_name.strip()
        self.tabs.addTab(review_tab(self, data, head), self.tr("DSFA && &Prüfung"))
        self.w["approved_by"] = self.approved_by
        self.attachments = AttachmentsBox(
            self.ctx, self.operations, "activity", self.activity_id, self
        )
        self.tabs.addTab(self.attachments, self.tr("An&hänge"))
        self.tabs.setCurrentIndex(max(0, current))
        self.hint.setText(
            archived
            or (
                self.tr("Freigegeben – eine Änderung wird als neuer Entwurf gespeichert.")
                if status == "released"
                else ""
            )
        )
        self.error.clear()
        self.saved_values = self.values()
        self.w["name"].setFocus()

    def reload(self) -> None:
        """Show what is stored now (after someone else saved the entry)."""
        self._fill()

    def unsaved_work(self) -> str | None:
        try:
            changed = self.values() != self.saved_values
        except ValidationError:  # a date typed half: that is unsaved work too
            changed = True
        if self.isVisible() and (changed or self.attachments.has_changes()):
            name = self._text_of("name") or self.tr("neuer Eintrag")
            return self.tr("Verzeichnis-Eintrag „%1“").replace("%1", name)
        return None

    # --- building ---------------------------------------------------------------------

    def _line(self, key: str, label: str, text: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(f"activity_{key}")
        edit.setAccessibleName(label)
        self.w[key] = edit
        return edit

    def _text(self, key: str, label: str, text: str, height: int = 70) -> QPlainTextEdit:
        edit = QPlainTextEdit(text)
        edit.setObjectName(f"activity_{key}")
        edit.setAccessibleName(label)
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(height)
        self.w[key] = edit
        return edit

    def _general(self, d: ActivityData) -> QWidget:
        page, form = QWidget(), QFormLayout()
        form.addRow(self.tr("&Bezeichnung:"), self._line("name", "Bezeichnung", d.name))
        form.addRow(self.tr("Zwe&cke:"), self._text("purposes", "Zwecke", d.purposes))
        bases = check_list(
            "activity_legal_bases", "Rechtsgrundlagen", list(LEGAL_BASES.items()), d.legal_bases
        )
        bases.setMaximumHeight(120)
        self.w["legal_bases"] = bases
        form.addRow(self.tr("Rechtsgrundlagen:"), bases)
        form.addRow(
            self.tr("Landesrecht / Ergän&zung:"),
            self._line("legal_basis_text", "Rechtsgrundlage Freitext", d.legal_basis_text),
        )
        consent = QCheckBox(self.tr("Beruht auf E&inwilligung"))
        consent.setObjectName("activity_consent_based")
        consent.setChecked(d.consent_based)
        self.w["consent_based"] = consent
        key = QComboBox()
        key.setObjectName("activity_consent_template_key")
        key.setAccessibleName(self.tr("Einwilligungsvorlage"))
        key.addItem(self.tr("– keine Vorlage verknüpft –"), "")
        for template in list_templates(self.ctx, self.school_id):
            key.addItem(f"{template.title} ({template.key})", template.key)
        if d.consent_template_key and key.findData(d.consent_template_key) < 0:
            key.addItem(
                self.tr("„%1“ (gibt es nicht mehr)").replace("%1", d.consent_template_key),
                d.consent_template_key,
            )
        key.setCurrentIndex(max(0, key.findData(d.consent_template_key)))
        self.w["consent_template_key"] = key
        row = QHBoxLayout()
        row.addWidget(consent)
        row.addWidget(key, 1)
        form.addRow(self.tr("Einwilligung:"), row)
        special = QCheckBox(self.tr("Besondere Kategorien nach Art. 9 (z. B. Gesundheit)"))
        special.setObjectName("activity_special_categories")
        special.setChecked(d.special_categories)
        self.w["special_categories"] = special
        form.addRow("", special)
        form.addRow(
            self.tr("Zuständige Ste&lle:"),
            self._line("department", "Zuständige Stelle", d.department),
        )
        form.addRow(
            self.tr("Ansprechpers&on:"),
            self._line("contact_person", "Ansprechperson", d.contact_person),
        )
        form.addRow(
            self.tr("Gemeinsam Verantwortliche:"),
            self._line("joint_controllers", "Gemeinsam Verantwortliche", d.joint_controllers),
        )
        page.setLayout(form)
        return page

    def _data_tab(self, d: ActivityData) -> QWidget:
        page, layout = QWidget(), QVBoxLayout()
        layout.addWidget(QLabel(self.tr("Betroffene Personen (eine Gruppe je Zeile):")))
        layout.addWidget(
            self._text("data_subjects", "Betroffene Personen", "\n".join(d.data_subjects))
        )
        layout.addWidget(QLabel(self.tr("Datenkategorien mit Löschfrist:")))
        grid = EditableGrid(
            "activity_data_categories",
            "Datenkategorien",
            [("Datenkategorie", "text"), ("Löschfrist", "text")],
        )
        grid.set_rows([(c.name, c.erasure_period) for c in d.data_categories])
        self.w["data_categories"] = grid
        layout.addWidget(grid, 1)
        page.setLayout(layout)
        return page

    # --- values -----------------------------------------------------------------------

    def values(self) -> ActivityData:
        w, text = self.w, self._text_of
        return ActivityData(
            name=text("name"),
            purposes=text("purposes"),
            data_subjects=text("data_subjects").splitlines(),
            data_categories=[
                DataCategory(str(n), str(p)) for n, p in w["data_categories"].values()
            ],
            recipients=[Recipient(str(n), bool(e)) for n, e in w["recipients"].values()],
            transfers=[
                Transfer(str(c), str(r), str(s), str(n)) for c, r, s, n in w["transfers"].values()
            ],
            legal_bases=checked_values(w["legal_bases"]),
            legal_basis_text=text("legal_basis_text"),
            joint_controllers=text("joint_controllers"),
            department=text("department"),
            contact_person=text("contact_person"),
            consent_based=w["consent_based"].isChecked(),
            consent_template_key=w["consent_template_key"].currentData(),
            special_categories=w["special_categories"].isChecked(),
            tom_description=text("tom_description"),
            dsfa=w["dsfa"].currentData(),
            dsfa_result=text("dsfa_result"),
            review_interval_months=w["review_interval"].value(),
            next_review=w["next_review"].value(),
            notes=text("notes"),
            processor_ids=checked_values(w["processors"]),
            tom_ids=checked_values(w["toms"]),
            data_source=text("data_source"),
            hosting_location=text("hosting_location"),
            systems=[line for line in text("systems").splitlines() if line.strip()],
            automated_decision=w["automated_decision"].isChecked(),
            automated_decision_logic=text("automated_decision_logic"),
        )

    def _text_of(self, key: str) -> str:
        widget = self.w[key]
        return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()

    def focus_field(self, field: str) -> None:
        """Show the tab and widget of ``field`` (e.g. ``data_categories[1].erasure_period``)."""
        base, row, sub = parse_field(field)
        tab, key = FIELD_PLACES.get(base, (0, "name"))
        self.tabs.setCurrentIndex(tab)
        widget = self.w[key]
        if isinstance(widget, EditableGrid):
            column = {"erasure_period": 1, "safeguard": 2, "recipient": 1}.get(sub, 0)
            widget.focus_cell(row, column)
        else:
            widget.setFocus()

    # --- actions ----------------------------------------------------------------------

    def _show_problems(self, problems: list[Problem]) -> None:
        self.error.setText("\n".join(p.message for p in problems))
        fields = [p.field for p in problems if p.field not in ("status", "")]
        if fields:
            self.focus_field(fields[0])

    def _store(self) -> bool:
        try:
            values = self.values()
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return False
        activity_id, version = self.activity_id, self.row_version
        stored = self.operations.save(
            (lambda: activities.create_activity(self.ctx, self.school_id, values))
            if activity_id is None
            else (lambda: activities.update_activity(self.ctx, activity_id, values, version)),
            editor=self,
            existing=activity_id is not None,
            errors=self._show_problems,
        )
        if stored is None:
            return False
        self.activity_id, self.row_version = stored.id, stored.row_version
        self.saved_values = values
        if not self.attachments.apply(stored.id):
            self.tabs.setCurrentWidget(self.attachments)
            return False  # the entry is saved; the message about the files is shown
        return True

    def save(self) -> None:
        if self._store():
            self.signals.status_message.emit(self.tr("Entwurf gespeichert."))
            self.accept()

    def save_and_release(self) -> None:
        if not self._store():
            return
        assert self.activity_id is not None
        if activities.get_activity(self.ctx, self.activity_id).status == "released":
            self.accept()  # nothing changed since the last release
            return
        activity_id, version = self.activity_id, self.row_version
        approved_by, approved_role = self.approved_by.text(), self.approved_role.text()
        released = self.operations.run(
            lambda: release_activity(
                self.ctx,
                activity_id,
                expected_version=version,
                approved_by=approved_by,
                approved_role=approved_role,
            ),
            parent=self,
            initiator=self,
            errors=lambda problems: self._show_problems(
                [*problems, Problem("", self.tr("Der Entwurf wurde gespeichert."))]
            ),
            on_reload=self.reload,
        )
        if released is None:
            return
        self.row_version = released.row_version
        self.signals.status_message.emit(
            self.tr("Freigegeben als Version %1.").replace("%1", str(released.released_version))
        )
        self.accept()
