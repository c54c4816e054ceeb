"""How a change-log entry reads: German names of records, actions and fields, and its
values as (field, before, after) rows. Pure functions over plain values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

ENTITY_LABELS: dict[str, str] = {
    "school": "Schule",
    "setting": "Einstellung",
    "student": "Schüler/in",
    "school_class": "Klasse",
    "roster_import": "Schülerlisten-Import",
    "roster_mapping": "Spaltenzuordnung",
    "consent_event": "Einwilligungs-Eintrag",
    "consent_print": "Ausgabe von Einwilligungsformularen",
    "consent_proof": "Einwilligungsnachweis",
    "consent_template": "Einwilligungsvorlage",
    "consent_template_version": "Vorlagenfassung",
    "activity": "VVT-Eintrag",
    "processor": "Auftragsverarbeiter",
    "tom": "TOM",
    "dsfa": "DSFA",
    "dsfa_scenario": "Risikoszenario",
    "dsfa_threshold": "Schwellwertanalyse",
    "dsfa_matrix": "Risikomatrix",
    "dsfa_action": "DSFA-Maßnahmenplan",
    "dsfa_view": "Stellungnahme der Betroffenen",
    "database": "Datenbank",
    "library_item": "Bibliothekseintrag",
    "breach": "Datenpanne",
    "subject_request": "Anfrage",
}

ACTION_LABELS: dict[str, str] = {
    "create": "angelegt",
    "update": "geändert",
    "delete": "gelöscht",
    "erase": "endgültig gelöscht",
    "release": "freigegeben",
    "sign_off": "abgezeichnet",
    "revise": "neue Fassung",
    "attach": "Datei angehängt",
    "import": "importiert",
    "export": "exportiert",
    "copy": "kopiert",
    "restore": "wiederhergestellt",
    "encryption": "Verschlüsselung geändert",
    "key_derivation": "Schlüssel erneuert",
    "link_measures": "Maßnahmen verknüpft",
    "unlink_measure": "Maßnahme gelöst",
    "retire": "zurückgezogen",
    "archive": "archiviert",
    "detach": "Datei entfernt",
    "attachments": "Anhänge geändert",
    "move": "verschoben",
}

FIELD_LABELS: dict[str, str] = {
    "attached": "Angehängt",
    "removed": "Entfernt",
    "change_kind": "Art der Änderung",
    "document": "Dokument",
    "head_signature": "Unterschrift der Schulleitung",
    "precedence": "Entscheidung bei Konflikt",
    "renew_consents": "Einwilligungen neu einholen",
    "students": "Schülerinnen und Schüler",
    "version_basis": "Grundlage der Textversion",
    "name": "Name",
    "approved_by": "Freigabe durch",
    "asked_on": "Angehört am",
    "group_name": "Angehörte Gruppe",
    "list_items": "Punkte der Muss-Liste",
    "owner": "Verantwortlich",
    "response": "Berücksichtigung",
    "summary": "Zusammenfassung",
    "title": "Titel",
    "key": "Kürzel",
    "status": "Status",
    "external_id": "Schüler-ID",
    "last_name": "Nachname",
    "first_names": "Vorname(n)",
    "birth_date": "Geburtsdatum",
    "guardian_1": "Erziehungsberechtigte/r 1",
    "guardian_2": "Erziehungsberechtigte/r 2",
    "class": "Klasse",
    "school_year": "Schuljahr",
    "left_on": "Abgangsdatum",
    "purposes": "Zwecke",
    "legal_bases": "Rechtsgrundlagen",
    "data_subjects": "Betroffene",
    "data_categories": "Datenkategorien",
    "description": "Beschreibung",
    "notes": "Notizen",
    "note": "Notiz",
    "version": "Version",
    "kind": "Art",
    "template": "Vorlage",
    "student_id": "Schüler/in (Nr.)",
    "answers": "Antworten",
    "signed_on": "unterschrieben am",
    "received_on": "eingegangen am",
    "declared_on": "erklärt am",
    "effective_on": "wirksam ab",
    "contract_status": "Vertragsstatus",
    "contract_file_name": "Vertragsdatei",
    "protection_goal": "Schutzziel",
    "control_type": "Kontrollart",
    "entries": "Einträge",
    "kept_until": "aufzubewahren bis",
    "blanked_events": "geleerte Protokolleinträge",
    "reason": "Anlass",
    "activity": "VVT-Eintrag",
    "assessed_on": "beurteilt am",
    "assessment_id": "DSFA (Nr.)",
    "channel": "Weg",
    "co_signature_age": "Mitunterschrift ab Alter",
    "student_alone_age": "allein ab Alter",
    "conclusion": "Ergebnis",
    "condition": "Bedingung",
    "declaration_text": "Erklärungstext",
    "information_text": "Informationstext",
    "voluntary_note": "Hinweis auf Freiwilligkeit",
    "duration_kind": "Dauer",
    "end_date": "gültig bis",
    "entry_method": "erfasst per",
    "grade": "Jahrgang",
    "highest_residual": "höchstes Restrisiko",
    "left_out_lines": "übersprungene Zeilen",
    "marked_left": "als abgegangen markiert",
    "matrix": "Risikomatrix",
    "number": "Nummer",
    "on_state_list": "auf der Muss-Liste",
    "options": "Optionen",
    "purpose": "Zweck",
    "reasoning": "Begründung",
    "renewal_years": "Erneuerung nach Jahren",
    "retention_years": "Aufbewahrung (Jahre)",
    "signed_by": "unterschrieben von",
    "version_id": "Fassung (Nr.)",
    "created": "angelegt",
    "updated": "geändert",
    "unchanged": "unverändert",
    "catalogue_key": "Katalog-Kürzel",
    "processor_id": "Auftragsverarbeiter (Nr.)",
    "processor_ids": "Auftragsverarbeiter",
    "tom_ids": "Maßnahmen",
    "recipients": "Empfänger",
    "transfers": "Drittlandübermittlungen",
    "checklist": "Prüfliste",
    "sub_processors": "Unterauftragnehmer",
    "country": "Land",
    "safeguard": "Garantie",
    "mapping": "Spaltenzuordnung",
    "activity_links": "VVT-Einträge",
    "activity_ids": "VVT-Einträge",
    "processor_links": "Auftragsverarbeiter",
    "answered_on": "beantwortet am",
    "authority_reference": "Aktenzeichen der Behörde",
    "aware_at": "bekannt seit",
    "closed_on": "abgeschlossen am",
    "consequences": "Folgen",
    "delay_reason": "Grund der Verzögerung",
    "erased_on": "gelöscht am",
    "erasure_summary": "Löschung",
    "extended_until": "verlängert bis",
    "extension_reason": "Grund der Verlängerung",
    "extension_told_on": "Verlängerung mitgeteilt am",
    "identity_checked_on": "Identität geprüft am",
    "identity_method": "Identität geprüft durch",
    "likelihood": "Eintrittswahrscheinlichkeit",
    "measures_planned": "geplante Maßnahmen",
    "measures_taken": "ergriffene Maßnahmen",
    "no_notification_reason": "Keine Meldung, weil",
    "notified_at": "gemeldet am",
    "occurred_at": "geschehen am",
    "occurred_note": "Zeitpunkt (Hinweis)",
    "persons_count": "Zahl der Betroffenen",
    "persons_informed_how": "Betroffene informiert per",
    "persons_informed_on": "Betroffene informiert am",
    "persons_not_informed_reason": "Betroffene nicht informiert, weil",
    "records_count": "Zahl der Datensätze",
    "reference": "Aktenzeichen",
    "reported_by": "gemeldet von",
    "requester_name": "Antragsteller/in",
    "requester_role": "Rolle der antragstellenden Person",
    "risk_class": "Risiko",
    "risk_reasoning": "Begründung des Risikos",
    "severity": "Schwere",
    "special_categories": "besondere Kategorien (Art. 9)",
    "subject_groups": "Betroffenengruppen",
    "subject_name": "betroffene Person",
}

EMPTY = "—"
# Entries whose values are what was written (or removed), never [old, new] pairs.
PLAIN_ACTIONS = frozenset({"create", "delete", "import", "erase", "copy", "export"})


def entity_label(entity_type: str) -> str:
    return ENTITY_LABELS.get(entity_type, entity_type)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def _entity_labels() -> dict[str, dict[str, str]]:
    from dpo_desk.core.dsfa.rules import ASSESSMENT_LABELS, SCENARIO_LABELS
    from dpo_desk.core.people import FUNCTION_LABEL, NAME_LABEL
    from dpo_desk.core.register.values import (
        ACTIVITY_FIELD_LABELS,
        PROCESSOR_FIELD_LABELS,
        TOM_FIELD_LABELS,
    )
    from dpo_desk.core.schools import FIELD_LABELS as SCHOOL_LABELS

    return {
        "school": SCHOOL_LABELS,
        # Who is working (services.settings USER_NAME / USER_FUNCTION).
        "setting": {"user_name": NAME_LABEL, "user_function": FUNCTION_LABEL},
        "activity": ACTIVITY_FIELD_LABELS,
        "processor": PROCESSOR_FIELD_LABELS,
        "tom": TOM_FIELD_LABELS,
        "dsfa": ASSESSMENT_LABELS,
        "dsfa_scenario": SCENARIO_LABELS,
    }


_BY_ENTITY: dict[str, dict[str, str]] = {}


def field_label(key: str, entity_type: str = "") -> str:
    """The German name of a field, the record kind's own name first."""
    if not _BY_ENTITY:
        _BY_ENTITY.update(_entity_labels())
    own = _BY_ENTITY.get(entity_type)
    if own and key in own:
        return own[key]
    return FIELD_LABELS.get(key, key)


