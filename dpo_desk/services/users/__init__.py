"""People, roles and per-school access (server mode): who is signed in and what they may do."""
