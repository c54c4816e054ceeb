"""What the person working may do, asked by the unit of work before anything is written.

Every write audits each changed entity (``uow.audit``); the unit of work asks the
context's ``Access`` for the right that entity needs in its school (``right_for``) and
raises ``AccessDenied`` inside the transaction, so a refused write leaves nothing behind.
Reading is limited to the schools the person may see (``services.users.guard``).
The laptop's single user has ``LOCAL_ACCESS``: everything. No SQLAlchemy here: the
context imports this module before the first screen is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from dpo_desk.core.access import RIGHT_LABELS, ROLE_LABELS, Right, Role, may
from dpo_desk.services.errors import AccessDenied
from dpo_desk.services.users.rights import ADMINISTRATOR_ONLY, right_for


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
