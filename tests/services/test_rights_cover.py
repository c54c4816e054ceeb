"""Every table and every audited record kind has its right (server mode): a table another
issue adds without one would be written by the DPO only, a record kind without one would
refuse everyone but the DPO, and nobody would notice until a secretary tried."""

from __future__ import annotations

from dpo_desk.core.access import Right, Role, roles_with
from dpo_desk.services.changes import AREA_OF_ENTITY
from dpo_desk.services.users.rights import RIGHT_OF_ENTITY, RIGHTS_OF_TABLE, table_roles
from dpo_desk.store import models  # noqa: F401  (registers every table)
from dpo_desk.store.base import Base


def test_every_table_names_the_rights_that_write_it() -> None:
    missing = sorted(set(Base.metadata.tables) - set(RIGHTS_OF_TABLE))
    assert missing == []


def test_every_audited_record_kind_names_its_right() -> None:
    kinds = set(AREA_OF_ENTITY) - {"burst"}  # tests/store/burst_worker.py adds its own kind
    assert sorted(kinds - set(RIGHT_OF_ENTITY)) == []


def test_casework_is_the_dpos_and_everyone_reads_it() -> None:
    roles = table_roles()
    for table in ("breach", "breach_activity", "breach_processor", "subject_request"):
        assert roles[table] == [Role.DPO.value]
    assert Role.SECRETARY.value not in roles["breach"]
    assert roles_with(Right.READ) == list(Role)  # Lesen sees breaches and requests too
