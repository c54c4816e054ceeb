"""Backups, encryption, the idle lock and the passphrase dialogs."""
