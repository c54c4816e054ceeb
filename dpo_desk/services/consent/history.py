"""A student's consent history as proof: every entry with the exact text version it refers
to, who entered it and when, and which later entry corrected it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from dpo_desk.core.consent.values import (
    CHANNEL_LABELS,
    Channel,
)
from dpo_desk.services.consent.templates import find_row, load_info
from dpo_desk.services.context import ServiceContext
from dpo_desk.store.models import ConsentTemplate as TemplateRow
from dpo_desk.store.models import ConsentTemplateVersion as VersionRow
from dpo_desk.store.models.consent import EVENT_CORRECTION, EVENT_FORM, EVENT_REVOCATION
from dpo_desk.store.models.consent import ConsentEvent as EventRow

KIND_LABELS = {
    EVENT_FORM: "Formular erhalten",
    EVENT_REVOCATION: "Widerruf",
    EVENT_CORRECTION: "Korrektur",
}


@dataclass(frozen=True)
class HistoryEntry:
    """One event as the head of school would show it as proof."""

    id: int
    template_key: str
    template_title: str
    version: int
    kind: str
    kind_label: str
    entered_by: str
    entered_at: datetime
    answers: list[tuple[str, bool | None]] = field(default_factory=list)
    """(option label, answer) in the order of the version's options."""
    signed_on: date | None = None
    received_on: date | None = None
    signed_by: tuple[str, ...] = ()
    options: tuple[str, ...] | None = None
    """For a revocation: labels of the revoked options (None: all)."""
    declared_on: date | None = None
    effective_on: date | None = None
    channel_label: str = ""
    note: str = ""
    corrects_id: int | None = None
    replacement_kind: str = ""
    corrected_by: int | None = None
    precedence: str = ""
    """The person's decision where dates could not tell which declaration is newer."""
    version_basis: str = ""
    """How the text version was known: "code", "printed", "chosen" or "legacy"."""
    entry_method: str = ""

    @property
    def in_force(self) -> bool:
        return self.corrected_by is None

    @property
    def payload_kind(self) -> str:
        """What the entry stands for: a form, a revocation, or "" (voids another entry)."""
        return self.replacement_kind if self.kind == EVENT_CORRECTION else self.kind


def _labels(version: VersionRow) -> dict[str, str]:
    return {o["key"]: o["label"] for o in version.options}


def _entry(
    row: EventRow, template: TemplateRow, version: VersionRow, corrected_by: int | None
) -> HistoryEntry:
    labels = _labels(version)
    payload = row.replacement_kind if row.kind == EVENT_CORRECTION else row.kind
    answers = []
    if payload == EVENT_FORM:
        answers = [(labels.get(k, k), (row.answers or {}).get(k)) for k in labels]
    options = None
    if payload == EVENT_REVOCATION and row.options is not None:
        options = tuple(labels.get(k, k) for k in row.options)
    return HistoryEntry(
        id=row.id,
        template_key=template.key,
        template_title=template.title,
        version=version.number,
        kind=row.kind,
        kind_label=KIND_LABELS.get(row.kind, row.kind),
        entered_by=row.entered_by,
        entered_at=row.entered_at,
        answers=answers,
        signed_on=row.signed_on,
        received_on=row.received_on,
        signed_by=tuple(row.signed_by or ()),
        options=options,
        declared_on=row.declared_on,
        effective_on=row.effective_on,
        channel_label=CHANNEL_LABELS.get(Channel(row.channel), row.channel) if row.channel else "",
        note=row.note,
        corrects_id=row.corrects_id,
        replacement_kind=row.replacement_kind,
        corrected_by=corrected_by,
        precedence=row.precedence,
        version_basis=row.version_basis,
        entry_method=row.entry_method,
    )


def student_history(
    ctx: ServiceContext, school_id: int, student_id: int, template_key: str | None = None
) -> list[HistoryEntry]:
    """Every consent event of a student (optionally of one template), oldest first; each
    with the exact text version it refers to and, if corrected, by which entry."""
    with ctx.reading() as session:
        query = (
            select(EventRow, TemplateRow, VersionRow)
            .join(TemplateRow, TemplateRow.id == EventRow.template_id)
            .join(VersionRow, VersionRow.id == EventRow.version_id)
            .where(EventRow.school_id == school_id, EventRow.student_id == student_id)
            .order_by(EventRow.id)
        )
        if template_key:
            query = query.where(TemplateRow.key == template_key)
        rows = session.execute(query).all()
        corrected = {row.corrects_id: row.id for row, _, _ in rows if row.corrects_id is not None}
        return [_entry(row, t, v, corrected.get(row.id)) for row, t, v in rows]


def version_text(
    ctx: ServiceContext, school_id: int, template_key: str, number: int
) -> dict[str, object]:
    """The exact text of one version (for showing the proof)."""
    with ctx.reading() as session:
        info = load_info(session, find_row(session, school_id, template_key))
    version = info.core.version(number)
    if version is None:
        raise LookupError(f"„{info.title}“ hat keine Version {number}.")
    return {
        "title": version.title,
        "purpose": version.purpose,
        "information_text": version.information_text,
        "declaration_text": version.declaration_text,
        "voluntary_note": version.voluntary_note,
        "options": [(o.key, o.label) for o in version.options],
    }
