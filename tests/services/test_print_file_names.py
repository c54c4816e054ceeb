"""The file name the save dialog of the printing page proposes is German and says what is in
the PDF (not "consent-forms.pdf")."""

from __future__ import annotations

from dpo_desk.services.printing.request import PrintDocument, PrintRequest, suggested_file_name


def test_the_proposed_file_name_names_document_classes_and_template() -> None:
    forms = PrintRequest(PrintDocument.CONSENT_FORMS, "video", ("5a",))
    assert suggested_file_name(forms, "Videokonferenzen") == (
        "Einwilligungen_5a_Videokonferenzen.pdf"
    )
    sheet = PrintRequest(PrintDocument.SIGNATURE_SHEET, "fotos", ())
    assert suggested_file_name(sheet, "Fotos/Homepage") == (
        "Unterschriftenliste_ganze_Schule_Fotos_Homepage.pdf"
    )
    many = PrintRequest(PrintDocument.REMINDERS, "fotos", ("5a", "5b", "6a", "6b"))
    assert suggested_file_name(many, "Fotos") == "Erinnerungen_4_Klassen_Fotos.pdf"
    two = PrintRequest(PrintDocument.PARTICIPANTS, "fotos", ("5a", "5b"))
    assert suggested_file_name(two, "Fotos") == "Teilnahme_5a-5b_Fotos.pdf"
