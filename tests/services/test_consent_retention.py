"""Proof of leavers is erased once its retention has run out, and only then."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from dpo_desk.core.consent.values import (
    SignerRole,
)
from dpo_desk.services.consent.corrections import undo_event
from dpo_desk.services.consent.history import student_history
from dpo_desk.services.consent.recording import FormEntry, record_form
from dpo_desk.services.consent.retention import erase_expired_proof, expired_proof
from dpo_desk.services.roster import students as roster
from dpo_desk.store.models import AuditEvent
from tests.services.consent_support import TODAY, fill_school

KEY = "videokonferenzen"
GUARDIANS = frozenset({SignerRole.GUARDIANS})


def test_a_leavers_proof_is_erased_after_the_retention_and_audited(
    ctx, school_id, tmp_path: Path
) -> None:
    ids = fill_school(ctx, school_id, tmp_path)
    for name in ("Becker", "Yılmaz", "Çelik"):
        entry = FormEntry(ids[name], {"audio": True, "video": True}, TODAY, None, GUARDIANS)
        recorded = record_form(ctx, school_id, KEY, entry, on=TODAY)
    undo_event(ctx, recorded.id)  # Çelik: a form and its correction
    roster.mark_left(ctx, ids["Becker"], date(2025, 3, 1))  # kept until 31.07.2026
    roster.mark_left(ctx, ids["Yılmaz"], TODAY - timedelta(days=5))  # kept until 31.07.2027
    roster.mark_left(ctx, ids["Çelik"], date(2024, 12, 1))  # kept until 31.07.2026

    due = expired_proof(ctx, school_id, on=TODAY)
    assert [(p.student_name, p.kept_until, p.entries) for p in due] == [
        ("Jonas Becker", date(2026, 7, 31), 1),
        ("Zeynep Çelik", date(2026, 7, 31), 2),
    ]
    assert expired_proof(ctx, school_id, on=date(2026, 7, 31)) == []
    assert erase_expired_proof(ctx, school_id, on=TODAY).count == 3
    assert student_history(ctx, school_id, ids["Becker"]) == []
    assert student_history(ctx, school_id, ids["Çelik"]) == []
    assert len(student_history(ctx, school_id, ids["Yılmaz"])) == 1
    with ctx.reading() as session:
        erased = session.scalars(
            select(AuditEvent.changes).where(AuditEvent.action == "erase")
        ).all()
    assert sorted(c["entries"] for c in erased) == [1, 2]
    assert all("Becker" not in str(c) and "Çelik" not in str(c) for c in erased)
    assert erase_expired_proof(ctx, school_id, on=TODAY).count == 0
