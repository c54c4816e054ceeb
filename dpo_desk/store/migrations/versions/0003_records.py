"""Record of processing activities, processors (AVV) and TOMs.

Revision ID: 0003_records
Revises: 0002_roster
Create Date: 2026-11-23
"""

from __future__ import annotations

revision = "0003_records"
down_revision = "0002_roster"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
