"""``make server-demo``: a throwaway local PostgreSQL with the demo schools and one person
for each role, to try server mode on one machine.

Starts a cluster (``tests.postgres.cluster``: the system's PostgreSQL or the wheel's),
sets up the database as ``dpo-desk server init`` does, loads the demo into a temporary
local file and moves it over with the copier of ``dpo-desk move to-server``, then adds the
people. It prints how to connect the app and waits until Ctrl+C; then the server and its
folder are gone. ``--no-wait`` stops at once (the test of this script).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from dpo_desk.core.access import ROLE_LABELS, Role

DATABASE = "dpo_demo"
ADMIN = ("admin", "Anna Administration")
PASSWORD = "Demo-Passwort-2026"


@dataclass(frozen=True)
class DemoPerson:
    login: str
    name: str
    role: Role | None  # None: the district's administration (every school)
    school: str = ""  # the school's name when the role is for one school


def build(cluster, database: str = DATABASE) -> list[DemoPerson]:  # type: ignore[no-untyped-def]
    """Set up ``database`` in ``cluster`` with the demo schools and its people."""
    from dpo_desk.app import open_app
    from dpo_desk.services.demo import load_demo
    from dpo_desk.services.moving.copy import copy_schools
    from dpo_desk.services.schools import list_schools
    from dpo_desk.services.users import accounts
    from dpo_desk.services.users.setup import create_administrator, prepare_server
    from dpo_desk.store.server.target import parse_url

    cluster.create_database(database)
    owner = parse_url(cluster.url(database))
    prepare_server(owner)
    create_administrator(owner, ADMIN[0], ADMIN[1], PASSWORD)
    folder = Path(tempfile.mkdtemp(prefix="dpo-demo-"))
    try:
        local = open_app(str(folder), local=True)
        server = open_app(str(folder), database_url=cluster.url(database, ADMIN[0], PASSWORD))
        try:
            load_demo(local)
            copy_schools(local, server)
            schools = list_schools(server)
            people = [DemoPerson(ADMIN[0], ADMIN[1], None)]
            first, *others = schools
            people += [
                DemoPerson("dsb", "Dana Datenschutz", Role.DPO, first.name),
                DemoPerson("leitung", "Lars Leitung", Role.HEAD, first.name),
                DemoPerson("sekretariat", "Sina Sekretariat", Role.SECRETARY, first.name),
                DemoPerson("lesen", "Lea Lesen", Role.READER, first.name),
            ]
            if others:
                people.append(
                    DemoPerson("sekretariat2", "Sven Sekretariat", Role.SECRETARY, others[0].name)
                )
            ids = {school.name: school.id for school in schools}
            for person in people[1:]:
                accounts.add_user(server, person.login, person.name, PASSWORD)
                assert person.role is not None
                accounts.grant(server, person.login, ids[person.school], person.role)
            if others:  # the DPO serves every demo school
                for school in others:
                    accounts.grant(server, "dsb", school.id, Role.DPO)
        finally:
            server.db.close()
            local.db.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return people


def instructions(cluster, people: list[DemoPerson], database: str = DATABASE) -> str:  # type: ignore[no-untyped-def]
    url = f"postgresql://LOGIN@{cluster.host}:{cluster.port}/{database}?sslmode=disable"
    lines = [
        "",
        "Server-Demo läuft (PostgreSQL nur auf diesem Rechner, wird beim Beenden gelöscht).",
        "",
        f"Passwort aller Personen: {PASSWORD}",
        "",
    ]
    for person in people:
        where = f"{ROLE_LABELS[person.role]} – {person.school}" if person.role else "Administration"
        lines.append(f"  {person.login:<13} {person.name:<20} {where}")
    lines += [
        "",
        "Das Programm mit dem Server verbinden (LOGIN durch eine Anmeldung oben ersetzen):",
        f'  .venv/bin/dpo-desk --data-dir /tmp/dpo-server-demo --database-url "{url}"',
        "Oder auf der Kommandozeile, z. B.:",
        f'  PGPASSWORD={PASSWORD} .venv/bin/dpo-desk --database-url "{url}" user list',
        "",
        "Beenden mit Strg+C.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from tests.postgres.cluster import ClusterUnavailable, start_cluster

    parser = argparse.ArgumentParser(prog="make server-demo", description=__doc__)
    parser.add_argument("--no-wait", action="store_true", help="gleich wieder beenden")
    args = parser.parse_args(argv)
    try:
        cluster = start_cluster(durable=True)
    except ClusterUnavailable as exc:
        print(f"PostgreSQL lässt sich hier nicht starten: {exc}", file=sys.stderr)
        return 1
    try:
        people = build(cluster)
        print(instructions(cluster, people), flush=True)
        if not args.no_wait:
            try:
                cluster.process.wait()  # type: ignore[union-attr]
            except KeyboardInterrupt:
                print("\nServer-Demo beendet.")
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
