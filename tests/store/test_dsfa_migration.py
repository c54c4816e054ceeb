"""A database of the records release (0003) upgrades through 0004_dsfa: the register stays,
and impact assessments can be made for its entries right away."""

from __future__ import annotations

import shutil
from pathlib import Path

from dpo_desk.core.dsfa.threshold import ThresholdAnswers
from dpo_desk.paths import AppPaths
from dpo_desk.services import settings
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.dsfa import assessments as dsfa
from dpo_desk.services.dsfa import scenarios
from dpo_desk.services.register.activities import list_activities
from dpo_desk.store.database import open_database

STORED = Path(__file__).resolve().parents[1] / "data" / "schema_0003_records.sqlite"


def test_a_register_of_0003_gets_impact_assessments(tmp_path: Path) -> None:
    copy = tmp_path / "dpo_desk.sqlite"
    shutil.copy(STORED, copy)
    db = open_database(copy, tmp_path / "backups")
    try:
        assert db.upgraded_from == "0003_records"
        ctx = ServiceContext(db=db, paths=AppPaths(tmp_path, tmp_path / "backups", tmp_path))
        settings.set_person(ctx, "Dana Dahl", "Datenschutzbeauftragte/r")  # nobody named yet
        (entry,) = list_activities(ctx, 1)
        assert (entry.key, entry.status, entry.dsfa) == (
            "lernplattform",
            "released",
            "not_required",
        )
        assert dsfa.list_assessments(ctx, 1) == []
        dsfa.record_threshold(ctx, entry.id, ThresholdAnswers({"vulnerable", "scoring"}))
        created = dsfa.create_assessment(ctx, entry.id)
        scenarios.add_from_catalogue(ctx, created.id, "datenverlust")
        (listed,) = dsfa.list_assessments(ctx, 1)
        assert (listed.activity_key, listed.scenario_count) == ("lernplattform", 1)
        assert list_activities(ctx, 1)[0].dsfa == "required"
    finally:
        db.close()
