"""Every test gets its own data folder and a fresh database; Qt runs offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from dpo_desk.app import open_app
from dpo_desk.core.authorities import with_authority
from dpo_desk.core.schools import SchoolProfile
from dpo_desk.paths import DATA_DIR_ENV
from dpo_desk.services.context import ServiceContext


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "daten"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def ctx(data_dir: Path) -> Iterator[ServiceContext]:
    context = open_app(str(data_dir))
    yield context
    context.db.close()


def sample_profile(**overrides: str) -> SchoolProfile:
    values = dict(
        name="Testschule am See",
        school_number="123456",
        street="Seeweg 1",
        postcode="12345",
        town="Seestadt",
        state="BE",
        email="info@testschule.example",
        head_name="Anna Leiterin",
        dpo_name="Bernd Schutz",
        dpo_email="dsb@testschule.example",
    )
    values.update(overrides)
    return with_authority(SchoolProfile(**values))


@pytest.fixture
def school_id(ctx: ServiceContext) -> int:
    from dpo_desk.services.schools import create_school

    return create_school(ctx, sample_profile()).id
