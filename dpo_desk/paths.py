"""Where the app keeps its files.

Everything lives in the platform's per-user folders, unless a data folder is given
(``--data-dir`` or ``DPO_DESK_DATA_DIR``): then data, backups and logs all go under it,
which keeps tests, portable installs and several profiles apart.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dpo_desk import APP_AUTHOR, APP_NAME

DATA_DIR_ENV = "DPO_DESK_DATA_DIR"
DATABASE_FILENAME = "dpo_desk.sqlite"


class DataDirError(Exception):
    """The data folder cannot be created or written; the message is German."""


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    backup_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_FILENAME

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "anhaenge"

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
        chosen = data_dir or os.environ.get(DATA_DIR_ENV) or None
        if chosen:
            root = Path(chosen).expanduser().resolve()
            return cls(data_dir=root, backup_dir=root / "backups", log_dir=root / "logs")
        import platformdirs

        dirs = platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR)
        data = Path(dirs.user_data_dir)
        return cls(data_dir=data, backup_dir=data / "backups", log_dir=Path(dirs.user_log_dir))

    def ensure(self) -> None:
        """Create the folders (owner-only on Linux and macOS, files in them too) and prove
        the data folder is writable."""
        from dpo_desk.store.private import make_private_dir, tighten_folder

        for folder in (self.data_dir, self.backup_dir, self.log_dir):
            try:
                make_private_dir(folder)
                tighten_folder(folder)
            except OSError as exc:
                raise DataDirError(
                    f"Der Ordner „{folder}“ kann nicht angelegt werden ({exc.strerror}). "
                    "Bitte einen beschreibbaren Datenordner wählen (--data-dir)."
                ) from exc
        probe = self.data_dir / ".schreibtest"
        try:
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise DataDirError(
                f"Der Datenordner „{self.data_dir}“ ist nicht beschreibbar ({exc.strerror}). "
                "Bitte Schreibrechte prüfen oder einen anderen Ordner wählen (--data-dir)."
            ) from exc
