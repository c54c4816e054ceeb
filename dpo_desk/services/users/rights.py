"""Which right each write needs: per audited entity (the unit of work's audit check),
per table (the flush check, and the server's row-level policies made from the same table),
so that the services and the server can never disagree about who writes what."""

from __future__ import annotations

from dpo_desk.core.access import Right, Role, roles_with

# The right each audited entity type needs, and actions that need another one.
RIGHT_OF_ENTITY: dict[str, Right] = {
    "school": Right.SCHOOL,
    "setting": Right.SCHOOL,
    "student": Right.ROSTER,
    "school_class": Right.ROSTER,
    "roster_import": Right.ROSTER,
    "roster_mapping": Right.ROSTER,
    "consent_event": Right.CONSENT,
    "consent_proof": Right.RETENTION,
    "consent_print": Right.PRINT,  # the print log: what a printout handed out
    "consent_template": Right.TEMPLATES,
    "consent_template_version": Right.TEMPLATES,
    "activity": Right.REGISTER,
    "processor": Right.REGISTER,
    "tom": Right.REGISTER,
    "dsfa": Right.DSFA,
    "dsfa_scenario": Right.DSFA,
    "dsfa_threshold": Right.DSFA,
    "dsfa_matrix": Right.DSFA,
    "dsfa_action": Right.DSFA,
    "dsfa_view": Right.DSFA,
    "database": Right.SCHOOL,
    "user": Right.USERS,
    "school_assignment": Right.USERS,
    "breach": Right.BREACHES,
    "subject_request": Right.REQUESTS,
    # The library for all schools holds register, template and DSFA material: kept by
    # those who keep the register (the DPO), whatever part an item is.
    "library_item": Right.REGISTER,
}
RIGHT_OF_ACTION: dict[tuple[str, str], Right] = {
    ("activity", "release"): Right.SIGN_OFF,
    ("dsfa", "sign_off"): Right.SIGN_OFF,
}
# Only the school authority's administrator: these change which schools exist.
ADMINISTRATOR_ONLY = frozenset({("school", "create"), ("school", "delete")})


def right_for(entity_type: str, action: str) -> Right:
    """The right a write needs; an entity type nobody mapped needs the DPO's (USERS)."""
    return RIGHT_OF_ACTION.get((entity_type, action)) or RIGHT_OF_ENTITY.get(
        entity_type, Right.USERS
    )


REGISTER_TABLES = (
    "processing_activity",
    "activity_data_category",
    "activity_recipient",
    "activity_transfer",
    "activity_version",
    "activity_processor",
    "activity_tom",
)
PROCESSOR_TABLES = (
    "processor",
    "processor_contract",
    "processor_check",
    "sub_processor",
    "tom_measure",
    "register_attachment",
)
DSFA_TABLES = (
    "dsfa_threshold",
    "dsfa_assessment",
    "dsfa_scenario",
    "dsfa_scenario_measure",
    "dsfa_matrix_setting",
    "dsfa_stakeholder_view",
    "dsfa_action",
)
BREACH_TABLES = ("breach", "breach_activity", "breach_processor")
# The parts a school shares with others (copies between schools, the district library).
SHARED_RIGHTS = (Right.REGISTER, Right.TEMPLATES, Right.DSFA)
# An import or a copy links each record it wrote to its origin, whatever the part.
IMPORT_RIGHTS = (Right.SCHOOL, Right.ROSTER, Right.CONSENT, *SHARED_RIGHTS)
# The rights whose holders write each table (a sign-off writes the register entry and the
# assessment; recording and the erasure of leavers' proof write consent events).
RIGHTS_OF_TABLE: dict[str, tuple[Right, ...]] = {
    "school": (Right.SCHOOL,),
    "app_setting": (Right.SCHOOL,),
    "school_class": (Right.ROSTER,),
    "student": (Right.ROSTER,),
    "enrolment": (Right.ROSTER,),
    "roster_mapping": (Right.ROSTER,),
    "consent_event": (Right.CONSENT, Right.RETENTION),
    "consent_template": (Right.TEMPLATES,),
    "consent_print": (Right.PRINT,),
    "consent_print_student": (Right.PRINT,),
    "consent_template_version": (Right.TEMPLATES,),
    "app_user": (Right.USERS,),
    "school_assignment": (Right.USERS,),
    "audit_event": tuple(r for r in Right if r is not Right.READ),
    **{t: (Right.REGISTER, Right.SIGN_OFF) for t in REGISTER_TABLES},
    **{t: (Right.REGISTER,) for t in PROCESSOR_TABLES},
    **{t: (Right.DSFA, Right.SIGN_OFF) for t in DSFA_TABLES},
    **{t: (Right.BREACHES,) for t in BREACH_TABLES},
    "subject_request": (Right.REQUESTS,),
    "library_item": SHARED_RIGHTS,
    "record_origin": IMPORT_RIGHTS,
}


def table_roles() -> dict[str, list[str]]:
    result = {}
    for table, rights in RIGHTS_OF_TABLE.items():
        roles = {role for right in rights for role in roles_with(right)}
        result[table] = [role.value for role in Role if role in roles]
    return result
