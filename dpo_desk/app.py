"""Start-up shared by the GUI and the command line: folders, log file, database."""

from __future__ import annotations

import logging
import logging.handlers
import os

from dpo_desk.paths import AppPaths
from dpo_desk.services.context import ServiceContext
from dpo_desk.store.database import open_database

log = logging.getLogger("dpo_desk")


def setup_logging(paths: AppPaths) -> None:
    """A rotating log file; messages name actions and ids, never people."""
    root = logging.getLogger("dpo_desk")
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return
    handler = logging.handlers.RotatingFileHandler(
        paths.log_dir / "dpo_desk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(os.environ.get("DPO_DESK_LOG_LEVEL", "INFO"))


def open_app(data_dir: str | None = None, passphrase: str | None = None) -> ServiceContext:
    """Resolve the folders, open (create or upgrade) the database; raise German errors.

    An encrypted database needs ``passphrase`` (``PassphraseRequired`` / ``WrongPassphrase``
    otherwise); for a new database a passphrase makes it encrypted from the start.
    """
    paths = AppPaths.resolve(data_dir)
    paths.ensure()
    setup_logging(paths)
    db = open_database(paths.database, paths.backup_dir, passphrase)
    if db.upgraded_from:
        log.info("database upgraded from %s; backup %s", db.upgraded_from, db.backup_made)
    return ServiceContext(db=db, paths=paths)
