"""Plain values the consent printouts are laid out from (gathered by ``services.printing``).

Forms, class signature sheets, reminder letters and participant lists all print one consent
template version for a list of students; these values carry exactly that, so the layout
modules need no database and the tests can print any edge case (e.g. a missing birth date).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from typing import Any

from dpo_desk.core.consent.status import ConsentState
from dpo_desk.core.consent.values import ConsentTemplateVersion
from dpo_desk.core.schools import SchoolProfile
from dpo_desk.reports.engine import Letterhead


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
    continued: bool = False
    """More students follow in another part of the same stack (``reports.parallel``)."""

    def by_class(self) -> Iterator[tuple[str, list[PrintStudent]]]:
        """The students class by class, in the order given."""
        for class_name, students in groupby(self.students, key=lambda s: s.class_name):
            yield class_name, list(students)

    @property
    def version_label(self) -> str:
        return str(self.version.version)
