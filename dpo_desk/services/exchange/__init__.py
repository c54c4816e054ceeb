"""Export and import of a school: one zip of JSON documents (docs/EXPORT_FORMAT.md).

``export.export_school`` writes the archive; ``archive.read_archive`` checks one from
outside (hostile until proven otherwise); ``preview.preview_import`` compares it with the
target school record by record (new, identical, changed, conflicting); ``apply.apply_import``
writes what the user chose in one transaction, or nothing. Each part of the archive is one
area, described by the ``RecordKind`` values in ``kinds`` (one module per area); a new area
adds its kinds there and a part to ``format.PARTS``.
"""
