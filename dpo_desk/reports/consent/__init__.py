"""Consent printouts laid out with the engine."""
