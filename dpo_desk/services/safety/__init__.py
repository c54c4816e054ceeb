"""Data safety: backups, encryption, integrity checks."""
