"""One adjustment to how PySide6 watches imports, made before anything else of the UI loads.

PySide6 notes for every module imported after it whether that module uses PySide6 (for its
optional ``from __feature__ import ...`` switches, which dpo_desk does not use). It finds
out by reading the module's whole source through ``inspect.getsource``, which keeps every
line in ``linecache`` for the life of the process: importing SQLAlchemy, the models and the
pages that way read about 8 million characters of source at start-up and kept some 20 MB of
memory, a sixth of the app's peak. ``use_cheap_pyside_check`` answers the same question
from the module's globals (does it hold anything from PySide6?) without reading files.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (loads the import watcher this module adjusts)

_FEATURE_MODULES = ("shibokensupport.feature", "PySide6.support.feature")


def _uses_pyside(module: ModuleType) -> bool:
    """Whether ``module`` holds anything of PySide6 at module level (a Qt module, class or
    object)."""
    try:
        values = list(vars(module).values())
    except TypeError:
        return False
    for value in values:
        if isinstance(value, ModuleType):
            origin = value.__name__
        elif isinstance(value, type):
            origin = getattr(value, "__module__", "")
        else:
            origin = getattr(type(value), "__module__", "")
        if isinstance(origin, str) and origin.startswith("PySide6"):
            return True
    return False


def use_cheap_pyside_check() -> bool:
    """Replace PySide6's source-reading check; False when this PySide6 has none to replace
    (then nothing changes)."""
    for name in _FEATURE_MODULES:
        feature = sys.modules.get(name)
        if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
            feature._mod_uses_pyside = _uses_pyside
            return True
    return False


use_cheap_pyside_check()
