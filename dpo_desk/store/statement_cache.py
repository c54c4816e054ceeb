"""One cache of compiled SQL for every engine the process makes.

SQLAlchemy compiles each statement once per engine: its cache belongs to the engine and
is keyed by the engine's dialect object. dpo_desk makes a new engine whenever a file is
opened or reopened (each window, a restore, a re-key, an unlock, the checks of a staging
copy), and each new engine compiled every query of the pages again; in the test suite,
which opens thousands of files, that was a tenth of the time.

Engines made for the same kind of database are interchangeable: SQLite through the same
driver module with the same options (``database.make_engine``). Each new engine therefore
takes over the dialect and cache of the first engine of its kind (dialect class and URL,
which for SQLite names no file); the statements it compiles, and those the ORM caches per
mapper and dialect, are found by every later one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine

_first_of_kind: dict[tuple[type, str], tuple[Any, Any]] = {}
"""Per dialect class and URL: the dialect and compiled cache of the first such engine."""


def share_compiled_statements(engine: Engine) -> Engine:
    """Give ``engine`` the dialect and statement cache of the first engine of its kind."""
    kind = (type(engine.dialect), engine.url.render_as_string(hide_password=False))
    first = _first_of_kind.setdefault(kind, (engine.dialect, engine._compiled_cache))
    engine.dialect, engine._compiled_cache = first
    return engine
