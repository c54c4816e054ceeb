"""People who sign in to a server database and their role per school.

Used in server mode only; created in every database so that both modes share one schema.
Plain tables and types that mean the same on SQLite and PostgreSQL (no server defaults
other than the version counter's, booleans without CHECK constraints).

Revision ID: 0014_users
Revises: 0010_consent_proof
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dpo_desk.store.base import UtcDateTime

revision = "0014_users"
down_revision = "0010_consent_proof"
branch_labels = None
depends_on = None


def upgrade() -> None:
    t = "app_user"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(63), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("function", sa.String(200), nullable=False),
        sa.Column("administrator", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
        sa.UniqueConstraint("login", name=op.f(f"uq_{t}_login")),
    )
    t = "school_assignment"
    op.create_table(
        t,
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("granted_by", sa.String(200), nullable=False),
        sa.Column("granted_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f(f"fk_{t}_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["school.id"], name=op.f(f"fk_{t}_school_id_school"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "school_id", name=op.f(f"pk_{t}")),
    )
    op.create_index(op.f(f"ix_{t}_school_id"), t, ["school_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_school_assignment_school_id"), "school_assignment")
    op.drop_table("school_assignment")
    op.drop_table("app_user")
