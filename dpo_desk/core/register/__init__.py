"""Register (VVT) rules: values and vocabularies, countries, checks, snapshots."""
