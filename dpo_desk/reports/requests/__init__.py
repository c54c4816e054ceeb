"""Printouts of the request area: the access report (Art. 15)."""
