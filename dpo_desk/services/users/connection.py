"""Switching a data folder between the local file and a server database (the profile).

``connect`` signs in once with the given address and password before anything is saved,
so a wrong address or password changes nothing; the profile (``server.json``) then
remembers the server's identity, and the password goes to the operating system's
credential store only when asked. ``disconnect`` returns the folder to the local file.
The command line (``dpo-desk server connect|disconnect``) and the settings page use these.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from dpo_desk.store.server.target import ServerTarget

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class Connected:
    target: ServerTarget  # without password, with the database's identity
    actor: str  # who signed in, as the audit trail names them
    password_kept: bool
    notes: tuple[str, ...]  # German hints (TLS not verified, no credential store)


def connect(
    data_dir: Path, url: str, password: str | None = None, *, keep_password: bool = False
) -> Connected:
    """Sign in to ``url`` (German ``DatabaseError`` when that fails, nothing saved), then
    save the folder's profile. ``PasswordNeeded`` when no password was given or found."""
    from dpo_desk.app import open_app
    from dpo_desk.store.server import secrets
    from dpo_desk.store.server.target import parse_url, save_profile

    target = parse_url(url)
    secret = password or target.password
    ctx = open_app(str(data_dir), database_url=url, password=secret)
    try:
        identity = ctx.db.identity  # type: ignore[union-attr]
        actor = ctx.actor
    finally:
        ctx.db.close()
    saved = replace(target, password=None, database_id=identity)
    save_profile(data_dir, saved)
    notes = []
    kept = False
    if keep_password and secret:
        try:
            secrets.store(target.secret_key, secret)
            kept = True
        except secrets.CredentialStoreUnavailable as exc:
            notes.append(str(exc))
    if target.sslmode != "verify-full" and target.host not in LOCAL_HOSTS:
        notes.append(
            "Hinweis: ohne sslmode=verify-full wird das Zertifikat des Servers nicht geprüft "
            "(siehe docs/SERVER.md)."
        )
    return Connected(saved, actor, kept, tuple(notes))


def disconnect(data_dir: Path) -> ServerTarget | None:
    """Back to the local file: the profile and a stored password are removed; the
    profile that was there (None: the folder used the local file already)."""
    from dpo_desk.store.server import secrets
    from dpo_desk.store.server.target import ProfileError, load_profile, remove_profile

    try:
        target = load_profile(data_dir)
    except ProfileError:  # damaged: removed all the same (it names no password)
        remove_profile(data_dir)
        return None
    if target is None:
        return None
    remove_profile(data_dir)
    secrets.forget(target.secret_key)
    return target
