"""Widgets every area uses."""
