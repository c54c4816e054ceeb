"""Which column of a roster file feeds which field: recognised headings plus user mapping."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FIELDS: dict[str, str] = {
    "external_id": "Schüler-ID",
    "last_name": "Nachname",
    "first_names": "Vorname(n)",
    "birth_date": "Geburtsdatum",
    "class": "Klasse",
    "guardian_1": "Erziehungsberechtigte/r 1",
    "guardian_2": "Erziehungsberechtigte/r 2",
}
REQUIRED_FIELDS = ("last_name", "first_names", "birth_date", "class")

# Normalised headings (see ``normalise_heading``) of common school administration exports.
KNOWN_HEADINGS: dict[str, tuple[str, ...]] = {
    "external_id": (
        "schuelerid",
        "id",
        "schuelernummer",
        "schuelernr",
        "schuelerkennung",
        "interneid",
        "identnummer",
        "idnummer",
        "guid",
    ),
    "last_name": ("nachname", "name", "familienname", "zuname", "schuelername", "nachnamen"),
    "first_names": ("vorname", "vornamen", "rufname", "vornamens"),
    "birth_date": ("geburtsdatum", "gebdatum", "geboren", "geburtstag", "gebam", "dob"),
    "class": (
        "klasse",
        "klassenbezeichnung",
        "klassenname",
        "lerngruppe",
        "kl",
        "klasselerngruppe",
    ),
    "guardian_1": (
        "erziehungsberechtigter",
        "erziehungsberechtigte",
        "erziehungsberechtigter1",
        "erziehungsberechtigte1",
        "sorgeberechtigter1",
        "sorgeberechtigte1",
        "erzb1",
        "eltern1",
        "elternteil1",
    ),
    "guardian_2": (
        "erziehungsberechtigter2",
        "erziehungsberechtigte2",
        "sorgeberechtigter2",
        "sorgeberechtigte2",
        "erzb2",
        "eltern2",
        "elternteil2",
    ),
}
FIELD_ALIASES: dict[str, str] = {
    "id": "external_id",
    "schueler_id": "external_id",
    "nachname": "last_name",
    "vorname": "first_names",
    "vornamen": "first_names",
    "first_name": "first_names",
    "geburtsdatum": "birth_date",
    "klasse": "class",
    "class_name": "class",
}
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_ALNUM = re.compile(r"[^0-9a-z]")


def normalise_heading(heading: str) -> str:
    """Case, spaces, dots, hyphens and umlaut spelling ignored: "Geb.-Datum" → "gebdatum"."""
    return _NOT_ALNUM.sub("", heading.casefold().translate(_UMLAUTS))


_RECOGNISED = {
    normalise_heading(h): name for name, headings in KNOWN_HEADINGS.items() for h in headings
}


def field_of(key: str) -> str | None:
    """The field a user named on the command line ("last_name" or "Nachname")."""
    text = key.strip().casefold().translate(_UMLAUTS).replace("-", "_")
    if text in FIELDS:
        return text
    return FIELD_ALIASES.get(text)


@dataclass
class ColumnMap:
    """Field → column index, plus what the preview reports about the headings."""

    columns: dict[str, int] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return [f for f in REQUIRED_FIELDS if f not in self.columns]

    def mapping_problems(self) -> list[str]:
        """What keeps the mapping from being used (German): the wizard and the importer
        both ask this one check."""
        return mapping_problems(self.columns)

    def heading_of(self, headings: list[str], name: str) -> str:
        return headings[self.columns[name]] if name in self.columns else FIELDS[name]


def mapping_problems(columns: dict[str, int]) -> list[str]:
    """Required fields without a column, and a column given to two fields."""
    problems = []
    missing = [f"„{FIELDS[name]}“" for name in REQUIRED_FIELDS if name not in columns]
    if missing:
        problems.append(f"Es fehlen Spalten für {', '.join(missing)}.")
    if len(set(columns.values())) < len(columns):
        problems.append("Jede Spalte darf nur einem Feld zugeordnet sein.")
    return problems


def map_columns(headings: list[str], explicit: dict[str, str] | None = None) -> ColumnMap:
    """Recognise headings; ``explicit`` (field → heading) wins over recognition.

    Explicit entries whose heading the file lacks are reported as problems only when the
    caller asked for them; remembered mappings are passed separately and skipped silently.
    """
    result = ColumnMap()
    by_heading = {normalise_heading(h): i for i, h in reversed(list(enumerate(headings)))}
    for name, heading in (explicit or {}).items():
        index = by_heading.get(normalise_heading(heading))
        if index is None:
            result.problems.append(
                f"Die Spalte „{heading}“ für {FIELDS[name]} gibt es in der Datei nicht."
            )
        else:
            result.columns[name] = index
    taken = set(result.columns.values())
    for index, heading in enumerate(headings):
        if index in taken:
            continue
        name = _RECOGNISED.get(normalise_heading(heading))
        if name is not None and name not in result.columns:
            result.columns[name] = index
            taken.add(index)
        elif heading.strip():
            result.ignored.append(heading)
    return result


def remembered_applicable(headings: list[str], remembered: dict[str, str]) -> dict[str, str]:
    """The part of a remembered mapping whose headings this file has."""
    present = {normalise_heading(h) for h in headings}
    return {
        name: heading
        for name, heading in remembered.items()
        if name in FIELDS and normalise_heading(heading) in present
    }


def parse_map_option(text: str) -> tuple[str, str]:
    """``FIELD=HEADING`` from the command line; ValueError with a German message."""
    name, sep, heading = text.partition("=")
    field_name = field_of(name)
    if not sep or not heading.strip():
        raise ValueError(f"„{text}“: Bitte als FELD=SPALTE angeben, z. B. last_name=Zuname.")
    if field_name is None:
        known = ", ".join(FIELDS)
        raise ValueError(f"„{name}“ ist kein Feld. Mögliche Felder: {known}.")
    return field_name, heading.strip()
