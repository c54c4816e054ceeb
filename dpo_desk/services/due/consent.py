"""Consent renewals and expiring consents for the due list.

The hook issue 14 fills in: it owns the consent rules ("neu einzuholen" after a new
wording, renewals). Until then this reads what the consent store offers today with
``core.consent.renewal``: consents of active students that end by a renewal interval or an
end date, counted per template and month (one item each, never a list of names), for the
next twelve months; those that ended already are one item per template.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Text, cast, func, or_, select
from sqlalchemy.orm import Session

from dpo_desk.core.consent.renewal import (
    RENEWAL,
    FormFacts,
    RevocationFacts,
    consent_ends,
)
from dpo_desk.core.dates import add_months, format_date
from dpo_desk.core.due import DueItem, DueKind, Target
from dpo_desk.store.models import ConsentTemplate, ConsentTemplateVersion, Student
from dpo_desk.store.models.consent import ConsentEvent
from dpo_desk.store.models.roster import STUDENT_ACTIVE

HORIZON_MONTHS = 12
"""Consents ending later than this are not listed yet: they come up month by month."""


def _events(session: Session, school_ids: list[int]):
    """Form and revocation payloads of templates whose versions end, as plain tuples: dates
    as ISO text (they compare as dates; only those that matter are converted), "any JA" and
    "all options" worked out by SQLite. Read through the connection (no ORM row handling:
    a school of 2,000 returns that many rows)."""
    ending = (
        select(ConsentTemplateVersion.template_id)
        .where(
            ConsentTemplateVersion.school_id.in_(school_ids),
            or_(
                ConsentTemplateVersion.renewal_years.is_not(None),
                ConsentTemplateVersion.end_date.is_not(None),
            ),
        )
        .distinct()
    )
    # CAST, not type_coerce: PostgreSQL compares and searches JSON only as text.
    answers = cast(ConsentEvent.answers, Text)
    options = cast(ConsentEvent.options, Text)
    query = (
        select(
            ConsentEvent.id,
            ConsentEvent.student_id,
            ConsentEvent.template_id,
            ConsentEvent.kind,
            ConsentEvent.replacement_kind,
            ConsentEvent.corrects_id,
            answers.contains("true"),
            cast(func.coalesce(ConsentEvent.signed_on, ConsentEvent.received_on), Text),
            cast(ConsentEvent.declared_on, Text),
            or_(options.is_(None), options == "null"),
            ConsentTemplateVersion.renewal_years,
            cast(ConsentTemplateVersion.end_date, Text),
        )
        .join(ConsentTemplateVersion, ConsentTemplateVersion.id == ConsentEvent.version_id)
        .join(Student, Student.id == ConsentEvent.student_id)
        .where(ConsentEvent.template_id.in_(ending), Student.status == STUDENT_ACTIVE)
    )
    return session.connection().execute(query).all()


def _facts(rows) -> tuple[list[FormFacts], list[RevocationFacts]]:
    superseded = {row[5] for row in rows if row[3] == "correction" and row[5] is not None}
    days: dict[str, date] = {}

    def day(text: str) -> date:
        found = days.get(text)
        if found is None:
            found = days[text] = date.fromisoformat(text[:10])
        return found

    forms, revocations = [], []
    for (
        event,
        student,
        template,
        kind,
        replacement,
        _,
        yes,
        signed,
        declared,
        every,
        renewal,
        end,
    ) in rows:
        if event in superseded:
            continue
        payload = replacement if kind == "correction" else kind
        if payload == "form" and signed:
            end_day = day(end) if end else None
            forms.append(
                FormFacts(student, template, day(signed), event, bool(yes), renewal, end_day)
            )
        elif payload == "revocation" and declared:
            revocations.append(RevocationFacts(student, template, day(declared), bool(every)))
    return forms, revocations


def consent_due_items(session: Session, schools: dict[int, str], today: date) -> list[DueItem]:
    rows = _events(session, list(schools))
    if not rows:
        return []
    forms, revocations = _facts(rows)
    ends = consent_ends(forms, revocations)
    templates = {
        t.id: t
        for t in session.scalars(
            select(ConsentTemplate).where(ConsentTemplate.id.in_({k[0] for k in ends}))
        )
    }
    grouped: dict[tuple[int, str, date], list[tuple[date, int]]] = defaultdict(list)
    horizon = add_months(today, HORIZON_MONTHS)
    for (template_id, kind, last_day), count in ends.items():
        if last_day > horizon:
            continue
        month = date.min if last_day < today else last_day.replace(day=1)
        grouped[(template_id, kind, month)].append((last_day, count))
    return [
        _item(templates[template_id], schools, kind, month == date.min, ends_in)
        for (template_id, kind, month), ends_in in grouped.items()
    ]


def _item(
    template: ConsentTemplate,
    schools: dict[int, str],
    kind: str,
    past: bool,
    ends_in: list[tuple[date, int]],
) -> DueItem:
    """One line per template, kind and month (all that ended already: one line)."""
    first = min(day for day, _ in ends_in)
    last = max(day for day, _ in ends_in)
    count = sum(n for _, n in ends_in)
    what = "Einwilligung" if count == 1 else "Einwilligungen"
    name = f"„{template.title}“: {count} {what}"
    if kind == RENEWAL:
        due_kind = DueKind.CONSENT_RENEWAL
        title = (
            f"{name} abgelaufen – neu einholen"
            if past
            else f"{name} bis {format_date(last)} erneuern"
        )
        detail = "Erneuerungsfrist der Vorlage"
    else:
        due_kind = DueKind.CONSENT_EXPIRY
        ends = "läuft ab" if count == 1 else "laufen ab"
        title = f"{name} {'abgelaufen' if past else ends}"
        detail = "Enddatum der Vorlage"
    stamp = "abgelaufen" if past else f"{first:%Y-%m}"
    return DueItem(
        kind=due_kind,
        due=first,
        title=title,
        school_id=template.school_id,
        school_name=schools[template.school_id],
        target=Target("consentPage", "consent_template", template.id, template.key),
        detail=detail,
        uid=f"consent-{kind}-{template.id}-{stamp}",
    )
