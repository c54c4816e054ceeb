"""The district of test_access.py (two schools, a person per role) for every server test."""

from tests.postgres.test_access import district  # noqa: F401  (fixture)
