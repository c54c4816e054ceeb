"""All models, imported here so that ``Base.metadata`` knows every table."""

from dpo_desk.store.models.audit import AuditEvent
from dpo_desk.store.models.roster import Enrolment, RosterMapping, SchoolClass, Student
from dpo_desk.store.models.school import School
from dpo_desk.store.models.setting import AppSetting

__all__ = [
    "AppSetting",
    "AuditEvent",
    "Enrolment",
    "RosterMapping",
    "School",
    "SchoolClass",
    "Student",
]
