"""Many rows into one table inside the current transaction, at the speed of the driver.

SQLAlchemy's executemany prepares every parameter set in Python (several microseconds per
row and column); an import of 2,000 students with their enrolments and audit events spent
more time there than SQLite spent writing. ``insert_rows`` converts the values with the
columns' own bind processors (so dates, UTC instants and JSON are stored exactly as the ORM
stores them) and hands all rows to the driver's ``executemany`` at once. On the server
(PostgreSQL) the rows go through SQLAlchemy's batched insert instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys, column names of ``table``)."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite":
        # PostgreSQL (server mode): psycopg adapts values itself (JSON through its own
        # dumpers, not the column's bind processor), and SQLAlchemy's "insertmanyvalues"
        # already sends the rows in batches.
        connection.execute(table.insert(), [dict(row) for row in rows])
        return
    names = list(rows[0])
    columns = [table.c[name] for name in names]
    processors = [column.type.bind_processor(dialect) for column in columns]
    quote = dialect.identifier_preparer.quote
    marks = _placeholders(dialect.paramstyle, len(columns))
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)}) "
        f"VALUES ({', '.join(marks)})"
    )
    values = [
        _converted([row[name] for row in rows], process)
        for name, process in zip(names, processors, strict=True)
    ]
    parameters = list(zip(*values, strict=True))
    if dialect.paramstyle in ("named", "pyformat"):
        keys = [f"p{i}" for i in range(len(columns))]
        connection.exec_driver_sql(sql, [dict(zip(keys, p, strict=True)) for p in parameters])
    else:
        connection.exec_driver_sql(sql, parameters)


def _converted(values: list[Any], process: Any) -> list[Any]:
    """One column's values as the driver takes them; a value identical to the one before
    (e.g. the one timestamp of a whole import) is converted once."""
    if process is None:
        return values
    result = []
    last: Any = _NOTHING
    converted: Any = None
    for value in values:
        if value is not last:
            last, converted = value, process(value)
        result.append(converted)
    return result


_NOTHING = object()


def _placeholders(style: str, count: int) -> list[str]:
    """The driver's own parameter markers (qmark for sqlite3, format for PostgreSQL)."""
    if style == "qmark":
        return ["?"] * count
    if style == "format":
        return ["%s"] * count
    if style == "numeric":
        return [f":{i + 1}" for i in range(count)]
    if style == "numeric_dollar":
        return [f"${i + 1}" for i in range(count)]
    if style == "named":
        return [f":p{i}" for i in range(count)]
    return [f"%(p{i})s" for i in range(count)]  # pyformat
