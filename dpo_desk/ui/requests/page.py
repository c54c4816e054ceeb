"""Anfragen: requests of data subjects with their deadlines, filters (open, overdue, year),
the editor, the access report (PDF and JSON) and the erasure of an erasure request."""

from __future__ import annotations

from pathlib import Path

from dpo_desk.core.dates import format_date
from dpo_desk.core.due import days_text
from dpo_desk.core.requests.values import RequestKind
from dpo_desk.services.changes import Area
from dpo_desk.services.requests import records as requests
from dpo_desk.ui.common.case_list import CaseListPage
from dpo_desk.ui.common.documents import choose_target, write_document
from dpo_desk.ui.common.error_label import ERROR_COLOUR
from dpo_desk.ui.register.table import TableRow


def _access():
    from dpo_desk.services.requests import access

    return access


class RequestsPage(CaseListPage):
    title = "Anfragen"
    object_name = "requestsPage"
    areas = frozenset({Area.REQUESTS, Area.ROSTER})
    heading = "<h2>Anfragen betroffener Personen (Art. 15–22 DSGVO)</h2>"
    headings = ("Nr.", "Eingang", "Art", "Betroffene Person", "Anfrage von", "Frist", "Stand")
    entity = "subject_request"
    prefix = "request"
    noun = "Anfragen"

    def __init__(self, ctx, signals) -> None:
        super().__init__(ctx, signals)
        self.table.horizontalHeader().resizeSection(2, 190)
        self.table.horizontalHeader().resizeSection(3, 170)

    def actions(self) -> list[tuple]:
        return [
            *super().actions(),
            ("accessPdfButton", "&Auskunft (PDF) …", self.choose_access_pdf),
            ("accessJsonButton", "Auskunft (&JSON) …", self.choose_access_json),
            ("erasureButton", "Löschun&g …", self.open_erasure),
        ]

    def load(self) -> list[requests.RequestSummary]:
        return requests.list_requests(self.ctx, self.school_id)

    def year_of(self, item: requests.RequestSummary) -> int:
        return item.received_on.year

    def is_overdue(self, item: requests.RequestSummary) -> bool:
        return item.is_overdue(self.ctx.clock.today())

    def row(self, r: requests.RequestSummary) -> TableRow:
        today = self.ctx.clock.today()
        deadline = format_date(r.deadline)
        if r.is_open():
            deadline += f" ({days_text(r.deadline, today)})"
        if r.extended_until is not None:
            deadline += " – verlängert"
        status = r.status_label
        if r.answered_on is not None:
            status += f" am {format_date(r.answered_on)}"
        cells = (
            r.reference,
            format_date(r.received_on),
            r.kind_label,
            r.subject_name,
            r.requester_label,
            deadline,
            status,
        )
        return TableRow(
            r,
            cells,
            sort_keys=(
                *cells[:1],
                r.received_on.isoformat(),
                *cells[2:5],
                r.deadline.isoformat(),
                status,
            ),
            colour=ERROR_COLOUR if r.is_overdue(today) else None,
        )

    def editor(self, school_id: int, record_id: int | None):
        from dpo_desk.ui.requests.dialog import RequestDialog

        return RequestDialog(self.ctx, self.signals, school_id, record_id, self)

    def delete_question(self, item: requests.RequestSummary) -> str:
        return self.tr(
            "Anfrage %1 löschen? Nur für versehentliche Einträge: Die Bearbeitung echter "
            "Anfragen muss nachweisbar bleiben."
        ).replace("%1", item.reference)

    def delete(self, record_id: int):
        return requests.delete_request(self.ctx, record_id)

    current_request = CaseListPage.current

    # --- access report and erasure ------------------------------------------------------

    def _with_student(self) -> requests.RequestSummary | None:
        current = self.current()
        if current is None:
            self.message.setText(self.tr("Bitte zuerst eine Anfrage auswählen."))
            return None
        if current.student_id is None:
            self.message.setText(
                self.tr(
                    "Anfrage %1 ist mit keiner Schülerin und keinem Schüler verknüpft. Bitte in "
                    "der Anfrage die Person wählen."
                ).replace("%1", current.reference)
            )
            return None
        self.message.clear()
        return current

    def choose_access_pdf(self) -> None:
        self._choose_access(".pdf", "PDF (*.pdf)")

    def choose_access_json(self) -> None:
        self._choose_access(".json", "JSON (*.json)")

    def _choose_access(self, suffix: str, filters: str) -> None:
        current = self._with_student()
        if current is None:
            return
        path = choose_target(
            self, self.tr("Auskunft speichern"), f"Auskunft_{current.reference}{suffix}", filters
        )
        if path is not None:
            self.write_access_to(current, path)

    def write_access_to(self, current: requests.RequestSummary, path: Path) -> None:
        school_id, student_id = current.school_id, current.student_id
        assert student_id is not None
        write_document(
            self.signals,
            self,
            self.tr("Auskunft wird erstellt …"),
            lambda: _access().write_access_report(
                self.ctx, school_id, student_id, path, current.reference
            ),
        )

    def open_erasure(self) -> None:
        from dpo_desk.ui.requests.erasure_dialog import ErasureDialog

        current = self._with_student()
        if current is None:
            return
        if current.kind != RequestKind.ERASURE:
            self.message.setText(
                self.tr("Löschen ist nur zu einer Anfrage der Art „Löschung (Art. 17)“ möglich.")
            )
            return
        version = requests.get_request(self.ctx, current.id).row_version
        self.dialog = self.operations.editors.open(
            ("erasure", current.id),
            lambda: ErasureDialog(self.ctx, self.signals, current.id, version, self),
        )
