"""Data protection impact assessments (DSFA) with risk matrices.

Revision ID: 0004_dsfa
Revises: 0003_records
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dpo_desk.store.base import UtcDateTime

revision = "0004_dsfa"
down_revision = "0003_records"
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))


def _fk(table: str, column: str, target: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    t = "dsfa_threshold"
    op.create_table(
        t,
        _id(),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("on_state_list", sa.Boolean(), nullable=False),
        sa.Column("conclusion", sa.String(20), nullable=False),
        sa.Column("reasoning", sa.Text(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("assessed_by", sa.String(200), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        _fk(t, "school_id", "school"),
        _fk(t, "activity_id", "processing_activity"),
        _pk(t),
        sa.UniqueConstraint("activity_id", name=op.f(f"uq_{t}_activity_id")),
    )

    t = "dsfa_assessment"
    op.create_table(
        t,
        _id(),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("purposes", sa.Text(), nullable=False),
        sa.Column("necessity", sa.Text(), nullable=False),
        sa.Column("dpo_opinion", sa.Text(), nullable=False),
        sa.Column("dpo_opinion_date", sa.Date(), nullable=True),
        sa.Column("head_decision", sa.String(30), nullable=False),
        sa.Column("head_decision_text", sa.Text(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("next_review", sa.Date(), nullable=True),
        sa.Column("matrix", sa.JSON(), nullable=True),
        sa.Column("signed_off_at", UtcDateTime(), nullable=True),
        sa.Column("signed_off_by", sa.String(200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        _fk(t, "school_id", "school"),
        _fk(t, "activity_id", "processing_activity"),
        _pk(t),
        sa.UniqueConstraint("activity_id", "version", name=op.f(f"uq_{t}_activity_id_version")),
    )
    op.create_index(op.f(f"ix_{t}_school_id"), t, ["school_id"])

    t = "dsfa_scenario"
    op.create_table(
        t,
        _id(),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("catalogue_key", sa.String(60), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("damage", sa.Text(), nullable=False),
        sa.Column("inherent_likelihood", sa.Integer(), nullable=True),
        sa.Column("inherent_severity", sa.Integer(), nullable=True),
        sa.Column("residual_likelihood", sa.Integer(), nullable=True),
        sa.Column("residual_severity", sa.Integer(), nullable=True),
        sa.Column("residual_reason", sa.Text(), nullable=False),
        _fk(t, "school_id", "school"),
        _fk(t, "assessment_id", "dsfa_assessment"),
        _pk(t),
    )
    op.create_index(op.f(f"ix_{t}_assessment_id"), t, ["assessment_id"])

    t = "dsfa_scenario_measure"
    op.create_table(
        t,
        _id(),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.Integer(), nullable=False),
        sa.Column("tom_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        _fk(t, "school_id", "school"),
        _fk(t, "scenario_id", "dsfa_scenario"),
        _fk(t, "tom_id", "tom_measure", ondelete="SET NULL"),
        _pk(t),
    )
    op.create_index(op.f(f"ix_{t}_scenario_id"), t, ["scenario_id"])
    op.create_index(op.f(f"ix_{t}_tom_id"), t, ["tom_id"])

    t = "dsfa_matrix_setting"
    op.create_table(
        t,
        _id(),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("matrix", sa.JSON(), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        _fk(t, "school_id", "school"),
        _pk(t),
        sa.UniqueConstraint("school_id", name=op.f(f"uq_{t}_school_id")),
    )


def downgrade() -> None:
    op.drop_table("dsfa_matrix_setting")
    op.drop_index(op.f("ix_dsfa_scenario_measure_tom_id"), table_name="dsfa_scenario_measure")
    op.drop_index(op.f("ix_dsfa_scenario_measure_scenario_id"), table_name="dsfa_scenario_measure")
    op.drop_table("dsfa_scenario_measure")
    op.drop_index(op.f("ix_dsfa_scenario_assessment_id"), table_name="dsfa_scenario")
    op.drop_table("dsfa_scenario")
    op.drop_index(op.f("ix_dsfa_assessment_school_id"), table_name="dsfa_assessment")
    op.drop_table("dsfa_assessment")
    op.drop_table("dsfa_threshold")
