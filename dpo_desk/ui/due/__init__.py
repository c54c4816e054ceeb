"""Fällig: the list of everything due, embedded in the overview."""
