"""The licences of what dpo_desk ships: its libraries, its fonts and Python itself.

Collected from the installed packages' metadata (``importlib.metadata``), starting at
dpo_desk's own requirements, so the list follows the real dependencies without a hand-kept
copy. The About dialog shows it; the build writes the same text as
``THIRD_PARTY_LICENSES.txt`` next to the programs (and copies the packages' metadata into
the bundle, so the dialog finds the same list there).
"""

from __future__ import annotations

import re
import sys
import sysconfig
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from dpo_desk.resource_files import MissingResource, resource_path

ROOT_DISTRIBUTION = "dpo_desk"
# Extras whose packages end up in the build when installed (encryption at rest).
BUNDLED_EXTRAS = frozenset({"crypto"})
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")
_TEXT_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE)", re.IGNORECASE)
# Licences whose text a package names but does not carry (PySide6/Qt: LGPL-3.0).
SHIPPED_TEXTS = {"LGPL-3.0": ("LGPL-3.0.txt", "GPL-3.0.txt")}


@dataclass(frozen=True)
class Component:
    """One bundled piece: what it is, its version, its licence and the licence texts."""

    name: str
    version: str
    licence: str
    texts: tuple[tuple[str, str], ...] = ()


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _required_names(dist: metadata.Distribution, extras: frozenset[str]) -> list[str]:
    names = []
    for requirement in dist.requires or []:
        match = _NAME.match(requirement)
        extra = _EXTRA.search(requirement)
        if match and (extra is None or extra.group(1) in extras):
            names.append(match.group(1))
    return names


def dependency_names(root: str = ROOT_DISTRIBUTION) -> list[str]:
    """Installed distributions dpo_desk needs at run time (its own excluded), sorted.

    Requirements that are not installed (other platforms' packages, an absent optional
    extra) are skipped: they are not in the build either.
    """
    try:
        start = metadata.distribution(root)
    except metadata.PackageNotFoundError:
        return []
    found: dict[str, str] = {}
    queue = _required_names(start, BUNDLED_EXTRAS)
    while queue:
        name = queue.pop()
        if _normal(name) in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found[_normal(name)] = dist.metadata["Name"]
        queue.extend(_required_names(dist, frozenset()))
    return sorted(found.values(), key=str.lower)


def _licence_name(meta: metadata.PackageMetadata) -> str:
    expression = meta.get("License-Expression")
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 80:
        return text
    licences = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    return ", ".join(licences) or (text.splitlines()[0] if text else "siehe Lizenztext")


def _texts_of(dist: metadata.Distribution, licence: str) -> tuple[tuple[str, str], ...]:
    texts = []
    for file in dist.files or []:
        if ".dist-info" in str(file) and _TEXT_FILE.match(file.name):
            content = file.read_text(encoding="utf-8") if file.locate().is_file() else None
            if content:
                texts.append((file.name, content))
    if not texts:
        for spdx, names in SHIPPED_TEXTS.items():
            if spdx in licence:
                texts += [(n, _shipped_text("licences", n)) for n in names]
    return tuple(texts)


def _shipped_text(*parts: str) -> str:
    try:
        return resource_path(*parts).read_text(encoding="utf-8")
    except MissingResource:
        return ""


def library_components(names: Iterable[str] | None = None) -> list[Component]:
    result = []
    for name in dependency_names() if names is None else names:
        dist = metadata.distribution(name)
        licence = _licence_name(dist.metadata)
        result.append(
            Component(dist.metadata["Name"], dist.version, licence, _texts_of(dist, licence))
        )
    return result


def font_components() -> list[Component]:
    text = _shipped_text("fonts", "LICENSE-DejaVu.txt")
    return [
        Component(
            "DejaVu Sans (Schrift der Ausdrucke)",
            "2.37",
            "Bitstream Vera / DejaVu",
            (("LICENSE-DejaVu.txt", text),) if text else (),
        )
    ]


def python_component() -> Component:
    version = ".".join(str(n) for n in sys.version_info[:3])
    licence_file = Path(sysconfig.get_path("stdlib") or "") / "LICENSE.txt"
    texts = ()
    if licence_file.is_file():
        texts = (("LICENSE.txt", licence_file.read_text(encoding="utf-8")),)
    return Component("Python", version, "PSF-2.0", texts)


def components() -> list[Component]:
    """Everything bundled with the app that has its own licence."""
    return [python_component(), *library_components(), *font_components()]


def app_licence() -> str:
    """dpo_desk's own licence as its package metadata states it."""
    try:
        return metadata.metadata(ROOT_DISTRIBUTION).get("License") or "nicht angegeben"
    except metadata.PackageNotFoundError:
        return "nicht angegeben"


def third_party_text(parts: list[Component] | None = None) -> str:
    """The licence file: a summary table, then every licence text in full."""
    parts = components() if parts is None else parts
    lines = [
        "dpo_desk – Lizenzen der mitgelieferten Bestandteile",
        "=" * 52,
        "",
        "Qt und PySide6 stehen unter der LGPL-3.0. Sie liegen als eigene Bibliotheksdateien",
        "im Programmordner und können durch eigene Fassungen ersetzt werden.",
        "",
    ]
    width = max(len(p.name) for p in parts) if parts else 10
    lines += [f"{p.name.ljust(width)}  {p.version:<10}  {p.licence}" for p in parts]
    users: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    for part in parts:  # a text several parts share (Qt's LGPL) is printed once
        for file_name, text in part.texts:
            users.setdefault(text, []).append(f"{part.name} {part.version}")
            titles.setdefault(text, file_name)
    for text, names in users.items():
        lines += ["", "-" * 72, f"{titles[text]} – gilt für: {', '.join(names)}", "-" * 72]
        lines += ["", text.rstrip()]
    return "\n".join(lines) + "\n"
