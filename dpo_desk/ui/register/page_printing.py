"""The printing actions of the register page (a mixin of ``RegisterPage``): the register,
one entry and the Art. 13 sheet as PDF or DOCX, for the audience chosen on the page and,
when asked, as a marked draft despite open errors. Printing runs in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QComboBox

from dpo_desk.core.register.info_text import OTHERS, STAFF, STUDENTS
from dpo_desk.ui.common.save_dialog import document_path, saved_text
from dpo_desk.ui.operations import no_progress

AUDIENCE_CHOICES = {STUDENTS: "Schüler und Eltern", STAFF: "Beschäftigte", OTHERS: "Andere"}


def _register_printing():
    """The register printouts; ReportLab loads on the first print, not at start-up."""
    from dpo_desk.services.register import printing as register_printing

    return register_printing


class RegisterPrinting:
    """Needs ``ctx``, ``signals``, ``operations``, ``school_id`` and ``current_activity``
    from the page; ``_build_print_options`` makes ``audience`` and ``draft``."""

    def _build_print_options(self) -> None:
        self.audience = QComboBox()
        self.audience.setObjectName("infoSheetAudience")
        self.audience.setAccessibleName(self.tr("Zielgruppe des Informationsblatts"))
        self.audience.setToolTip(self.tr("Wen das Informationsblatt anspricht"))
        self.audience.addItem(self.tr("Zielgruppe: automatisch"), None)
        for code, label in AUDIENCE_CHOICES.items():
            self.audience.addItem(self.tr(label), code)
        self.draft = QCheckBox(self.tr("als Ent&wurf"))
        self.draft.setObjectName("printDraft")
        self.draft.setAccessibleName(self.tr("Trotz offener Fehler als Entwurf drucken"))
        self.draft.setToolTip(
            self.tr(
                "Trotz offener Fehler drucken; jede Seite wird als Entwurf gekennzeichnet "
                "und ist nicht zur Weitergabe bestimmt."
            )
        )

    # --- printing -----------------------------------------------------------------------

    def choose_register_file(self) -> None:
        path = document_path(self, self.tr("Verzeichnis speichern"), "Verarbeitungsverzeichnis.pdf")
        if path:
            self.print_register_to(path)

    def choose_entry_file(self) -> None:
        current = self.current_activity()
        if current is None:
            return
        path = document_path(self, self.tr("Eintrag speichern"), f"VVT_{current.key}.pdf")
        if path:
            self.print_entry_to(current.id, path)

    def print_entry_to(self, activity_id: int, path: Path) -> None:
        draft = self.draft.isChecked()
        self._run_print(
            self.tr("Eintrag wird erstellt …"),
            lambda: _register_printing().print_entry(self.ctx, activity_id, path, draft=draft),
        )

    def choose_info_sheet_file(self) -> None:
        current = self.current_activity()
        if current is None:
            return
        path = document_path(
            self, self.tr("Informationsblatt speichern"), f"Information_{current.key}.pdf"
        )
        if path:
            self.print_info_sheet_to(current.id, path)

    def print_register_to(self, path: Path) -> None:
        school_id = self.school_id
        assert school_id is not None
        self._run_print(
            self.tr("Verzeichnis wird erstellt …"),
            lambda: _register_printing().print_register(self.ctx, school_id, path),
        )

    def print_info_sheet_to(self, activity_id: int, path: Path) -> None:
        draft, audience = self.draft.isChecked(), self.audience.currentData()
        self._run_print(
            self.tr("Informationsblatt wird erstellt …"),
            lambda: _register_printing().print_info_sheet(
                self.ctx, activity_id, path, audience=audience, draft=draft
            ),
        )

    def _run_print(self, label: str, work) -> None:
        self.operations.start(
            no_progress(work), parent=self, label=label, on_done=self._printed, cancellable=False
        )

    def _printed(self, result) -> None:
        self.signals.status_message.emit(saved_text(self, result))
