"""Data breaches: the register, the 72-hour clock, the printouts."""
