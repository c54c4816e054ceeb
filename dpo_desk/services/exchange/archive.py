"""Reading an archive from outside: hostile until every check has passed.

Only a regular file up to ``MAX_ARCHIVE_BYTES``; a zip whose names are exactly those the
format allows (no ``../``, no absolute or Windows paths, no folders of its own); a manifest
of this format and at most this version; every document and attachment as announced
(size, SHA-256), read with a cap and a ratio limit against zip bombs; every document valid
JSON and valid against its JSON Schema. Any failure is an ``ArchiveError`` in German; nothing
has been written by then.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from dpo_desk.importers.outside import OutsideFileError, read_regular_file
from dpo_desk.resource_files import load_json
from dpo_desk.services.exchange.format import (
    ATTACHMENT_FOLDER,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MAX_ARCHIVE_BYTES,
    MAX_ATTACHMENT_BYTES,
    MAX_DOCUMENT_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    PARTS,
    SCHOOL,
    parse_day,
    parse_instant,
    part_path,
)
from dpo_desk.services.exchange.kinds.files import attachment_digests
from dpo_desk.store.attachments import sha256

_ATTACHMENT = re.compile(r"^attachments/[0-9a-f]{64}$")


class ArchiveError(Exception):
    """The archive is refused; the German message names the file and the reason."""


@dataclass
class Archive:
    """A checked archive: its manifest, school, parts and attachments (by SHA-256)."""

    name: str
    manifest: dict[str, Any]
    school: dict[str, Any]
    parts: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict, repr=False)
    origin_school_id: int | None = None
    """Set for a copy from another school of this database (services/library): the copies
    stay linked to that school, and its profile is not offered."""
    origin_items: dict[tuple[str, str], int] | None = None
    """Set for items taken from the library ((kind, identity) -> library item id): the
    copies stay linked to their items."""

    @property
    def from_file(self) -> bool:
        """An archive from a file (not a copy from a school or the library): it carries a
        school profile and can become a new school."""
        return self.origin_school_id is None and self.origin_items is None

    @property
    def label(self) -> str:
        school = self.manifest["school"]["name"]
        if self.origin_items is not None:
            return f"Bibliothek (Stand {self.manifest['created_at'][:10]})"
        if self.origin_school_id is not None:
            return f"Schule „{school}“ (Stand {self.manifest['created_at'][:10]})"
        return f"Archiv „{self.name}“ ({school}, {self.manifest['created_at'][:10]})"


@cache
def _schema() -> dict[str, Any]:
    return load_json("schemas", "export_schema.json")


@cache
def _validator(definition: str) -> Any:
    import fastjsonschema

    return fastjsonschema.compile(
        {**_schema(), "$ref": f"#/$defs/{definition}"},
        formats={"date": _real_day, "date-time": _real_instant},
    )


def _real_day(value: str) -> bool:
    """A date that exists (the pattern alone lets "2026-02-31" through)."""
    try:
        parse_day(value)
    except ValueError:
        return False
    return True


def _real_instant(value: str) -> bool:
    try:
        parse_instant(value)
    except ValueError:
        return False
    return True


_MESSAGES = (
    (re.compile(r"must be (integer|number)"), "muss eine Zahl sein"),
    (re.compile(r"must be string"), "muss ein Text sein"),
    (re.compile(r"must be boolean"), "muss ja/nein (true/false) sein"),
    (re.compile(r"must be (array|object|null)"), "hat nicht die erwartete Art"),
    (re.compile(r"must contain \[(.*)\] properties"), "es fehlt eine Angabe"),
    (re.compile(r"must not contain .* properties"), "enthält unbekannte Angaben"),
    (re.compile(r"must match pattern"), "hat nicht die erwartete Form"),
    (re.compile(r"must be (date|date-time)"), "ist kein gültiges Datum"),
    (re.compile(r"must be one of|must be same as const"), "hat einen unbekannten Wert"),
    (re.compile(r"must be shorter|must contain less|must contain fewer"), "ist zu lang"),
    (re.compile(r"must be (bigger|smaller)"), "liegt außerhalb des erlaubten Bereichs"),
    (re.compile(r"must be valid exactly by one"), "hat nicht die erwartete Form"),
)


def schema_problem(document: Any, definition: str) -> str | None:
    """The first way ``document`` breaks its schema (German), or None."""
    import fastjsonschema

    try:
        _validator(definition)(document)
    except fastjsonschema.JsonSchemaValueException as error:
        where = "/".join(str(p) for p in error.path[1:]) or "(oberste Ebene)"
        text = next((german for rule, german in _MESSAGES if rule.search(error.message)), "")
        return f"an der Stelle {_short(where)}: {text or 'passt nicht zum Format'}"
    return None


def _short(text: str) -> str:
    return text if len(text) <= 160 else text[:157] + "…"


def _refuse(name: str, reason: str) -> ArchiveError:
    return ArchiveError(
        f"Die Datei „{name}“ wurde nicht importiert: {reason} Es wurde nichts verändert."
    )


def _allowed(member: str) -> bool:
    if member in (MANIFEST, SCHOOL):
        return True
    if member.startswith(ATTACHMENT_FOLDER):
        return bool(_ATTACHMENT.match(member))
    return member in {part_path(p) for p in PARTS}


def _check_names(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise _refuse(name, f"Das Archiv hat mehr als {MAX_MEMBERS} Einträge.")
    seen: set[str] = set()
    total = 0
    for info in infos:
        member = info.filename
        if (
            member.startswith(("/", "\\"))
            or "\\" in member
            or ".." in member.split("/")
            or ":" in member
        ):
            raise _refuse(name, f"Der Eintrag „{member[:80]}“ zeigt aus dem Archiv hinaus.")
        if member in seen:
            raise _refuse(name, f"Der Eintrag „{member[:80]}“ kommt doppelt vor.")
        seen.add(member)
        if info.is_dir() or not _allowed(member):
            raise _refuse(name, f"Unbekannter Eintrag „{member[:80]}“ (kein Teil des Formats).")
        if info.flag_bits & 0x1:
            raise _refuse(name, f"Der Eintrag „{member}“ ist verschlüsselt.")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _refuse(name, "Der entpackte Inhalt wäre zu groß (Zip-Bombe?).")


def _read(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """The member's bytes, never more than ``limit`` and never more than it declares."""
    declared = info.file_size
    if declared > limit:
        raise _refuse(name, f"„{info.filename}“ ist größer als erlaubt ({declared} Bytes).")
    if declared > 1024 * 1024 and declared > MAX_RATIO * max(info.compress_size, 1):
        raise _refuse(name, f"„{info.filename}“ ist ungewöhnlich stark gepackt (Zip-Bombe?).")
    try:
        with archive.open(info) as stream:
            data = stream.read(declared + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _refuse(name, f"„{info.filename}“ ist beschädigt ({type(exc).__name__}).") from None
    if len(data) > declared:
        raise _refuse(name, f"„{info.filename}“ ist größer als angegeben.")
    return data


def _json(name: str, member: str, data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise _refuse(name, f"„{member}“ ist kein UTF-8-Text.") from None
    except json.JSONDecodeError as exc:
        raise _refuse(
            name, f"„{member}“ ist kein gültiges JSON (Zeile {exc.lineno}, Spalte {exc.colno})."
        ) from None
    except RecursionError:
        raise _refuse(name, f"„{member}“ ist zu tief verschachtelt.") from None


def _announced(name: str, manifest: dict[str, Any], section: str, member: str, data: bytes) -> None:
    entry = manifest[section].get(member)
    if entry is None:
        raise _refuse(name, f"„{member}“ steht nicht im Inhaltsverzeichnis (manifest.json).")
    if len(data) > entry["size"]:
        raise _refuse(
            name,
            f"„{member}“ ist größer als angekündigt ({len(data)} statt {entry['size']} Bytes).",
        )
    if len(data) != entry["size"] or sha256(data) != entry["sha256"]:
        raise _refuse(
            name, f"„{member}“ ist nicht der angekündigte Inhalt (Prüfsumme stimmt nicht)."
        )


def _manifest(
    name: str, archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo]
) -> dict[str, Any]:
    info = infos.get(MANIFEST)
    if info is None:
        raise _refuse(
            name, "Es fehlt das Inhaltsverzeichnis (manifest.json); das ist kein dpo_desk-Export."
        )
    manifest = _json(name, MANIFEST, _read(name, archive, info, MAX_DOCUMENT_BYTES))
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(name, "Das ist kein dpo_desk-Export (unbekanntes Format).")
    version = manifest.get("format_version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise _refuse(
            name,
            f"Das Archiv hat die Formatversion {version}; dieses Programm kennt nur bis "
            f"Version {FORMAT_VERSION}. Bitte die neueste Version von dpo_desk installieren.",
        )
    problem = schema_problem(manifest, "manifest")
    if problem:
        raise _refuse(name, f"Das Inhaltsverzeichnis ist ungültig {problem}.")
    return manifest


def read_archive(path: Path) -> Archive:
    """Check the archive at ``path`` completely and return its content."""
    path = Path(path)
    name = path.name or str(path)
    try:
        data = read_regular_file(path, MAX_ARCHIVE_BYTES, "Die Exportdatei")
    except OutsideFileError as exc:
        raise ArchiveError(f"{exc} Es wurde nichts verändert.") from None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _refuse(name, "Sie ist kein ZIP-Archiv (keine dpo_desk-Exportdatei).") from None
    with archive:
        _check_names(name, infos)
        by_name = {info.filename: info for info in infos}
        manifest = _manifest(name, archive, by_name)
        documents: dict[str, Any] = {}
        for member, info in by_name.items():
            if member == MANIFEST or member.startswith(ATTACHMENT_FOLDER):
                continue
            raw = _read(name, archive, info, MAX_DOCUMENT_BYTES)
            _announced(name, manifest, "documents", member, raw)
            documents[member] = _json(name, member, raw)
        for member in manifest["documents"]:
            if member not in documents:
                raise _refuse(name, f"„{member}“ fehlt im Archiv.")
        result = _checked(name, manifest, documents)
        for member, info in by_name.items():
            if member.startswith(ATTACHMENT_FOLDER):
                raw = _read(name, archive, info, MAX_ATTACHMENT_BYTES)
                _announced(name, manifest, "attachments", member, raw)
                result.files[member.removeprefix(ATTACHMENT_FOLDER)] = raw
    _check_references(name, result)
    return result


def _checked(name: str, manifest: dict[str, Any], documents: dict[str, Any]) -> Archive:
    school = documents.get(SCHOOL)
    if school is None:
        raise _refuse(name, "Es fehlen die Angaben zur Schule (school.json).")
    problem = schema_problem(school, "school")
    if problem:
        raise _refuse(name, f"„{SCHOOL}“ ist ungültig {problem}.")
    result = Archive(name, manifest, school)
    for part in manifest["parts"]:
        if part not in PARTS:
            raise _refuse(name, f"Unbekannter Teil „{part[:40]}“.")
        document = documents.get(part_path(part))
        if document is None:
            raise _refuse(name, f"Der Teil „{part}“ fehlt.")
        problem = schema_problem(document, f"part_{part}")
        if problem:
            raise _refuse(name, f"„{part_path(part)}“ ist ungültig {problem}.")
        result.parts[part] = document
    return result


def _check_references(name: str, archive: Archive) -> None:
    """Every attachment a document names is in the archive."""
    wanted = []
    if archive.school.get("logo"):
        wanted.append(archive.school["logo"]["sha256"])
    processors = archive.parts.get("processors", {})
    for processor in processors.get("processors", []):
        if processor["contract"]:
            wanted.append(processor["contract"]["sha256"])
        wanted += attachment_digests(processor)
        for tom in processor["toms"]:
            wanted += attachment_digests(tom)
    for tom in processors.get("toms", []):
        wanted += attachment_digests(tom)
    for activity in archive.parts.get("register", {}).get("activities", []):
        wanted += attachment_digests(activity)
    for digest in wanted:
        if digest not in archive.files:
            raise _refuse(name, f"Die angekündigte Anlage „attachments/{digest[:12]}…“ fehlt.")
