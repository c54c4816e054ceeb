"""A save counter on every record a person edits (stale-write detection).

Revision ID: 0006_edit_versions
Revises: 0005_consent
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_edit_versions"
down_revision = "0005_consent"
branch_labels = None
depends_on = None

TABLES = (
    "school",
    "student",
    "processing_activity",
    "processor",
    "tom_measure",
    "consent_template",
    "dsfa_threshold",
    "dsfa_assessment",
    "dsfa_scenario",
    "dsfa_matrix_setting",
)


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table, sa.Column("row_version", sa.Integer(), nullable=False, server_default="1")
        )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("row_version")
