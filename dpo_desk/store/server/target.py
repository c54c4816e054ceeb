"""Where a server database is: the connection profile, parsed and checked.

A profile names host, port, database, login and the TLS settings, never the password
(that comes from the operating system's credential store, the environment or a prompt;
``store/server/secrets.py``). It comes from ``--database-url``, the environment variable
``DPO_DESK_DATABASE_URL`` or the file ``server.json`` in the data folder (written by
``dpo-desk server connect`` and the settings page).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dpo_desk.store.errors import DatabaseError

DATABASE_URL_ENV = "DPO_DESK_DATABASE_URL"
PROFILE_FILENAME = "server.json"
DRIVER = "postgresql+psycopg"
SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
# libpq settings a profile may carry in the URL's query (TLS files and the like).
ALLOWED_QUERY = frozenset(
    {"sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "application_name"}
)


if TYPE_CHECKING:
    from sqlalchemy.engine import URL

# SQLAlchemy is imported on first use: ``open_app`` asks ``chosen_target`` on every start,
# and the laptop's first screen is shown before SQLAlchemy (see ``store.database``).


class ProfileError(DatabaseError):
    """The connection profile cannot be used; the message is German and names the part."""


@dataclass(frozen=True)
class ServerTarget:
    """One server database and the login to use there; ``password`` only in memory."""

    host: str
    database: str
    user: str
    port: int = 5432
    sslmode: str = "prefer"
    ssl: dict[str, str] = field(default_factory=dict)  # sslrootcert, sslcert, ...
    password: str | None = field(default=None, repr=False, compare=False)
    # The identity the server reported when the profile was set up (wrong-server guard).
    database_id: str = ""

    @property
    def label(self) -> str:
        """Shown to people: ``anna@server.example:5432/dpo`` (never the password)."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    @property
    def secret_key(self) -> str:
        """The name under which the password lies in the credential store."""
        return self.label

    def url(self) -> URL:
        from sqlalchemy.engine import URL

        query = {"sslmode": self.sslmode, **self.ssl}
        return URL.create(
            DRIVER,
            username=self.user,
            host=self.host,
            port=self.port,
            database=self.database,
            query=query,
        )

    def display_url(self) -> str:
        return self.url().set(drivername="postgresql").render_as_string(hide_password=True)

    def with_password(self, password: str | None) -> ServerTarget:
        return replace(self, password=password)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("password")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ServerTarget:
        try:
            target = cls(
                host=str(data["host"]),
                database=str(data["database"]),
                user=str(data["user"]),
                port=int(data.get("port", 5432)),
                sslmode=str(data.get("sslmode", "prefer")),
                ssl={str(k): str(v) for k, v in dict(data.get("ssl", {})).items()},
                database_id=str(data.get("database_id", "")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ProfileError(
                f"Das Serverprofil ist unvollständig oder beschädigt ({type(exc).__name__}). "
                "Bitte in den Einstellungen neu einrichten."
            ) from None
        return checked(target)


def checked(target: ServerTarget) -> ServerTarget:
    problems = []
    if not target.host:
        problems.append("der Servername fehlt")
    if not target.database:
        problems.append("der Datenbankname fehlt")
    if not target.user:
        problems.append("der Benutzername fehlt")
    if not 0 < target.port < 65536:
        problems.append(f"der Port {target.port} ist ungültig")
    if target.sslmode not in SSL_MODES:
        problems.append(f"sslmode „{target.sslmode}“ ist unbekannt ({', '.join(SSL_MODES)})")
    unknown = sorted(set(target.ssl) - ALLOWED_QUERY)
    if unknown:
        problems.append(f"unbekannte Angaben {', '.join(unknown)}")
    if problems:
        raise ProfileError("Serverprofil: " + "; ".join(problems) + ".")
    return target


def parse_url(text: str) -> ServerTarget:
    """A target from ``postgresql://user[:password]@host[:port]/database?sslmode=...``."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(text.strip())
    except (ArgumentError, ValueError):
        raise ProfileError(
            "Die Server-Adresse ist ungültig. Erwartet: "
            "postgresql://BENUTZER@SERVER:5432/DATENBANK?sslmode=verify-full"
        ) from None
    if url.drivername not in SCHEMES:
        raise ProfileError(
            f"Die Server-Adresse beginnt mit „{url.drivername}://“; erwartet wird "
            "„postgresql://“ (dpo_desk arbeitet im Servermodus mit PostgreSQL)."
        )
    query = {k: (v if isinstance(v, str) else v[-1]) for k, v in url.query.items()}
    sslmode = query.pop("sslmode", "prefer")
    target = ServerTarget(
        host=url.host or "",
        database=url.database or "",
        user=url.username or "",
        port=url.port or 5432,
        sslmode=sslmode,
        ssl=query,
        password=url.password or None,
    )
    return checked(target)


def profile_path(data_dir: Path) -> Path:
    return data_dir / PROFILE_FILENAME


def load_profile(data_dir: Path) -> ServerTarget | None:
    """The saved profile of this data folder, or None (local mode)."""
    path = profile_path(data_dir)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ProfileError(
            f"Das Serverprofil „{path}“ ist nicht lesbar. Bitte löschen und neu einrichten."
        ) from None
    if not isinstance(data, dict):
        raise ProfileError(f"Das Serverprofil „{path}“ ist beschädigt.")
    return ServerTarget.from_json(data)


def save_profile(data_dir: Path, target: ServerTarget) -> Path:
    """Write the profile (owner-only file, no password)."""
    from dpo_desk.store.private import write_private

    path = profile_path(data_dir)
    text = json.dumps(checked(target).to_json(), ensure_ascii=False, indent=2) + "\n"
    write_private(path, text.encode("utf-8"))
    return path


def remove_profile(data_dir: Path) -> bool:
    path = profile_path(data_dir)
    if path.exists():
        path.unlink()
        return True
    return False


def chosen_target(url: str | None, data_dir: Path | None) -> ServerTarget | None:
    """``--database-url`` first, then the environment, then the data folder's profile."""
    text = url or os.environ.get(DATABASE_URL_ENV) or None
    if text:
        return parse_url(text)
    if data_dir is not None:
        return load_profile(data_dir)
    return None
