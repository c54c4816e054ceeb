"""The archive format: names, version, parts and limits (docs/EXPORT_FORMAT.md).

Independent of the database engine: plain JSON with natural keys (never row ids), ISO dates,
UTC instants, attachments as files named by their SHA-256. Version 3 (reads 1 and 2).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

FORMAT = "dpo_desk-archive"
FORMAT_VERSION = 3
"""2 (issue 18): contract, measure, entry and threshold details as optional fields; 3: the
parts ``breaches`` and ``requests``, files attached to entries, processors and measures,
a DSFA's views and action plan, the consent print log. Older archives are read the same way
(missing fields keep their defaults; missing lists leave what the school has)."""
READABLE_VERSIONS = (1, 2, 3)
MANIFEST = "manifest.json"
SCHOOL = "school.json"
PART_FOLDER = "parts/"
ATTACHMENT_FOLDER = "attachments/"


@dataclass(frozen=True)
class Part:
    name: str
    label: str  # German, for the choice of parts
    needs: tuple[str, ...] = ()  # parts the records of this one refer to


PARTS: dict[str, Part] = {
    p.name: p
    for p in (
        Part("processors", "Auftragsverarbeiter und TOM"),
        Part("register", "Verarbeitungsverzeichnis", ()),
        Part("consent_templates", "Einwilligungsvorlagen"),
        Part("dsfa", "Folgenabschätzungen (DSFA)"),
        Part("risk_matrix", "Risikomatrix"),
        Part("students", "Schüler und Klassen"),
        Part("consents", "Einwilligungen (mit Nachweis)", ("students", "consent_templates")),
        Part("breaches", "Datenpannen"),
        Part("requests", "Anfragen Betroffener (Art. 15–22)"),
    )
}
"""Parts in the order they are written on import (a part only refers to earlier ones:
breaches name register entries and processors, requests a student; a reference that is in
neither the archive nor the school is left out with a note)."""

# Limits of what an archive may hold (checked while reading, never after).
MAX_ARCHIVE_BYTES = 300 * 1024 * 1024
MAX_MEMBERS = 20_000
MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 600 * 1024 * 1024
MAX_RATIO = 200  # unpacked : packed, above it (and above 1 MB) a member is a zip bomb


def part_path(name: str) -> str:
    return f"{PART_FOLDER}{name}.json"


def attachment_path(sha256: str) -> str:
    return f"{ATTACHMENT_FOLDER}{sha256}"


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest(document: Any) -> str:
    """The content digest of one record's document (the same record, the same digest,
    on every installation)."""
    return hashlib.sha256(canonical(document).encode("utf-8")).hexdigest()


def day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def instant(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def parse_instant(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
