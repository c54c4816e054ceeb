"""Start-up shared by the GUI and the command line: folders, log file, database."""

from __future__ import annotations

import gc
import io
import logging
import logging.handlers
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from dpo_desk.paths import AppPaths
from dpo_desk.services.context import ServiceContext
from dpo_desk.store.database import open_database

if TYPE_CHECKING:
    from dpo_desk.store.server.target import ServerTarget

log = logging.getLogger("dpo_desk")


class PrivateLogFile(logging.handlers.RotatingFileHandler):
    """The rotating log, each file owner-only from the moment it is made."""

    def _open(self):  # type: ignore[no-untyped-def]
        from dpo_desk.store.private import open_private

        handle = open_private(Path(self.baseFilename), "ab")
        return io.TextIOWrapper(handle, encoding=self.encoding or "utf-8", errors=self.errors)


def setup_logging(paths: AppPaths) -> None:
    """A rotating log file; messages name actions and ids, never people."""
    root = logging.getLogger("dpo_desk")
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return
    handler = PrivateLogFile(
        paths.log_dir / "dpo_desk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(os.environ.get("DPO_DESK_LOG_LEVEL", "INFO"))


_settled_at_open = False
GC_YOUNG_THRESHOLD = 10_000


def settle_heap() -> None:
    """Take what start-up left alive (the modules of SQLAlchemy, Qt's bindings, ReportLab,
    the mappers) out of the cyclic garbage collector's rounds, once per process.

    Those objects live as long as the program. Left in the collector's care, every full
    collection walks all of them again, and bulk work (an import of 2,000 students, the
    status of a school) triggers several: a third of such work went there. Frozen objects
    are still freed as usual when nothing refers to them any more (``gc.freeze``). Called
    after the first database is opened, and by the GUI once it has loaded everything.

    The young generation is also collected after 10,000 new objects instead of 700: the
    status of a district's 20,000 students makes some 300,000, and each early collection
    promoted survivors that the next full one walked again (a fifth of that status).
    """
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def open_app(
    data_dir: str | None = None,
    passphrase: str | None = None,
    *,
    rescue: bool = False,
    database_url: str | None = None,
    password: str | None = None,
    local: bool = False,
) -> ServiceContext:
    """Resolve the folders, open (create or upgrade) the database; raise German errors.

    An encrypted database needs ``passphrase`` (``PassphraseRequired`` / ``WrongPassphrase``
    otherwise); for a new database a passphrase makes it encrypted from the start.
    ``rescue``: open a file that fails the structure check all the same (``dpo-desk check``
    and the backup commands, so that a backup can replace it).

    Server mode: ``database_url`` (``--database-url``), ``DPO_DESK_DATABASE_URL`` or the
    data folder's ``server.json`` names a PostgreSQL database; ``password`` (else the
    credential store, else libpq's own ``PGPASSWORD``/``.pgpass``) signs the person in.
    The local file is then not opened at all: nothing can be mixed between the two.
    ``local`` opens the local file even when the data folder has a server profile (moving
    schools between the two).
    """
    from dpo_desk.services.safety.check import invariant_problems
    from dpo_desk.store.server.target import chosen_target

    paths = AppPaths.resolve(data_dir)
    paths.ensure()
    setup_logging(paths)
    target = None if local else chosen_target(database_url, paths.data_dir)
    if target is not None:
        return open_server_app(paths, target, password)
    db = open_database(
        paths.database, paths.backup_dir, passphrase, invariants=invariant_problems, rescue=rescue
    )
    if db.upgraded_from:
        log.info("database upgraded from %s", db.upgraded_from)
    ctx = ServiceContext(db=db, paths=paths)
    try:
        after_opening(ctx, passphrase)
    except BaseException:
        db.close()
        raise
    global _settled_at_open
    if not _settled_at_open:
        _settled_at_open = True
        settle_heap()
    return ctx


def open_server_app(paths: AppPaths, target: ServerTarget, password: str | None) -> ServiceContext:
    """Connect, check the schema and the server's identity, sign the person in. The
    profile of the data folder remembers the identity the first time, so that a later
    connection to another database under the same address is refused (``WrongServer``)."""
    from dpo_desk.services.users.accounts import sign_in
    from dpo_desk.store.server import secrets
    from dpo_desk.store.server.database import open_server_database
    from dpo_desk.store.server.target import load_profile, save_profile

    saved = load_profile(paths.data_dir)
    same = saved is not None and saved.label == target.label
    if same and saved is not None and not target.database_id:
        target = replace(target, database_id=saved.database_id)
    secret = password or target.password or secrets.load(target.secret_key)
    db = open_server_database(target.with_password(secret))
    ctx = ServiceContext(db=db, paths=paths)
    try:
        sign_in(ctx)
        if same and saved is not None and not saved.database_id:
            save_profile(paths.data_dir, replace(saved, database_id=db.identity))
    except BaseException:
        db.close()
        raise
    return ctx


def after_opening(ctx: ServiceContext, passphrase: str | None) -> None:
    """Leave no plaintext behind: orphaned temporary files, contract files the database
    now holds, a key change a killed process left half-done; and re-key a file whose key
    derivation is outdated (legacy scrypt) while the passphrase is at hand."""
    from dpo_desk.services.safety import encryption, leftovers

    leftovers.remove_temporary_files(ctx)
    if ctx.db.untrusted:
        return  # opened for rescue: read and change nothing more
    leftovers.remove_imported_attachments(ctx)
    encryption.resume_key_change(ctx)
    if passphrase and ctx.db.key is not None and ctx.db.key.outdated:
        encryption.upgrade_key_derivation(ctx, passphrase)
