"""The server's own line of defence: group roles, grants and row-level security.

The services check every write against the person's role (first line). The server checks
again, so that someone who connects with the same login by other means (psql, a script)
gets no further:

- Each person signs in with their own PostgreSQL login (the server checks the password).
  Logins are members of ``dpo_desk_leser`` (SELECT) and, when any of their roles writes,
  ``dpo_desk_mitarbeit`` (INSERT/UPDATE/DELETE). The audit trail takes INSERT only, and
  UPDATE of the values an erasure blanks: no login can rewrite its chain or delete it.
- Row-level security on every table with a school: a person sees the rows of the schools
  assigned to them, and writes only where one of their roles there carries the table's
  right (the policies are made from ``core.access``, passed in as ``table_roles``).
- Logins are created and passwords set through SECURITY DEFINER functions owned by the
  database owner, which check that the caller manages users; no person needs CREATEROLE.

The database owner (who runs ``server init`` and ``upgrade``) owns the tables and so is
not subject to the policies; it is a technical account, not a person's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Connection, text

from dpo_desk.store import models  # noqa: F401  (registers every table)
from dpo_desk.store.base import Base

READER = "dpo_desk_leser"
WRITER = "dpo_desk_mitarbeit"
APPEND_ONLY = ("audit_event",)
READ_ONLY = ("alembic_version",)
# An erasure blanks the values of the change log (the chain columns stay untouchable).
ERASABLE_COLUMNS = {
    "audit_event": ("changes", "salt", "erased_digest", "erased_at", "erased_by"),
}
LOGIN_PATTERN = "^[a-z][a-z0-9_.-]{1,62}$"

_FUNCTIONS = """
CREATE OR REPLACE FUNCTION dpo_desk_admin() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM app_user
                 WHERE login = session_user AND active AND administrator)
$$;
CREATE OR REPLACE FUNCTION dpo_desk_schools() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT ARRAY(SELECT a.school_id FROM school_assignment a
               JOIN app_user u ON u.id = a.user_id
               WHERE u.login = session_user AND u.active)
$$;
CREATE OR REPLACE FUNCTION dpo_desk_may(sid integer, roles text[]) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM app_user u WHERE u.login = session_user AND u.active AND (
      u.administrator OR EXISTS (
        SELECT 1 FROM school_assignment a
        WHERE a.user_id = u.id AND a.school_id = sid AND a.role = ANY (roles))))
$$;
CREATE OR REPLACE FUNCTION dpo_desk_may_anywhere(roles text[]) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM app_user u WHERE u.login = session_user AND u.active AND (
      u.administrator OR EXISTS (
        SELECT 1 FROM school_assignment a
        WHERE a.user_id = u.id AND a.role = ANY (roles))))
$$;
CREATE OR REPLACE FUNCTION dpo_desk_create_login(new_login text, secret text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
  IF NOT dpo_desk_may_anywhere(ARRAY['dsb']) THEN
    RAISE EXCEPTION 'dpo_desk: keine Berechtigung, Anmeldungen anzulegen'
      USING ERRCODE = '42501';
  END IF;
  IF new_login !~ '{login_pattern}' THEN
    RAISE EXCEPTION 'dpo_desk: ungültiger Anmeldename' USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = new_login) THEN
    RETURN;  -- an existing login (e.g. made by the server's administrator) is linked as is
  END IF;
  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE {reader}', new_login, secret);
END
$$;
CREATE OR REPLACE FUNCTION dpo_desk_set_password(target text, secret text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM app_user WHERE login = target) THEN
    RAISE EXCEPTION 'dpo_desk: unbekannte Anmeldung' USING ERRCODE = '22023';
  END IF;
  IF target <> session_user AND NOT dpo_desk_may_anywhere(ARRAY['dsb']) THEN
    RAISE EXCEPTION 'dpo_desk: keine Berechtigung' USING ERRCODE = '42501';
  END IF;
  IF target <> session_user AND NOT dpo_desk_admin()
     AND EXISTS (SELECT 1 FROM app_user WHERE login = target AND administrator) THEN
    RAISE EXCEPTION 'dpo_desk: keine Berechtigung' USING ERRCODE = '42501';
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', target, secret);
END
$$;
CREATE OR REPLACE FUNCTION dpo_desk_remove_school(sid integer)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
  IF NOT dpo_desk_admin() THEN
    RAISE EXCEPTION 'dpo_desk: keine Berechtigung' USING ERRCODE = '42501';
  END IF;
  -- The log entries stay (the chain needs them; the app blanked their values first):
  -- the foreign key empties their school.
  DELETE FROM school WHERE id = sid;
END
$$;
CREATE OR REPLACE FUNCTION dpo_desk_set_writer(target text, writes boolean)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
  IF NOT dpo_desk_may_anywhere(ARRAY['dsb']) THEN
    RAISE EXCEPTION 'dpo_desk: keine Berechtigung' USING ERRCODE = '42501';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM app_user WHERE login = target) THEN
    RAISE EXCEPTION 'dpo_desk: unbekannte Anmeldung' USING ERRCODE = '22023';
  END IF;
  IF writes THEN
    EXECUTE format('GRANT {writer} TO %I', target);
  ELSE
    EXECUTE format('REVOKE {writer} FROM %I', target);
  END IF;
