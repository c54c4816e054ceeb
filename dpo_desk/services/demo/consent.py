"""Demo consents: the starter templates at both schools and a realistic mix of answers.

Most forms come back in September, a few say NEIN to one option, some are never returned,
some lack a signature (incomplete), a few families revoke later (by e-mail or letter).
Drawn with fixed seeds; a template that already has entries is left alone on a re-run.

Revocations are rare (about one family in sixty, as schools report) and dated so that the
order is clear: declared weeks after the form was signed and received after it arrived.
So a secretary who records a class's stack is asked "which declaration is newer?" only for
a form without a signing date from a family that revoked, where a school must decide too.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from dpo_desk.core.consent.values import (
    Channel,
    SignerRole,
    StudentFacts,
    roles_for_student,
)
from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.print_log import log_printed
from dpo_desk.services.consent.recording import (
    FormEntry,
    RevocationEntry,
    record_forms,
    record_revocation,
    stored,
)
from dpo_desk.services.consent.template_edit import copy_from_catalogue
from dpo_desk.services.consent.templates import list_templates
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.demo.schools import DemoSchool
from dpo_desk.services.register import activities, lifecycle

STARTERS = ("videokonferenzen", "fotos", "lernplattform", "messenger")
RECORDED = {"small": ("videokonferenzen", "fotos"), "large": ("videokonferenzen", "fotos")}
SEEDS = {"small": 40_401, "large": 40_402}
ACTIVITY_LINKS = {
    "videokonferenz": "videokonferenzen",
    "messenger": "messenger",
    "homepage": "fotos",
}
FIRST_RECEIVED = date(2026, 9, 7)
REVOKED_ON = date(2026, 10, 20)
"""The earliest revocation: two weeks after the last form of the first stack arrived."""
REVOKING_SHARE = 60
"""One family in this many of those who agreed to everything revokes later."""


def _answers(rng: random.Random, keys: list[str]) -> dict[str, bool | None]:
    roll = rng.random()
    if roll < 0.72:
        return dict.fromkeys(keys, True)
    if roll < 0.90:  # partial: NEIN to one option (e.g. video, press)
        refused = rng.choice(keys[1:] or keys)
        return {key: key != refused for key in keys}
    if roll < 0.96:
        return dict.fromkeys(keys, False)
    blank = rng.choice(keys)  # a box left empty: incomplete
    return {key: (None if key == blank else True) for key in keys}


def _seed_template(ctx: ServiceContext, school: DemoSchool, key: str, rng: random.Random) -> None:
    status = template_status(ctx, school.id, key, on=FIRST_RECEIVED)
    for class_name in status.class_names:  # the forms were handed out class by class
        members = [row.student_id for row in status.rows if row.class_name == class_name]
        log_printed(ctx, school.id, key, status.template.current_version, members, "consent-forms")
    signers = status.template.current.signers
    options = [option_key for option_key, _ in status.options]
    entries: list[FormEntry] = []
    for row in status.rows:
        if rng.random() < 0.14:  # never returned
            continue
        received = FIRST_RECEIVED + timedelta(days=rng.randrange(0, 30))
        signed = received - timedelta(days=rng.randrange(0, 6))
        required = roles_for_student(StudentFacts(row.birth_date, row.left_on), signed, signers)
        signed_by = frozenset(required)
        if rng.random() < 0.04 and SignerRole.GUARDIANS in required:
            signed_by = frozenset(required) - {SignerRole.GUARDIANS} or frozenset()
        entries.append(
            FormEntry(
                row.student_id,
                _answers(rng, options),
                received,
                signed,
                signed_by,
                entry_method="demo",
            )
        )
    recorded = record_forms(ctx, school.id, key, entries).events
    granted = [e for e in recorded if all(e.answers.get(k) for k in options)]
    for event in rng.sample(granted, k=max(1, len(granted) // REVOKING_SHARE)):
        chosen = None if len(options) == 1 or rng.random() < 0.4 else frozenset({options[-1]})
        declared = REVOKED_ON + timedelta(days=rng.randrange(0, 20))
        channel = rng.choice((Channel.EMAIL, Channel.LETTER, Channel.IN_PERSON))
        delay = 0 if channel is Channel.IN_PERSON else rng.randrange(1, 4)
        entry = RevocationEntry(
            event.student_id,
            declared,
            channel,
            chosen,
            note="Demo",
            received_on=declared + timedelta(days=delay),
        )
        stored(record_revocation(ctx, school.id, key, entry))


def _link_activities(ctx: ServiceContext, school_id: int) -> None:
    """Consent-based register entries point to the matching template key."""
    for summary in activities.list_activities(ctx, school_id):
        wanted = ACTIVITY_LINKS.get(summary.key)
        if wanted is None:
            continue
        detail = activities.get_activity(ctx, summary.id)
        if detail.data.consent_template_key:
            continue
        was_released = detail.status == "released"
        detail.data.consent_based = True
        detail.data.consent_template_key = wanted
        activities.update_activity(ctx, detail.id, detail.data)
        if was_released:
            lifecycle.release_activity(ctx, detail.id)


def seed(ctx: ServiceContext, demo_schools: list[DemoSchool]) -> None:
    for school in demo_schools:
        present = {t.key: t for t in list_templates(ctx, school.id)}
        for key in STARTERS:
            if key not in present:
                present[key] = copy_from_catalogue(ctx, school.id, key)
        rng = random.Random(SEEDS.get(school.size, 40_400))
        for key in RECORDED.get(school.size, ()):
            if present[key].consent_count == 0:
                _seed_template(ctx, school, key, rng)
        _link_activities(ctx, school.id)
