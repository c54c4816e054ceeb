"""Plain values the consent printouts are laid out from (gathered by ``services.printing``).

Forms, class signature sheets, reminder letters and participant lists all print one consent
template version for a list of students; these values carry exactly that, so the layout
modules need no database and the tests can print any edge case (e.g. a missing birth date).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from typing import Any

from dpo_desk.core.consent.status import ConsentState
from dpo_desk.core.consent.values import (
    ConsentTemplateVersion,
)
from dpo_desk.core.schools import SchoolProfile
from dpo_desk.reports.engine import DocumentInfo, DocumentPart, Letterhead


@dataclass(frozen=True)
class PrintStudent:
    """One student as the printouts name them. ``states``: option key -> status on the
    print date (empty when the document does not need it)."""

    student_id: int
    last_name: str
    first_names: str
    class_name: str
    birth_date: date | None
    scan_code: str = ""
    states: dict[str, ConsentState] = field(default_factory=dict)
    gaps: tuple[str, ...] = ()
    """What is missing from this student's consent, in words (reminders, status list)."""
    received_on: date | None = None
    """When the latest form came back (status list)."""
    form_version: int | None = None
    """The text version of the latest form (status list)."""

    @property
    def full_name(self) -> str:
        """As in a letter: "Deniz Yılmaz"."""
        return f"{self.first_names} {self.last_name}".strip()

    @property
    def list_name(self) -> str:
        """As in a class list: "Yılmaz, Deniz"."""
        return f"{self.last_name}, {self.first_names}" if self.first_names else self.last_name


@dataclass(frozen=True)
class ConsentPrint:
    """What every consent printout needs: the school, the text version printed, the
    students (sorted by class, then name) and the print date. ``linked_snapshot`` is the
    released register entry linked to the template: its Art. 13 information replaces the
    template's information text on the forms."""

    school: SchoolProfile
    letterhead: Letterhead
    version: ConsentTemplateVersion
    students: tuple[PrintStudent, ...]
    printed_on: date
    linked_snapshot: dict[str, Any] | None = None
    duplex: bool = False
    option_keys: tuple[str, ...] = ()
    """The options a participants list shows (empty: all)."""
    two_per_sheet: bool = False
    """Return slips as two A5 halves on one A4 sheet, with a cut line."""
    with_slips: bool = True
    """Reminders: a return slip after each letter."""
    continued: bool = False
    """More students follow in another part of the same stack (``reports.parallel``)."""

    def by_class(self) -> Iterator[tuple[str, list[PrintStudent]]]:
        """The students class by class, in the order given."""
        for class_name, students in groupby(self.students, key=lambda s: s.class_name):
            yield class_name, list(students)

    @property
    def version_label(self) -> str:
        return str(self.version.version)


ClassFlowables = Callable[["ConsentPrint", str, list[PrintStudent]], list[Any]]


def per_class_document(
    job: ConsentPrint, subject: str, title: str, part_title: str, flowables: ClassFlowables
) -> tuple[DocumentInfo, list[DocumentPart]]:
    """A list printed class by class: one part (page) per class, the letterhead only once."""
    info = DocumentInfo(
        title=title,
        letterhead=job.letterhead,
        subject=subject,
        version=job.version_label,
        printed_on=job.printed_on,
        duplex=job.duplex,
    )
    parts = [
        DocumentPart(
            flowables(job, class_name, students),
            title=f"{part_title} – Klasse {class_name or '–'}",
            with_letterhead=False,
        )
        for class_name, students in job.by_class()
    ]
    return info, parts
