"""The "Drucken" page: choose a consent printout, its template, classes and option, look at
the PDF inside the app, print it through the system dialog or save it.

Laying out runs in a worker thread (``operations.start``) with progress and "Abbrechen"; the PDF
is kept in memory, so preview, printing and saving use the very same document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.wording import pages as pages_text
from dpo_desk.reports.atomic import DocumentCancelled
from dpo_desk.services.changes import Area
from dpo_desk.services.consent.templates import TemplateInfo, list_templates
from dpo_desk.services.printing.request import (
    DOCUMENT_LABELS,
    PrintDocument,
    PrintRequest,
)
from dpo_desk.services.roster.students import list_classes
from dpo_desk.ui.operations import Job
from dpo_desk.ui.pages.base import Page
from dpo_desk.ui.printing.actions import PrintActions
from dpo_desk.ui.printing.extras import PrintExtras

if TYPE_CHECKING:
    from dpo_desk.reports.engine import RenderedPdf

ALL_OPTIONS = ""


def _labelled(widget: QWidget, object_name: str, accessible: str) -> QWidget:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    return widget


class PrintingPage(PrintActions, Page):
    title = "Drucken"
    # Printouts show templates, classes, consent states, the school and the linked entry.
    areas = frozenset({Area.TEMPLATES, Area.ROSTER, Area.CONSENT, Area.SCHOOLS, Area.REGISTER})
    object_name = "printingPage"

    def __init__(self, ctx, signals) -> None:
        super().__init__(ctx, signals)
        self.templates: list[TemplateInfo] = []
        self.rendered: tuple[PrintRequest, RenderedPdf] | None = None
        self.job: Job | None = None
        self.picker = None
        self._buffer: QBuffer | None = None
        self._build()

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        tr = self.tr
        self.document_box = _labelled(QComboBox(), "printingDocument", tr("Dokument"))
        for document, label in DOCUMENT_LABELS.items():
            self.document_box.addItem(tr(label), document.value)
        self.template_box = _labelled(QComboBox(), "printingTemplate", tr("Vorlage"))
        self.whole_school = _labelled(
            QCheckBox(tr("&Ganze Schule")), "printingWholeSchool", tr("Ganze Schule")
        )
        self.class_list = _labelled(QListWidget(), "printingClasses", tr("Klassen"))
        self.option_box = _labelled(QComboBox(), "printingOption", tr("Option"))
        self.duplex = _labelled(
            QCheckBox(tr("&Beidseitig: jedes Stück beginnt auf einer Vorderseite")),
            "printingDuplex",
            tr("Beidseitiger Druck"),
        )
        self.preview_button = _labelled(
            QPushButton(tr("&Vorschau")), "printingPreviewButton", tr("Vorschau zeigen")
        )
        self.print_button = _labelled(
            QPushButton(tr("&Drucken …")), "printingPrintButton", tr("Drucken")
        )
        self.save_button = _labelled(
            QPushButton(tr("&Speichern …")), "printingSaveButton", tr("Als PDF speichern")
        )
        self.copy_button = _labelled(
            QPushButton(tr("&Text kopieren")), "printingCopyButton", tr("Liste als Text kopieren")
        )
        self.extras = PrintExtras(self)
        self.message = _labelled(QLabel(), "printingMessage", tr("Meldung"))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.PlainText)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.pdf = QPdfDocument(self)
        self.preview = _labelled(QPdfView(self), "printingPreview", tr("Vorschau"))
        self.preview.setDocument(self.pdf)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        form = QFormLayout()
        for text, widget in (
            (tr("Doku&ment:"), self.document_box),
            (tr("Vor&lage:"), self.template_box),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        classes_label = QLabel(tr("&Klassen:"))
        classes_label.setBuddy(self.class_list)
        form.addRow(classes_label, self.whole_school)
        form.addRow(self.class_list)
        option_label = QLabel(tr("O&ption:"))
        option_label.setBuddy(self.option_box)
        form.addRow(option_label, self.option_box)
        form.addRow(self.duplex)
        form.addRow(self.extras.two_per_sheet)
        students_label = QLabel(tr("Nur Schüler-N&r.:"))
        students_label.setBuddy(self.extras.students)
        form.addRow(students_label, self.extras.student_row)
        form.addRow(self.extras.chosen_names)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.save_button, self.copy_button):
            buttons.addWidget(button)
        side = QVBoxLayout()
        heading = QLabel(tr("Einwilligungen drucken"))
        heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        side.addWidget(heading)
        side.addLayout(form)
        side.addLayout(buttons)
        side.addWidget(self.message)
        panel = QWidget()
        panel.setLayout(side)
        panel.setFixedWidth(380)
        layout = QHBoxLayout(self)
        layout.addWidget(panel)
        layout.addWidget(self.preview, 1)

        self.document_box.currentIndexChanged.connect(self._choice_changed)
        self.template_box.currentIndexChanged.connect(self._template_changed)
        self.whole_school.toggled.connect(self._choice_changed)
        self.class_list.itemChanged.connect(self._choice_changed)
        self.option_box.currentIndexChanged.connect(self._choice_changed)
        self.duplex.toggled.connect(self._choice_changed)
        self.copy_button.clicked.connect(self.copy_teacher_list)
        self.preview_button.clicked.connect(self.show_preview)
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button.clicked.connect(self.save_with_dialog)
        self._choice_changed()

    # --- data -----------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.rendered is not None:  # the data may have changed: lay out again
            self.rendered = None
            self.pdf.close()
            self.show_message(self.tr("Die Daten haben sich geändert: bitte neu „Vorschau“."))
        template_key = self.template_box.currentData()
        chosen = set(self.chosen_classes())
        self.template_box.blockSignals(True)
        self.template_box.clear()
        self.class_list.blockSignals(True)
        self.class_list.clear()
        self.templates = []
        if self.school_id is not None:
            self.templates = list_templates(self.ctx, self.school_id, include_retired=False)
            for info in self.templates:
                self.template_box.addItem(
                    self.tr("%1 (Version %2)")
                    .replace("%1", info.title)
                    .replace("%2", str(info.current_version)),
                    info.key,
                )
            for summary in list_classes(self.ctx, self.school_id):
                item = QListWidgetItem(
                    self.tr("%1 (%2)")
                    .replace("%1", summary.name)
                    .replace("%2", str(summary.student_count))
                )
                item.setData(Qt.UserRole, summary.name)
                item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Checked if summary.name in chosen else Qt.Unchecked)
                self.class_list.addItem(item)
        index = self.template_box.findData(template_key) if template_key else -1
        self.template_box.setCurrentIndex(max(index, 0))
        self.template_box.blockSignals(False)
        self.class_list.blockSignals(False)
        self._template_changed()

    def _template_changed(self) -> None:
        key = self.template_box.currentData()
        info = next((t for t in self.templates if t.key == key), None)
        wanted = self.option_box.currentData()
        self.option_box.blockSignals(True)
        self.option_box.clear()
        self.option_box.addItem(self.tr("alle Optionen"), ALL_OPTIONS)
        for option in info.current.options if info else ():
            self.option_box.addItem(option.label, option.key)
        self.option_box.setCurrentIndex(max(self.option_box.findData(wanted), 0))
        self.option_box.blockSignals(False)
        self._choice_changed()

    def _choice_changed(self) -> None:
        document = self.chosen_document()
        self.option_box.setEnabled(document is PrintDocument.PARTICIPANTS)
        self.extras.update(document)
        self.copy_button.setVisible(document is PrintDocument.TEACHER_LIST)
        self.class_list.setEnabled(not self.whole_school.isChecked())
        ready = self.school_id is not None and self.template_box.count() > 0
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(ready and self.job is None)
        if self.rendered is None and not self.message.text():
            self.show_message(
                self.tr(
                    "Dokument, Vorlage und Klassen wählen, dann „Vorschau“: Die Seiten "
                    "erscheinen rechts und können gedruckt oder gespeichert werden."
                )
            )
        if self.school_id is not None and self.template_box.count() == 0:
            self.show_message(
                self.tr(
                    "Es gibt noch keine Einwilligungsvorlage. Bitte zuerst unter "
                    "„Einwilligungen“ eine Vorlage anlegen."
                ),
                error=True,
            )

    # --- the choice -----------------------------------------------------------------------

    def open_target(self, target) -> None:
        if target.place == "forms":  # the consent forms; the template is chosen next
            self.document_box.setCurrentIndex(
                self.document_box.findData(PrintDocument.CONSENT_FORMS.value)
            )
            self.template_box.setFocus()
        elif target.place == "reprint":  # reminders for students of the consent overview
            self.extras.reprint(target.key, list(target.ids))

    def chosen_document(self) -> PrintDocument:
        return PrintDocument(self.document_box.currentData())

    def chosen_classes(self) -> list[str]:
        return [
            self.class_list.item(row).data(Qt.UserRole)
            for row in range(self.class_list.count())
            if self.class_list.item(row).checkState() == Qt.Checked
        ]

    def choose(
        self,
        document: PrintDocument,
        template_key: str,
        classes: list[str] | None = None,
        option_key: str | None = None,
    ) -> None:
        """Set the choice as a user would click it (``classes`` None: the whole school)."""
        self.document_box.setCurrentIndex(self.document_box.findData(document.value))
        self.template_box.setCurrentIndex(self.template_box.findData(template_key))
        self.whole_school.setChecked(classes is None)
        for row in range(self.class_list.count()):
            item = self.class_list.item(row)
            checked = classes is not None and item.data(Qt.UserRole) in classes
            item.setCheckState(Qt.Checked if checked else Qt.Unchecked)
        self.option_box.setCurrentIndex(max(self.option_box.findData(option_key or ""), 0))

    def current_request(self) -> PrintRequest | None:
        """The request for the current choice; None (with a message) when incomplete."""
        key = self.template_box.currentData()
        if self.school_id is None or not key:
            self.show_message(self.tr("Bitte eine Einwilligungsvorlage wählen."), error=True)
            return None
        document = self.chosen_document()
        option = self.option_box.currentData() if document is PrintDocument.PARTICIPANTS else None
        students = self.extras.student_ids(document)
        if students is None:
            self.show_message(
                self.tr("„Nur Schüler-Nr.“: bitte nur Nummern, durch Komma getrennt."), error=True
            )
            return None
        classes: tuple[str, ...] = ()
        if not self.whole_school.isChecked() and not students:
            classes = tuple(self.chosen_classes())
            if not classes:
                self.show_message(
                    self.tr("Bitte mindestens eine Klasse ankreuzen oder „Ganze Schule“ wählen."),
                    error=True,
                )
                return None
        return PrintRequest(
            document,
            key,
            classes,
            option_key=option or None,
            duplex=self.duplex.isChecked(),
            student_ids=students,
            two_per_sheet=self.extras.sheet_option(document),
        )

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;" if error else "")

    # --- rendering ------------------------------------------------------------------------

    def _with_pdf(self, then) -> None:
        """Call ``then(rendered)`` with the PDF of the current choice, laying it out first
        (in the background) unless the preview already shows exactly that."""
        request = self.current_request()
        if request is None:
            return
        if self.rendered is not None and self.rendered[0] == request:
            then(self.rendered[1])
            return
        school_id = self.school_id

        from dpo_desk.services.printing.documents import render_document  # ReportLab loads here

        def work(progress, cancelled) -> RenderedPdf:
            return render_document(
                self.ctx, school_id, request, progress=progress, cancelled=cancelled
            )

        def done(rendered: RenderedPdf) -> None:
            self.job = None
            self._show_pdf(request, rendered)
            then(rendered)

        self.show_message(self.tr("Wird erstellt …"))
        self.job = self.operations.start(
            work,
            parent=self,
            label=self.tr("%1 werden erstellt").replace("%1", request.document.label),
            on_done=done,
            on_error=self._failed,
        )
        self._choice_changed()

    def _show_pdf(self, request: PrintRequest, rendered: RenderedPdf) -> None:
        self.rendered = (request, rendered)
        self.pdf.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(rendered.data))
        self._buffer.open(QIODevice.ReadOnly)
        self.pdf.load(self._buffer)
        pages = pages_text(rendered.pages)
        text = self.tr("%1: %2.").replace("%1", request.document.label).replace("%2", pages)
        self.show_message(" ".join([text, *rendered.warnings]), error=bool(rendered.warnings))
        self._choice_changed()

    def _failed(self, exc: Exception) -> None:
        self.job = None
        self._choice_changed()
        if isinstance(exc, DocumentCancelled):
            self.show_message(self.tr("Abgebrochen. Es wurde nichts gespeichert oder gedruckt."))
            return
        self.operations.fail(
            exc,
            self,
            errors=lambda problems: self.show_message(
                "\n".join(p.message for p in problems), error=True
            ),
        )
