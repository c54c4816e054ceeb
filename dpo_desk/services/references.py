"""Per school and year numbered records ("2026-03"): breaches and requests are named so on
paper, in the list and on the command line."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session


def next_reference(session: Session, model: Any, school_id: int, year: int) -> str:
    """The next free "JJJJ-NN" of ``model`` (a table with ``school_id`` and ``reference``)."""
    taken = session.scalars(
        select(model.reference).where(
            model.school_id == school_id, model.reference.like(f"{year}-%")
        )
    )
    numbers = [int(r.split("-", 1)[1]) for r in taken if r.split("-", 1)[1].isdigit()]
    return f"{year}-{max(numbers, default=0) + 1:02d}"


def find_numbered(session: Session, model: Any, school_id: int, wanted: str) -> Any | None:
    """The record a user named by its reference ("2026-01") or its id, in the school."""
    text = wanted.strip()
    row = session.scalar(select(model).where(model.school_id == school_id, model.reference == text))
    if row is None and text.isdigit():
        row = session.get(model, int(text))
        row = row if row is not None and row.school_id == school_id else None
    return row
