"""Generator of hostile export archives: a good archive taken apart and broken in each way
an archive from outside can be (not a zip, newer format, broken JSON, paths leaving the
archive, attachments larger than announced, zip bombs, lies in the manifest, schema
violations …). Nothing binary is checked in: ``make(good, folder, case)`` writes one.

Each must be refused by ``dpo-desk import`` with exit 3, a German message, and nothing
written (tests/hostile/test_hostile_archives.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dpo_desk.services.exchange.format import FORMAT_VERSION

Members = dict[str, bytes]
Mutation = Callable[[Members], Members | bytes]


def members_of(good: bytes) -> Members:
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def pack(members: Members, *, manifest_fix: bool = True) -> bytes:
    """Zip ``members``; with ``manifest_fix`` the manifest announces their true sizes and
    digests (so that only the intended flaw remains)."""
    members = dict(members)
    manifest = None
    if manifest_fix and "manifest.json" in members:
        try:
            manifest = json.loads(members["manifest.json"])
        except ValueError:
            manifest = None
    if manifest is not None:
        for name, data in members.items():
            section = "attachments" if name.startswith("attachments/") else "documents"
            if name != "manifest.json" and name in manifest.get(section, {}):
                manifest[section][name] = {
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "size": len(data),
                }
        members["manifest.json"] = json.dumps(manifest).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _json(members: Members, name: str) -> Any:
    return json.loads(members[name])


def _put(members: Members, name: str, value: Any) -> Members:
    return {**members, name: json.dumps(value).encode()}


def _manifest(change: Callable[[dict[str, Any]], None]) -> Mutation:
    def mutate(members: Members) -> Members:
        manifest = _json(members, "manifest.json")
        change(manifest)
        return {**members, "manifest.json": json.dumps(manifest).encode()}

    return mutate


def _students(change: Callable[[list[dict[str, Any]]], None]) -> Mutation:
    def mutate(members: Members) -> Members:
        part = _json(members, "parts/students.json")
        change(part["students"])
        return _put(members, "parts/students.json", part)

    return mutate


def _extra(name: str, data: bytes = b"{}") -> Mutation:
    return lambda members: {**members, name: data}


def _attachment_larger(members: Members) -> bytes:
    name = next(n for n in members if n.startswith("attachments/"))
    manifest = _json(members, "manifest.json")
    manifest["attachments"][name]["size"] = len(members[name]) - 10
    changed = {**members, "manifest.json": json.dumps(manifest).encode()}
    return pack(changed, manifest_fix=False)


def _attachment_swapped(members: Members) -> bytes:
    name = next(n for n in members if n.startswith("attachments/"))
    changed = {**members, name: members[name][:-4] + b"XXXX"}
    return pack(changed, manifest_fix=False)


def _bomb(members: Members) -> bytes:
    """A part of 60 MB of spaces (valid JSON padding) packed into a few kilobytes."""
    part = members["parts/students.json"]
    padded = part + b" " * (60 * 1024 * 1024)
    return pack({**members, "parts/students.json": padded})


def _huge_declared(members: Members) -> bytes:
    """A member declaring more bytes than the whole limit."""
    data = pack(members)
    marker = b"parts/students.json"
    patched = bytearray(data)
    # Central directory entry of the member: uncompressed size sits 20 bytes after its
    # signature; set it to 2 GB.
    start = patched.rfind(b"PK\x01\x02", 0, patched.rfind(marker))
    patched[start + 24 : start + 28] = (2_000_000_000).to_bytes(4, "little")
    return bytes(patched)


def _attachment_too_large(members: Members) -> bytes:
    """An attachment whose zip entry declares more than the 50 MB an attachment may have."""
    name = next(n for n in members if n.startswith("attachments/"))
    data = pack(members)
    patched = bytearray(data)
    start = patched.rfind(b"PK\x01\x02", 0, patched.rfind(name.encode()))
    patched[start + 24 : start + 28] = (60 * 1024 * 1024).to_bytes(4, "little")
    return bytes(patched)


def _part_record(part: str, key: str, change: Callable[[dict[str, Any]], None]) -> Mutation:
    def mutate(members: Members) -> Members:
        document = _json(members, f"parts/{part}.json")
        change(document[key][0])
        return _put(members, f"parts/{part}.json", document)

    return mutate


def _attachment_not_in_archive(record: dict[str, Any]) -> None:
    digest = "ab" * 32
    record["attachments"] = [
        {
            "file_name": "fehlt.pdf",
            "description": "",
            "size": 10,
            "sha256": digest,
            "file": f"attachments/{digest}",
            "added_at": "2026-09-01T08:00:00.000000Z",
        }
    ]


def _lying_size(members: Members) -> bytes:
    """The directory says a part is smaller than it is."""
    data = pack(members)
    marker = b"parts/students.json"
    patched = bytearray(data)
    start = patched.rfind(b"PK\x01\x02", 0, patched.rfind(marker))
    real = int.from_bytes(patched[start + 24 : start + 28], "little")
    patched[start + 24 : start + 28] = (real // 2).to_bytes(4, "little")
    return bytes(patched)


def _many_members(members: Members) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for number in range(20_001):
            archive.writestr(f"attachments/{number:064x}", b"")
    return buffer.getvalue()


def _duplicate(members: Members) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore")
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr("school.json", b"{}")
    return buffer.getvalue()


def _encrypted_flag(members: Members) -> bytes:
    data = bytearray(pack(members))
    start = data.find(b"PK\x01\x02")
    data[start + 8] |= 0x1
    return bytes(data)


def _deep(members: Members) -> Members:
    return {**members, "parts/students.json": b"[" * 200_000 + b"]" * 200_000}


def _set(field: str, value: Any, index: int = 0) -> Mutation:
    def change(students: list[dict[str, Any]]) -> None:
        students[index][field] = value

    return _students(change)


def _drop_contract_file(members: Members) -> bytes:
    name = next(n for n in members if n.startswith("attachments/"))
    rest = {k: v for k, v in members.items() if k != name}
    manifest = _json(rest, "manifest.json")
    manifest["attachments"].pop(name)
    rest["manifest.json"] = json.dumps(manifest).encode()
    return pack(rest, manifest_fix=False)


def _not_listed(members: Members) -> bytes:
    manifest = _json(members, "manifest.json")
    manifest["documents"].pop("parts/register.json")
    return pack({**members, "manifest.json": json.dumps(manifest).encode()}, manifest_fix=False)


CASES: dict[str, Mutation | bytes] = {
    "kein-zip-text": b"Das ist keine Exportdatei\n",
    "kein-zip-zufall": random.Random(16).randbytes(4096),
    "leere-datei": b"",
    "pdf-statt-zip": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "ohne-manifest": lambda m: {k: v for k, v in m.items() if k != "manifest.json"},
    "fremdes-format": _manifest(lambda m: m.update(format="ein-anderes-programm")),
    "neuere-formatversion": _manifest(lambda m: m.update(format_version=FORMAT_VERSION + 1)),
    "manifest-kein-json": _extra("manifest.json", b"{nicht json"),
    "teil-kaputtes-json": _extra("parts/students.json", b'{"format_version": 1, "part": '),
    "teil-kein-utf8": _extra("parts/students.json", '{"x": "Müller"}'.encode("latin-1")),
    "teil-zu-tief": _deep,
    "pfad-nach-oben": _extra("../ausserhalb.json"),
    "pfad-tief-nach-oben": _extra("parts/../../etc/passwd"),
    "pfad-absolut": _extra("/etc/cron.d/dpo"),
    "pfad-windows": _extra("..\\..\\autostart.bat"),
    "pfad-laufwerk": _extra("C:/Windows/system32/x.dll"),
    "unbekannter-eintrag": _extra("parts/geheim.exe"),
    "ordner-eintrag": _extra("attachments/"),
    "doppelter-eintrag": _duplicate,
    "verschluesselt": _encrypted_flag,
    "anlage-groesser-als-angekuendigt": _attachment_larger,
    "anlage-vertauscht": _attachment_swapped,
    "anlage-fehlt": _drop_contract_file,
    "dokument-nicht-angekuendigt": _not_listed,
    "teil-fehlt": lambda m: {k: v for k, v in m.items() if k != "parts/dsfa.json"},
    "zip-bombe": _bomb,
    "riesig-angekuendigt": _huge_declared,
    "groesse-gelogen": _lying_size,
    "zu-viele-eintraege": _many_members,
    "schema-datum": _set("birth_date", "31.02.2014"),
    "schema-status": _set("status", "geloescht"),
    "schema-zu-lang": _set("last_name", "A" * 5000),
    "schema-fremdes-feld": _set("religion", "rk"),
    "schema-typ": _set("enrolments", "7b"),
    "schema-teil-vertauscht": lambda m: {**m, "parts/students.json": m["parts/register.json"]},
    "anlage-zu-gross": _attachment_too_large,
    "anlage-eines-eintrags-fehlt": _part_record(
        "register", "activities", _attachment_not_in_archive
    ),
    "datenpanne-datum-gibt-es-nicht": _part_record(
        "breaches", "breaches", lambda b: b.update(aware_at="2026-02-31T10:00:00.000000Z")
    ),
    "datenpanne-datum-text": _part_record(
        "breaches", "breaches", lambda b: b.update(aware_at="gestern")
    ),
    "datenpanne-stufe": _part_record("breaches", "breaches", lambda b: b.update(likelihood=9)),
    "anfrage-datum": _part_record(
        "requests", "requests", lambda r: r.update(received_on="2026-13-01")
    ),
    "anfrage-fremdes-feld": _part_record(
        "requests", "requests", lambda r: r.update(geburtsdatum="2014-01-01")
    ),
    "dsfa-plan-datum": _part_record(
        "dsfa",
        "assessments",
        lambda a: a["actions"].append(
            {
                "title": "x",
                "owner": "",
                "due_on": "morgen",
                "status": "open",
                "note": "",
                "tom": None,
            }
        ),
    ),
}


def make(good: bytes, folder: Path, case: str) -> Path:
    """Write hostile archive ``case`` (made from the archive bytes ``good``) into
    ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{case}.zip"
    mutation = CASES[case]
    if isinstance(mutation, bytes):
        target.write_bytes(mutation)
        return target
    result = mutation(members_of(good))
    target.write_bytes(result if isinstance(result, bytes) else pack(result))
    return target


def special_files(folder: Path) -> dict[str, Path]:
    """Not files at all: a folder and (on POSIX) a FIFO with an archive's name."""
    found = {"ordner": folder / "ordner.zip"}
    found["ordner"].mkdir(parents=True, exist_ok=True)
    if hasattr(os, "mkfifo"):
        fifo = folder / "pipe.zip"
        os.mkfifo(fifo)
        found["fifo"] = fifo
    return found
