"""Engines share compiled SQL (store/statement_cache.py) but each still reads its own file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from dpo_desk.store.database import make_engine
from dpo_desk.store.migrate import upgrade
from dpo_desk.store.models import School


def test_a_new_engine_reuses_the_statements_compiled_for_another_file(tmp_path: Path) -> None:
    from sqlalchemy.orm import Session

    engines = [make_engine(tmp_path / f"{name}.sqlite") for name in ("erste", "zweite")]
    try:
        for engine, name in zip(engines, ("Erste Schule", "Zweite Schule"), strict=True):
            upgrade(engine)
            with Session(engine) as session, session.begin():
                session.add(School(name=name, state="NW"))
        query = select(School.name).where(School.state == "NW")
        with Session(engines[0]) as session:
            assert session.scalars(query).all() == ["Erste Schule"]
        cached = len(engines[0]._compiled_cache)
        with Session(engines[1]) as session:
            # The same statement on the other file: its own row, nothing compiled anew.
            assert session.scalars(query).all() == ["Zweite Schule"]
        assert len(engines[1]._compiled_cache) == cached
        assert engines[1]._compiled_cache is engines[0]._compiled_cache
    finally:
        for engine in engines:
            engine.dispose()