END
$$;
"""


def _create_group(conn: Connection, name: str) -> None:
    exists = conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    if not exists:
        conn.exec_driver_sql(f'CREATE ROLE "{name}" NOLOGIN')


def _array(roles: Sequence[str]) -> str:
    return "ARRAY[" + ", ".join(f"'{r}'" for r in roles) + "]::text[]"


def _policies(table: str, column: str, writers: Sequence[str]) -> list[str]:
    # Sub-selects: evaluated once per statement (an InitPlan), not once per row.
    mine = "CAST((SELECT dpo_desk_schools()) AS integer[])"
    visible = f"((SELECT dpo_desk_admin()) OR {column} = ANY ({mine}))"
    if table == "audit_event":
        visible = f"({column} IS NULL OR {visible})"
    may = f"dpo_desk_may({column}, {_array(writers)})"
    if table == "audit_event":
        may = f"({column} IS NULL OR dpo_desk_may({column}, {_array(writers)}))"
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY dpo_desk_lesen ON {table} FOR SELECT USING {visible}",
        f"CREATE POLICY dpo_desk_anlegen ON {table} FOR INSERT WITH CHECK ({may})",
        f"CREATE POLICY dpo_desk_aendern ON {table} FOR UPDATE USING ({may}) WITH CHECK ({may})",
        f"CREATE POLICY dpo_desk_loeschen ON {table} FOR DELETE USING ({may})",
    ]


def _drop_policies(conn: Connection, table: str) -> None:
    names = conn.scalars(
        text("SELECT policyname FROM pg_policies WHERE tablename = :t"), {"t": table}
    ).all()
    for name in names:
        conn.exec_driver_sql(f'DROP POLICY "{name}" ON {table}')


def apply_security(
    conn: Connection,
    table_roles: Mapping[str, Sequence[str]],
    default_roles: Sequence[str],
) -> None:
    """(Re)create functions, groups, grants and policies; run as the database owner after
    every migration (idempotent). ``table_roles``: table -> the roles that write it;
    tables not named are written by ``default_roles`` only."""
    schema = conn.scalar(text("SELECT current_schema()"))
    database = conn.scalar(text("SELECT current_database()"))
    _create_group(conn, READER)
    _create_group(conn, WRITER)
    conn.exec_driver_sql(f'GRANT "{READER}" TO "{WRITER}"')
    # Straight to the driver without parameters: psycopg then leaves format()'s %I alone.
    functions = _FUNCTIONS.format(
        schema=schema, reader=READER, writer=WRITER, login_pattern=LOGIN_PATTERN
    )
    conn.connection.driver_connection.execute(functions)  # type: ignore[union-attr]
    conn.exec_driver_sql(f'GRANT CONNECT ON DATABASE "{database}" TO "{READER}"')
    conn.exec_driver_sql(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC")
    conn.exec_driver_sql(f'GRANT USAGE ON SCHEMA {schema} TO "{READER}"')
    conn.exec_driver_sql(f'GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO "{READER}"')
    conn.exec_driver_sql(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO "{WRITER}"')
    for name, table in Base.metadata.tables.items():
        if name in READ_ONLY:
            continue
        if name in APPEND_ONLY:
            conn.exec_driver_sql(f'GRANT INSERT ON {name} TO "{WRITER}"')
            conn.exec_driver_sql(f'REVOKE UPDATE, DELETE ON {name} FROM "{WRITER}"')
            if name in ERASABLE_COLUMNS:
                columns = ", ".join(ERASABLE_COLUMNS[name])
                conn.exec_driver_sql(f'GRANT UPDATE ({columns}) ON {name} TO "{WRITER}"')
        else:
            conn.exec_driver_sql(f'GRANT INSERT, UPDATE, DELETE ON {name} TO "{WRITER}"')
        _drop_policies(conn, name)
        column = "id" if name == "school" else "school_id"
        writers = table_roles.get(name, default_roles)
        if column in table.columns:
            for statement in _policies(name, column, writers):
                conn.exec_driver_sql(statement)
        else:
            # No school of its own (people, settings, enrolments): visible to every login
            # of this database, written by those holding a writing role somewhere.
            anywhere = f"dpo_desk_may_anywhere({_array(writers)})"
            conn.exec_driver_sql(f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY")
            conn.exec_driver_sql(f"CREATE POLICY dpo_desk_lesen ON {name} FOR SELECT USING (true)")
            for command, clause in (
                ("INSERT", f"WITH CHECK ({anywhere})"),
                ("UPDATE", f"USING ({anywhere}) WITH CHECK ({anywhere})"),
                ("DELETE", f"USING ({anywhere})"),
            ):
                conn.exec_driver_sql(
                    f"CREATE POLICY dpo_desk_{command.lower()} ON {name} FOR {command} {clause}"
                )
    # Every login may read its own assignments even before the first school is set up.
    conn.exec_driver_sql(
        "CREATE POLICY dpo_desk_eigene ON school_assignment FOR SELECT USING "
        "(user_id IN (SELECT id FROM app_user WHERE login = session_user))"
    )


def is_owner(conn: Connection) -> bool:
    """Whether this connection may change the schema (owner of the tables or superuser)."""
    return bool(
        conn.scalar(
            text(
                "SELECT rolsuper OR pg_has_role(current_user, "
                "(SELECT nspowner FROM pg_namespace WHERE nspname = current_schema()), "
                "'MEMBER') FROM pg_roles WHERE rolname = current_user"
            )
        )
    )
