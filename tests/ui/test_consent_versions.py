"""The recording grid names the text version each form is recorded against, and F switches to
another version printed for that student (the paper in hand is an older printout)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from dpo_desk.core.consent.values import ChangeKind
from dpo_desk.services.consent.history import student_history
from dpo_desk.services.consent.scanning import scan_code_for
from dpo_desk.services.consent.template_edit import update_template
from dpo_desk.services.consent.templates import TemplateDraft, get_template
from dpo_desk.ui.consent.page import ConsentPage
from dpo_desk.ui.signals import AppSignals
from tests.services.consent_support import KEY, fill_school, hand_out


@pytest.fixture
def ids(ctx, school_id, tmp_path: Path) -> dict[str, int]:
    """Version 1 went to everyone; after a spelling fix, version 2 was reprinted for two."""
    ids = fill_school(ctx, school_id, tmp_path)
    video = get_template(ctx, school_id, KEY)
    draft = TemplateDraft.from_version(video.current)
    draft.purpose += " (Rechtschreibung berichtigt)"
    update_template(ctx, video.id, draft, change=ChangeKind.EDITORIAL)
    hand_out(ctx, school_id, [ids["Çelik"], ids["Nguyễn"]], version=2)
    return ids


@pytest.fixture
def recorder(qtbot, ctx, school_id, ids):
    page = ConsentPage(ctx, AppSignals())
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.set_school(school_id)
    page.show()
    recorder = page.recorder
    recorder.class_box.setCurrentIndex(recorder.class_box.findData("7b"))
    recorder.grid.setFocus()
    return recorder


def version_cell(recorder, last_name: str) -> str:
    model = recorder.model
    row = next(i for i, r in enumerate(model.rows) if r.student.last_name == last_name)
    return model.index(row, model.version_column).data()


def labels(ctx, school_id) -> dict[int, str]:
    versions = get_template(ctx, school_id, KEY).versions
    return {
        v.number: f"Fassung {v.number} vom {(v.released_on or v.created_at.date()):%d.%m.%Y}"
        for v in versions
    }


def recorded_version(ctx, school_id, student_id: int) -> int:
    return student_history(ctx, school_id, student_id)[-1].version


def test_each_row_shows_the_version_last_printed_for_the_student(recorder, ctx, school_id):
    named = labels(ctx, school_id)
    assert version_cell(recorder, "Çelik") == named[2]
    assert version_cell(recorder, "Zimmermann") == named[1]
    assert recorder.model.headerData(recorder.model.version_column, Qt.Horizontal) == (
        "Textversion (F)"
    )


def test_f_records_an_older_printout_against_its_own_version(qtbot, recorder, ctx, school_id, ids):
    named = labels(ctx, school_id)
    grid = recorder.grid
    assert recorder.row_version.text() == (
        f"Ein Formular von Çelik, Zeynep wird erfasst für: {named[2]} (F: andere gedruckte Fassung)"
    )
    qtbot.keyClicks(grid, "f")  # Çelik hands in the first printout, version 1
    assert version_cell(recorder, "Çelik") == named[1] + " · gewählt"
    assert f"{named[1]} · gewählt" in recorder.row_version.text()
    assert named[1] in recorder.message.text()
    qtbot.keyClicks(grid, "jnu")
    assert recorded_version(ctx, school_id, ids["Çelik"]) == 1
    assert student_history(ctx, school_id, ids["Çelik"])[-1].version_basis == "chosen"
    assert version_cell(recorder, "Çelik") == named[1]  # what is recorded now
    qtbot.keyClicks(grid, "jju")  # Nguyễn: the reprint, version 2, nothing to choose
    assert recorded_version(ctx, school_id, ids["Nguyễn"]) == 2


def test_f_twice_comes_back_and_esc_forgets_the_choice(qtbot, recorder, ctx, school_id):
    named = labels(ctx, school_id)
    grid = recorder.grid
    qtbot.keyClicks(grid, "ff")
    assert version_cell(recorder, "Çelik") == named[2] + " · gewählt"
    qtbot.keyClick(grid, Qt.Key_Escape)
    assert version_cell(recorder, "Çelik") == named[2]
    assert not recorder.model.half_entered()


def test_only_one_printout_offers_nothing_else(qtbot, recorder, ctx, school_id, ids):
    named = labels(ctx, school_id)
    grid = recorder.grid
    grid.go_to(3, 1)  # Zimmermann got version 1 only
    qtbot.keyClicks(grid, "f")
    assert recorder.message.text() == f"Zimmermann, Paul: Gedruckt wurde nur {named[1]}."
    qtbot.keyClicks(grid, "nnu")
    assert recorded_version(ctx, school_id, ids["Zimmermann"]) == 1


def test_a_scanned_code_names_its_version_and_f_does_not_change_it(
    qtbot, recorder, ctx, school_id, ids
):
    named = labels(ctx, school_id)
    code = scan_code_for(ctx, school_id, ids["Çelik"], KEY, version=1)
    recorder.scan.setFocus()
    qtbot.keyClicks(recorder.scan, code)
    qtbot.keyClick(recorder.scan, Qt.Key_Return)
    assert version_cell(recorder, "Çelik") == named[1] + " · Code"
    qtbot.keyClicks(recorder.grid, "f")
    assert "steht im gescannten Code" in recorder.message.text()
    qtbot.keyClicks(recorder.grid, "jju")
    assert recorded_version(ctx, school_id, ids["Çelik"]) == 1


def test_consents_to_renew_show_in_the_overview_and_have_a_filter(
    qtbot, recorder, ctx, school_id, ids
) -> None:
    qtbot.keyClicks(recorder.grid, "jju")  # Çelik agrees (version 2)
    video = get_template(ctx, school_id, KEY)
    draft = TemplateDraft.from_version(video.current)
    draft.information_text += " Neu: Die Sitzungen werden aufgezeichnet."
    update_template(ctx, video.id, draft, change=ChangeKind.WORDING, renew_consents=True)
    page = recorder.parent()
    while not isinstance(page, ConsentPage):
        page = page.parent()
    page.reload()
    page.tabs.setCurrentIndex(1)
    overview = page.overview
    overview.choose_class("7b")
    overview.filter.setCurrentIndex(overview.filter.findData("renewal"))
    matrix = overview.matrix_model
    assert [matrix.index(r, 0).data() for r in range(matrix.rowCount())] == ["Çelik, Zeynep"]
    assert matrix.index(0, 1).data() == "neu einzuholen"
    assert matrix.index(0, 1).data(Qt.BackgroundRole) is not None
    assert overview.matrix_title.text().startswith("Klasse 7b – 1 Schüler")


def test_the_history_names_how_the_version_was_known(qtbot, recorder, ctx, school_id, ids):
    from dpo_desk.ui.consent.history_dialog import ConsentHistoryDialog

    qtbot.keyClicks(recorder.grid, "fjnu")  # Çelik: the older printout, chosen with F
    dialog = ConsentHistoryDialog(ctx, AppSignals(), school_id, ids["Çelik"], KEY)
    qtbot.addWidget(dialog)
    assert dialog.model.index(0, 2).data() == "1 (gewählt)"


def test_f_on_a_row_just_saved_asks_and_corrects_its_version(
    qtbot, recorder, ctx, school_id, ids
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.test_consent_page import answer_next_question

    grid = recorder.grid
    qtbot.keyClicks(grid, "jju")  # Çelik saved against version 2, the last printout
    assert recorded_version(ctx, school_id, ids["Çelik"]) == 2
    grid.go_to(0, 1)
    answer_next_question(QMessageBox.Yes)  # "Als Korrektur erfassen?"
    qtbot.keyClicks(grid, "f")
    grid.setFocus()
    qtbot.keyClicks(grid, "u")  # the answers stay; U stores the correction
    history = student_history(ctx, school_id, ids["Çelik"])
    assert [(h.kind, h.version, h.in_force) for h in history] == [
        ("form", 2, False),
        ("correction", 1, True),
    ]
