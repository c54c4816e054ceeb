"""Data breaches (Art. 33/34 GDPR): the values, the 72-hour clock and the rules."""
