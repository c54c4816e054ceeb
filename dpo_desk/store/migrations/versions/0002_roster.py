"""Students, classes and school years (roster import).

Revision ID: 0002_roster
Revises: 0001_foundation
Create Date: 2026-11-23
"""

from __future__ import annotations

revision = "0002_roster"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
