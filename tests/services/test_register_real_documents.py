"""Two real documents a school DPO works from, entered through the services and printed:

- a school platform's self-assessment (in the manner of IServ's): the entry, four risks in
  the manner of the DSK's standard data protection model, log data deleted after 7 days,
  some modules only with consent;
- a school app's processing contract (Art. 28 with annexes): the checklist, a US
  sub-processor approved on a date, the TOM annex taken over by bulk import, the data
  categories and data subjects annexes.

The register, the entry, the information sheet and the DSFA are printed and read back.
The wording is our own; the structure follows the public documents.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from dpo_desk.core.dsfa.rules import APPROVED, ScenarioData
from dpo_desk.core.dsfa.threshold import ThresholdAnswers
from dpo_desk.core.register.info_text import STAFF
from dpo_desk.core.register.values import (
    ART28_POINTS,
    ChecklistPoint,
    DataCategory,
    ProcessorData,
    Recipient,
    SubProcessorData,
)
from dpo_desk.services.consent.template_edit import copy_from_catalogue
from dpo_desk.services.dsfa import assessments as dsfa
from dpo_desk.services.dsfa import scenarios
from dpo_desk.services.register import activities, contracts, processors, tom_import, toms
from dpo_desk.services.register.catalogue import add_from_catalogue
from dpo_desk.services.register.findings import school_findings
from dpo_desk.services.register.lifecycle import release_activity
from dpo_desk.services.register.printing import print_entry, print_info_sheet, print_register
from tests.reports import pdf_reading

DAY = date(2026, 9, 1)

# The TOM annex of the app's contract as the vendor writes it: headings, "title: detail",
# an empty line and one line twice (25 distinct measures).
APP_TOM_ANNEX = """Vertraulichkeit
Zutrittskontrolle: Rechenzentrum mit Ausweiskarten und Videoüberwachung
Zutrittskontrolle: Besucher nur in Begleitung
Zugangskontrolle: Persönliche Benutzerkonten für alle Mitarbeitenden
Zugangskontrolle: Kennwortrichtlinie mit mindestens zwölf Zeichen
Zwei-Faktor-Authentisierung für Lehrkräfte (optional einschaltbar)
Automatische Sperre nach zehn Minuten Inaktivität
Zugriffskontrolle: Rollen- und Rechtekonzept
Protokollierung administrativer Zugriffe
Verschlüsselung der gespeicherten Daten (AES-256)
Trennungskontrolle: Mandantentrennung je Schule

