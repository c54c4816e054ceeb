"""The session's side of access: reading limited to the person's schools, writes checked
before every flush.

Sessions of a signed-in person carry their school ids and every ORM query gets
``school_id IN (…)`` (``limit_reading``); every new, changed or deleted row needs one of
its table's rights (``check_flush``). Raw reads (``Database.read_rows``) are not ORM
queries: in server mode the server's row-level security limits them (``store.server.
security``), and the services using them pass the school they read.
"""

from __future__ import annotations

from sqlalchemy import event, or_
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from dpo_desk.core.access import Right
from dpo_desk.services.errors import AccessDenied
from dpo_desk.services.users.access import Access, denied_message
from dpo_desk.services.users.rights import RIGHTS_OF_TABLE

SCHOOLS_KEY = "dpo_desk_schools"


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
