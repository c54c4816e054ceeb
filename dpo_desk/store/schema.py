"""Schema revisions known to this version of the app.

Kept as a constant so that a normal start can compare the database's revision without
importing Alembic; ``tests/store/test_migrations.py`` proves it matches the migration scripts.
"""

from __future__ import annotations

REVISIONS: tuple[str, ...] = (
    "0001_foundation",
    "0002_roster",
    "0003_records",
    "0004_dsfa",
    "0005_consent",
    "0006_edit_versions",
    "0007_safety",
    "0011_breaches_requests",
    "0012_accountability",
    "0013_register_details",
    "0009_people",
    "0010_consent_proof",
    "0014_users",
)
HEAD = REVISIONS[-1]
