"""The information sheet for data subjects (Art. 13 GDPR) of one register entry, per audience.

The text comes from ``core.register.info_text`` (plain sections); this module lays it out.
The consent forms use ``info_sheet_flowables`` as their information text when a template is
linked to an activity, so the text lives in one place.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from dpo_desk.core.register.info_text import STUDENTS, info_text
from dpo_desk.core.schools import SchoolProfile
from dpo_desk.reports.engine import DocumentInfo, DocumentPart
from dpo_desk.reports.register.document import letterhead_of
from dpo_desk.reports.register.layout import bullet_style, draft_mark
from dpo_desk.reports.styles import styles
from dpo_desk.reports.text import escape, para


def info_sheet_flowables(
    school: SchoolProfile,
    snapshot: dict[str, Any],
    audience: str = STUDENTS,
    draft_reasons: list[str] | None = None,
) -> list[Flowable]:
    """The sheet's text for ``audience``: each question with its answer, lists as lists."""
    s = styles(True)
    text = info_text(school, snapshot, audience)
    flow: list[Flowable] = [para(text.title, s.title)]
    if draft_reasons:
        flow.append(draft_mark(draft_reasons))
    flow.append(para(text.intro, s.body))
    bullet = bullet_style(s.body)
    for section in text.sections:
        block: list[Flowable] = [para(section.heading, s.subheading)]
        block += [para(p, s.body) for p in section.paragraphs]
        block += [Paragraph(escape(item), bullet, bulletText="•") for item in section.items]
        flow.append(KeepTogether(block))
    return flow


def info_sheet_document(
    school: SchoolProfile,
    logo: bytes | None,
    snapshot: dict[str, Any],
    printed_on: date,
    audience: str = STUDENTS,
    draft_reasons: list[str] | None = None,
) -> tuple[DocumentInfo, list[DocumentPart]]:
    title = f"Datenschutzinformation {snapshot['activity']['name']}"
    info = DocumentInfo(
        title=f"{title} (ENTWURF)" if draft_reasons else title,
        letterhead=letterhead_of(school, logo),
        subject="Information nach Art. 13 DSGVO",
        version=str(snapshot["version"]),
        printed_on=printed_on,
    )
    return info, [DocumentPart(info_sheet_flowables(school, snapshot, audience, draft_reasons))]
