"""Rules of the change log (audit trail): the hash chain and how entries read."""
