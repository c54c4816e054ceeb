"""Every dialog and wizard of the app, opened on the demo data of a main window.

``make screenshots`` renders each at 1024×600, and the tests open each on a laptop's screen
(buttons on the screen, no mnemonic twice, names shown as text). A new dialog adds its entry
here; ``tests/ui/test_laptop_screen.py`` fails for a dialog class that has none.

An opener gets the main window (demo loaded, the large demo school chosen) and a scratch
folder, and returns the shown dialog.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from dpo_desk.ui.main_window import MainWindow

Opener = Callable[["MainWindow", Path], QWidget]


@dataclass(frozen=True)
class Place:
    name: str
    """File name of the screenshot and the test's id, e.g. "dialog_student"."""
    open: Opener


def wait_until(condition: Callable[[], bool], timeout_ms: int = 10000) -> bool:
    """Let Qt work (worker threads report back) until ``condition`` holds."""
    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        if deadline.hasExpired():
            return False
        QCoreApplication.processEvents(QEventLoop.AllEvents, 50)
    return True


def _school(window: MainWindow) -> int:
    school_id = window.current_school_id()
    assert school_id is not None, "the catalogue needs a chosen school"
    return school_id


def _shown(dialog: QWidget) -> QWidget:
    if not dialog.isVisible():
        dialog.show()
    wait_until(dialog.isVisible, 2000)
    return dialog


def _first_student(window: MainWindow) -> int:
    from dpo_desk.services.roster.students import list_students

    return list_students(window.ctx, _school(window))[0].id


def _released_activity(window: MainWindow) -> int:
    from dpo_desk.services.register.activities import list_activities

    entries = list_activities(window.ctx, _school(window))
    return next((a.id for a in entries if a.status == "released"), entries[0].id)


def _consent_template(window: MainWindow):
    from dpo_desk.services.consent.templates import list_templates

    return list_templates(window.ctx, _school(window), include_retired=False)[0]


# --- the openers ---------------------------------------------------------------------


