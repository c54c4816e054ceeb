"""The DSFA heat map driven by keyboard and mouse, as a DPO reviewing the risks would."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from dpo_desk.core.dsfa.risk import RiskMatrix
from dpo_desk.ui.dsfa.heatmap import AFTER, BEFORE, BOTH, FILLS, HeatPoint, RiskHeatMap

POINTS = [
    HeatPoint(1, (3, 3), (2, 3)),
    HeatPoint(2, (4, 4), (3, 4)),
    HeatPoint(3, (2, 2), (2, 2)),
    HeatPoint(4, (2, 3), None),
]


@pytest.fixture
def heatmap(qtbot) -> RiskHeatMap:
    widget = RiskHeatMap()
    qtbot.addWidget(widget)
    widget.resize(460, 400)
    widget.set_points(POINTS)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_arrow_keys_move_the_focused_cell_and_enter_selects_it(qtbot, heatmap) -> None:
    heatmap.setFocus()
    assert heatmap.focus_cell == (1, 1)
    for key in (Qt.Key_Right, Qt.Key_Up, Qt.Key_Up, Qt.Key_Right, Qt.Key_Right, Qt.Key_Right):
        qtbot.keyClick(heatmap, key)
    assert heatmap.focus_cell == (4, 3)  # stops at the edge
    qtbot.keyClick(heatmap, Qt.Key_Down)
    qtbot.keyClick(heatmap, Qt.Key_Left)
    with qtbot.waitSignal(heatmap.cell_selected) as signal:
        qtbot.keyClick(heatmap, Qt.Key_Return)
    assert signal.args == [3, 2]
    with qtbot.waitSignal(heatmap.cell_selected) as signal:
        qtbot.keyClick(heatmap, Qt.Key_Left)
        qtbot.keyClick(heatmap, Qt.Key_Space)
    assert signal.args == [2, 2]
    assert heatmap.scenarios_at((2, 2)) == [3]


def test_clicking_a_cell_lists_its_scenarios(qtbot, heatmap) -> None:
    centre = heatmap.cell_rect((2, 3)).center().toPoint()
    with qtbot.waitSignal(heatmap.cell_selected) as signal:
        qtbot.mouseClick(heatmap, Qt.LeftButton, pos=centre)
    assert signal.args == [2, 3]
    assert heatmap.selected == (2, 3) and heatmap.hasFocus()
    assert heatmap.scenarios_at((2, 3)) == [1, 4]  # 4 before, 1 after
    heatmap.set_mode(BEFORE)
    assert heatmap.scenarios_at((2, 3)) == [4]
    heatmap.set_mode(AFTER)
    assert heatmap.scenarios_at((2, 3)) == [1]


def test_cells_are_readable_without_colour(qtbot, heatmap) -> None:
    heatmap.setFocus()
    for key in (Qt.Key_Right, Qt.Key_Right, Qt.Key_Right, Qt.Key_Up, Qt.Key_Up, Qt.Key_Up):
        qtbot.keyClick(heatmap, key)
    description = heatmap.accessibleDescription()
    assert description == (
        "Eintrittswahrscheinlichkeit 4 groß, Schwere 4 groß: hohes Risiko; vorher Szenario 2"
    )
    assert "geringes Risiko" in heatmap.cell_text((1, 1))


def test_the_map_paints_the_class_colours_and_arrows(qtbot, heatmap) -> None:
    heatmap.set_mode(BOTH)
    image = heatmap.grab().toImage()
    corner = heatmap.cell_rect((4, 4)).topLeft().toPoint()
    assert QColor(image.pixel(corner.x() + 10, corner.y() + 10)) == FILLS["high"]
    low = heatmap.cell_rect((1, 1)).topLeft().toPoint()
    assert QColor(image.pixel(low.x() + 10, low.y() + 10)) == FILLS["low"]
    assert len(heatmap._arrows) == 2  # scenarios 1 and 2 moved; 3 stayed, 4 unrated after


def test_a_rating_change_moves_the_number(qtbot, heatmap) -> None:
    heatmap.update_point(HeatPoint(3, (2, 2), (1, 1)))
    assert heatmap.scenarios_at((1, 1)) == [3]
    assert "nachher Szenario 3" in heatmap.cell_text((1, 1))
    strict = RiskMatrix.default().with_cell(1, 1, "medium")
    heatmap.set_matrix(strict)
    assert heatmap.cell_text((1, 1)).startswith(
        "Eintrittswahrscheinlichkeit 1 geringfügig, Schwere 1 geringfügig: Risiko"
    )


def test_repainting_for_a_long_session_does_not_abort_python(qtbot, heatmap) -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None per void call; a paint of
    the map makes over a hundred, so on such a build a few dozen repaints abort Python."""
    heatmap.repaint()
    before = sys.getrefcount(None)
    for _ in range(200):
        heatmap.repaint()
    lost_per_repaint = (before - sys.getrefcount(None)) / 200
    assert lost_per_repaint < 10
