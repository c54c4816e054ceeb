"""The Einstellungen page."""
