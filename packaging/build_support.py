"""Shared by the build scripts: the error that stops a build, and where a build's parts lie."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


class BuildError(Exception):
    """The build cannot go on; the message (German) says what is missing and how to fix it."""


@dataclass(frozen=True)
class Layout:
    """The parts of one PyInstaller build on this system."""

    root: Path  # what gets shipped: dist/dpo-desk (Windows, Linux) or dist/dpo_desk.app
    programs: Path  # the folder holding dpo-desk and dpo-desk-cli
    internal: Path  # the folder holding the package data (dpo_desk/resources, ...)
    licence_file: Path  # THIRD_PARTY_LICENSES.txt as shipped


def layout(dist: Path) -> Layout:
    if sys.platform == "darwin":
        app = dist / "dpo_desk.app"
        # Writing into the signed .app would break its signature: the licence file goes
        # next to it (into the disk image).
        return Layout(
            root=app,
            programs=app / "Contents" / "MacOS",
            internal=app / "Contents" / "Resources",
            licence_file=dist / "THIRD_PARTY_LICENSES.txt",
        )
    root = dist / "dpo-desk"
    return Layout(root, root, root / "_internal", root / "THIRD_PARTY_LICENSES.txt")


def folder_size(folder: Path) -> int:
    """Bytes of the files in ``folder``, links not counted twice."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
