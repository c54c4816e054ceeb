"""A process that writes as fast as it can; the crash and concurrency tests kill or race it.

``python -m tests.store.burst_worker DATA_DIR RUN MODE [PASSPHRASE]``

- ``burst``: batches of rows (an import), each batch one service transaction with its audit
  event; every committed batch is announced on stdout ("ok N") only after the commit.
- ``count N``: N read-modify-write increments of one counter (two such processes race).
- ``backup``: backs up and restores in a loop (restore replaces the live file).
- ``rekey A B``: changes the passphrase from A to B and back, in a loop.
- ``hold [PASSPHRASE]``: keeps the database open (another window) until stdin closes.
- ``half-backup FOLDER``: starts a backup into FOLDER and stops half-way ("ok 0"), so that
  a kill leaves the temporary file of a killed backup behind.
- ``encrypt PASSPHRASE``: sets the passphrase, announcing each finished step.
"""

from __future__ import annotations

import sys

from dpo_desk.app import open_app
from dpo_desk.services.changes import AREA_OF_ENTITY, Area
from dpo_desk.services.context import ServiceContext
from dpo_desk.store.models import AppSetting, School

# The worker audits its batches as an entity of its own, which the app does not know.
AREA_OF_ENTITY.setdefault("burst", Area.SCHOOLS)
SMALL_BATCH = 60
LARGE_BATCH = 1500


def batch_size(number: int) -> int:
    return LARGE_BATCH if number % 4 == 3 else SMALL_BATCH


def burst(ctx: ServiceContext, run: str) -> None:
    number = 0
    while True:
        size = batch_size(number)
        with ctx.unit_of_work() as uow:
            uow.session.add(School(name=f"{run}-{number}", state="NW"))
            uow.session.add_all(
                AppSetting(key=f"{run}-{number}-{i}", value="x" * 200) for i in range(size)
            )
            uow.audit("burst", number, "import", {"run": run, "rows": size})
        print(f"ok {number}", flush=True)
        number += 1


def count(ctx: ServiceContext, key: str, times: int) -> None:
    for _ in range(times):
        with ctx.unit_of_work() as uow:
            setting = uow.session.get(AppSetting, key)
            if setting is None:
                uow.session.add(AppSetting(key=key, value="1"))
            else:
                setting.value = str(int(setting.value) + 1)
    print("fertig", flush=True)


def backup_and_restore(ctx: ServiceContext) -> None:
    from dpo_desk.services.safety.backup import create_backup, restore_backup

    first = create_backup(ctx, "erste")
    number = 0
    while True:
        with ctx.unit_of_work() as uow:
            uow.session.add(School(name=f"zwischen-{number}", state="NW"))
        create_backup(ctx, "schleife")
        restore_backup(ctx, first.path)
        print(f"ok {number}", flush=True)
        number += 1


def rekey(ctx: ServiceContext, first: str, second: str) -> None:
    from dpo_desk.services.safety.encryption import change_passphrase

    current, other = first, second
    number = 0
    while True:
        change_passphrase(ctx, other, current)
        current, other = other, current
        print(f"ok {number}", flush=True)  # never the passphrase itself
        number += 1


def half_backup(ctx: ServiceContext, folder: str) -> None:
    from pathlib import Path

    from dpo_desk.store.backup import copy_database
    from dpo_desk.store.private import held_temp

    temp = Path(folder) / ".dpo_desk_2026-01-01_080000_manuell.sqlite.tmp"
    with held_temp(temp):
        copy_database(ctx.db.path, ctx.db.key, temp, ctx.db.key)
        print("ok 0", flush=True)
        sys.stdin.read()


def encrypt(ctx: ServiceContext, passphrase: str) -> None:
    from dpo_desk.services.safety.encryption import change_passphrase

    steps = iter(range(1000))
    change_passphrase(ctx, passphrase, progress=lambda _s: print(f"ok {next(steps)}", flush=True))
    print("fertig", flush=True)


def main(argv: list[str]) -> int:
    data_dir, run, mode, *rest = argv
    passphrase = rest[1] if mode == "count" and len(rest) > 1 else None
    if mode in ("burst", "rekey", "hold"):
        passphrase = rest[0] if rest else None
    ctx = open_app(data_dir, passphrase)
    print("bereit", flush=True)
    if mode == "hold":
        sys.stdin.read()
    elif mode == "half-backup":
        half_backup(ctx, rest[0])
    elif mode == "encrypt":
        encrypt(ctx, rest[0])
    elif mode == "burst":
        burst(ctx, run)
    elif mode == "backup":
        backup_and_restore(ctx)
    elif mode == "rekey":
        rekey(ctx, rest[0], rest[1])
    else:
        count(ctx, run, int(rest[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
