"""Consent templates with versions, consent events (returned forms, revocations, corrections).

Revision ID: 0005_consent
Revises: 0004_dsfa
Create Date: 2026-11-23
"""

from __future__ import annotations

revision = "0005_consent"
down_revision = "0004_dsfa"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
