"""Roster use cases: students and classes, import planning and writing."""
