"""A small school for the consent tests: class 7b and 10a, one template copied from the
starter catalogue, its forms handed out (printed) to every student."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from dpo_desk.services.consent.print_log import log_printed
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
KEY = "videokonferenzen"


def hand_out(
    ctx: ServiceContext,
    school_id: int,
    student_ids: Iterable[int],
    version: int = 1,
    key: str = KEY,
) -> None:
    """The forms of ``version`` were printed for these students (the print log)."""
    log_printed(ctx, school_id, key, version, list(student_ids), "consent-forms")


def fill_school(
    ctx: ServiceContext,
    school_id: int,
    folder: Path,
    printed: bool = True,
    extra: list[str] | None = None,
) -> dict[str, int]:
    """Imports the roster (plus ``extra`` lines), copies "videokonferenzen" and
    (``printed``) hands version 1 out to everyone; returns student ids by last name."""
    path = folder / "liste.csv"
    path.write_text("\n".join([HEAD, *ROWS, *(extra or [])]), encoding="utf-8")
    apply_import(ctx, prepare_import(ctx, school_id, path, "2026/27"))
    copy_from_catalogue(ctx, school_id, KEY)
    ids = {s.last_name: s.id for s in roster.list_students(ctx, school_id)}
    if printed:
        hand_out(ctx, school_id, ids.values())
    return ids
