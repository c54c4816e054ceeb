"""Find the files shipped in ``dpo_desk/resources`` from source and from a frozen build."""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "dpo_desk" / "resources"
    return Path(__file__).resolve().parent / "resources"


def resource_path(*parts: str) -> Path:
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"Programmdatei fehlt: {path}")
    return path


@cache
def load_json(*parts: str) -> Any:
    with resource_path(*parts).open(encoding="utf-8") as handle:
        return json.load(handle)
