"""The floors: the same work done without dpo_desk, to measure next to each figure.

Each floor does the least a program must do for the same result on this machine: read the
same CSV with the ``csv`` module, insert the same rows with ``sqlite3`` (same pragmas, one
transaction), run the same query without an ORM, lay out the same page count with raw
ReportLab and the same embedded font, show the same rows in a plain Qt table.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

PRAGMAS = (
    "PRAGMA busy_timeout = 5000",
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
)


def read_csv(path: Path) -> list[list[str]]:
    """The rows of a roster file as the csv module reads them (heading dropped)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    return rows[1:]


def raw_connection(database: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(database, isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


def commit_floor(database: Path) -> sqlite3.Connection:
    """A connection for ``raw_commit``: a file set up as dpo_desk sets up its own."""
    conn = raw_connection(database)
    conn.execute("CREATE TABLE IF NOT EXISTS floor_commit (id INTEGER PRIMARY KEY, note TEXT)")
    return conn


def raw_commit(conn: sqlite3.Connection) -> None:
    """One small row inserted and committed as durably as dpo_desk commits (WAL, the log
    synced to disk with every commit): the floor of any save, set by the disk."""
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO floor_commit (note) VALUES (?)", ("x" * 200,))
    conn.execute("COMMIT")


def raw_insert(database: Path, school_id: int, rows: list[list[str]], year: str) -> None:
    """The rows an import of ``rows`` (ID;Nachname;Vorname;Geburtsdatum;Klasse;...) writes,
    inserted raw in one transaction with the same pragmas as the app: the classes, students
    and enrolments, and the audit trail the app keeps of every change (one event per class
    and student, their values as JSON, and one for the import)."""
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    conn = raw_connection(database)
    try:
        conn.execute("BEGIN IMMEDIATE")
        names = sorted({row[4] for row in rows})
        conn.executemany(
            "INSERT INTO school_class (school_id, school_year, name, grade) VALUES (?, ?, ?, ?)",
            [(school_id, year, name, int(name[:-1])) for name in names],
        )
        class_ids = dict(
            conn.execute(
                "SELECT name, id FROM school_class WHERE school_id = ? AND school_year = ?",
                (school_id, year),
            )
        )
        births = [f"{r[3][6:]}-{r[3][3:5]}-{r[3][:2]}" for r in rows]
        conn.executemany(
            "INSERT INTO student (school_id, external_id, last_name, first_names, birth_date, "
            "status, left_on, guardian_1, guardian_2, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, 'active', NULL, ?, '', ?, ?)",
            [
                (school_id, r[0], r[1], r[2], born, _g(r), now, now)
                for r, born in zip(rows, births, strict=True)
            ],
        )
        ids = dict(
            conn.execute("SELECT external_id, id FROM student WHERE school_id = ?", (school_id,))
        )
        conn.executemany(
            "INSERT INTO enrolment (student_id, class_id, school_year) VALUES (?, ?, ?)",
            [(ids[r[0]], class_ids[r[4]], year) for r in rows],
        )
        events = [
            ("school_class", class_ids[n], json.dumps({"name": n, "school_year": year}))
            for n in names
        ]
        events += [
            (
                "student",
                ids[r[0]],
                json.dumps(
                    {
                        "external_id": r[0],
                        "last_name": r[1],
                        "first_names": r[2],
                        "birth_date": born,
                        "class": r[4],
                        "school_year": year,
                    }
                ),
            )
            for r, born in zip(rows, births, strict=True)
        ]
        events.append(("roster_import", None, json.dumps({"created": len(rows)})))
        conn.executemany(
            "INSERT INTO audit_event (occurred_at, actor, school_id, entity_type, entity_id, "
            "action, changes) VALUES (?, 'bench', ?, ?, ?, 'create', ?)",
            [(now, school_id, kind, entity, changes) for kind, entity, changes in events],
        )
        conn.execute("COMMIT")
    finally:
        conn.close()


def _g(row: list[str]) -> str:
    return row[6] if len(row) > 6 else ""


STATUS_STUDENTS = (
    "SELECT s.id, s.last_name, s.first_names, s.birth_date, s.left_on, c.name, c.grade "
    "FROM student s LEFT JOIN enrolment e ON e.student_id = s.id AND e.school_year = ? "
    "LEFT JOIN school_class c ON c.id = e.class_id "
    "WHERE s.school_id = ? AND s.status = 'active'"
)
STATUS_EVENTS = "SELECT * FROM consent_event WHERE template_id = ? ORDER BY id"


def raw_status_rows(database: Path, school_id: int, year: str, template_id: int) -> int:
    """The rows a template's status is computed from, fetched with sqlite3 (no ORM, no
    rules): the students with their class and the template's consent events."""
    conn = raw_connection(database)
    try:
        students = conn.execute(STATUS_STUDENTS, (year, school_id)).fetchall()
        events = conn.execute(STATUS_EVENTS, (template_id,)).fetchall()
    finally:
        conn.close()
    return len(students) + len(events)


def raw_class_rows(database: Path, school_id: int, year: str, class_name: str) -> int:
    """One class's students and their consent events, fetched with sqlite3."""
    conn = raw_connection(database)
    try:
        students = conn.execute(
            "SELECT s.id, s.last_name, s.first_names, s.birth_date, s.left_on FROM student s "
            "JOIN enrolment e ON e.student_id = s.id JOIN school_class c ON c.id = e.class_id "
            "WHERE c.school_id = ? AND c.school_year = ? AND c.name = ?",
            (school_id, year, class_name),
        ).fetchall()
        ids = [row[0] for row in students]
        marks = ", ".join("?" * len(ids))
        events = conn.execute(
            f"SELECT * FROM consent_event WHERE student_id IN ({marks}) ORDER BY id", ids
        ).fetchall()
    finally:
        conn.close()
    return len(students) + len(events)


def raw_signature_sheets(
    classes: list[tuple[str, list[str]]], options: list[str], padding: float, target: Path
) -> int:
    """What ReportLab itself needs for the class lists: the same embedded TrueType font, A4
    with the same margins, one plain table per class (strings only, header repeated on each
    page, a thin grid, cell padding chosen so the rows are as tall as the sheet's) starting
    on a new page. Returns the page count, so the caller can check it is the sheet's."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Table

    from dpo_desk.resource_files import resource_path

    if "FloorSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("FloorSans", str(resource_path("fonts", "DejaVuSans.ttf"))))
    width = A4[0] - 38 * mm
    option_width = 30 * mm
    fixed = 9 * mm + 30 * mm + 18 * mm
    widths = [9 * mm, width - fixed - option_width * len(options)]
    widths += [option_width] * len(options) + [30 * mm, 18 * mm]
    story = []
    for index, (name, students) in enumerate(classes):
        if index:
            story.append(PageBreak())
        rows = [["Nr.", f"Klasse {name}", *options, "Unterschrift", "zurück am"]]
        rows += [
            [str(n), student, *["☐ JA  ☐ NEIN"] * len(options), "", ""]
            for n, student in enumerate(students, start=1)
        ]
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "FloorSans"),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
                ("GRID", (0, 0), (-1, -1), 0.5, "#8c8c8c"),
            ]
        )
        story.append(table)
    doc = BaseDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=25 * mm,
    )
    frame = Frame(20 * mm, 25 * mm, width, A4[1] - 40 * mm, id="f")
    doc.addPageTemplates([PageTemplate(id="p", frames=[frame])])
    doc.build(story)
    return doc.page


def raw_forms(names: list[str], pages: int, target: Path) -> int:
    """ReportLab drawing ``pages`` pages with the same embedded font: on each a title, one
    paragraph of text and a name (the least a per-student form needs), one core."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    from dpo_desk.resource_files import resource_path

    if "FloorSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("FloorSans", str(resource_path("fonts", "DejaVuSans.ttf"))))
    title = ParagraphStyle("t", fontName="FloorSans", fontSize=15, leading=19)
    body = ParagraphStyle("b", fontName="FloorSans", fontSize=10, leading=13.5)
    text = "Ich willige ein, dass die Schule die genannten Daten verarbeitet. " * 6
    story = []
    for page in range(pages):
        if page:
            story.append(PageBreak())
        story += [
            Paragraph("Einwilligung: Videokonferenzen", title),
            Paragraph(names[page % len(names)], body),
            Paragraph(text, body),
        ]
    doc = SimpleDocTemplate(str(target), pagesize=A4)
    doc.build(story)
    return doc.page
