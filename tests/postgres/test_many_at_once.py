"""Many at once (``make server-load`` in small): secretaries in separate processes record
forms on the same server while the DPO edits the school; nothing is lost or doubled."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from tests.benchmarks import server_load


@pytest.mark.timeout(300)
def test_three_secretaries_and_the_dpo_at_once_lose_nothing(server_templates, tmp_path) -> None:
    # A school of 60 (the benchmark's 2,000 take long to build and prove nothing more here).
    result = server_load.run_load(server_templates.cluster, 3, 15, tmp_path, school_size=60)
    try:
        assert result.recordings == 45
        assert result.new_events == 45 and result.doubled == 0
        assert result.audited == 45  # each named after the secretary who recorded it
        assert result.dpo_saved == server_load.DPO_SAVES
    finally:
        server_templates.cluster.drop_database(server_load.DATABASE)
