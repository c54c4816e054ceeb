"""Form pieces as printed: boxes, signature lines, tables, escaping, glyph coverage."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from dpo_desk.reports.engine import CONTENT_WIDTH, DocumentPart, render_pdf
from dpo_desk.reports.flowables import (
    QRCode,
    YesNoBoxes,
    qr_modules,
    signature_block,
    yes_no_line,
)
from dpo_desk.reports.fonts import missing_characters
from dpo_desk.reports.styles import styles
from dpo_desk.reports.tables import data_table
from dpo_desk.reports.text import escape, format_date, para
from tests.reports import pdf_reading
from tests.reports.samples import HARD_NAMES, info


def printed(*flowables: Flowable) -> list[str]:
    return pdf_reading.page_texts(render_pdf(info(), [DocumentPart(list(flowables))]).data)


def test_option_line_shows_label_and_both_boxes() -> None:
    text = printed(yes_no_line("Teilnahme per Video <Kamera & Ton>", CONTENT_WIDTH))[0]
    assert "Teilnahme per Video <Kamera & Ton>" in text
    assert "JA" in text and "NEIN" in text


def test_signature_block_prints_every_caption() -> None:
    captions = ["Ort, Datum", "Unterschrift Erziehungsberechtigte/r", "Unterschrift Schüler/in"]
    text = printed(signature_block(captions, CONTENT_WIDTH))[0]
    for caption in captions:
        assert caption in text


def test_long_table_repeats_its_header_on_the_next_page() -> None:
    rows = [[f"{HARD_NAMES[n % 5]}, Kind {n:02d}", "7b", YesNoBoxes()] for n in range(60)]
    table = data_table(["Name", "Klasse", "Video"], rows, [90 * mm, 20 * mm, 40 * mm])
    pages = printed(table)
    assert len(pages) == 2
    for page in pages:
        assert "Name Klasse Video" in page.replace("\n", " ")
    assert "Đorđević, Kind 59" in pages[1]


def test_qr_code_matrix_is_a_valid_size_and_deterministic() -> None:
    modules = qr_modules("E1-S42-T7-V3")
    assert len(modules) in {21, 25, 29} and all(len(row) == len(modules) for row in modules)
    assert modules == qr_modules("E1-S42-T7-V3") != qr_modules("E1-S43-T7-V3")
    # the three finder patterns: dark 7x7 corners
    assert all(modules[0][:7]) and all(modules[0][-7:]) and all(modules[-1][:7])
    assert "E1-S42-T7-V3" in printed(QRCode("E1-S42-T7-V3"))[0]


def test_escape_keeps_markup_and_entities_literal() -> None:
    assert escape('a<b>&amp;"c"\nd') == "a&lt;b&gt;&amp;amp;&quot;c&quot;<br/>d"


def test_dates_print_as_german_day_month_year() -> None:
    assert format_date(date(2026, 3, 7)) == "07.03.2026"
    assert format_date(None) == ""


def test_missing_glyphs_are_reported_before_printing() -> None:
    assert missing_characters(" ".join(HARD_NAMES) + " Größe 5 €") == set()
    assert missing_characters("王小明") == {"王", "小", "明"}


def test_pieces_work_before_anything_else_registered_the_fonts() -> None:
    code = (
        "from dpo_desk.reports.flowables import YesNoBoxes, signature_block;"
        "print(YesNoBoxes().width > 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "True", done.stderr


def test_two_documents_render_at_the_same_time_in_threads() -> None:
    def render(name: str) -> str:
        parts = [DocumentPart([para(f"{name} {n}", styles().body)]) for n in range(30)]
        return pdf_reading.all_text(render_pdf(info(), parts).data)

    with ThreadPoolExecutor(max_workers=2) as pool:
        texts = list(pool.map(render, ["Wałęsa", "Nguyễn"]))
    assert "Wałęsa 29" in texts[0] and "Nguyễn" not in texts[0]
    assert "Nguyễn 29" in texts[1] and "Wałęsa" not in texts[1]
