"""Data breaches (Art. 33/34) with their links, and data subject requests (Art. 15–22).

Revision ID: 0011_breaches_requests
Revises: 0007_safety
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dpo_desk.store.base import UtcDateTime

revision = "0011_breaches_requests"
down_revision = "0007_safety"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete=ondelete,
    )


def _versioned() -> list[sa.Column]:
    return [
        sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    ]


def upgrade() -> None:
    t = "breach"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(20), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("occurred_at", UtcDateTime(), nullable=True),
        sa.Column("occurred_note", sa.Text(), nullable=False),
        sa.Column("aware_at", UtcDateTime(), nullable=False),
        sa.Column("reported_by", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("data_categories", sa.JSON(), nullable=False),
        sa.Column("subject_groups", sa.JSON(), nullable=False),
        sa.Column("special_categories", sa.Boolean(), nullable=False),
        sa.Column("persons_count", sa.Integer(), nullable=True),
        sa.Column("records_count", sa.Integer(), nullable=True),
        sa.Column("consequences", sa.Text(), nullable=False),
        sa.Column("measures_taken", sa.Text(), nullable=False),
        sa.Column("measures_planned", sa.Text(), nullable=False),
        sa.Column("likelihood", sa.Integer(), nullable=True),
        sa.Column("severity", sa.Integer(), nullable=True),
        sa.Column("risk_class", sa.String(10), nullable=False),
        sa.Column("risk_reasoning", sa.Text(), nullable=False),
        sa.Column("notified_at", UtcDateTime(), nullable=True),
        sa.Column("authority_reference", sa.String(100), nullable=False),
        sa.Column("delay_reason", sa.Text(), nullable=False),
        sa.Column("no_notification_reason", sa.Text(), nullable=False),
        sa.Column("persons_informed_on", sa.Date(), nullable=True),
        sa.Column("persons_informed_how", sa.Text(), nullable=False),
        sa.Column("persons_not_informed_reason", sa.Text(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        *_versioned(),
        _fk(t, "school_id", "school"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
        sa.UniqueConstraint("school_id", "reference", name=op.f(f"uq_{t}_school_id_reference")),
    )
    op.create_index(op.f(f"ix_{t}_school_id"), t, ["school_id"])

    for t, column, target in (
        ("breach_activity", "activity_id", "processing_activity"),
        ("breach_processor", "processor_id", "processor"),
    ):
        op.create_table(
            t,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("school_id", sa.Integer(), nullable=False),
            sa.Column("breach_id", sa.Integer(), nullable=False),
            sa.Column(column, sa.Integer(), nullable=False),
            _fk(t, "school_id", "school"),
            _fk(t, "breach_id", "breach"),
            _fk(t, column, target),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
            sa.UniqueConstraint("breach_id", column, name=op.f(f"uq_{t}_breach_id_{column}")),
        )
        op.create_index(op.f(f"ix_{t}_{column}"), t, [column])

    t = "subject_request"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(20), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("requester_role", sa.String(20), nullable=False),
        sa.Column("requester_name", sa.String(200), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=True),
        sa.Column("subject_name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("identity_checked_on", sa.Date(), nullable=True),
        sa.Column("identity_method", sa.String(300), nullable=False),
        sa.Column("extended_until", sa.Date(), nullable=True),
        sa.Column("extension_reason", sa.Text(), nullable=False),
        sa.Column("extension_told_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("erased_on", sa.Date(), nullable=True),
        sa.Column("erasure_summary", sa.Text(), nullable=False),
        *_versioned(),
        _fk(t, "school_id", "school"),
        _fk(t, "student_id", "student", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
        sa.UniqueConstraint("school_id", "reference", name=op.f(f"uq_{t}_school_id_reference")),
    )
    op.create_index(op.f(f"ix_{t}_school_id"), t, ["school_id"])
    op.create_index(op.f(f"ix_{t}_student_id"), t, ["student_id"])


def downgrade() -> None:
    op.drop_table("subject_request")
    op.drop_table("breach_processor")
    op.drop_table("breach_activity")
    op.drop_table("breach")
