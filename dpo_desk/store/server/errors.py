"""What can go wrong with a server database, in German, and which driver errors mean what.

``translate`` maps an exception of psycopg (raw or wrapped by SQLAlchemy) to one of these,
or returns None for errors that are not about the connection (those stay bugs).
"""

from __future__ import annotations

from dpo_desk.store.errors import DatabaseBusy, DatabaseError


class ServerUnreachable(DatabaseError):
    """No connection within the time-out (wrong address, server down, network)."""


class SignInFailed(DatabaseError):
    """The server refused the login (wrong name or password, no access to the database)."""


class PasswordNeeded(SignInFailed):
    """No password was given and none is stored; ask the person."""


class AccountMissing(DatabaseError):
    """The server accepted the login, but dpo_desk has no active account for it."""


class ConnectionLost(DatabaseError):
    """The connection broke during a transaction; it was rolled back by the server."""


class CommitUncertain(ConnectionLost):
    """The connection broke while the server was committing: the change may be saved."""


class ServerTimeout(DatabaseBusy):
    """A statement or a lock wait took longer than allowed; the transaction was undone."""


class ServerRefused(DatabaseError):
    """The server's own permissions refused the statement (second line of defence)."""


class ServerSchemaError(DatabaseError):
    """The server database is empty, older, newer or not a dpo_desk database."""


class WrongServer(DatabaseError):
    """The server answered with another database than the profile was set up with."""


class NotInServerMode(DatabaseError):
    """A step that only exists for the local file (backups, encryption, restore)."""


UNREACHABLE = (
    "Der Server {label} ist nicht erreichbar (keine Antwort innerhalb von {seconds} "
    "Sekunden). Bitte Netzwerk und Serveradresse prüfen oder die Schul-IT fragen. "
    "Es wurde nichts gespeichert."
)
SIGN_IN = (
    "Anmeldung am Server {label} fehlgeschlagen: Benutzername oder Passwort ist falsch, "
    "oder dieses Konto darf die Datenbank nicht öffnen. Es wurde nichts gespeichert."
)
PASSWORD_NEEDED = (
    "Für den Server {label} ist kein Passwort gespeichert. Bitte das Passwort eingeben "
    "(oder mit „dpo-desk server connect … --passwort-speichern“ im Schlüsselbund ablegen)."
)
LOST = (
    "Die Verbindung zum Server ist abgebrochen. Die Änderung wurde nicht gespeichert "
    "(der Server hat sie vollständig verworfen). Bitte erneut versuchen, sobald das "
    "Netzwerk wieder da ist."
)
UNCERTAIN = (
    "Die Verbindung zum Server ist beim Speichern abgebrochen. Ob die Änderung gespeichert "
    "wurde, ist nicht sicher: bitte nach dem Neuladen prüfen, bevor sie erneut eingegeben "
    "wird. Halb gespeichert ist sie in keinem Fall."
)
TIMEOUT = (
    "Der Server hat zu lange gebraucht oder der Datensatz ist gerade von jemand anderem "
    "gesperrt. Die Änderung wurde nicht gespeichert. Bitte in einigen Sekunden erneut "
    "versuchen."
)
REFUSED = (
    "Der Server hat den Zugriff verweigert (fehlende Rechte des Datenbankkontos). "
    "Es wurde nichts gespeichert. Bitte die oder den Datenschutzbeauftragten fragen."
)
NOT_IN_SERVER_MODE = (
    "{what} gibt es nur für die lokale Datei. Im Servermodus sichert und verschlüsselt "
    "der Server (siehe Anleitung docs/SERVER.md: Sicherung mit pg_dump, TLS)."
)

# SQLSTATE classes and codes (PostgreSQL appendix A).
_SIGN_IN_CODES = {"28P01", "28000", "3D000", "42501"}
_TIMEOUT_CODES = {"57014", "55P03", "40P01", "40001", "25P03"}
_REFUSED_CODES = {"42501"}


def _sqlstate(exc: BaseException) -> str | None:
    original = getattr(exc, "orig", exc)
    return getattr(original, "sqlstate", None)


def _is_psycopg(exc: BaseException) -> bool:
    original = getattr(exc, "orig", exc)
    return type(original).__module__.startswith("psycopg")


def connect_error(exc: BaseException, label: str, seconds: float) -> DatabaseError:
    """The German error for a failed connection attempt."""
    text = str(getattr(exc, "orig", exc)).lower()
    code = _sqlstate(exc)
    if "no password supplied" in text:
        return PasswordNeeded(PASSWORD_NEEDED.format(label=label))
    if code in _SIGN_IN_CODES or "password authentication failed" in text:
        return SignInFailed(SIGN_IN.format(label=label))
    if "does not exist" in text and "database" in text:
        return SignInFailed(SIGN_IN.format(label=label))
    if "certificate" in text or "ssl" in text:
        return ServerUnreachable(
            f"Die verschlüsselte Verbindung zum Server {label} kam nicht zustande "
            "(Zertifikat oder TLS-Einstellung passt nicht, sslmode). Bitte das "
            "CA-Zertifikat im Serverprofil prüfen. Es wurde nichts gespeichert."
        )
    return ServerUnreachable(UNREACHABLE.format(label=label, seconds=int(seconds)))


def translate(exc: BaseException, *, committing: bool = False) -> DatabaseError | None:
    """The German error for a failure inside a transaction, or None if it is no server
    problem (then the caller re-raises the original)."""
    if not _is_psycopg(exc):
        return None
    code = _sqlstate(exc)
    if code in _TIMEOUT_CODES:
        return ServerTimeout(TIMEOUT)
    if code in _REFUSED_CODES:
        return ServerRefused(REFUSED)
    connection_broken = getattr(exc, "connection_invalidated", False) or code is None
    if code is not None and code.startswith("08"):
        connection_broken = True
    if code in {"57P01", "57P02", "57P03"}:  # admin shutdown, crash, cannot connect now
        connection_broken = True
    if connection_broken:
        return CommitUncertain(UNCERTAIN) if committing else ConnectionLost(LOST)
    return None
