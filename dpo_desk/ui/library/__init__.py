"""The library kept once for all schools (services/library/items.py)."""
