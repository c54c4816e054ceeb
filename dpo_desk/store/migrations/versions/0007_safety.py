"""Processor contracts inside the database instead of files under ``anhaenge/``.

The contract files were plain text next to an encrypted database and missing from every
backup. They move into ``processor_contract`` (encrypted with the database, in every
backup); the stored path column goes. A stored path is read only when it resolves inside
the ``anhaenge`` folder next to the database; anything else is left behind (the contract
then shows as missing). The plaintext files are deleted by the app after the upgrade,
once the database holding them is committed (services/safety/leftovers.py).

Revision ID: 0007_safety
Revises: 0006_edit_versions
Create Date: 2026-12-01
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from dpo_desk.store.attachments import ATTACHMENTS_FOLDER, read_confined, sha256
from dpo_desk.store.base import UtcDateTime

revision = "0007_safety"
down_revision = "0006_edit_versions"
branch_labels = None
depends_on = None


def _attachments_root() -> Path | None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return None  # a server database never had contract files next to it
    for _seq, name, file in bind.exec_driver_sql("PRAGMA database_list"):
        if name == "main" and file:
            return Path(file).parent / ATTACHMENTS_FOLDER
    return None


def upgrade() -> None:
    t = "processor_contract"
    op.create_table(
        t,
        sa.Column("processor_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(300), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["processor_id"],
            ["processor.id"],
            name=op.f(f"fk_{t}_processor_id_processor"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["school.id"], name=op.f(f"fk_{t}_school_id_school"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("processor_id", name=op.f(f"pk_{t}")),
    )
    op.create_index(op.f(f"ix_{t}_school_id"), t, ["school_id"])

    bind = op.get_bind()
    root = _attachments_root()
    rows = bind.execute(
        sa.text(
            "SELECT id, school_id, contract_file, contract_file_name FROM processor "
            "WHERE contract_file <> ''"
        )
    ).fetchall()
    now = datetime.now(UTC).replace(tzinfo=None)
    for processor_id, school_id, stored, name in rows:
        content = read_confined(root, stored) if root is not None else None
        if content is None:
            continue
        bind.execute(
            sa.text(
                "INSERT INTO processor_contract (processor_id, school_id, file_name, size, "
                "sha256, content, added_at) VALUES (:p, :s, :n, :z, :h, :c, :a)"
            ),
            {
                "p": processor_id,
                "s": school_id,
                "n": name or Path(stored).name,
                "z": len(content),
                "h": sha256(content),
                "c": content,
                "a": now,
            },
        )
    # SQLite 3.35+ drops a plain column in place; a table rebuild would cascade deletes.
    op.execute("ALTER TABLE processor DROP COLUMN contract_file")


def downgrade() -> None:
    # The contracts themselves do not go back to files: the older schema shows them missing.
    op.execute("ALTER TABLE processor ADD COLUMN contract_file VARCHAR(300) NOT NULL DEFAULT ''")
    op.drop_index(op.f("ix_processor_contract_school_id"), "processor_contract")
    op.drop_table("processor_contract")
