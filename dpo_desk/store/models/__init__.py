"""All models, imported here so that ``Base.metadata`` knows every table."""

from dpo_desk.store.models.audit import AuditEvent, LibraryItem, RecordOrigin
from dpo_desk.store.models.breaches import Breach, BreachActivity, BreachProcessor
from dpo_desk.store.models.consent import (
    ConsentEvent,
    ConsentPrint,
    ConsentPrintStudent,
    ConsentTemplate,
    ConsentTemplateVersion,
)
from dpo_desk.store.models.dsfa import (
    DsfaAction,
    DsfaAssessment,
    DsfaMatrixSetting,
    DsfaScenario,
    DsfaScenarioMeasure,
    DsfaStakeholderView,
    DsfaThreshold,
)
from dpo_desk.store.models.records import (
    ActivityDataCategory,
    ActivityProcessor,
    ActivityRecipient,
    ActivityTom,
    ActivityTransfer,
    ActivityVersion,
    ProcessingActivity,
    Processor,
    ProcessorCheck,
    ProcessorContract,
    RegisterAttachment,
    SubProcessor,
    TomMeasure,
)
from dpo_desk.store.models.requests import SubjectRequest
from dpo_desk.store.models.roster import Enrolment, RosterMapping, SchoolClass, Student
from dpo_desk.store.models.school import School
from dpo_desk.store.models.setting import AppSetting
from dpo_desk.store.models.users import AppUser, SchoolAssignment

__all__ = [
    "ActivityDataCategory",
    "ActivityProcessor",
    "ActivityRecipient",
    "ActivityTom",
    "ActivityTransfer",
    "ActivityVersion",
    "AppSetting",
    "AppUser",
    "AuditEvent",
    "Breach",
    "BreachActivity",
    "BreachProcessor",
    "ConsentEvent",
    "ConsentPrint",
    "ConsentPrintStudent",
    "ConsentTemplate",
    "ConsentTemplateVersion",
    "DsfaAction",
    "DsfaAssessment",
    "DsfaMatrixSetting",
    "DsfaScenario",
    "DsfaScenarioMeasure",
    "DsfaStakeholderView",
    "DsfaThreshold",
    "Enrolment",
    "LibraryItem",
    "ProcessingActivity",
    "Processor",
    "ProcessorCheck",
    "ProcessorContract",
    "RecordOrigin",
    "RegisterAttachment",
    "RosterMapping",
    "School",
    "SchoolAssignment",
    "SchoolClass",
    "Student",
    "SubProcessor",
    "SubjectRequest",
    "TomMeasure",
]