def new_school(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.schools.school_dialog import NewSchoolDialog

    return _shown(NewSchoolDialog(window.ctx, window.signals.operations, window))


def person(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.settings.person_dialog import PersonDialog

    return _shown(PersonDialog(window.ctx, window.signals.operations, window))


def student(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.roster.student_dialog import StudentDialog

    return _shown(StudentDialog(window.ctx, window.signals, _first_student(window), window))


def _wizard(window: MainWindow):
    from dpo_desk.ui.roster.import_wizard import RosterImportWizard

    return RosterImportWizard(window.ctx, window.signals, _school(window), window)


def import_file(window: MainWindow, _folder: Path) -> QWidget:
    return _shown(_wizard(window))


def _class_list(window: MainWindow, folder: Path) -> Path:
    """The demo school's students as a school administration export (one class left out,
    so the preview shows leavers)."""
    from dpo_desk.services.roster.students import list_students

    rows = list_students(window.ctx, _school(window))
    first_class = rows[0].class_name
    path = folder / "Schuelerliste.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Nachname", "Vorname", "Geburtsdatum", "Klasse"])
        for row in rows:
            if row.class_name != first_class:
                writer.writerow(
                    [row.last_name, row.first_names, f"{row.birth_date:%d.%m.%Y}", row.class_name]
                )
    return path


def _wizard_at(window: MainWindow, folder: Path, steps: int) -> QWidget:
    wizard = _shown(_wizard(window))
    wizard.file_page.path.setText(str(_class_list(window, folder)))
    for step in range(steps):
        wizard.next()
        wait_until(lambda s=step: wizard.currentId() == s + 1)
    return wizard


def import_mapping(window: MainWindow, folder: Path) -> QWidget:
    return _wizard_at(window, folder, 1)


def import_preview(window: MainWindow, folder: Path) -> QWidget:
    return _wizard_at(window, folder, 2)


def activity(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.register.activity_dialog import ActivityDialog

    return _shown(
        ActivityDialog(
            window.ctx, window.signals, _school(window), _released_activity(window), parent=window
        )
    )


def activity_versions(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.register.versions_dialog import ActivityVersionsDialog

    return _shown(ActivityVersionsDialog(window.ctx, _released_activity(window), window))


def processor(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.services.register.processors import list_processors
    from dpo_desk.ui.register.processor_dialog import ProcessorDialog

    first = list_processors(window.ctx, _school(window))[0]
    return _shown(ProcessorDialog(window.ctx, window.signals, first.id, parent=window))


def tom(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.services.register.toms import list_toms
    from dpo_desk.ui.register.tom_dialog import TomDialog

    first = list_toms(window.ctx, _school(window))[0]
    return _shown(TomDialog(window.ctx, window.signals, _school(window), first, window))


def archive(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.services.register.activities import get_activity
    from dpo_desk.ui.register.archive_dialog import ArchiveDialog

    entry = get_activity(window.ctx, _released_activity(window))
    return _shown(ArchiveDialog(window.ctx, window.signals, entry.id, entry.data.name, window))


def tom_import(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.services.register.processors import list_processors
    from dpo_desk.ui.register.tom_import_dialog import TomImportDialog

    first = list_processors(window.ctx, _school(window))[0]
    return _shown(TomImportDialog(window.ctx, window.signals, first.id, window))


def threshold(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.services.register.activities import get_activity
    from dpo_desk.ui.dsfa.threshold_dialog import ThresholdDialog

    entry = get_activity(window.ctx, _released_activity(window))
    return _shown(ThresholdDialog(window.ctx, window.signals, entry.id, entry.data.name, window))


def consent_templates(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.consent.template_dialog import ConsentTemplatesDialog

    key = _consent_template(window).key
    return _shown(ConsentTemplatesDialog(window.ctx, window.signals, _school(window), key, window))


def consent_history(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.consent.history_dialog import ConsentHistoryDialog

    key = _consent_template(window).key
    return _shown(
        ConsentHistoryDialog(
            window.ctx, window.signals, _school(window), _first_student(window), key, window
        )
    )


def revocation(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.services.roster.students import get_student
    from dpo_desk.ui.consent.revocation_dialog import RevocationDialog

    info = _consent_template(window)
    student_id = _first_student(window)
    found = get_student(window.ctx, student_id)
    return _shown(
        RevocationDialog(
            window.ctx,
            window.signals.operations,
            _school(window),
            info.key,
            info.title,
            [(o.key, o.label) for o in info.current.options],
            student_id,
            f"{found.first_names} {found.last_name}",
            window,
        )
    )


def student_picker(window: MainWindow, _folder: Path) -> QWidget:
    """The printing page's StudentPickerDialog (a reprint for a few), one class chosen."""
    from PySide6.QtCore import Qt

    from dpo_desk.services.printing.request import PrintDocument

    page = window.page("printingPage")
    window.show_page(window.pages.index(page))
    first_class = page.class_list.item(0).data(Qt.UserRole)
    page.choose(PrintDocument.REMINDERS, _consent_template(window).key, [first_class])
    dialog = page.extras.picker()
    assert dialog is not None
    return _shown(dialog)


def passphrase(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.safety.passphrase_dialog import PassphraseDialog

    return _shown(PassphraseDialog(lambda _text: None, window))


def new_passphrase(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.safety.passphrase_dialog import NewPassphraseDialog

    return _shown(NewPassphraseDialog(encrypted=True, parent=window))


def stale_edit(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.services.errors import Difference, StaleEdit
    from dpo_desk.ui.common.failures import StaleEditDialog

    stale = StaleEdit(
        "Der Eintrag „Lernplattform“",
        "Dr. Jonas Albrecht (Datenschutzbeauftragte/r)",
        None,
        [Difference("Zwecke der Verarbeitung", "Unterricht", "Unterricht und Hausaufgaben")],
    )
    return _shown(StaleEditDialog(stale, window, lambda: None))


def question(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.common.confirm import ask_yes_no

    return _shown(
        ask_yes_no(
            window,
            "Eintrag löschen",
            "„Lernplattform“ mit allen freigegebenen Versionen löschen?",
            "catalogueQuestion",
            lambda: None,
        )
    )


def save_file(window: MainWindow, folder: Path) -> QWidget:
    """Qt's own file dialog (German through Qt's translation)."""
    dialog = QFileDialog(window, "Als PDF speichern", str(folder))
    dialog.setAcceptMode(QFileDialog.AcceptSave)
    dialog.setOption(QFileDialog.DontUseNativeDialog, True)
    dialog.setNameFilter("PDF-Dateien (*.pdf)")
    return _shown(dialog)


def print_dialog(window: MainWindow, _folder: Path) -> QWidget:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.HighResolution)
    dialog = QPrintDialog(printer, window)
    dialog.printer_ = printer  # type: ignore[attr-defined]  # kept alive with the dialog
    return _shown(dialog)


def breach(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.services.breaches.records import list_breaches
    from dpo_desk.ui.breaches.dialog import BreachDialog

    school_id = _school(window)
    found = list_breaches(window.ctx, school_id)
    shown = BreachDialog(
        window.ctx, window.signals, school_id, found[0].id if found else None, window
    )
    return _shown(shown)


def _requests(window: MainWindow):
    from dpo_desk.services.requests.records import list_requests

    return list_requests(window.ctx, _school(window))


def request(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.requests.dialog import RequestDialog

    found = _requests(window)
    return _shown(
        RequestDialog(
            window.ctx, window.signals, _school(window), found[0].id if found else None, window
        )
    )


def erasure(window: MainWindow, _folder: Path) -> QWidget:
    """The erasure asked for by the first student (the demo has no such request: it is
    made here, as the secretary would enter it)."""
    from dpo_desk.core.requests.values import RequestData
    from dpo_desk.services.requests.records import create_request
    from dpo_desk.ui.requests.erasure_dialog import ErasureDialog

    ctx = window.ctx
    made = window.signals.operations.run(
        lambda: create_request(
            ctx,
            _school(window),
            RequestData(
                received_on=ctx.clock.today(), student_id=_first_student(window), kind="erasure"
            ),
        ),
        parent=window,
    )
    assert made is not None, "the erasure request could not be made"
    return _shown(ErasureDialog(ctx, window.signals, made.id, made.row_version, window))


def export(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.exchange.export_dialog import ExportDialog

    name = window.school_switcher.currentText()
    return _shown(ExportDialog(window.ctx, window.signals, _school(window), name, window))


def import_archive(window: MainWindow, folder: Path) -> QWidget:
    """The import of the chosen school's own export (its preview: all unchanged)."""
    from dpo_desk.services.exchange.archive import read_archive
    from dpo_desk.services.exchange.export import export_school
    from dpo_desk.ui.exchange.import_dialog import ImportDialog

    path = folder / "Schule.zip"
    export_school(window.ctx, _school(window), path)
    shown = ImportDialog(window.ctx, window.signals, read_archive(path), window)
    return _shown(shown)


def copy_from_school(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.exchange.copy_dialog import CopyDialog

    return _shown(CopyDialog(window.ctx, window.signals, _school(window), window))


def library(window: MainWindow, _folder: Path) -> QWidget:
    """The library with a measure of the chosen school in it (and its copy linked)."""
    from dpo_desk.services.library.items import add_to_library
    from dpo_desk.services.register.toms import list_toms
    from dpo_desk.ui.library.dialog import LibraryDialog

    school_id = _school(window)
    for tom in list_toms(window.ctx, school_id, None)[:3]:
        window.signals.operations.run(
            lambda t=tom: add_to_library(window.ctx, school_id, "tom", t.title), parent=window
        )
    name = window.school_switcher.currentText()
    return _shown(LibraryDialog(window.ctx, window.signals, school_id, name, window))


def add_to_library(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.library.add_dialog import AddToLibraryDialog

    return _shown(AddToLibraryDialog(window.ctx, window.signals, _school(window), window))


def about(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.about.dialog import AboutDialog

    return _shown(AboutDialog(window.ctx.paths.data_dir, window))


def sign_in(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.users.sign_in import SignInDialog

    return _shown(
        SignInDialog("s.mueller@db.schultraeger.de:5432/dpo", lambda _p, _k: None, window)
    )


# The dialogs of "Personen und Rollen" (server mode; their base is users.dialogs._FormDialog).
def person_dialog(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.users.dialogs import PersonDialog

    return _shown(PersonDialog(window, may_make_administrators=True))


def role_dialog(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.services.schools import list_schools
    from dpo_desk.ui.users.dialogs import RoleDialog

    schools = [(s.id, s.name) for s in list_schools(window.ctx)]
    return _shown(RoleDialog(window, "Sabine Müller (s.mueller)", schools, schools[0][0]))


def password_dialog(window: MainWindow, _folder: Path) -> QWidget:
    from dpo_desk.ui.users.dialogs import PasswordDialog

    return _shown(PasswordDialog(window, "Sabine Müller (s.mueller)"))


PLACES: tuple[Place, ...] = (
    Place("dialog_neue_schule", new_school),
    Place("dialog_wer_arbeitet", person),
    Place("dialog_schueler", student),
    Place("wizard_import_datei", import_file),
    Place("wizard_import_spalten", import_mapping),
    Place("wizard_import_vorschau", import_preview),
    Place("dialog_vvt_eintrag", activity),
    Place("dialog_vvt_versionen", activity_versions),
    Place("dialog_auftragsverarbeiter", processor),
    Place("dialog_tom", tom),
    Place("dialog_massnahmen_import", tom_import),
    Place("dialog_archivieren", archive),
    Place("dialog_schwellwertanalyse", threshold),
    Place("dialog_einwilligungsvorlagen", consent_templates),
    Place("dialog_einwilligungsverlauf", consent_history),
    Place("dialog_widerruf", revocation),
    Place("dialog_passphrase", passphrase),
    Place("dialog_neue_passphrase", new_passphrase),
    Place("dialog_inzwischen_geaendert", stale_edit),
    Place("dialog_frage", question),
    Place("dialog_datei_speichern", save_file),
    Place("dialog_drucken", print_dialog),
    Place("dialog_datenpanne", breach),
    Place("dialog_anfrage", request),
    Place("dialog_loeschung", erasure),
    Place("dialog_export", export),
    Place("dialog_import", import_archive),
    Place("dialog_aus_anderer_schule", copy_from_school),
    Place("dialog_ueber", about),
    # Added last: the screenshots of the dialogs before keep their numbers.
    Place("dialog_schueler_waehlen", student_picker),
    Place("dialog_bibliothek", library),
    Place("dialog_bibliothek_aufnehmen", add_to_library),
    Place("dialog_anmeldung", sign_in),
    Place("dialog_person_anlegen", person_dialog),
    Place("dialog_rolle_vergeben", role_dialog),
    Place("dialog_passwort_setzen", password_dialog),
)


def close(widget: QWidget) -> None:
    """Close a catalogue dialog without saving anything."""
    if isinstance(widget, QMessageBox):
        widget.done(QMessageBox.No)
    elif isinstance(widget, QDialog):
        widget.reject()
    else:
        widget.close()
    widget.deleteLater()
