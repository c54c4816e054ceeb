"""The kind of school in the school profile (Grundschule, Gymnasium, …).

Who is working (name and function) lives in the settings table, which needs no change.

Revision ID: 0009_people
Revises: 0012_accountability
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_people"
down_revision = "0013_register_details"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("school", sa.Column("kind", sa.String(30), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("school") as batch:
        batch.drop_column("kind")
