"""A small school for the consent tests: class 7b and 10a, one template copied from the
starter catalogue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dpo_desk.services.consent.template_edit import copy_from_catalogue
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.roster import students as roster
from dpo_desk.services.roster.importing import apply_import, prepare_import

HEAD = "Schüler-ID;Nachname;Vorname;Geburtsdatum;Klasse;Erziehungsberechtigte"
ROWS = [
    "1;Zimmermann;Paul;03.04.2014;7b;Eva Zimmermann",
    "2;Çelik;Zeynep;01.02.2014;7b;",
    "3;Nguyễn;Minh;12.12.2013;7b;",
    "4;Wałęsa;Ola;05.05.2014;7b;",
    "5;Yılmaz;Deniz;01.03.2010;10a;",
    "6;Becker;Jonas;20.11.2010;10a;",
]
TODAY = date(2026, 11, 23)


def fill_school(
    ctx: ServiceContext, school_id: int, folder: Path, extra: list[str] | None = None
) -> dict[str, int]:
    """Imports the roster (plus ``extra`` lines) and copies "videokonferenzen"; returns
    student ids by last name."""
    path = folder / "liste.csv"
    path.write_text("\n".join([HEAD, *ROWS, *(extra or [])]), encoding="utf-8")
    apply_import(ctx, prepare_import(ctx, school_id, path, "2026/27"))
    copy_from_catalogue(ctx, school_id, "videokonferenzen")
    return {s.last_name: s.id for s in roster.list_students(ctx, school_id)}
