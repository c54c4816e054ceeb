"""The change log page (Änderungsprotokoll)."""
