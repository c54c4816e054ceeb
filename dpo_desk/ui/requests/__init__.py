"""Anfragen: data subject requests, their deadlines, the access report and erasure."""
