"""The Schüler & Klassen page: table, student dialog, import wizard."""
