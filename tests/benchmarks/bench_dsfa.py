"""DSFA report with 20 scenarios (< 1 s) and a heat map redraw after a rating change (< 16 ms)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from harness import Figure, bench_app, median_ms

from dpo_desk.core.dsfa.rules import APPROVED
from dpo_desk.services.dsfa import assessments as dsfa
from dpo_desk.services.dsfa import scenarios
from dpo_desk.services.dsfa.printing import print_assessment
from dpo_desk.services.register import toms
from dpo_desk.services.register.catalogue import add_from_catalogue
from dpo_desk.services.schools import create_school
from tests.conftest import sample_profile

SCENARIOS = 20
_APP = None  # kept alive until exit: PySide6 crashes when it is collected early


def _assessment(ctx, school_id: int) -> int:
    toms.add_starter_set(ctx, school_id)
    activity_id = add_from_catalogue(ctx, school_id, "lernplattform").id
    created = dsfa.create_assessment(ctx, activity_id)
    keys = [e.key for e in scenarios.scenario_catalogue()]
    for i in range(SCENARIOS):
        scenario_id = scenarios.add_from_catalogue(ctx, created.id, keys[i % len(keys)]).id
        view = dsfa.get_assessment(ctx, created.id).scenarios[-1]
        before = (1 + i % 4, 1 + (i // 4) % 4)
        data = replace(
            view.data,
            inherent_likelihood=before[0],
            inherent_severity=before[1],
            residual_likelihood=max(1, before[0] - 1),
            residual_severity=before[1],
        )
        scenarios.update_scenario(ctx, scenario_id, data)
    dsfa.update_assessment(
        ctx,
        created.id,
        replace(
            created.data,
            necessity="Erforderlich.",
            dpo_opinion="Vertretbar.",
            head_decision=APPROVED,
        ),
    )
    dsfa.sign_off(ctx, created.id)
    return created.id


def _heat_map_redraw_ms(points) -> float:
    from PySide6.QtWidgets import QApplication

    from dpo_desk.ui.dsfa.heatmap import HeatPoint, RiskHeatMap

    global _APP
    app = _APP = QApplication.instance() or QApplication([])
    widget = RiskHeatMap()
    widget.resize(480, 420)
    widget.set_points(points)
    widget.show()
    app.processEvents()
    counter = iter(range(10_000))

    def change_and_redraw() -> None:
        step = next(counter)
        widget.update_point(HeatPoint(1, (1 + step % 4, 2), (1, 1 + step % 4)))
        widget.repaint()

    result = median_ms(change_and_redraw, repeat=30, warmup=3)
    widget.close()
    widget.deleteLater()
    app.processEvents()
    return result


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        ctx = bench_app(folder)
        try:
            school_id = create_school(ctx, sample_profile()).id
            assessment_id = _assessment(ctx, school_id)
            target = Path(folder) / "dsfa.pdf"
            pdf_ms = median_ms(lambda: print_assessment(ctx, assessment_id, target), repeat=5)
            detail = dsfa.get_assessment(ctx, assessment_id)
        finally:
            ctx.db.close()
    from dpo_desk.ui.dsfa.scenarios import point_of

    redraw_ms = _heat_map_redraw_ms([point_of(v) for v in detail.scenarios])
    return [
        Figure("DSFA-PDF mit 20 Szenarien", pdf_ms / 1000, "s", 1),
        Figure("Risikomatrix neu zeichnen nach Bewertung", redraw_ms, "ms", 16),
    ]
