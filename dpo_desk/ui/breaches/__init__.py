"""Datenpannen: the breach register page and its editor."""
