"""The checks ("Prüfungen") across a school's register: what is missing, contradictory or
overdue, as a DPO or a supervisory authority would look at it first, most serious first.
The checks themselves are in ``entry_checks`` (entries, the register, the school profile)
and ``contract_checks`` (processors, contracts, measures)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from dpo_desk.core.register.contract_checks import processor_findings, tom_findings
from dpo_desk.core.register.entry_checks import (
    activity_findings,
    register_level_findings,
    school_findings,
)
from dpo_desk.core.register.finding import *  # noqa: F403  (the types and codes, re-exported)
from dpo_desk.core.register.finding import (
    _SEVERITY_ORDER,
    ActivityFacts,
    Finding,
    ProcessorFacts,
    TomFacts,
)
from dpo_desk.core.schools import SchoolProfile


def register_findings(
    activities: Iterable[ActivityFacts],
    processors: Iterable[ProcessorFacts],
    today: date,
    school: SchoolProfile | None = None,
    school_id: int | None = None,
    consent_template_keys: set[str] | None = None,
    toms: Iterable[TomFacts] = (),
) -> list[Finding]:
    """All findings, most serious first, then by entity name. With
    ``consent_template_keys`` a link to a template that no longer exists is found too."""
    activities = list(activities)
    findings: list[Finding] = []
    if school is not None and school_id is not None:
        findings += school_findings(school, school_id)
        findings += register_level_findings(activities, school_id)
    for activity in activities:
        findings += activity_findings(activity, today, consent_template_keys)
    for processor in processors:
        findings += processor_findings(processor, today)
    for tom in toms:
        findings += tom_findings(tom, today)
    findings.sort(key=lambda f: (_SEVERITY_ORDER[f.severity], f.entity_name.lower(), f.code))
    return findings


def for_activity(findings: Iterable[Finding], activity_id: int, processor_ids: set[int]):
    """The findings that concern one entry: its own and those of its processors."""
    return [
        f
        for f in findings
        if (f.entity_type in ("activity", "dsfa") and f.entity_id == activity_id)
        or (f.entity_type == "processor" and f.entity_id in processor_ids)
    ]
