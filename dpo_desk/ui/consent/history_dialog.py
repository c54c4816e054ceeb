"""One student's consent history as proof: every entry with the text version it refers to,
who entered it and when, and which later entry corrected it. The revocation starts here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from dpo_desk.core.consent.status import ConsentState
from dpo_desk.core.consent.values import (
    SIGNER_LABELS,
    SignerRole,
)
from dpo_desk.core.dates import format_date
from dpo_desk.services.consent.corrections import correct_event
from dpo_desk.services.consent.history import HistoryEntry, student_history, version_text
from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.print_log import basis_label
from dpo_desk.services.consent.templates import get_template
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.roster import students as roster
from dpo_desk.ui.common.screen import fit_to_screen
from dpo_desk.ui.common.text import rich, rich_label, window_title
from dpo_desk.ui.consent.overview_tab import STATE_COLOURS, TableModel, make_table
from dpo_desk.ui.signals import AppSignals

HEADINGS = (
    "Nr.",
    "Vorlage",
    "Version",
    "Art",
    "Inhalt",
    "Daten",
    "Unterschriften",
    "Erfasst von",
    "Erfasst am",
    "Gilt",
)


def _answer(value: bool | None) -> str:
    return {True: "JA", False: "NEIN"}.get(value, "leer")  # type: ignore[arg-type]


def version_cell(entry: HistoryEntry) -> str:
    """ "2 (Scan-Code)": the version and how it was known to be the one on the paper."""
    basis = basis_label(entry.version_basis)
    return f"{entry.version} ({basis})" if basis else str(entry.version)


def describe(entry: HistoryEntry) -> tuple[str, str, str]:
    """(content, dates, signatures) of an entry in plain German."""
    kind = entry.payload_kind
    if kind == "form":
        content = "\n".join(f"{label}: {_answer(value)}" for label, value in entry.answers)
        dates = f"Eingang {format_date(entry.received_on)}"
        if entry.signed_on:
            dates = f"unterschrieben {format_date(entry.signed_on)}\n{dates}"
        signers = "\n".join(SIGNER_LABELS[SignerRole(s)] for s in entry.signed_by) or "keine"
        return content, dates, signers
    if kind == "revocation":
        what = "alle Optionen" if entry.options is None else ", ".join(entry.options)
        content = f"Widerruf: {what}\nper {entry.channel_label}"
        if entry.note:
            content += f"\n{entry.note}"
        dates = (
            f"erklärt {format_date(entry.declared_on)}\nwirksam ab "
            f"{format_date(entry.effective_on)}"
        )
        return content, dates, ""
    return f"hebt Nr. {entry.corrects_id} auf\n{entry.note}", "", ""


class ConsentHistoryDialog(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        school_id: int,
        student_id: int,
        template_key: str | None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.signals = signals
        self.school_id = school_id
        self.student_id = student_id
        self.template_key = template_key
        self.entries: list[HistoryEntry] = []
        student = roster.get_student(ctx, student_id)
        self.student_name = f"{student.first_names} {student.last_name}"
        self.setObjectName("consentHistoryDialog")
        self.setAccessibleName(self.tr("Verlauf der Einwilligungen"))
        self.setWindowTitle(
            window_title(self.tr("Einwilligungen: %1").replace("%1", self.student_name))
        )
        fit_to_screen(self, 1240, 560)
        heading = rich_label(
            "<h3>{name}</h3>Klasse {class_name}, geboren {born}",
            object_name="consentHistoryHeading",
            name=self.student_name,
            class_name=student.class_name or "–",
            born=format_date(student.birth_date),
        )
        self.current = QLabel()
        self.current.setTextFormat(Qt.RichText)  # the values are escaped (``rich``)
        self.current.setObjectName("consentHistoryCurrent")
        self.current.setWordWrap(True)
        self.model = TableModel(centered=False)
        self.table = make_table("consentHistoryTable", self.tr("Verlauf"), self.model)
        self.revoke_button = QPushButton(self.tr("&Widerruf erfassen …"))
        self.revoke_button.setObjectName("consentRevokeButton")
        self.revoke_button.setAccessibleName(self.tr("Widerruf erfassen"))
        self.revoke_button.clicked.connect(self.revoke)
        self.revoke_button.setEnabled(template_key is not None)
        self.text_button = QPushButton(self.tr("&Text der Version zeigen"))
        self.text_button.setObjectName("consentShowVersionText")
        self.text_button.setAccessibleName(self.tr("Text der gewählten Version zeigen"))
        self.text_button.clicked.connect(self.show_version_text)
        self.void_button = QPushButton(self.tr("Eintrag &aufheben …"))
        self.void_button.setObjectName("consentVoidEntry")
        self.void_button.setAccessibleName(self.tr("Gewählten Eintrag als Fehler aufheben"))
        self.void_button.setToolTip(
            self.tr("Für Fehleingaben: der Eintrag bleibt sichtbar, zählt aber nicht mehr")
        )
        self.void_button.clicked.connect(self.ask_void)
        self.message = QLabel()
        self.message.setTextFormat(Qt.PlainText)
        self.message.setObjectName("consentHistoryMessage")
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.button(QDialogButtonBox.Close).setText(self.tr("Schließen"))
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.revoke_button)
        buttons.addWidget(self.text_button)
        buttons.addWidget(self.void_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.current)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.load()

    def load(self) -> None:
        self.entries = student_history(self.ctx, self.school_id, self.student_id)
        cells = []
        colours = []
        for entry in self.entries:
            content, dates, signers = describe(entry)
            in_force = (
                "ja" if entry.in_force else f"nein, berichtigt durch Nr. {entry.corrected_by}"
            )
            cells.append(
                [
                    str(entry.id),
                    entry.template_title,
                    version_cell(entry),
                    entry.kind_label,
                    content,
                    dates,
                    signers,
                    entry.entered_by,
                    entry.entered_at.astimezone().strftime("%d.%m.%Y %H:%M"),
                    in_force,
                ]
            )
            colours.append(
                [None] * 9 + [None if entry.in_force else STATE_COLOURS[ConsentState.EXPIRED]]
            )
        self.model.set_rows(HEADINGS, cells, colours, [e.id for e in self.entries])
        for column, width in enumerate((45, 190, 110, 120, 300, 170, 150, 100, 115)):
            self.table.setColumnWidth(column, width)
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()
        self._show_current()

    def _show_current(self) -> None:
        if self.template_key is None:
            self.current.setText("")
            return
        rows = template_status(
            self.ctx, self.school_id, self.template_key, student_id=self.student_id
        ).rows
        if not rows:
            self.current.setText(self.tr("Die Vorlage gilt nicht für diese Klasse."))
            return
        info = get_template(self.ctx, self.school_id, self.template_key)
        parts = [
            f"{option.label}: {rows[0].state(option.key).label}" for option in info.current.options
        ]
        self.current.setText(
            rich("<b>Heute – {title}:</b> {states}", title=info.title, states=" · ".join(parts))
        )

    def selected(self) -> HistoryEntry | None:
        index = self.table.currentIndex()
        if index.isValid():
            return self.entries[index.row()]
        return self.entries[-1] if self.entries else None

    def show_version_text(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        text = version_text(self.ctx, self.school_id, entry.template_key, entry.version)
        options = "\n".join(f"  [ ] JA  [ ] NEIN  {label}" for _, label in text["options"])  # type: ignore[union-attr]
        box = QMessageBox(self)
        box.setObjectName("consentVersionText")
        box.setWindowTitle(
            self.tr("%1, Version %2")
            .replace("%1", str(text["title"]))
            .replace("%2", str(entry.version))
        )
        box.setTextFormat(Qt.PlainText)
        box.setText(
            f"{text['title']} (Version {entry.version})\n\nZweck: {text['purpose']}\n\n"
            f"{text['information_text']}\n\n{text['declaration_text']}\n\n{options}\n\n"
            f"{text['voluntary_note']}"
        )
        box.open()
        self.version_box = box

    def ask_void(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if not entry.in_force:
            self.message.setText(
                self.tr("Nr. %1 gilt schon nicht mehr.").replace("%1", str(entry.id))
            )
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("consentVoidReason")
        dialog.setWindowTitle(self.tr("Eintrag aufheben"))
        dialog.setLabelText(
            self.tr("Warum gilt Eintrag Nr. %1 nicht (z. B. falsche Schülerin erfasst)?").replace(
                "%1", str(entry.id)
            )
        )
        dialog.textValueSelected.connect(lambda reason: self.void(entry.id, reason))
        self.void_dialog = dialog
        dialog.open()

    def void(self, event_id: int, reason: str) -> None:
        """Supersede the entry with nothing; it stays in the history as proof."""
        voided = self.signals.operations.run(
            lambda: correct_event(self.ctx, event_id, None, reason),
            parent=self,
            initiator=self,
            errors=self.message,
        )
        if voided is None:
            return
        self.message.setText(self.tr("Eintrag Nr. %1 aufgehoben.").replace("%1", str(event_id)))
        self.load()

    def revoke(self) -> None:
        from dpo_desk.ui.consent.revocation_dialog import RevocationDialog

        if self.template_key is None:
            return
        info = get_template(self.ctx, self.school_id, self.template_key)
        dialog = RevocationDialog(
            self.ctx,
            self.signals.operations,
            self.school_id,
            self.template_key,
            info.title,
            [(o.key, o.label) for o in info.current.options],
            self.student_id,
            self.student_name,
            self,
        )
        self.revocation_dialog = dialog
        dialog.accepted.connect(self._revoked)
        dialog.open()

    def _revoked(self) -> None:
        self.load()
        self.signals.status_message.emit(self.tr("Widerruf gespeichert."))
