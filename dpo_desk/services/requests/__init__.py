"""Data subject requests: tracking with deadlines, the access report, erasure."""
