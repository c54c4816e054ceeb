"""Consent templates with versions, consent events (returned forms, revocations, corrections).

Revision ID: 0005_consent
Revises: 0004_dsfa
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dpo_desk.store.base import UtcDateTime

revision = "0005_consent"
down_revision = "0004_dsfa"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    t = "consent_template"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("catalogue_key", sa.String(40), nullable=False),
        sa.Column("grades", sa.JSON(), nullable=False),
        sa.Column("class_names", sa.JSON(), nullable=False),
        sa.Column("condition_ended_on", sa.Date(), nullable=True),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        _fk(t, "school_id", "school"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
        sa.UniqueConstraint("school_id", "key", name=op.f(f"uq_{t}_school_id_key")),
    )
    op.create_index(op.f(f"ix_{t}_school_id"), t, ["school_id"])

    t = "consent_template_version"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("information_text", sa.Text(), nullable=False),
        sa.Column("declaration_text", sa.Text(), nullable=False),
        sa.Column("voluntary_note", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("co_signature_age", sa.Integer(), nullable=False),
        sa.Column("student_alone_age", sa.Integer(), nullable=False),
        sa.Column("duration_kind", sa.String(20), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("condition", sa.Text(), nullable=False),
        sa.Column("renewal_years", sa.Integer(), nullable=True),
        sa.Column("retention_years", sa.Integer(), nullable=False),
        sa.Column("released_on", sa.Date(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        _fk(t, "school_id", "school"),
        _fk(t, "template_id", "consent_template"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
        sa.UniqueConstraint("template_id", "number", name=op.f(f"uq_{t}_template_id_number")),
    )
    op.create_index(op.f(f"ix_{t}_template_id"), t, ["template_id"])

    t = "consent_event"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("replacement_kind", sa.String(20), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("signed_by", sa.JSON(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=True),
        sa.Column("declared_on", sa.Date(), nullable=True),
        sa.Column("effective_on", sa.Date(), nullable=True),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("entry_method", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("entered_by", sa.String(200), nullable=False),
        sa.Column("entered_at", UtcDateTime(), nullable=False),
        _fk(t, "school_id", "school"),
        _fk(t, "student_id", "student"),
        _fk(t, "template_id", "consent_template"),
        _fk(t, "version_id", "consent_template_version"),
        _fk(t, "corrects_id", "consent_event"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
    )
    op.create_index(op.f(f"ix_{t}_student_id"), t, ["student_id"])
    op.create_index(op.f(f"ix_{t}_version_id"), t, ["version_id"])
    op.create_index("ix_consent_event_template_student", t, ["template_id", "student_id"])


def downgrade() -> None:
    op.drop_table("consent_event")
    op.drop_table("consent_template_version")
    op.drop_table("consent_template")
