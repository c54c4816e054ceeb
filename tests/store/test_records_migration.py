"""A register stored with schema 0003 keeps its entries, versions and processors at head."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from dpo_desk.paths import AppPaths
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register import activities, processors, toms
from dpo_desk.services.register.findings import school_findings
from dpo_desk.services.register.lifecycle import list_versions
from dpo_desk.store.database import open_database

STORED = Path(__file__).resolve().parents[1] / "data" / "schema_0003_records.sqlite"


def test_register_of_schema_0003_survives_the_upgrade(tmp_path: Path) -> None:
    copy = tmp_path / "dpo_desk.sqlite"
    shutil.copy(STORED, copy)
    db = open_database(copy, tmp_path / "backups")
    try:
        assert db.upgraded_from == "0003_records" or db.upgraded_from is None
        ctx = ServiceContext(db=db, paths=AppPaths(tmp_path, tmp_path / "backups", tmp_path))
        (entry,) = activities.list_activities(ctx, 1)
        assert (entry.key, entry.status, entry.processors) == (
            "lernplattform",
            "released",
            "Lernwolke GmbH",
        )
        detail = activities.get_activity(ctx, entry.id)
        assert detail.data.data_categories[0].erasure_period == "1 Jahr"
        (version,) = list_versions(ctx, entry.id)
        assert version.snapshot["activity"]["purposes"] == "Material bereitstellen"
        (vendor,) = processors.all_processor_details(ctx, 1)
        assert vendor.data.sub_processors[0].safeguard == "scc"
        assert [t.used_by for t in toms.list_toms(ctx, 1)] == [1]
        # Complete by the checks of its time; the checks of issue 18 find what it lacks.
        found = {f.code for f in school_findings(ctx, 1, today=date(2026, 12, 1))}
        assert found <= {
            "contract_file_missing",
            "contract_review_missing",
            "sub_processor_not_approved",
            "transfer_assessment_missing",
        }
    finally:
        db.close()
