"""The demo assessments: plausible, signed where promised, and re-runnable."""

from __future__ import annotations

from dpo_desk.services.demo import DemoResult, load_demo
from dpo_desk.services.dsfa import assessments as dsfa
from dpo_desk.services.register import activities


def test_demo_assessments_are_plausible_and_not_duplicated(ctx, demo: DemoResult) -> None:
    load_demo(ctx)  # a second run adds nothing
    for school in demo.schools:
        listed = {a.activity_key: a for a in dsfa.list_assessments(ctx, school.id)}
        assert set(listed) == {"lernplattform", "videokonferenz"}
        platform = dsfa.get_assessment(ctx, listed["lernplattform"].id)
        assert platform.status == "signed_off" and platform.version == 1
        assert platform.missing == []
        assert not platform.consultation_needed
        assert all(s.measures for s in platform.scenarios)
        video = dsfa.get_assessment(ctx, listed["videokonferenz"].id)
        assert video.status == "draft" and video.consultation_needed
        assert any("Bewertung nach Maßnahmen fehlt" in p.message for p in video.missing)
        entries = {a.key: a for a in activities.list_activities(ctx, school.id)}
        assert entries["lernplattform"].dsfa == "required"
        assert entries["lernplattform"].status == "released"
        assert entries["videokonferenz"].status == "released"
