"""Demo register: learning platform with its operator and TOM annex, video conferences,
a school messenger whose vendor pushes notifications through a US sub-processor, the school
administration and the website. Fictional companies; re-running adds nothing twice."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dpo_desk.core.register.values import (
    ART28_POINTS,
    DSFA_NOT_REQUIRED,
    ChecklistPoint,
    ProcessorData,
    SubProcessorData,
    TomData,
)
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.demo.schools import DemoSchool
from dpo_desk.services.register import activities, processors, toms
from dpo_desk.services.register.catalogue import add_from_catalogue
from dpo_desk.services.register.lifecycle import release_activity

ALL_FULFILLED = {p: ChecklistPoint(True, f"AVV § {i + 2}") for i, p in enumerate(ART28_POINTS)}


def _vendors(size: str) -> dict[str, ProcessorData]:
    messenger_push_safeguard = "scc" if size == "small" else ""
    return {
        "platform": ProcessorData(
            name="Lernwolke Bildungsdienste GmbH (Demo)",
            street="Am Datenpark 3",
            postcode="20095",
            town="Hamburg",
            contact_name="Kundenservice Schulen",
            contact_email="schulen@lernwolke.example",
            dpo_name="Datenschutzteam Lernwolke",
            dpo_email="datenschutz@lernwolke.example",
            contract_status="signed",
            contract_date=date(2025, 8, 1),
            contract_review=date(2027, 8, 1),
            contract_version="AVV Schulen, Fassung 4.1",
            contract_term="unbefristet; kündbar mit drei Monaten zum Schuljahresende",
            objection_days=30,
            eu_only=True,
            hosting_location="Rechenzentrum in Hamburg (Deutschland)",
            checklist=ALL_FULFILLED,
            sub_processors=[
                SubProcessorData(
                    "Rechenzentrum Nordlicht GmbH", "DE", "Hosting", approved_on=date(2025, 8, 1)
                )
            ],
            data_categories=["Name, Klasse, Kurse", "Abgaben und Rückmeldungen", "Protokolldaten"],
            data_subjects=["Schülerinnen und Schüler", "Lehrkräfte"],
        ),
        "video": ProcessorData(
            name="Konferenzwerk GmbH (Demo)",
            street="Tonstraße 9",
            postcode="04109",
            town="Leipzig",
            contact_email="support@konferenzwerk.example",
            contract_status="signed",
            contract_date=date(2024, 2, 15),
            contract_review=date(2026, 2, 15),
            checklist=ALL_FULFILLED,
            data_categories=["Anzeigename", "Bild und Ton (nicht gespeichert)", "Verbindungsdaten"],
            data_subjects=["Schülerinnen und Schüler", "Lehrkräfte", "Erziehungsberechtigte"],
        ),
        "messenger": ProcessorData(
            name="SchulFunk Messenger GmbH (Demo)",
            street="Funkweg 21",
            postcode="80331",
            town="München",
            contact_email="vertrag@schulfunk.example",
            dpo_email="dsb@schulfunk.example",
            contract_status="signed" if size == "small" else "requested",
            contract_date=date(2025, 9, 1) if size == "small" else None,
            checklist={**ALL_FULFILLED, "d": ChecklistPoint(False, "Liste der Unterauftragnehmer")},
            sub_processors=[
                SubProcessorData(
                    "Rechenzentrum Isar GmbH",
                    "DE",
                    "Hosting der Nachrichten",
                    approved_on=date(2025, 9, 1),
                ),
                SubProcessorData(
                    "PushRelay Inc.",
                    "US",
                    "Push-Benachrichtigungen",
                    messenger_push_safeguard,
                    approved_on=date(2025, 9, 1) if size == "small" else None,
                    supplementary_measures="Nachrichteninhalte werden nicht übertragen, nur "
                    "ein verschlüsselter Hinweis auf neue Nachrichten."
                    if size == "small"
                    else "",
                    tia_on=date(2025, 8, 20) if size == "small" else None,
                ),
            ],
            contract_version="Nutzungs- und AV-Vertrag 2025",
            objection_days=14,
            hosting_location="Rechenzentrum in München (Deutschland)",
            data_categories=["Name, Rolle, Gruppe", "Nachrichten", "Gerätekennung"],
            data_subjects=["Schülerinnen und Schüler", "Erziehungsberechtigte", "Lehrkräfte"],
        ),
        "web": ProcessorData(
            name="Webhaus Süd GmbH (Demo)",
            street="Hostingallee 5",
            postcode="70173",
            town="Stuttgart",
            contract_status="signed",
            contract_date=date(2023, 5, 10),
            contract_review=date(2027, 5, 10),
            checklist=ALL_FULFILLED,
            data_categories=["Zugriffsdaten der Webseite"],
            data_subjects=["Besucher der Webseite"],
        ),
    }


PLATFORM_TOMS = [
    TomData(
        "Zertifiziertes Rechenzentrum in Deutschland",
        "",
        "availability",
        "physical_access",
        evidence_kind="iso27001",
        evidence_reference="Zertifikat des Rechenzentrumsbetreibers",
        evidence_valid_until=date(2028, 3, 31),
    ),
    TomData(
        "Zwei-Faktor-Anmeldung für Lehrkräfte",
        "Kann von jeder Lehrkraft im Profil eingeschaltet werden.",
        "confidentiality",
        "system_access",
        status="optional",
    ),
    TomData("Verschlüsselung aller Verbindungen (TLS 1.3)", "", "confidentiality", "transfer"),
    TomData("Getrennte Datenbanken je Schule", "", "unlinkability", "separation"),
    TomData("Protokoll der Administrationszugriffe", "", "integrity", "input"),
    TomData("Stündliche Sicherung, 30 Tage aufbewahrt", "", "availability", "availability"),
    TomData(
        "Automatische Löschung der Abgaben zum Schuljahresende",
        "Vom Anbieter zugesagt; die Schule stellt die Frist in der Verwaltung ein.",
        "data_minimisation",
        "",
        status="planned",
        due_on=date(2026, 12, 18),
    ),
]

ACTIVITIES = [
    # catalogue key, vendor, release?
    ("schulverwaltung", None, True),
    ("lernplattform", "platform", True),
    ("videokonferenz", "video", True),
    ("messenger", "messenger", False),
    ("homepage", "web", False),
]


def _ensure_processor(ctx: ServiceContext, school_id: int, data: ProcessorData) -> int:
    for existing in processors.list_processors(ctx, school_id):
        if existing.name == data.name:
            return existing.id
    return processors.create_processor(ctx, school_id, data).id


def _ensure_platform_toms(ctx: ServiceContext, school_id: int, vendor_id: int) -> list[int]:
    present = {t.title: t.id for t in toms.list_toms(ctx, school_id, vendor_id)}
    ids = []
    for measure in PLATFORM_TOMS:
        tom_id = present.get(measure.title)
        if tom_id is None:
            tom_id = toms.create_tom(ctx, school_id, replace(measure, processor_id=vendor_id)).id
        ids.append(tom_id)
    return ids


def seed_school(ctx: ServiceContext, school: DemoSchool) -> None:
    toms.add_starter_set(ctx, school.id)
    school_toms = {t.title: t.id for t in toms.list_toms(ctx, school.id, None)}
    basics = [school_toms["Persönliche Benutzerkonten"], school_toms["Tägliche Datensicherung"]]
    vendor_ids = {
        role: _ensure_processor(ctx, school.id, data)
        for role, data in _vendors(school.size).items()
    }
    platform_toms = _ensure_platform_toms(ctx, school.id, vendor_ids["platform"])
    existing = {a.key for a in activities.list_activities(ctx, school.id)}
    for key, vendor, release in ACTIVITIES:
        if key in existing:
            continue
        entry = add_from_catalogue(ctx, school.id, key)
        data = entry.data
        data.department = "Schulleitung"
        data.contact_person = "Sekretariat"
        data.tom_ids = basics + (platform_toms if vendor == "platform" else [])
        if vendor is not None:
            data.processor_ids = [vendor_ids[vendor]]
        if key in ("schulverwaltung", "lernplattform", "videokonferenz"):
            data.dsfa = DSFA_NOT_REQUIRED
            data.dsfa_result = "Schwellwertanalyse: weniger als zwei Kriterien erfüllt."
        activities.update_activity(ctx, entry.id, data)
        if release:
            release_activity(ctx, entry.id)


def seed(ctx: ServiceContext, demo_schools: list[DemoSchool]) -> None:
    for school in demo_schools:
        seed_school(ctx, school)
