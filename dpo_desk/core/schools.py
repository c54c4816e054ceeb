"""School profile values and their validation rules."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from dpo_desk.core.validation import (
    POSTCODE_PATTERN,
    Problem,
    ValidationError,
    check_email,
    check_visible,
    require,
)

STATES: dict[str, str] = {
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "BE": "Berlin",
    "BB": "Brandenburg",
    "HB": "Bremen",
    "HH": "Hamburg",
    "HE": "Hessen",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen",
    "RP": "Rheinland-Pfalz",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "SH": "Schleswig-Holstein",
    "TH": "Thüringen",
}

SCHOOL_KINDS: dict[str, str] = {
    "grundschule": "Grundschule",
    "hauptschule": "Hauptschule/Mittelschule",
    "realschule": "Realschule",
    "gemeinschaftsschule": "Gemeinschafts-, Sekundar- oder Oberschule",
    "gesamtschule": "Gesamtschule",
    "gymnasium": "Gymnasium",
    "foerderschule": "Förderschule",
    "berufskolleg": "Berufskolleg/Berufsschule",
    "sonstige": "Sonstige Schule",
}
"""Kinds of school, keyed by a stable code (stored, and used on the command line)."""


@dataclass
class SchoolProfile:
    """Everything a user enters about a school (the controller)."""

    name: str = ""
    school_number: str = ""
    street: str = ""
    postcode: str = ""
    town: str = ""
    state: str = ""
    kind: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    head_name: str = ""
    dpo_name: str = ""
    dpo_organisation: str = ""
    dpo_email: str = ""
    dpo_phone: str = ""
    authority_name: str = ""
    authority_address: str = ""
    authority_email: str = ""
    authority_website: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def stripped(self) -> SchoolProfile:
        return SchoolProfile(**{k: v.strip() for k, v in self.as_dict().items()})


FIELD_LABELS: dict[str, str] = {
    "name": "Name der Schule",
    "school_number": "Schulnummer",
    "street": "Straße und Hausnummer",
    "postcode": "PLZ",
    "town": "Ort",
    "state": "Bundesland",
    "kind": "Schulform",
    "phone": "Telefon",
    "email": "E-Mail",
    "website": "Website",
    "head_name": "Schulleitung",
    "dpo_name": "Datenschutzbeauftragte/r",
    "dpo_organisation": "Organisation der/des DSB",
    "dpo_email": "E-Mail der/des DSB",
    "dpo_phone": "Telefon der/des DSB",
    "authority_name": "Aufsichtsbehörde",
    "authority_address": "Anschrift der Aufsichtsbehörde",
    "authority_email": "E-Mail der Aufsichtsbehörde",
    "authority_website": "Website der Aufsichtsbehörde",
}


def school_problems(profile: SchoolProfile) -> list[Problem]:
    p = profile.stripped()
    problems: list[Problem] = []
    for name in ("name", "street", "postcode", "town"):
        require(problems, name, FIELD_LABELS[name], getattr(p, name))
    if p.state not in STATES:
        problems.append(Problem("state", "Bundesland: Bitte eines der 16 Länder wählen."))
    if p.kind and p.kind not in SCHOOL_KINDS:
        known = ", ".join(SCHOOL_KINDS)
        problems.append(Problem("kind", f"Schulform: „{p.kind}“ gibt es nicht (bekannt: {known})."))
    for name in ("school_number", "head_name", "dpo_name", "dpo_organisation", "authority_name"):
        check_visible(problems, name, FIELD_LABELS[name], getattr(p, name))
    if p.postcode and not POSTCODE_PATTERN.match(p.postcode):
        problems.append(
            Problem("postcode", f"PLZ: „{p.postcode}“ ist keine Postleitzahl (fünf Ziffern).")
        )
    if p.school_number and not p.school_number.replace("-", "").isalnum():
        problems.append(
            Problem(
                "school_number",
                f"Schulnummer: „{p.school_number}“ darf nur Ziffern, Buchstaben und - enthalten.",
            )
        )
    for name in ("email", "dpo_email", "authority_email"):
        check_email(problems, name, FIELD_LABELS[name], getattr(p, name))
    return problems


def validate_school(profile: SchoolProfile) -> SchoolProfile:
    """The cleaned profile, or ValidationError listing every problem."""
    problems = school_problems(profile)
    if problems:
        raise ValidationError(problems)
    return profile.stripped()
