"""Application settings stored in the database, declared once with type, default and bounds.

Every setting the app keeps is a ``Setting`` in ``REGISTRY``; ``read`` and ``write`` are the
only way in. A stored value that does not parse or lies outside its bounds reads as the
default (a damaged or hand-edited file never breaks a page); writing refuses it in German.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from dpo_desk.core.people import FUNCTION_LABEL, NAME_LABEL, actor_label, validate_person
from dpo_desk.core.rotation import DEFAULT_DAILY, DEFAULT_MONTHLY
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes
from dpo_desk.services.context import USER_FUNCTION_KEY, USER_NAME_KEY, ServiceContext

T = TypeVar("T", int, str)


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    label: str
    kind: type[T]
    default: T
    minimum: int | None = None
    maximum: int | None = None

    def parse(self, stored: str | None) -> T:
        if stored is None:
            return self.default
        if self.kind is int:
            try:
                number = int(stored)
            except ValueError:
                return self.default
            return cast(T, number) if self._problem(number) is None else self.default
        return cast(T, stored)

    def _problem(self, value: Any) -> str | None:
        if self.kind is int:
            if not isinstance(value, int) or isinstance(value, bool):
                return f"{self.label}: bitte eine ganze Zahl eingeben."
            if self.minimum is not None and value < self.minimum:
                return f"{self.label}: mindestens {self.minimum}."
            if self.maximum is not None and value > self.maximum:
                return f"{self.label}: höchstens {self.maximum}."
        elif not isinstance(value, str):
            return f"{self.label}: bitte einen Text eingeben."
        return None

    def validate(self, value: T) -> None:
        problem = self._problem(value)
        if problem:
            raise ValidationError([Problem(self.key, problem)])


USER_NAME = Setting(USER_NAME_KEY, NAME_LABEL, str, "")
USER_FUNCTION = Setting(USER_FUNCTION_KEY, FUNCTION_LABEL, str, "")
AUTO_LOCK_MINUTES = Setting(
    "auto_lock_minutes", "Automatisch sperren nach (Minuten)", int, 10, 0, 240
)
BACKUP_DIR = Setting("backup_dir", "Sicherungsordner", str, "")
BACKUP_KEEP_DAILY = Setting(
    "backup_keep_daily", "Tägliche Sicherungen behalten", int, DEFAULT_DAILY, 1, 365
)
BACKUP_KEEP_MONTHLY = Setting(
    "backup_keep_monthly", "Monatliche Sicherungen behalten", int, DEFAULT_MONTHLY, 0, 120
)

# How long an archived register entry (with its released versions) is kept before it may be
# deleted: no law fixes it; three years covers the usual limitation period for claims.
REGISTER_RETENTION_YEARS = Setting(
    "register_retention_years", "Archivierte VVT-Einträge aufbewahren (Jahre)", int, 3, 1, 30
)

LEAVER_RETENTION_YEARS = Setting(
    "leaver_retention_years",
    "Stammdaten Abgegangener löschen nach (Jahren nach Ende des Abgangsschuljahres)",
    int,
    1,
    0,
    60,
)

REGISTRY: dict[str, Setting[Any]] = {
    s.key: s
    for s in (
        USER_NAME,
        USER_FUNCTION,
        AUTO_LOCK_MINUTES,
        BACKUP_DIR,
        BACKUP_KEEP_DAILY,
        BACKUP_KEEP_MONTHLY,
        LEAVER_RETENTION_YEARS,
        REGISTER_RETENTION_YEARS,
    )
}

# Called after a setting changed (e.g. the context forgets the cached user name).
_AFTER_WRITE: dict[str, Callable[[ServiceContext], None]] = {
    USER_NAME.key: lambda ctx: ctx.forget_actor(),
    USER_FUNCTION.key: lambda ctx: ctx.forget_actor(),
}


def read(ctx: ServiceContext, setting: Setting[T]) -> T:
    # Through the driver: the first screen (backup status, auto-lock) reads settings
    # before SQLAlchemy is loaded (see ``store.database``).
    rows = ctx.db.read_rows("SELECT value FROM app_setting WHERE key = ?", (setting.key,))
    return setting.parse(rows[0][0] if rows else None)


def write(ctx: ServiceContext, setting: Setting[T], value: T) -> Changes:
    """Store ``value`` (validated against the setting's type and bounds), audited."""
    return write_all(ctx, {setting: value})


def write_all(ctx: ServiceContext, values: Mapping[Setting[Any], Any]) -> Changes:
    """Store several settings in one transaction; all are validated first."""
    from dpo_desk.store.models import AppSetting

    for setting, value in values.items():
        if setting.key not in REGISTRY:
            raise KeyError(setting.key)
        setting.validate(value)
    with ctx.unit_of_work() as uow:
        for setting, value in values.items():
            text = str(value)
            row = uow.session.get(AppSetting, setting.key)
            old = row.value if row else None
            if old == text:
                continue
            if row is None:
                uow.session.add(AppSetting(key=setting.key, value=text))
            else:
                row.value = text
            uow.audit("setting", None, "update", {setting.key: [old, text]})
        changes = uow.changes
    for setting in values:
        after = _AFTER_WRITE.get(setting.key)
        if after is not None:
            after(ctx)
    return changes


@dataclass(frozen=True)
class Person:
    """Who is working on this database (empty name: nobody has said yet)."""

    name: str
    function: str
    signed_in: str = ""  # server mode: how the change log names the signed-in person

    @property
    def known(self) -> bool:
        return bool(self.name)

    @property
    def label(self) -> str:
        return self.signed_in or actor_label(self.name, self.function)


SIGNED_IN_PERSON = (
    "Im Servermodus arbeitet die angemeldete Person ({actor}); Name und Funktion stehen "
    "in ihrem Konto (Verwaltung: dpo-desk users, Seite „Personen und Rollen“)."
)


def person(ctx: ServiceContext) -> Person:
    """Who is working: in server mode the signed-in person (the database's settings are
    every user's there), else the name and function stored in the local file."""
    if ctx.server_mode:
        return Person(ctx.actor, "", signed_in=ctx.actor)
    return Person(read(ctx, USER_NAME).strip(), read(ctx, USER_FUNCTION))


def user_name(ctx: ServiceContext) -> str:
    return person(ctx).name


def set_person(ctx: ServiceContext, name: str, function: str) -> Changes:
    """Say who is working (refused: an empty or unreadable name, an unknown function).

    The change itself is logged under the new name: the person names themselves.
    """
    if ctx.server_mode:
        raise ValidationError([Problem("name", SIGNED_IN_PERSON.format(actor=ctx.actor))])
    name, function = validate_person(name, function)
    with ctx.acting_as(actor_label(name, function)):
        return write_all(ctx, {USER_NAME: name, USER_FUNCTION: function})
