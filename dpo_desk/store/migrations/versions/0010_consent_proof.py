"""Consent proof that matches the paper: a print log (which text version was handed to which
student), the kind of each text change, the person's decision on conflicting entries.

Versions that exist already may have been printed before the log existed: they are marked
``legacy_print``, so their forms can still be recorded without a logged printout.

Revision ID: 0010_consent_proof
Revises: 0012_accountability
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dpo_desk.store.base import UtcDateTime

revision = "0010_consent_proof"
down_revision = "0009_people"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    t = "consent_template_version"
    for name, column_type, default in (
        ("change_kind", sa.String(20), ""),
        ("renew_consents", sa.Boolean(), "0"),
        ("head_signature", sa.Boolean(), "0"),
        ("legacy_print", sa.Boolean(), "0"),
    ):
        op.add_column(t, sa.Column(name, column_type, nullable=False, server_default=default))
    # A bound boolean: PostgreSQL (server mode, issue 20) refuses the integer 1.
    op.execute(
        sa.text("UPDATE consent_template_version SET legacy_print = :yes").bindparams(yes=True)
    )

    for name in ("precedence", "version_basis"):
        op.add_column(
            "consent_event",
            sa.Column(name, sa.String(20), nullable=False, server_default=""),
        )
    op.execute(
        sa.text("UPDATE consent_event SET version_basis = 'legacy' WHERE kind != 'correction'")
    )

    t = "consent_print"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("document", sa.String(30), nullable=False),
        sa.Column("students", sa.Integer(), nullable=False),
        sa.Column("printed_by", sa.String(200), nullable=False),
        sa.Column("printed_at", UtcDateTime(), nullable=False),
        _fk(t, "school_id", "school"),
        _fk(t, "template_id", "consent_template"),
        _fk(t, "version_id", "consent_template_version"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
    )
    op.create_index(op.f(f"ix_{t}_template_id"), t, ["template_id"])

    t = "consent_print_student"
    op.create_table(
        t,
        sa.Column("print_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        _fk(t, "print_id", "consent_print"),
        _fk(t, "student_id", "student"),
        sa.PrimaryKeyConstraint("print_id", "student_id", name=op.f(f"pk_{t}")),
    )
    op.create_index(op.f(f"ix_{t}_student_id"), t, ["student_id"])


def downgrade() -> None:
    op.drop_table("consent_print_student")
    op.drop_table("consent_print")
    with op.batch_alter_table("consent_event") as batch:
        batch.drop_column("version_basis")
        batch.drop_column("precedence")
    with op.batch_alter_table("consent_template_version") as batch:
        for name in ("legacy_print", "head_signature", "renew_consents", "change_kind"):
            batch.drop_column(name)
