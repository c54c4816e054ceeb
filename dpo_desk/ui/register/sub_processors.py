"""The sub-processors of a processor form: name, country, service, safeguard, the day the
school approved it (Art. 28(2)), the transfer impact assessment and supplementary measures."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dpo_desk.core.dates import format_date, parse_date
from dpo_desk.core.register.countries import COUNTRIES
from dpo_desk.core.register.values import SAFEGUARDS, ProcessorData, SubProcessorData
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.ui.register.grids import EditableGrid

SAFEGUARD_CHOICES = {"": "keine / nicht nötig", **SAFEGUARDS}
COUNTRY_CHOICES = {code: f"{name} ({code})" for code, name in COUNTRIES.items()}


def _day(value: date | None) -> str:
    return format_date(value) if value else ""


def subs_tab(dialog, d: ProcessorData) -> QWidget:
    """The sub-processors as a grid on ``dialog`` (``dialog.subs``), with a hint on dates."""
    dialog.subs = EditableGrid(
        "processor_sub_processors",
        "Unterauftragnehmer",
        [
            ("Name", "text"),
            ("Land", COUNTRY_CHOICES),
            ("Leistung", "text"),
            ("Garantie", SAFEGUARD_CHOICES),
            ("Genehmigt am", "text"),
            ("Transfer-FA am", "text"),
            ("Zusätzliche Maßnahmen", "text"),
        ],
    )
    dialog.subs.set_rows(
        [
            (
                s.name,
                s.country,
                s.service,
                s.safeguard,
                _day(s.approved_on),
                _day(s.tia_on),
                s.supplementary_measures,
            )
            for s in d.sub_processors
        ]
    )
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(
        QLabel(
            dialog.tr(
                "Daten als TT.MM.JJJJ. Genehmigt am: wann die Schule zugestimmt hat "
                "(Art. 28 Abs. 2). Transfer-FA: Transfer-Folgenabschätzung bei "
                "Standardvertragsklauseln."
            )
        )
    )
    layout.itemAt(0).widget().setWordWrap(True)
    layout.addWidget(dialog.subs, 1)
    return page


def sub_values(grid: EditableGrid) -> list[SubProcessorData]:
    """The grid's rows; a malformed date raises ValidationError naming row and column."""
    subs, problems = [], []
    for row, (name, country, service, guard, approved, tia, extra) in enumerate(
        grid.values(), start=1
    ):
        days = []
        for text, label, column in (
            (approved, "Genehmigt am", "approved_on"),
            (tia, "Transfer-Folgenabschätzung", "tia_on"),
        ):
            try:
                days.append(parse_date(str(text)) if str(text).strip() else None)
            except ValueError as exc:
                problems.append(
                    Problem(
                        f"sub_processors[{row - 1}].{column}",
                        f"Unterauftragnehmer {row}, {label}: {exc}",
                    )
                )
                days.append(None)
        subs.append(
            SubProcessorData(
                str(name), str(country), str(service), str(guard), days[0], str(extra), days[1]
            )
        )
    if problems:
        raise ValidationError(problems)
    return subs
