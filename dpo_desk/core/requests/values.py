"""A data subject request as the school records it, and its deadline (Art. 12(3) GDPR).

The answer is due one month after receipt. Where the request is complex or there are many,
the school may extend by up to two further months, telling the requester within the first
month and giving the reasons.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from dpo_desk.core.dates import add_months

ANSWER_MONTHS = 1
MAX_EXTENSION_MONTHS = 2


class RequestKind(StrEnum):
    ACCESS = "access"
    RECTIFICATION = "rectification"
    ERASURE = "erasure"
    RESTRICTION = "restriction"
    OBJECTION = "objection"
    PORTABILITY = "portability"
    REVOCATION = "revocation"


KIND_LABELS: dict[str, str] = {
    RequestKind.ACCESS: "Auskunft (Art. 15)",
    RequestKind.RECTIFICATION: "Berichtigung (Art. 16)",
    RequestKind.ERASURE: "Löschung (Art. 17)",
    RequestKind.RESTRICTION: "Einschränkung (Art. 18)",
    RequestKind.OBJECTION: "Widerspruch (Art. 21)",
    RequestKind.PORTABILITY: "Datenübertragbarkeit (Art. 20)",
    RequestKind.REVOCATION: "Widerruf einer Einwilligung (Art. 7 Abs. 3)",
}
# Kinds whose answer hands data out of the school: the identity must be checked first.
HANDS_OUT_DATA = {RequestKind.ACCESS, RequestKind.PORTABILITY}

REQUESTER_ROLES: dict[str, str] = {
    "guardian": "Erziehungsberechtigte",
    "student": "Schülerin/Schüler",
    "staff": "Beschäftigte",
    "other": "Sonstige",
}
CHANNELS: dict[str, str] = {
    "letter": "Brief",
    "email": "E-Mail",
    "in_person": "persönlich",
    "phone": "Telefon",
    "other": "sonstiger Weg",
}


class RequestStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


STATUS_LABELS: dict[str, str] = {
    RequestStatus.OPEN: "offen",
    RequestStatus.ANSWERED: "beantwortet",
    RequestStatus.REFUSED: "abgelehnt",
    RequestStatus.WITHDRAWN: "zurückgezogen",
}
FINISHED = {RequestStatus.ANSWERED, RequestStatus.REFUSED, RequestStatus.WITHDRAWN}


@dataclass
class RequestData:
    """Everything a person enters about a request. ``student_id`` links a student of the
    school; ``subject_name`` names the person (kept when the student record is erased)."""

    received_on: date | None = None
    requester_role: str = "guardian"
    requester_name: str = ""
    channel: str = "letter"
    student_id: int | None = None
    subject_name: str = ""
    kind: str = RequestKind.ACCESS.value
    identity_checked_on: date | None = None
    identity_method: str = ""
    extended_until: date | None = None
    extension_reason: str = ""
    extension_told_on: date | None = None
    status: str = RequestStatus.OPEN.value
    answered_on: date | None = None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


FIELD_LABELS: dict[str, str] = {
    "received_on": "Eingegangen am",
    "requester_role": "Anfrage von",
    "requester_name": "Name der anfragenden Person",
    "channel": "Eingang per",
    "student_id": "Schülerin/Schüler",
    "subject_name": "Betroffene Person",
    "kind": "Art der Anfrage",
    "identity_checked_on": "Identität geprüft am",
    "identity_method": "Identität geprüft durch",
    "extended_until": "Frist verlängert bis",
    "extension_reason": "Grund der Verlängerung",
    "extension_told_on": "Verlängerung mitgeteilt am",
    "status": "Status",
    "answered_on": "Beantwortet am",
    "note": "Notiz",
}


def answer_deadline(received_on: date) -> date:
    """One month after receipt (Art. 12(3) sentence 1)."""
    return add_months(received_on, ANSWER_MONTHS)


def latest_extension(received_on: date) -> date:
    """The latest possible end of an extended deadline: two further months."""
    return add_months(received_on, ANSWER_MONTHS + MAX_EXTENSION_MONTHS)


def deadline_of(received_on: date, extended_until: date | None) -> date:
    return extended_until or answer_deadline(received_on)


def is_overdue(status: str, received_on: date, extended_until: date | None, today: date) -> bool:
    return status == RequestStatus.OPEN and today > deadline_of(received_on, extended_until)
