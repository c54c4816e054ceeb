"""The one lookup for the files the app ships (fonts, catalogues, icons).

They live in the top-level ``resources/`` folder of the repository. Installing maps that
folder into the package as ``dpo_desk/resources/`` (the wheel, see ``setup.py``; the
PyInstaller bundle, see ``packaging/dpo_desk.spec``), so the same two places are asked
everywhere: next to the package first (wheel, bundle), then the checkout the package was
imported from (source, editable install).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import dpo_desk

FOLDER = "resources"


class MissingResource(FileNotFoundError):
    """A shipped file is missing: the installation is incomplete. The message is German."""


def _candidates() -> list[Path]:
    package = Path(dpo_desk.__file__).resolve().parent
    checkout = package.parent
    found = [package / FOLDER]
    # A checkout is recognised by its project file, so an unrelated ``resources`` folder
    # next to an installed package (e.g. in site-packages) is never taken for ours.
    if (checkout / "pyproject.toml").is_file():
        found.append(checkout / FOLDER)
    return found


@cache
def resources_dir() -> Path:
    """The folder holding ``fonts/``, ``data/`` and ``icons/``."""
    for candidate in _candidates():
        if candidate.is_dir():
            return candidate
    places = ", ".join(str(c) for c in _candidates())
    raise MissingResource(
        f"Die Programmdateien von dpo_desk fehlen (gesucht in: {places}). "
        "Bitte dpo_desk neu installieren."
    )


def resource_path(*parts: str) -> Path:
    """A shipped file; ``MissingResource`` names it when the installation lacks it."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise MissingResource(
            f"Programmdatei fehlt: {path}. Die Installation ist unvollständig; "
            "bitte dpo_desk neu installieren."
        )
    return path


@cache
def load_json(*parts: str) -> Any:
    with resource_path(*parts).open(encoding="utf-8") as handle:
        return json.load(handle)
