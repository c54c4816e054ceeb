"""What the person working may do, asked by the unit of work before anything is written.

Every write audits each changed entity (``uow.audit``); the unit of work asks the
context's ``Access`` for the right that entity needs in its school (``right_for``) and
raises ``AccessDenied`` inside the transaction, so a refused write leaves nothing behind.
Reading is limited to the schools the person may see: sessions of a signed-in person
carry their school ids and every ORM query gets ``school_id IN (…)`` (``limit_reading``).
The laptop's single user has ``LOCAL_ACCESS``: everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import event, or_
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from dpo_desk.core.access import RIGHT_LABELS, ROLE_LABELS, Right, Role, may
from dpo_desk.services.errors import AccessDenied
from dpo_desk.services.users.rights import ADMINISTRATOR_ONLY, RIGHTS_OF_TABLE, right_for

SCHOOLS_KEY = "dpo_desk_schools"


class Access:
    """Everything allowed: the local file's single user."""

    user_id: int | None = None
    login: str = ""
    administrator: bool = True
    signed_in: bool = False

    def role_in(self, school_id: int | None) -> Role | None:
        return Role.DPO

    def may(self, right: Right, school_id: int | None = None) -> bool:
        return True

    def readable_schools(self) -> frozenset[int] | None:
        """The school ids this person may see; None: all."""
        return None

    def require(self, right: Right, school_id: int | None = None, what: str = "") -> None:
        if not self.may(right, school_id):
            raise AccessDenied(denied_message(self, right, school_id, what))

    def require_administrator(self, what: str) -> None:
        if not self.administrator:
            raise AccessDenied(
                f"{what} darf nur die Administration des Schulträgers. Es wurde nichts gespeichert."
            )

    def check_write(self, entity_type: str, action: str, school_id: int | None) -> None:
        if (entity_type, action) in ADMINISTRATOR_ONLY:
            self.require_administrator("Schulen anlegen oder löschen")
            return
        self.require(right_for(entity_type, action), school_id)


LOCAL_ACCESS = Access()


@dataclass(frozen=True)
class SignedIn(Access):
    """A person signed in to a server database, with one role per assigned school."""

    user_id: int | None = None
    login: str = ""
    display_name: str = ""
    roles: Mapping[int, Role] = field(default_factory=dict)
    administrator: bool = False
    school_names: Mapping[int, str] = field(default_factory=dict, compare=False)
    signed_in: bool = True

    @property
    def actor(self) -> str:
        """How the audit trail and stale-save messages name this person."""
        return f"{self.display_name} ({self.login})"

    def role_in(self, school_id: int | None) -> Role | None:
        if school_id is not None and school_id in self.roles:
            return self.roles[school_id]
        return Role.DPO if self.administrator else None

    def may(self, right: Right, school_id: int | None = None) -> bool:
        if self.administrator:
            return True
        if school_id is None:  # not tied to one school: the right in any school
            return any(may(role, right) for role in self.roles.values())
        return may(self.roles.get(school_id), right)

    def readable_schools(self) -> frozenset[int] | None:
        return None if self.administrator else frozenset(self.roles)


def denied_message(access: Access, right: Right, school_id: int | None, what: str) -> str:
    role = access.role_in(school_id)
    where = ""
    if school_id is not None and isinstance(access, SignedIn):
        name = access.school_names.get(school_id)
        where = f" an der Schule „{name}“" if name else " an dieser Schule"
    as_role = f" mit der Rolle „{ROLE_LABELS[role]}“" if role else " ohne Rolle"
    action = what or RIGHT_LABELS[right]
    return (
        f"Keine Berechtigung: Sie dürfen{where}{as_role} nicht {action}. Es wurde nichts "
        "gespeichert. Bitte die oder den Datenschutzbeauftragten fragen."
    )


def limit_reading(session: Session, access: Access) -> None:
    """From now on this session's ORM queries see only the person's schools."""
    schools = access.readable_schools()
    if schools is None:
        session.info.pop(SCHOOLS_KEY, None)
    else:
        session.info[SCHOOLS_KEY] = tuple(sorted(schools))


@event.listens_for(Session, "do_orm_execute")
def _only_permitted_schools(state: ORMExecuteState) -> None:
    schools = state.session.info.get(SCHOOLS_KEY)
    if schools is None or not (state.is_select or state.is_update or state.is_delete):
        return
    options = []
    for mapper in state.all_mappers:
        cls = mapper.class_
        column = "id" if mapper.local_table.name == "school" else "school_id"
        if column not in mapper.columns:
            continue
        attribute = getattr(cls, column)
        criterion = attribute.in_(schools)
        if mapper.local_table.name == "audit_event":
            criterion = or_(criterion, attribute.is_(None))
        options.append(with_loader_criteria(cls, criterion, include_aliases=True))
    if options:
        state.statement = state.statement.options(*options)


def check_flush(session: Session, access: Access) -> None:
    """Before anything reaches the database: each new, changed or deleted row needs one of
    its table's rights in its school (``RIGHTS_OF_TABLE``). The audit rows themselves are
    checked by ``UnitOfWork.audit``."""
    for obj in [*session.new, *session.dirty, *session.deleted]:
        table = obj.__table__.name
        if table == "audit_event" or (obj in session.dirty and not session.is_modified(obj)):
            continue
        if table == "school":
            if obj in session.new or obj in session.deleted:
                access.require_administrator("Schulen anlegen oder löschen")
                continue
            school_id = obj.id
        else:
            school_id = getattr(obj, "school_id", None)
        rights = RIGHTS_OF_TABLE.get(table, (Right.USERS,))
        if not any(access.may(right, school_id) for right in rights):
            raise AccessDenied(denied_message(access, rights[0], school_id, ""))


def guard(session: Session, access: Access) -> None:
    """Limit what ``session`` reads and check what it writes (no-op for the laptop)."""
    limit_reading(session, access)
    if access.signed_in:
        event.listen(session, "before_flush", lambda s, _ctx, _i: check_flush(s, access))
