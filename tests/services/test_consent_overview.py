"""Status per class and option, "Wer darf teilnehmen?", filters and the proof history."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from dpo_desk.core.consent.status import ConsentState
from dpo_desk.core.consent.values import (
    Channel,
    SignerRole,
)
from dpo_desk.services.consent.history import student_history
from dpo_desk.services.consent.overview import filter_rows, template_status
from dpo_desk.services.consent.recording import (
    FormEntry,
    RevocationEntry,
    record_form,
    record_revocation,
)
from dpo_desk.services.consent.template_edit import update_template
from dpo_desk.services.consent.templates import TemplateDraft, get_template
from tests.services.consent_support import TODAY, fill_school

KEY = "videokonferenzen"
GUARDIANS = frozenset({SignerRole.GUARDIANS})
BOTH = frozenset({SignerRole.GUARDIANS, SignerRole.STUDENT})


@pytest.fixture
def filled(ctx, school_id, tmp_path: Path) -> dict[str, int]:
    ids = fill_school(ctx, school_id, tmp_path)

    def form(name: str, audio, video, signed_by=GUARDIANS) -> None:
        entry = FormEntry(ids[name], {"audio": audio, "video": video}, TODAY, TODAY, signed_by)
        record_form(ctx, school_id, KEY, entry, on=TODAY)

    form("Zimmermann", True, True)
    form("Çelik", True, False)
    form("Nguyễn", True, True)
    form("Yılmaz", True, True, signed_by=GUARDIANS)  # 16: the student must sign as well
    form("Becker", True, True, signed_by=BOTH)
    record_revocation(
        ctx, school_id, KEY, RevocationEntry(ids["Nguyễn"], TODAY, Channel.LETTER), on=TODAY
    )
    return ids


@pytest.mark.both_backends
def test_class_counts_per_option_and_state(ctx, school_id, filled) -> None:
    status = template_status(ctx, school_id, KEY, on=TODAY)
    counts = {(c.class_name, c.option_key): c.counts for c in status.class_counts()}
    video_7b = counts[("7b", "video")]
    assert video_7b[ConsentState.GRANTED] == 1  # Zimmermann
    assert video_7b[ConsentState.REFUSED] == 1  # Çelik
    assert video_7b[ConsentState.REVOKED] == 1  # Nguyễn
    assert video_7b[ConsentState.NOT_RETURNED] == 1  # Wałęsa
    assert counts[("10a", "audio")][ConsentState.INCOMPLETE] == 1  # Yılmaz
    assert status.class_names == ["7b", "10a"]


@pytest.mark.both_backends
def test_who_may_take_part_lists_only_valid_yes_answers(ctx, school_id, filled) -> None:
    status = template_status(ctx, school_id, KEY, on=TODAY)
    assert status.participants("video", "7b") == ["Paul Zimmermann"]
    assert status.participants("audio", "7b") == ["Zeynep Çelik", "Paul Zimmermann"]
    assert status.participants("video", "10a") == ["Jonas Becker"]


def test_filters_show_missing_revoked_and_incomplete(ctx, school_id, filled) -> None:
    rows = template_status(ctx, school_id, KEY, on=TODAY).rows
    assert [r.last_name for r in filter_rows(rows, "missing")] == ["Wałęsa"]
    assert [r.last_name for r in filter_rows(rows, "revoked")] == ["Nguyễn"]
    assert [r.last_name for r in filter_rows(rows, "incomplete")] == ["Yılmaz"]


def test_one_class_and_a_day_before_the_forms(ctx, school_id, filled) -> None:
    status = template_status(ctx, school_id, KEY, on=TODAY - timedelta(days=1), class_name="7B")
    assert {r.class_name for r in status.rows} == {"7b"}
    assert all(r.state("audio") is ConsentState.NOT_RETURNED for r in status.rows)


def test_a_template_for_some_grades_only_lists_those_students(ctx, school_id, filled) -> None:
    video = get_template(ctx, school_id, KEY)
    draft = TemplateDraft.from_version(video.current)
    draft.grades = [10]
    update_template(ctx, video.id, draft)
    status = template_status(ctx, school_id, KEY, on=TODAY)
    assert {r.class_name for r in status.rows} == {"10a"}


@pytest.mark.both_backends
def test_history_shows_version_who_entered_and_the_revocation(ctx, school_id, filled) -> None:
    history = student_history(ctx, school_id, filled["Nguyễn"])
    assert [(h.kind_label, h.version) for h in history] == [
        ("Formular erhalten", 1),
        ("Widerruf", 1),
    ]
    assert history[0].entered_by == ctx.actor and history[0].received_on == TODAY
    assert history[1].channel_label == "Brief" and history[1].options is None