Integrität
Weitergabekontrolle: Transportverschlüsselung TLS 1.3
Eingabekontrolle: Protokollierung von Änderungen an Nutzerdaten
Signierte Software-Updates
Verfügbarkeit und Belastbarkeit
Tägliche Datensicherung an einem zweiten Standort
Wiederherstellungstest einmal im Quartal
Unterbrechungsfreie Stromversorgung im Rechenzentrum
Überwachung der Systeme rund um die Uhr
Notfallhandbuch mit Wiederanlaufplan
Verfahren zur regelmäßigen Überprüfung
Datenschutzmanagement mit jährlicher Überprüfung
Auftragskontrolle: Unterauftragnehmer nur nach Zustimmung der Schule
Schulung der Mitarbeitenden zum Datenschutz jährlich
Meldeprozess für Datenschutzverletzungen binnen 24 Stunden
Löschkonzept: Löschung der Konten 30 Tage nach Vertragsende
Penetrationstest durch externe Prüfer jährlich
Tägliche Datensicherung an einem zweiten Standort
"""

DSK_RISKS = (
    ("Unbefugter Zugriff auf Konten und Dateien", (3, 3), (2, 2)),
    ("Nutzung der Protokolldaten über den Zweck hinaus", (2, 3), (1, 2)),
    ("Ausfall des Schulservers vor Prüfungen", (2, 2), (1, 2)),
    ("Fehlende Transparenz für Eltern bei Einwilligungsmodulen", (3, 2), (1, 2)),
)


def flat(text: str) -> str:
    """One line, followed by the same line with the hyphenation of narrow cells joined
    again (so "Kommunikations- und" and "Lösch- fristen" are both found)."""
    line = re.sub(r"\s+", " ", text)
    return line + " || " + re.sub(r"(\w)- (\w)", r"\1\2", line)


def _school_app(ctx, school_id: int, contract_file) -> int:
    app = processors.create_processor(
        ctx,
        school_id,
        ProcessorData(
            name="Schulapp Beispiel GmbH",
            street="Hafenstraße 5",
            postcode="20457",
            town="Hamburg",
            contact_email="datenschutz@schulapp.example",
            dpo_name="Kanzlei Nord",
            dpo_email="dsb@schulapp.example",
            contract_status="signed",
            contract_date=date(2026, 2, 1),
            contract_review=date(2027, 2, 1),
            contract_version="AVV Schulen, Fassung 3.2",
            contract_term="unbefristet, drei Monate Kündigungsfrist",
            objection_days=30,
            checklist={
                point: ChecklistPoint(True, f"Vertrag § {number}")
                for number, point in enumerate(ART28_POINTS, start=2)
            },
            sub_processors=[
                SubProcessorData(
                    "PushDienst Inc.",
                    "US",
                    "Push-Benachrichtigungen",
                    "dpf",
                    date(2026, 1, 20),
                    "Nur Geräte-Kennungen, Inhalte Ende-zu-Ende verschlüsselt",
                )
            ],
            data_categories=["Name und Klasse", "Nachrichten und Anhänge", "Termine"],
            data_subjects=["Schülerinnen und Schüler", "Erziehungsberechtigte", "Lehrkräfte"],
            hosting_location="Rechenzentrum in Frankfurt am Main",
        ),
    )
    contracts.attach_contract(ctx, app.id, contract_file)
    preview = tom_import.preview_text(ctx, app.id, APP_TOM_ANNEX)
    measures = tom_import.lines_to_measures(preview.lines, app.id)
    saved = tom_import.import_measures(ctx, app.id, measures)
    assert saved.count == 25
    assert preview.empty_lines == 1
    assert sum(1 for line in preview.lines if not line.include) == 1  # the doubled line
    return app.id


def _platform_entry(ctx, school_id: int, server_id: int) -> int:
    copy_from_catalogue(ctx, school_id, "lernplattform")
    entry = add_from_catalogue(ctx, school_id, "lernplattform")
    data = replace(
        entry.data,
        name="Schulserver (Kommunikations- und Lernplattform)",
        consent_based=True,
        consent_template_key="lernplattform",
        data_categories=[
            DataCategory("Name, Klasse, Benutzerkonto", "3 Monate nach Verlassen der Schule"),
            DataCategory("Dateien, Aufgaben, Nachrichten", "Ende des Schuljahres"),
            DataCategory("Protokolldaten (Anmeldungen, IP-Adressen)", "7 Tage"),
        ],
        recipients=[Recipient("Administration der Schule", False)],
        data_source="Schulverwaltungsprogramm (Import der Stammdaten)",
        hosting_location="Server im Schulgebäude, Betreuung durch den Schulträger",
        systems=["E-Mail", "Dateien", "Aufgaben", "Videokonferenz (nur mit Einwilligung)"],
        department="Schulleitung",
        contact_person="Sekretariat",
        processor_ids=[server_id],
        tom_ids=[t.id for t in toms.list_toms(ctx, school_id) if t.processor_id is None][:3],
    )
    activities.update_activity(ctx, entry.id, data)
    return entry.id


def _server_vendor(ctx, school_id: int, contract_file) -> int:
    server = processors.create_processor(
        ctx,
        school_id,
        ProcessorData(
            name="Plattformanbieter Beispiel GmbH",
            street="Am Markt 1",
            postcode="38100",
            town="Braunschweig",
            contact_email="support@plattform.example",
            contract_status="signed",
            contract_date=date(2025, 8, 1),
            contract_review=date(2027, 8, 1),
            contract_version="AV-Vertrag 2025",
            eu_only=True,
            checklist={point: ChecklistPoint(True) for point in ART28_POINTS},
            data_categories=["Stammdaten", "Inhalte", "Protokolldaten"],
            data_subjects=["Schülerinnen und Schüler", "Lehrkräfte"],
        ),
    )
    contracts.attach_contract(ctx, server.id, contract_file)
    return server.id


def _assessment(ctx, activity_id: int) -> int:
    dsfa.record_threshold(
        ctx, activity_id, ThresholdAnswers({"vulnerable", "new_technology"}), today=DAY
    )
    created = dsfa.create_assessment(ctx, activity_id)
    for title, before, after in DSK_RISKS:
        scenarios.add_scenario(
            ctx,
            created.id,
            ScenarioData(
                title,
                inherent_likelihood=before[0],
                inherent_severity=before[1],
                residual_likelihood=after[0],
                residual_severity=after[1],
            ),
        )
    dsfa.update_assessment(
        ctx,
        created.id,
        replace(
            dsfa.get_assessment(ctx, created.id).data,
            necessity="Ohne Plattform keine gemeinsame Ablage und kein Distanzunterricht.",
            dpo_opinion="Mit der Löschung der Protokolldaten nach 7 Tagen vertretbar.",
            head_decision=APPROVED,
        ),
    )
    dsfa.sign_off(ctx, created.id, today=DAY)
    return created.id


def test_self_assessment_and_app_contract_entered_and_printed(ctx, school_id, tmp_path) -> None:
    from dpo_desk.services.dsfa.printing import print_assessment

    toms.add_starter_set(ctx, school_id)
    contract = tmp_path / "AVV unterschrieben.pdf"
    contract.write_bytes(b"%PDF-1.4 unterschrieben")
    app_id = _school_app(ctx, school_id, contract)
    server_id = _server_vendor(ctx, school_id, contract)
    entry_id = _platform_entry(ctx, school_id, server_id)
    assessment_id = _assessment(ctx, entry_id)
    release_activity(ctx, entry_id, approved_by="Anna Leiterin", approved_role="Schulleiterin")
    messenger = add_from_catalogue(ctx, school_id, "messenger")
    copy_from_catalogue(ctx, school_id, "messenger")
    activities.update_activity(
        ctx,
        messenger.id,
        replace(
            messenger.data,
            consent_template_key="messenger",
            processor_ids=[app_id],
            department="Schulleitung",
            contact_person="Sekretariat",
        ),
    )
    release_activity(ctx, messenger.id)

    errors = [f.message for f in school_findings(ctx, school_id) if f.severity == "error"]
    assert errors == []

    register = flat(
        pdf_reading.all_text(print_register(ctx, school_id, tmp_path / "v.pdf").path.read_bytes())
    )
    for expected in (
        "Schulserver (Kommunikations- und Lernplattform)",
        "Protokolldaten (Anmeldungen, IP-Adressen)",
        "7 Tage",
        "AVV Schulen, Fassung 3.2",
        "PushDienst Inc.",
        "20.01.2026",  # the sub-processor's approval
        "Vertrag § 2",  # a checklist note
        "Penetrationstest durch externe Prüfer jährlich",  # from the bulk import
        "Anna Leiterin",
    ):
        assert expected in register, expected

    entry = flat(
        pdf_reading.all_text(print_entry(ctx, entry_id, tmp_path / "e.pdf").path.read_bytes())
    )
    assert "Bernd Schutz" in entry  # the DPO on every entry
    assert "Videokonferenz (nur mit Einwilligung)" in entry
    assert "Schulleiterin" in entry

    sheet = flat(
        pdf_reading.all_text(
            print_info_sheet(
                ctx, messenger.id, tmp_path / "i.pdf", audience=STAFF
            ).path.read_bytes()
        )
    )
    assert "in den Vereinigten Staaten" in sheet
    assert "Sie und Ihr Kind" not in sheet
    assert "automatisierte Entscheidungsfindung" in sheet.lower() or "Profiling" in sheet

    report = flat(
        pdf_reading.all_text(
            print_assessment(ctx, assessment_id, tmp_path / "d.pdf", today=DAY).path.read_bytes()
        )
    )
    for title, _before, _after in DSK_RISKS:
        assert title in report, title
    assert "2 von 9 Kriterien der WP 248 erfüllt" in report
    assert "Mit der Löschung der Protokolldaten nach 7 Tagen vertretbar." in report
