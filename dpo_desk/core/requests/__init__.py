"""Requests of data subjects (Art. 15–22 GDPR): values, deadlines and their checks."""
