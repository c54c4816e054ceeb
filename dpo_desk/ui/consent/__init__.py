"""The Einwilligungen page: recording, overview, participants, templates."""
