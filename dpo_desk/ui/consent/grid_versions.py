"""Which text version a row of the recording grid is recorded against, for the grid to show.

A typed form is recorded against the version last printed for the student (the print log);
the secretary can switch to another version printed for that student (key F) when the paper
in her hand is an older printout. A scanned code names its version itself. Versions from
before the print log (``legacy_print``) may have been handed out without a log entry and are
offered as well. The service checks the choice again (``print_log.entry_version``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dpo_desk.core.dates import format_date
from dpo_desk.services.consent.print_log import PrintedVersion
from dpo_desk.services.consent.templates import TemplateInfo


@dataclass
class RowVersions:
    """The versions printed per student of the class shown, and how to name them."""

    info: TemplateInfo | None = None
    printed: dict[int, list[PrintedVersion]] = field(default_factory=dict)

    def label(self, number: int | None) -> str:
        """ "Fassung 3 vom 12.09.2026" (the date the text was released or written)."""
        if number is None:
            return "noch nicht gedruckt"
        version = self.info.version_info(number) if self.info is not None else None
        if version is None:
            return f"Fassung {number}"
        day = version.released_on or version.created_at.date()
        return f"Fassung {number} vom {format_date(day)}"

    def choices(self, student_id: int) -> list[int]:
        """The versions the family may have received, the one printed last first."""
        numbers = [p.version for p in self.printed.get(student_id, [])]
        if self.info is not None:
            legacy = [v.number for v in reversed(self.info.versions) if v.legacy_print]
            numbers += [n for n in legacy if n not in numbers]
        return numbers

    def default(self, student_id: int) -> int | None:
        """The version a typed form is recorded against unless another is chosen."""
        choices = self.choices(student_id)
        return choices[0] if choices else None

    def following(self, student_id: int, current: int | None) -> int | None:
        """The next version to offer after ``current`` (round the choices)."""
        choices = self.choices(student_id)
        if not choices:
            return None
        if current not in choices:
            return choices[0]
        return choices[(choices.index(current) + 1) % len(choices)]

    def tooltip(self, student_id: int) -> str:
        printed = self.printed.get(student_id, [])
        if not printed:
            lines = ["Für sie oder ihn ist kein Druck dieser Vorlage verzeichnet."]
        else:
            lines = ["Gedruckt für sie oder ihn:"] + [
                f"{self.label(p.version)}, gedruckt am "
                f"{format_date(p.printed_at.astimezone().date())}"
                for p in printed
            ]
        lines.append("F wählt eine andere gedruckte Fassung (wie auf dem Papier).")
        return "\n".join(lines)
