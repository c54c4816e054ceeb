"""Consent printouts: forms, signature sheets, reminders, participant lists."""
