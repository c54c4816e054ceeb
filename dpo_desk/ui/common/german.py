"""Qt's own texts in German: Ja/Nein, Abbrechen, the file and print dialogs, the calendar."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)
GERMAN = QLocale(QLocale.German, QLocale.Germany)


def install_german_qt_texts(app: QCoreApplication) -> bool:
    """Load Qt's German translation (qtbase_de) once; False when it is missing (then Qt's
    buttons stay English, everything of our own is German anyway)."""
    QLocale.setDefault(GERMAN)
    if app.findChild(QTranslator, "germanQtTexts") is not None:
        return True
    translator = QTranslator(app)
    translator.setObjectName("germanQtTexts")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(GERMAN, "qtbase", "_", folder):
        log.info("Qt translations for German not found in %s", folder)
        translator.deleteLater()
        return False
    app.installTranslator(translator)
    return True
