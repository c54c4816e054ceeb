"""Roster files (CSV, XLSX) read into rows with their line numbers, and checked."""
