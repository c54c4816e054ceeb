"""Export and import of a school as an archive (docs/EXPORT_FORMAT.md)."""
