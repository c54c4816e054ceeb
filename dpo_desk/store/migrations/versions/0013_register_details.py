"""What real contracts, register entries and impact assessments say (issue 18).

Register entries: data source, hosting location, systems/modules, the statement on
automated decisions, and archiving (date, reason, kept until). Released versions: the named
person and role who approved them. Processors: contract version, term and end, the
objection period for new sub-processors, an "EU/EEA only" clause, Art. 9 data, hosting
location, supplementary measures and the date of a transfer impact assessment;
sub-processors: approval date, supplementary measures, transfer impact assessment.
Measures: status (in place, planned, optional), due date and evidence. Files kept with
entries, processors and measures (``register_attachment``, inside the database).
Impact assessments: matched items of the authorities' lists, the views of those affected
(Art. 35(9)) and the action plan (``dsfa_action``, one line per measure linked to a
scenario). Threshold answers "biometrics" (no WP248 criterion of its own) become
"special_categories" (sensitive data).

Revision ID: 0013_register_details
Revises: 0012_accountability
Create Date: 2026-12-10
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from dpo_desk.store.base import UtcDateTime

revision = "0013_register_details"
down_revision = "0012_accountability"
branch_labels = None
depends_on = None

TEXT_DEFAULT = sa.text("''")


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False, server_default=TEXT_DEFAULT)


def _string(name: str, length: int) -> sa.Column:
    return sa.Column(name, sa.String(length), nullable=False, server_default=TEXT_DEFAULT)


def _flag(name: str) -> sa.Column:
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())


def _date(name: str) -> sa.Column:
    return sa.Column(name, sa.Date(), nullable=True)


COLUMNS: dict[str, list[sa.Column]] = {
    "processing_activity": [
        _text("data_source"),
        _text("hosting_location"),
        sa.Column("systems", sa.JSON(), nullable=False, server_default=sa.text("'[]'")),
        _flag("automated_decision"),
        _text("automated_decision_logic"),
        _date("archived_on"),
        _text("archive_reason"),
        _date("retain_until"),
    ],
    "activity_version": [_string("approved_by", 200), _string("approved_role", 200)],
    "processor": [
        _string("contract_version", 100),
        _text("contract_term"),
        _date("contract_end"),
        sa.Column("objection_days", sa.Integer(), nullable=True),
        _flag("eu_only"),
        _flag("special_categories"),
        _text("hosting_location"),
        _text("supplementary_measures"),
        _date("tia_on"),
    ],
    "sub_processor": [_date("approved_on"), _text("supplementary_measures"), _date("tia_on")],
    "tom_measure": [
        sa.Column("status", sa.String(20), nullable=False, server_default="in_place"),
        _date("due_on"),
        _string("evidence_kind", 30),
        _string("evidence_reference", 300),
        _date("evidence_valid_until"),
    ],
    "dsfa_threshold": [
        sa.Column("list_items", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
    ],
}


def _fk(table: str, column: str, target: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    for table, columns in COLUMNS.items():
        for column in columns:
            # SQLite adds a column in place; no table rebuild (which would cascade deletes).
            op.add_column(table, column)

    t = "register_attachment"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=True),
        sa.Column("processor_id", sa.Integer(), nullable=True),
        sa.Column("tom_id", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(300), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", UtcDateTime(), nullable=False),
        _fk(t, "school_id", "school"),
        _fk(t, "activity_id", "processing_activity"),
        _fk(t, "processor_id", "processor"),
        _fk(t, "tom_id", "tom_measure"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
    )
    for column in ("school_id", "activity_id", "processor_id", "tom_id"):
        op.create_index(op.f(f"ix_{t}_{column}"), t, [column])

    t = "dsfa_stakeholder_view"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("group_name", sa.String(200), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"),
        _fk(t, "school_id", "school"),
        _fk(t, "assessment_id", "dsfa_assessment"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
    )
    op.create_index(op.f(f"ix_{t}_assessment_id"), t, ["assessment_id"])

    t = "dsfa_action"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("tom_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"),
        _fk(t, "school_id", "school"),
        _fk(t, "assessment_id", "dsfa_assessment"),
        _fk(t, "tom_id", "tom_measure", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
    )
    op.create_index(op.f(f"ix_{t}_assessment_id"), t, ["assessment_id"])
    op.create_index(op.f(f"ix_{t}_tom_id"), t, ["tom_id"])
    _fill_actions()
    _map_biometrics()


def _fill_actions() -> None:
    """One action line per measure already linked to a scenario of an assessment: open,
    unless the measure is in place (all existing measures count as in place)."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT s.assessment_id, s.school_id, m.tom_id, m.title FROM dsfa_scenario_measure m "
            "JOIN dsfa_scenario s ON s.id = m.scenario_id ORDER BY s.assessment_id, s.position, "
            "m.position"
        )
    ).fetchall()
    seen: dict[int, set[object]] = {}
    for assessment_id, school_id, tom_id, title in rows:
        taken = seen.setdefault(assessment_id, set())
        key = tom_id if tom_id is not None else f"title:{title}"
        if key in taken:
            continue
        taken.add(key)
        bind.execute(
            sa.text(
                "INSERT INTO dsfa_action (school_id, assessment_id, tom_id, position, title, "
                "owner, due_on, status, note) VALUES (:s, :a, :t, :p, :title, '', NULL, "
                "'done', '')"
            ),
            {"s": school_id, "a": assessment_id, "t": tom_id, "p": len(taken) - 1, "title": title},
        )


def _map_biometrics() -> None:
    bind = op.get_bind()
    for row_id, answers in bind.execute(sa.text("SELECT id, answers FROM dsfa_threshold")):
        keys = json.loads(answers) if isinstance(answers, str) else list(answers or [])
        if "biometrics" not in keys:
            continue
        mapped = sorted({"special_categories" if k == "biometrics" else k for k in keys})
        bind.execute(
            sa.text("UPDATE dsfa_threshold SET answers = :a WHERE id = :i"),
            {"a": json.dumps(mapped), "i": row_id},
        )


def downgrade() -> None:
    for t in ("dsfa_action", "dsfa_stakeholder_view", "register_attachment"):
        op.drop_table(t)
    for table, columns in COLUMNS.items():
        for column in columns:
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column.name}")
