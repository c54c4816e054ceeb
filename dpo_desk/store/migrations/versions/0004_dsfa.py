"""Data protection impact assessments (DSFA) with risk matrices.

Revision ID: 0004_dsfa
Revises: 0003_records
Create Date: 2026-11-23
"""

from __future__ import annotations

revision = "0004_dsfa"
down_revision = "0003_records"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
