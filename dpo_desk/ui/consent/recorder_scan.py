"""The recorder's scan side, the text version of the paper and its questions before a
correction (mixed into ``ConsentRecorder``, which provides the grid, the model and the scan
field).

A scanned code jumps to the student's row and remembers the text version on the paper
until that row is saved or left; a code of a form already recorded asks "bereits erfasst
am … – als Korrektur erfassen?"; typing on a row saved before asks as well. A typed form
goes to the version last printed for the student, shown in the row; F switches to another
version printed for them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from dpo_desk.core.validation import Problem
from dpo_desk.services.consent.overview import TemplateStatus
from dpo_desk.services.consent.print_log import printed_for
from dpo_desk.services.consent.scanning import ScanTarget, resolve_scan
from dpo_desk.services.roster import students as roster
from dpo_desk.ui.consent.grid_versions import RowVersions


class RecorderScanning:
    """Scan handling (``self`` is the ``ConsentRecorder``)."""

    @property
    def _scanned(self) -> tuple[int, int] | None:
        """(row, text version) of the scanned form (kept by the model, which shows it)."""
        return self.model.scanned

    @_scanned.setter
    def _scanned(self, value: tuple[int, int] | None) -> None:
        self.model.set_scanned(value)

    def _scanned_version(self, row_index: int) -> int | None:
        if self._scanned is None or self._scanned[0] != row_index:
            return None
        return self._scanned[1]

    def _row_left(self, current, previous) -> None:
        """The scan mode ends when the person goes to another row: the next keys and the
        next saved row stay where the person sees the cursor."""
        if self._scanned is not None and current.row() != self._scanned[0]:
            self._scanned = None
            self._back_to_scan = False

    # --- the text version on the paper -----------------------------------------------------

    def row_versions(self, status: TemplateStatus) -> RowVersions:
        """The versions printed for the students shown (one read for the class)."""
        if self.school_id is None or self.template_key is None or not status.rows:
            return RowVersions(status.template)
        ids = [row.student_id for row in status.rows]
        printed = printed_for(self.ctx, status.template, ids)
        return RowVersions(status.template, printed)

    def show_row_version(self, *_changed) -> None:
        """The line under the grid: the version the current row is recorded against (the
        grid's own column may lie beyond the edge of a small screen)."""
        row = self.grid.currentIndex().row()
        text = ""
        if 0 <= row < len(self.model.rows):
            text = (
                self.tr("Ein Formular von %1 wird erfasst für: %2 (F: andere gedruckte Fassung)")
                .replace("%1", self.model.rows[row].student.name)
                .replace("%2", self.model.recording_text(row))
            )
        if text != self.row_version.text():  # most keys change nothing here
            self.row_version.setText(text)

    def choose_version(self, row_index: int) -> None:
        """F: the paper in hand is another printout; go to the next version printed for
        the student (a scanned code names its version itself)."""
        row = self.model.rows[row_index]
        name, versions = row.student.name, self.model.versions
        scanned = self._scanned_version(row_index)
        if scanned is not None:
            self.show_message(
                self.tr("%1: Die Textversion steht im gescannten Code (%2).")
                .replace("%1", name)
                .replace("%2", versions.label(scanned))
            )
            return
        current = self.model.recording_version(row_index)
        following = versions.following(row.student.student_id, current)
        if following is None:
            self.show_message(
                self.tr(
                    "%1: Für sie oder ihn ist kein Druck dieser Vorlage verzeichnet. Bitte das "
                    "Formular über „Drucken“ ausgeben."
                ).replace("%1", name),
                error=True,
            )
            return
        if following == current:
            self.show_message(
                self.tr("%1: Gedruckt wurde nur %2.")
                .replace("%1", name)
                .replace("%2", versions.label(current))
            )
            return
        self.model.set_version(row_index, following)
        self.show_message(
            self.tr("%1: wird gegen %2 erfasst (F wechselt weiter, Esc verwirft).")
            .replace("%1", name)
            .replace("%2", versions.label(following))
        )

    def confirm_correction(self, row_index: int) -> bool:
        """Asked before typing changes a row already saved: a correction, not a new form."""
        name = self.model.rows[row_index].student.name
        answer = QMessageBox.question(
            self,
            self.tr("Bereits gespeichert"),
            self.tr("%1: Diese Zeile ist schon gespeichert. Als Korrektur erfassen?").replace(
                "%1", name
            ),
            QMessageBox.Yes | QMessageBox.No,
            QMessageBox.No,
        )
        self.window().activateWindow()  # the keys go on where the person sees the cursor
        self.grid.setFocus()
        return answer == QMessageBox.Yes

    # --- scanning ------------------------------------------------------------------------

    def _correct_scanned(self, row_index: int, target: ScanTarget) -> bool:
        """A form of this version is recorded already: asks whether the scan corrects it."""
        recorded = target.recorded
        assert recorded is not None
        name = self.model.rows[row_index].student.name
        answer = QMessageBox.question(
            self,
            self.tr("Bereits erfasst"),
            self.tr(
                "%1: Dieses Formular ist bereits erfasst am %2 (Eingang %3). "
                "Als Korrektur erfassen?"
            )
            .replace("%1", name)
            .replace("%2", f"{recorded.entered_at.astimezone():%d.%m.%Y %H:%M}")
            .replace("%3", f"{recorded.received_on:%d.%m.%Y}"),
            QMessageBox.Yes | QMessageBox.No,
            QMessageBox.No,
        )
        if answer != QMessageBox.Yes:
            self.show_message(self.tr("%1: nicht erneut erfasst.").replace("%1", name))
            return False
        self.model.rows[row_index].saved_event_id = recorded.event_id
        self.model.begin_edit(row_index)  # the keys that follow correct it: asked already
        return True

    def scan_entered(self) -> None:
        text = self.scan.text()
        if not text.strip() or self.school_id is None:
            return
        school_id = self.school_id

        def refused(problems: list[Problem]) -> None:
            self.show_message(" ".join(p.message for p in problems), error=True)
            self.scan.selectAll()

        target = self.operations.run(
            lambda: resolve_scan(self.ctx, school_id, text), parent=self, errors=refused
        )
        if target is None:
            return
        if target.template_key != self.template_key:
            self.template_requested.emit(target.template_key)
        class_name = roster.get_student(self.ctx, target.student_id).class_name
        index = self.class_box.findData(class_name)
        if index >= 0 and index != self.class_box.currentIndex():
            self.class_box.setCurrentIndex(index)
        row_index = self.model.row_of_student(target.student_id)
        if row_index is None:
            self.show_message(
                self.tr("Die Vorlage gilt nicht für diese Schülerin bzw. diesen Schüler."),
                error=True,
            )
            self.scan.selectAll()
            return
        if target.recorded is not None and not self._correct_scanned(row_index, target):
            self.scan.clear()
            self.scan.setFocus()
            return
        self.scan.clear()
        self.grid.go_to(row_index, 1)
        self._scanned = (row_index, target.version)
        self._back_to_scan = True
        self.grid.setFocus()
        self.show_message(
            self.tr("%1 (%2): bitte die Antworten eingeben.")
            .replace("%1", self.model.rows[row_index].student.name)
            .replace("%2", class_name)
        )
