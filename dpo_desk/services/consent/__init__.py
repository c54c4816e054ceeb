"""Consent use cases: templates, recording, scanning, history, overview."""
