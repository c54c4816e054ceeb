"""Consents stored with schema 0005 stay provable after every later upgrade: the entries,
the text version each refers to, corrections and revocations."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from dpo_desk.paths import AppPaths
from dpo_desk.services.consent.history import student_history, version_text
from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.templates import get_template
from dpo_desk.services.context import ServiceContext
from dpo_desk.store.database import open_database

STORED = Path(__file__).resolve().parents[1] / "data" / "schema_0005_consent.sqlite"
KEY = "videokonferenzen"


def test_consent_proof_of_schema_0005_survives_the_upgrade(tmp_path: Path) -> None:
    copy = tmp_path / "dpo_desk.sqlite"
    shutil.copy(STORED, copy)
    db = open_database(copy, tmp_path / "backups")
    try:
        ctx = ServiceContext(db=db, paths=AppPaths(tmp_path, tmp_path / "backups", tmp_path))
        info = get_template(ctx, 1, KEY)
        assert info.current_version == 2 and info.consents_on_older_versions == 4
        assert version_text(ctx, 1, KEY, 2)["declaration_text"] == "Neue Erklärung (Version 2)."
        assert version_text(ctx, 1, KEY, 1)["declaration_text"] != "Neue Erklärung (Version 2)."
        rows = {r.last_name: r for r in template_status(ctx, 1, KEY, on=date(2026, 11, 20)).rows}
        assert rows["Şahin"].state("video").value == "refused"
        assert rows["Nguyễn"].state("video").value == "revoked"
        assert rows["Nguyễn"].state("audio").value == "granted"
        history = student_history(ctx, 1, rows["Şahin"].student_id)
        assert [(h.kind, h.in_force, h.version) for h in history] == [
            ("form", False, 1),
            ("correction", True, 1),
        ]
        assert history[0].signed_on == date(2026, 9, 8)
        assert history[1].note == "Video war NEIN"
        revocation = student_history(ctx, 1, rows["Nguyễn"].student_id)[-1]
        assert (revocation.channel_label, revocation.effective_on) == ("E-Mail", date(2026, 10, 2))
    finally:
        db.close()
