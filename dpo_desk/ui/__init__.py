"""The PySide6 user interface: the only layer that imports Qt."""

from dpo_desk.ui import qt_imports  # noqa: F401  (first: see its docstring)
