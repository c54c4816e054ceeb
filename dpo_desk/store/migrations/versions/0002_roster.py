"""Students, classes and school years (roster import).

Revision ID: 0002_roster
Revises: 0001_foundation
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dpo_desk.store.base import UtcDateTime

revision = "0002_roster"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "school_class",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("school_year", sa.String(7), nullable=False),
        sa.Column("name", sa.String(30), nullable=False),
        sa.Column("grade", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
            name=op.f("fk_school_class_school_id_school"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_class")),
        sa.UniqueConstraint(
            "school_id",
            "school_year",
            "name",
            name=op.f("uq_school_class_school_id_school_year_name"),
        ),
    )
    op.create_table(
        "student",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(50), nullable=False),
        sa.Column("last_name", sa.String(200), nullable=False),
        sa.Column("first_names", sa.String(200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("guardian_1", sa.String(200), nullable=False),
        sa.Column("guardian_2", sa.String(200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
            name=op.f("fk_student_school_id_school"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_student")),
    )
    op.create_index("ix_student_school_external", "student", ["school_id", "external_id"])
    op.create_table(
        "enrolment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("school_year", sa.String(7), nullable=False),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
            name=op.f("fk_enrolment_student_id_student"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["school_class.id"],
            name=op.f("fk_enrolment_class_id_school_class"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolment")),
        sa.UniqueConstraint(
            "student_id", "school_year", name=op.f("uq_enrolment_student_id_school_year")
        ),
    )
    op.create_index(op.f("ix_enrolment_class_id"), "enrolment", ["class_id"])
    op.create_table(
        "roster_mapping",
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
            name=op.f("fk_roster_mapping_school_id_school"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("school_id", name=op.f("pk_roster_mapping")),
    )


def downgrade() -> None:
    op.drop_table("roster_mapping")
    op.drop_index(op.f("ix_enrolment_class_id"), table_name="enrolment")
    op.drop_table("enrolment")
    op.drop_index("ix_student_school_external", table_name="student")
    op.drop_table("student")
    op.drop_table("school_class")
