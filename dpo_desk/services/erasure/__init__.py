"""Erasing a person everywhere ("Person löschen").

The one way a person's data leaves the database, for every caller: the student dialog,
``dpo-desk roster erase``, the bulk erasure of leavers after the retention period
(``erasure.leavers``) and an erasure request (Art. 17) of the requests area.

Contract (``erasure.service``):

- ``erasure_plan(ctx, student_id) -> ErasurePlan``: what would go (master data, classes per
  year, consent entries and proof, each area's parts, the change-log entries whose values
  are blanked) and which backups still hold the person until when. Reads only.
- ``erase_student(ctx, student_id, reason=..., expected_version=None) -> ErasureResult``:
  one transaction removes it all and blanks the change log (entries stay, read "gelöscht
  am … von …", the hash chain stays verifiable); then the WAL is checkpointed and the
  database file, its WAL and the log folder are searched for the person's names
  (``ErasureResult.traces``; VACUUM when a copy is left). ``reason`` is stored in the log:
  it must not name the person (e.g. "Antrag A-2027-004", "Aufbewahrungsfrist abgelaufen").
- ``erase_students(ctx, ids, reason=...)``: the same for many, one transaction.
- An area that stores data about a student adds a ``PersonPart`` with ``register_part``
  (how many rows, how to delete them, which audit entries are about them).
"""
