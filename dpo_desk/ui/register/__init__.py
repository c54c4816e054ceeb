"""The Verarbeitungsverzeichnis and Auftragsverarbeiter & TOM pages."""
