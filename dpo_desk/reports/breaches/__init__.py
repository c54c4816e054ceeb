"""Printouts of the breach area: notification, letter to the persons, register."""
