"""Signing in, and managing people and their roles per school (server mode only).

A person's login is a PostgreSQL login (the server checks the password); ``app_user``
links it to a name and the roles. Creating a login and setting a password go through the
server's SECURITY DEFINER functions in the same transaction as the ``app_user`` row, so a
refused or failed step leaves neither behind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from dpo_desk.core.access import ROLE_LABELS, Right, Role
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, Created
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.errors import AccessDenied
from dpo_desk.services.users.access import SignedIn
from dpo_desk.store.models import AppUser, School, SchoolAssignment
from dpo_desk.store.server.errors import NOT_IN_SERVER_MODE, AccountMissing, NotInServerMode

LOGIN_RE = re.compile(r"^[a-z][a-z0-9_.-]{1,62}$")
MIN_PASSWORD = 10


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    display_name: str
    function: str
    administrator: bool
    active: bool
    roles: tuple[tuple[str, str], ...]  # (school name, role label), sorted by school

    @property
    def key(self) -> str:
        return self.login


def _server_only(ctx: ServiceContext) -> None:
    if not ctx.server_mode:
        raise NotInServerMode(NOT_IN_SERVER_MODE.format(what="Benutzer und Rollen"))


def sign_in(ctx: ServiceContext) -> SignedIn:
    """Who the server says is connected, with their roles; refused in German when the
    login has no active dpo_desk account. Sets ``ctx.access``."""
    _server_only(ctx)
    with ctx.db.read_session() as session:
        login = session.scalar(text("SELECT session_user"))
        user = session.scalar(select(AppUser).where(AppUser.login == login))
        if user is None or not user.active:
            raise AccountMissing(
                f"Die Anmeldung „{login}“ ist in dpo_desk nicht eingerichtet oder gesperrt. "
                "Bitte die oder den Datenschutzbeauftragten bitten, Sie anzulegen "
                "(Benutzerverwaltung oder dpo-desk users add)."
            )
        roles = {
            a.school_id: Role(a.role)
            for a in session.scalars(
                select(SchoolAssignment).where(SchoolAssignment.user_id == user.id)
            )
        }
        names = {row.id: row.name for row in session.execute(select(School.id, School.name))}
        access = SignedIn(
            user_id=user.id,
            login=user.login,
            display_name=user.display_name,
            roles=roles,
            administrator=user.administrator,
            school_names=names,
        )
    ctx.access = access
    return access


def _info(session: Session, user: AppUser) -> UserInfo:
    rows = session.execute(
        select(School.name, SchoolAssignment.role)
        .join(School, School.id == SchoolAssignment.school_id)
        .where(SchoolAssignment.user_id == user.id)
        .order_by(School.name)
    ).all()
    return UserInfo(
        user.id,
        user.login,
        user.display_name,
        user.function,
        user.administrator,
        user.active,
        tuple((name, ROLE_LABELS[Role(role)]) for name, role in rows),
    )


def list_users(ctx: ServiceContext) -> list[UserInfo]:
    """Everyone with a dpo_desk account, with the roles in the schools the caller sees."""
    _server_only(ctx)
    with ctx.reading() as session:
        users = session.scalars(select(AppUser).order_by(AppUser.display_name)).all()
        return [_info(session, user) for user in users]


def _user(session: Session, login: str) -> AppUser:
    user = session.scalar(select(AppUser).where(AppUser.login == login))
    if user is None:
        raise ValidationError([Problem("login", f"Eine Anmeldung „{login}“ gibt es nicht.")])
    return user


def _password_problems(password: str | None) -> list[Problem]:
    if password is not None and len(password) < MIN_PASSWORD:
        return [Problem("password", f"Das Passwort braucht mindestens {MIN_PASSWORD} Zeichen.")]
    return []


def add_user(
    ctx: ServiceContext,
    login: str,
    display_name: str,
    password: str | None = None,
    *,
    function: str = "",
    administrator: bool = False,
) -> Created:
    """A new person. ``password`` makes a new server login; without it the login must
    already exist on the server (made by its administrator) and is linked."""
    _server_only(ctx)
    ctx.require(Right.USERS, None, "Benutzer anlegen")
    if administrator:
        ctx.access.require_administrator("Administratoren anlegen")
    login = login.strip().lower()
    problems = []
    if not LOGIN_RE.match(login):
        problems.append(
            Problem(
                "login",
                "Der Anmeldename braucht 2 bis 63 Zeichen: Kleinbuchstaben, Ziffern, "
                "Punkt, Binde- oder Unterstrich, am Anfang ein Buchstabe.",
            )
        )
    if not display_name.strip():
        problems.append(Problem("display_name", "Bitte den Namen der Person eingeben."))
    problems += _password_problems(password)
    if problems:
        raise ValidationError(problems)
    with ctx.unit_of_work() as uow:
        session = uow.session
        if session.scalar(select(AppUser.id).where(AppUser.login == login)) is not None:
            raise ValidationError(
                [Problem("login", f"Die Anmeldung „{login}“ ist schon angelegt.")]
            )
        exists = session.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login})
        if not exists and password is None:
            raise ValidationError(
                [Problem("password", "Für eine neue Anmeldung bitte ein Passwort vergeben.")]
            )
        user = AppUser(
            login=login,
            display_name=display_name.strip(),
            function=function.strip(),
            administrator=administrator,
        )
        session.add(user)
        session.flush()
        session.execute(
            text("SELECT dpo_desk_create_login(:l, :p)"), {"l": login, "p": password or ""}
        )
        uow.audit(
            "user",
            user.id,
            "create",
            {"login": login, "display_name": user.display_name, "administrator": administrator},
        )
        return Created(user.id, changes=uow.changes)


def _writes(roles: list[str], administrator: bool) -> bool:
    return administrator or any(role != Role.READER.value for role in roles)


def _sync_writer(session: Session, user: AppUser) -> None:
    roles = session.scalars(
        select(SchoolAssignment.role).where(SchoolAssignment.user_id == user.id)
    ).all()
    session.execute(
        text("SELECT dpo_desk_set_writer(:l, :w)"),
        {"l": user.login, "w": _writes(list(roles), user.administrator)},
    )


def grant(ctx: ServiceContext, login: str, school_id: int, role: Role) -> Changes:
    """Give ``login`` the ``role`` in the school (replacing a role there)."""
    _server_only(ctx)
    ctx.require(Right.USERS, school_id, "Rollen vergeben")
    with ctx.unit_of_work() as uow:
        session = uow.session
        user = _user(session, login)
        if session.get(School, school_id) is None:
            raise ValidationError([Problem("school", "Diese Schule gibt es nicht.")])
        row = session.get(SchoolAssignment, (user.id, school_id))
        before = row.role if row else None
        if row is None:
            session.add(
                SchoolAssignment(
                    user_id=user.id, school_id=school_id, role=role.value, granted_by=uow.actor
                )
            )
        else:
            row.role, row.granted_by, row.granted_at = role.value, uow.actor, ctx.clock.now()
        session.flush()
        _sync_writer(session, user)
        uow.audit(
            "school_assignment",
            user.id,
            "grant",
            {"login": login, "role": [before, role.value]},
            school_id=school_id,
        )
        return uow.changes


def revoke(ctx: ServiceContext, login: str, school_id: int) -> Changes:
    """Take away the role of ``login`` in the school."""
    _server_only(ctx)
    ctx.require(Right.USERS, school_id, "Rollen entziehen")
    with ctx.unit_of_work() as uow:
        session = uow.session
        user = _user(session, login)
        row = session.get(SchoolAssignment, (user.id, school_id))
        if row is None:
            return uow.changes
        before = row.role
        session.delete(row)
        session.flush()
        _sync_writer(session, user)
        uow.audit(
            "school_assignment",
            user.id,
            "revoke",
            {"login": login, "role": [before, None]},
            school_id=school_id,
        )
        return uow.changes


def set_active(ctx: ServiceContext, login: str, active: bool) -> Changes:
    """Lock or unlock an account (the person can no longer sign in to dpo_desk)."""
    _server_only(ctx)
    ctx.require(Right.USERS, None, "Konten sperren")
    with ctx.unit_of_work() as uow:
        user = _user(uow.session, login)
        if user.administrator and not ctx.access.administrator:
            raise AccessDenied("Nur die Administration darf Administratoren sperren.")
        if user.login == ctx.access.login and not active:
            raise ValidationError([Problem("login", "Das eigene Konto lässt sich nicht sperren.")])
        if user.active != active:
            user.active = active
            uow.audit("user", user.id, "update", {"active": [not active, active]})
        return uow.changes


def change_password(ctx: ServiceContext, login: str, password: str) -> Changes:
    """Set a new password (one's own, or as data protection officer someone else's)."""
    _server_only(ctx)
    problems = _password_problems(password)
    if problems:
        raise ValidationError(problems)
    if login != ctx.access.login:
        ctx.require(Right.USERS, None, "Passwörter anderer ändern")
    with ctx.unit_of_work() as uow:
        user = _user(uow.session, login)
        uow.session.execute(
            text("SELECT dpo_desk_set_password(:l, :p)"), {"l": login, "p": password}
        )
        # Changing one's own password needs no role; the audit names who did it.
        with uow.acting_for(Right.READ):
            uow.audit("user", user.id, "password", {"login": login})
        return uow.changes
