"""The change log: reading and filtering it, exporting it, verifying its hash chain."""
