"""Consent rules: templates and events as values, status, scan code, checks."""
