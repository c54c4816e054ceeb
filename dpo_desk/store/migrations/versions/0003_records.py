"""Record of processing activities, processors (AVV) and TOMs.

Revision ID: 0003_records
Revises: 0002_roster
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dpo_desk.store.base import UtcDateTime

revision = "0003_records"
down_revision = "0002_roster"
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _school(table: str) -> tuple[sa.Column, sa.ForeignKeyConstraint]:
    return (
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
            name=op.f(f"fk_{table}_school_id_school"),
            ondelete="CASCADE",
        ),
    )


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete="CASCADE",
    )


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    ]


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))


def upgrade() -> None:
    t = "processing_activity"
    op.create_table(
        t,
        _id(),
        *_school(t),
        sa.Column("key", sa.String(60), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("released_version", sa.Integer(), nullable=False),
        sa.Column("catalogue_key", sa.String(60), nullable=False),
        sa.Column("purposes", sa.Text(), nullable=False),
        sa.Column("data_subjects", sa.JSON(), nullable=False),
        sa.Column("legal_bases", sa.JSON(), nullable=False),
        sa.Column("legal_basis_text", sa.Text(), nullable=False),
        sa.Column("joint_controllers", sa.Text(), nullable=False),
        sa.Column("department", sa.String(200), nullable=False),
        sa.Column("contact_person", sa.String(200), nullable=False),
        sa.Column("consent_based", sa.Boolean(), nullable=False),
        sa.Column("consent_template_key", sa.String(100), nullable=False),
        sa.Column("special_categories", sa.Boolean(), nullable=False),
        sa.Column("tom_description", sa.Text(), nullable=False),
        sa.Column("dsfa", sa.String(20), nullable=False),
        sa.Column("dsfa_result", sa.Text(), nullable=False),
        sa.Column("review_interval_months", sa.Integer(), nullable=False),
        sa.Column("next_review", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        *_stamps(),
        _pk(t),
        sa.UniqueConstraint("school_id", "key", name=op.f(f"uq_{t}_school_id_key")),
    )
    op.create_index(op.f(f"ix_{t}_school_id"), t, ["school_id"])

    t = "activity_data_category"
    op.create_table(
        t,
        _id(),
        *_school(t),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("erasure_period", sa.String(300), nullable=False),
        _fk(t, "activity_id", "processing_activity"),
        _pk(t),
    )
    op.create_index(op.f(f"ix_{t}_activity_id"), t, ["activity_id"])

    t = "activity_recipient"
    op.create_table(
        t,
        _id(),
        *_school(t),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("external", sa.Boolean(), nullable=False),
        _fk(t, "activity_id", "processing_activity"),
        _pk(t),
    )
    op.create_index(op.f(f"ix_{t}_activity_id"), t, ["activity_id"])

    t = "activity_transfer"
    op.create_table(
        t,
        _id(),
        *_school(t),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("recipient", sa.String(300), nullable=False),
        sa.Column("safeguard", sa.String(30), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _fk(t, "activity_id", "processing_activity"),
        _pk(t),
    )
    op.create_index(op.f(f"ix_{t}_activity_id"), t, ["activity_id"])

    t = "activity_version"
    op.create_table(
        t,
        _id(),
        *_school(t),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("released_at", UtcDateTime(), nullable=False),
        sa.Column("released_by", sa.String(200), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        _fk(t, "activity_id", "processing_activity"),
        _pk(t),
        sa.UniqueConstraint("activity_id", "number", name=op.f(f"uq_{t}_activity_id_number")),
    )

    t = "processor"
    op.create_table(
        t,
        _id(),
        *_school(t),
        sa.Column("key", sa.String(60), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("street", sa.String(200), nullable=False),
        sa.Column("postcode", sa.String(20), nullable=False),
        sa.Column("town", sa.String(100), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("safeguard", sa.String(30), nullable=False),
        sa.Column("contact_name", sa.String(200), nullable=False),
        sa.Column("contact_email", sa.String(200), nullable=False),
        sa.Column("contact_phone", sa.String(50), nullable=False),
        sa.Column("dpo_name", sa.String(200), nullable=False),
        sa.Column("dpo_email", sa.String(200), nullable=False),
        sa.Column("contract_status", sa.String(20), nullable=False),
        sa.Column("contract_date", sa.Date(), nullable=True),
        sa.Column("contract_review", sa.Date(), nullable=True),
        sa.Column("contract_file", sa.String(300), nullable=False),
        sa.Column("contract_file_name", sa.String(300), nullable=False),
        sa.Column("data_categories", sa.JSON(), nullable=False),
        sa.Column("data_subjects", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_stamps(),
        _pk(t),
        sa.UniqueConstraint("school_id", "key", name=op.f(f"uq_{t}_school_id_key")),
    )
    op.create_index(op.f(f"ix_{t}_school_id"), t, ["school_id"])

    t = "processor_check"
    op.create_table(
        t,
        _id(),
        *_school(t),
        sa.Column("processor_id", sa.Integer(), nullable=False),
        sa.Column("point", sa.String(1), nullable=False),
        sa.Column("fulfilled", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _fk(t, "processor_id", "processor"),
        _pk(t),
        sa.UniqueConstraint("processor_id", "point", name=op.f(f"uq_{t}_processor_id_point")),
    )

    t = "sub_processor"
    op.create_table(
        t,
        _id(),
        *_school(t),
        sa.Column("processor_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("service", sa.String(300), nullable=False),
        sa.Column("safeguard", sa.String(30), nullable=False),
        _fk(t, "processor_id", "processor"),
        _pk(t),
    )
    op.create_index(op.f(f"ix_{t}_processor_id"), t, ["processor_id"])

    t = "tom_measure"
    op.create_table(
        t,
        _id(),
        *_school(t),
        sa.Column("processor_id", sa.Integer(), nullable=True),
        sa.Column("catalogue_key", sa.String(60), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("protection_goal", sa.String(30), nullable=False),
        sa.Column("control_type", sa.String(30), nullable=False),
        *_stamps(),
        _fk(t, "processor_id", "processor"),
        _pk(t),
    )
    op.create_index(op.f(f"ix_{t}_school_id"), t, ["school_id"])

    t = "activity_processor"
    op.create_table(
        t,
        _id(),
        *_school(t),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("processor_id", sa.Integer(), nullable=False),
        _fk(t, "activity_id", "processing_activity"),
        _fk(t, "processor_id", "processor"),
        _pk(t),
        sa.UniqueConstraint(
            "activity_id", "processor_id", name=op.f(f"uq_{t}_activity_id_processor_id")
        ),
    )
    op.create_index(op.f(f"ix_{t}_processor_id"), t, ["processor_id"])

    t = "activity_tom"
    op.create_table(
        t,
        _id(),
        *_school(t),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("tom_id", sa.Integer(), nullable=False),
        _fk(t, "activity_id", "processing_activity"),
        _fk(t, "tom_id", "tom_measure"),
        _pk(t),
        sa.UniqueConstraint("activity_id", "tom_id", name=op.f(f"uq_{t}_activity_id_tom_id")),
    )
    op.create_index(op.f(f"ix_{t}_tom_id"), t, ["tom_id"])


TABLES_IN_DROP_ORDER = (
    ("activity_tom", "tom_id"),
    ("activity_processor", "processor_id"),
    ("tom_measure", "school_id"),
    ("sub_processor", "processor_id"),
    ("processor_check", None),
    ("processor", "school_id"),
    ("activity_version", None),
    ("activity_transfer", "activity_id"),
    ("activity_recipient", "activity_id"),
    ("activity_data_category", "activity_id"),
    ("processing_activity", "school_id"),
)


def downgrade() -> None:
    for table, indexed in TABLES_IN_DROP_ORDER:
        if indexed:
            op.drop_index(op.f(f"ix_{table}_{indexed}"), table_name=table)
        op.drop_table(table)