def value_text(value: Any) -> str:
    """A stored value as a person reads it (dates as TT.MM.JJJJ, lists joined)."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, str):
        return _date_text(value) or value
    if isinstance(value, list | tuple):
        return ", ".join(value_text(v) for v in value)
    if isinstance(value, Mapping):
        return "; ".join(f"{field_label(str(k))}: {value_text(v)}" for k, v in value.items())
    return str(value)


def _date_text(text: str) -> str | None:
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return f"{date.fromisoformat(text):%d.%m.%Y}"
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class FieldChange:
    key: str
    label: str
    before: str
    after: str


def field_changes(
    action: str, changes: Any, erased_note: str | None = None, entity_type: str = ""
) -> list[FieldChange]:
    """The values of an entry as rows. ``update``: ``[old, new]`` pairs (other values are
    context, shown as after); ``delete``/``erase``: what was there before; else what was
    written. An erased entry shows ``erased_note`` in place of its values."""
    if not isinstance(changes, Mapping):
        return [FieldChange("", "Werte", EMPTY, value_text(changes))]
    rows = []
    for key, value in changes.items():
        label = field_label(str(key), entity_type)
        if erased_note is not None:
            rows.append(FieldChange(str(key), label, erased_note, erased_note))
        elif action not in PLAIN_ACTIONS and isinstance(value, list) and len(value) == 2:
            rows.append(FieldChange(str(key), label, value_text(value[0]), value_text(value[1])))
        elif action == "delete":
            rows.append(FieldChange(str(key), label, value_text(value), EMPTY))
        else:
            rows.append(FieldChange(str(key), label, EMPTY, value_text(value)))
    return rows


def summary(
    action: str, changes: Any, erased_note: str | None = None, entity_type: str = ""
) -> str:
    """One line: the changed fields (with the new value when short)."""
    if erased_note is not None:
        return erased_note
    parts = []
    for change in field_changes(action, changes, None, entity_type):
        if change.before != EMPTY and change.after != EMPTY:
            shown = f"{_short(change.before, 20)} → {_short(change.after, 20)}"
        else:
            shown = _short(change.after if change.after != EMPTY else change.before, 40)
        parts.append(f"{change.label}: {shown}")
    return _short("; ".join(parts), 160)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def erased_note(erased_at: datetime | None, erased_by: str) -> str | None:
    """„gelöscht am … von …“ for an entry whose values were blanked."""
    if erased_at is None:
        return None
    local = erased_at.astimezone()
    return f"gelöscht am {local:%d.%m.%Y} von {erased_by or 'unbekannt'}"
