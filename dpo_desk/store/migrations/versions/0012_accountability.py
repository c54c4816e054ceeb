"""Accountability and portability: the change log sealed into a hash chain, erasure marks
on its entries, the shared library and the origin links of copied or imported records.

Existing events get their chain here, in id order, each with a fresh salt
(``core.audit.chain``); ``dpo-desk check`` verifies it from now on.

Revision ID: 0012_accountability
Revises: 0007_safety
Create Date: 2027-01-15
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dpo_desk.core.audit.chain import GENESIS, EventContent, event_hash, new_salt, values_digest
from dpo_desk.store.base import UtcDateTime

revision = "0012_accountability"
down_revision = "0011_breaches_requests"
branch_labels = None
depends_on = None

BATCH = 2000
_TEXT_COLUMNS = (
    ("prev_hash", 64),
    ("chain_hash", 64),
    ("salt", 32),
    ("erased_digest", 64),
)


def _audit_columns() -> None:
    for name, length in _TEXT_COLUMNS:
        op.add_column(
            "audit_event",
            sa.Column(name, sa.String(length), nullable=False, server_default=""),
        )
    op.add_column("audit_event", sa.Column("erased_at", UtcDateTime(), nullable=True))
    op.add_column(
        "audit_event", sa.Column("erased_by", sa.String(200), nullable=False, server_default="")
    )
    op.create_index("ix_audit_event_occurred_at", "audit_event", ["occurred_at"])
    op.create_index("ix_audit_event_school_id", "audit_event", ["school_id"])


def _library() -> None:
    t = "library_item"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("source_school_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_school_id"],
            ["school.id"],
            name=op.f(f"fk_{t}_source_school_id_school"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
        sa.UniqueConstraint("kind", "key", name=op.f(f"uq_{t}_kind_key")),
    )


def _origins() -> None:
    t = "record_origin"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("entity_type", sa.String(50), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("entity_key", sa.String(200), nullable=False),
        sa.Column("origin_kind", sa.String(20), nullable=False),
        sa.Column("origin_item_id", sa.Integer(), nullable=True),
        sa.Column("origin_school_id", sa.Integer(), nullable=True),
        sa.Column("origin_key", sa.String(200), nullable=False),
        sa.Column("origin_label", sa.String(300), nullable=False),
        sa.Column("base_digest", sa.String(64), nullable=False),
        sa.Column("copied_at", UtcDateTime(), nullable=False),
        sa.Column("copied_by", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"], ["school.id"], name=op.f(f"fk_{t}_school_id_school"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["origin_item_id"],
            ["library_item.id"],
            name=op.f(f"fk_{t}_origin_item_id_library_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["origin_school_id"],
            ["school.id"],
            name=op.f(f"fk_{t}_origin_school_id_school"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
        sa.UniqueConstraint(
            "school_id",
            "entity_type",
            "entity_id",
            name=op.f(f"uq_{t}_school_id_entity_type_entity_id"),
        ),
    )
    op.create_index(op.f(f"ix_{t}_origin_item_id"), t, ["origin_item_id"])
    op.create_index(op.f(f"ix_{t}_origin_school_id"), t, ["origin_school_id"])


_EVENTS = sa.table(
    "audit_event",
    sa.column("id", sa.Integer()),
    sa.column("occurred_at", UtcDateTime()),
    sa.column("actor", sa.String()),
    sa.column("school_id", sa.Integer()),
    sa.column("entity_type", sa.String()),
    sa.column("entity_id", sa.Integer()),
    sa.column("action", sa.String()),
    sa.column("changes", sa.JSON()),
)


def _seal_existing() -> None:
    """Every event so far, in id order, sealed into the chain."""
    bind = op.get_bind()
    head, last_id = GENESIS, 0
    while True:
        rows = bind.execute(
            sa.select(_EVENTS).where(_EVENTS.c.id > last_id).order_by(_EVENTS.c.id).limit(BATCH)
        ).fetchall()
        if not rows:
            return
        updates = []
        for row in rows:
            salt = new_salt()
            digest = values_digest(salt, row.changes if row.changes is not None else {})
            content = EventContent(
                row.occurred_at,
                row.actor,
                row.school_id,
                row.entity_type,
                row.entity_id,
                row.action,
                digest,
            )
            sealed = event_hash(head, content)
            updates.append({"i": row.id, "p": head, "h": sealed, "s": salt})
            head, last_id = sealed, row.id
        bind.execute(
            sa.text(
                "UPDATE audit_event SET prev_hash = :p, chain_hash = :h, salt = :s WHERE id = :i"
            ),
            updates,
        )


def upgrade() -> None:
    _audit_columns()
    _library()
    _origins()
    _seal_existing()


def downgrade() -> None:
    op.drop_index(op.f("ix_record_origin_origin_school_id"), "record_origin")
    op.drop_index(op.f("ix_record_origin_origin_item_id"), "record_origin")
    op.drop_table("record_origin")
    op.drop_table("library_item")
    op.drop_index("ix_audit_event_school_id", "audit_event")
    op.drop_index("ix_audit_event_occurred_at", "audit_event")
    for name in ("erased_by", "erased_at", *(n for n, _ in _TEXT_COLUMNS)):
        op.execute(f"ALTER TABLE audit_event DROP COLUMN {name}")
