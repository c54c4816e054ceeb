"""Who may do what: roles per school and the rights they carry (pure rules).

In server mode every person has one role in each school assigned to them. The services
ask ``may(roles, right)`` before they write (and the server's row-level policies, made
from the same table, refuse again). The laptop user has every right (``LOCAL``).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    DPO = "dsb"
    HEAD = "schulleitung"
    SECRETARY = "sekretariat"
    READER = "lesen"


ROLE_LABELS: dict[Role, str] = {
    Role.DPO: "Datenschutzbeauftragte/r",
    Role.HEAD: "Schulleitung",
    Role.SECRETARY: "Sekretariat",
    Role.READER: "Lesen",
}


class Right(StrEnum):
    READ = "read"  # see everything of the school
    PRINT = "print"  # consent forms, lists, registers as PDF/DOCX
    ROSTER = "roster"  # import rosters, edit students and classes
    CONSENT = "consent"  # record returned forms, revocations, corrections
    TEMPLATES = "templates"  # consent templates and their texts
    REGISTER = "register"  # VVT entries, processors, contracts, TOMs
    DSFA = "dsfa"  # threshold analyses, assessments, scenarios, matrix
    SIGN_OFF = "sign_off"  # sign off a DSFA, release a VVT entry
    RETENTION = "retention"  # erase the consent proof of leavers
    SCHOOL = "school"  # the school's profile
    USERS = "users"  # grant and withdraw roles in this school
    BREACHES = "breaches"  # data breaches (DPO only)
    REQUESTS = "requests"  # requests of data subjects (DPO only)


RIGHT_LABELS: dict[Right, str] = {
    Right.READ: "lesen",
    Right.PRINT: "drucken",
    Right.ROSTER: "Schülerlisten importieren und bearbeiten",
    Right.CONSENT: "Einwilligungen erfassen",
    Right.TEMPLATES: "Einwilligungsvorlagen bearbeiten",
    Right.REGISTER: "das Verarbeitungsverzeichnis bearbeiten",
    Right.DSFA: "Datenschutz-Folgenabschätzungen bearbeiten",
    Right.SIGN_OFF: "freigeben und abzeichnen",
    Right.RETENTION: "Nachweise nach Fristablauf löschen",
    Right.SCHOOL: "das Schulprofil bearbeiten",
    Right.USERS: "Benutzer und Rollen verwalten",
    Right.BREACHES: "Datenpannen bearbeiten",
    Right.REQUESTS: "Anfragen Betroffener bearbeiten",
}

RIGHTS_OF_ROLE: dict[Role, frozenset[Right]] = {
    Role.DPO: frozenset(Right),
    Role.HEAD: frozenset({Right.READ, Right.PRINT, Right.SIGN_OFF}),
    Role.SECRETARY: frozenset({Right.READ, Right.PRINT, Right.ROSTER, Right.CONSENT}),
    Role.READER: frozenset({Right.READ}),
}


def may(role: Role | None, right: Right) -> bool:
    return role is not None and right in RIGHTS_OF_ROLE[role]


def roles_with(right: Right) -> list[Role]:
    """The roles that carry ``right`` (the server's policies are made from this)."""
    return [role for role in Role if right in RIGHTS_OF_ROLE[role]]


def parse_role(text: str) -> Role:
    """A role from its key or German label, case-insensitive; ``ValueError`` (German)."""
    wanted = text.strip().lower()
    for role in Role:
        if wanted in (role.value, ROLE_LABELS[role].lower()):
            return role
    choices = ", ".join(role.value for role in Role)
    raise ValueError(f"Unbekannte Rolle „{text}“. Möglich: {choices}.")
