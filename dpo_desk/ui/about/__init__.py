"""The app as an app: its identity for Qt and the desktop, the About dialog, update notice."""
