"""Checks of consent input before anything is stored: templates, returned forms,
revocations, corrections. Every problem is a German message naming the field."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from dpo_desk.core.consent.events import (
    ConsentEvent,
    Correction,
    FormReturned,
    Revocation,
)
from dpo_desk.core.consent.values import (
    ConsentTemplate,
    ConsentTemplateVersion,
    DurationKind,
    StudentFacts,
)
from dpo_desk.core.dates import format_date
from dpo_desk.core.validation import Problem, ValidationError

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
LEGAL_AGE = 18


def _key_problem(field: str, label: str, key: str) -> Problem | None:
    if KEY_PATTERN.match(key):
        return None
    return Problem(
        field,
        f"{label}: „{key}“ ist kein gültiges Kürzel. Erlaubt sind Kleinbuchstaben (ohne "
        "Umlaute), Ziffern, - und _, höchstens 40 Zeichen.",
    )


def template_problems(version: ConsentTemplateVersion) -> list[Problem]:
    """Everything missing or contradictory in a template version."""
    problems: list[Problem] = []
    if problem := _key_problem("key", "Kürzel", version.template_key):
        problems.append(problem)
    for field, label, value in (
        ("title", "Titel", version.title),
        ("purpose", "Zweck", version.purpose),
        ("information_text", "Informationstext", version.information_text),
        ("declaration_text", "Erklärungstext", version.declaration_text),
        ("voluntary_note", "Hinweis zur Freiwilligkeit", version.voluntary_note),
    ):
        if not value.strip():
            problems.append(Problem(field, f"{label}: Bitte ausfüllen."))
    if not version.options:
        problems.append(Problem("options", "Optionen: Mindestens eine Option (JA/NEIN) ist nötig."))
    seen: set[str] = set()
    for index, option in enumerate(version.options, start=1):
        field = f"options.{index}"
        if problem := _key_problem(field, f"Option {index}", option.key):
            problems.append(problem)
        if option.key in seen:
            problems.append(
                Problem(field, f"Option {index}: Das Kürzel „{option.key}“ gibt es zweimal.")
            )
        seen.add(option.key)
        if not option.label.strip():
            problems.append(Problem(field, f"Option {index}: Bitte eine Bezeichnung angeben."))
    signers = version.signers
    if not 1 <= signers.co_signature_age <= signers.student_alone_age <= LEGAL_AGE:
        problems.append(
            Problem(
                "signers",
                "Unterschriften: Das Alter für die Mitunterschrift "
                f"({signers.co_signature_age}) darf nicht über dem Alter für die alleinige "
                f"Unterschrift ({signers.student_alone_age}) liegen, und dieses nicht über "
                f"{LEGAL_AGE}.",
            )
        )
    duration = version.duration
    if duration.kind is DurationKind.UNTIL_DATE and duration.end_date is None:
        problems.append(Problem("duration", "Geltungsdauer: Bitte das Enddatum angeben."))
    if duration.kind is DurationKind.WHILE_CONDITION and not duration.condition.strip():
        problems.append(
            Problem("duration", "Geltungsdauer: Bitte den Umstand beschreiben, solange sie gilt.")
        )
    if duration.renewal_years is not None and not 1 <= duration.renewal_years <= 10:
        problems.append(
            Problem("duration", "Erneuerung: Bitte zwischen 1 und 10 Jahren angeben (oder keine).")
        )
    if not 0 <= version.retention_years <= 10:
        problems.append(
            Problem(
                "retention_years",
                "Aufbewahrung des Nachweises: Bitte zwischen 0 und 10 Jahren angeben.",
            )
        )
    return problems


def returned_form_problems(
    form: FormReturned,
    student: StudentFacts,
    template: ConsentTemplate,
    today: date,
) -> list[Problem]:
    """Why a returned form cannot be recorded as entered (empty list: it can)."""
    problems: list[Problem] = []
    current = template.current
    version = template.version(form.template_version)
    if version is None:
        problems.append(
            Problem(
                "template_version",
                f"„{current.title}“ hat keine Version {form.template_version}. Bitte den "
                "Code auf dem Formular prüfen.",
            )
        )
    if student.left_on is not None and student.left_on < today:
        problems.append(
            Problem(
                "student",
                f"Die Schülerin bzw. der Schüler hat die Schule am {format_date(student.left_on)} "
                "verlassen. Für sie oder ihn wird keine Einwilligung mehr erfasst.",
            )
        )
    signed = form.signed_on
    if signed is not None and signed > today:
        problems.append(
            Problem(
                "signed_on",
                f"Unterschriftsdatum: Der {format_date(signed)} liegt in der Zukunft. "
                "Bitte das Datum auf dem Formular prüfen.",
            )
        )
    if form.received_on > today:
        problems.append(
            Problem(
                "received_on",
                f"Eingangsdatum: Der {format_date(form.received_on)} liegt in der Zukunft.",
            )
        )
    if signed is not None and form.received_on < signed:
        problems.append(
            Problem(
                "received_on",
                f"Eingangsdatum: Der {format_date(form.received_on)} liegt vor dem "
                f"Unterschriftsdatum {format_date(signed)}. Ein Formular kann nicht vor der "
                "Unterschrift eingehen.",
            )
        )
    if (
        version is not None
        and version.released_on is not None
        and form.declared_on < version.released_on
    ):
        problems.append(
            Problem(
                "signed_on",
                f"Unterschriftsdatum: Der {format_date(form.declared_on)} liegt vor der "
                f"Freigabe dieser Fassung am {format_date(version.released_on)}.",
            )
        )
    if version is not None:
        unknown = sorted(set(form.answers) - set(version.option_keys))
        if unknown:
            problems.append(
                Problem(
                    "answers",
                    f"Antworten: Die Option(en) {', '.join(unknown)} gibt es in Version "
                    f"{version.version} von „{version.title}“ nicht.",
                )
            )
    return problems


def revocation_problems(
    revocation: Revocation, template: ConsentTemplate, today: date
) -> list[Problem]:
    """Why a revocation cannot be recorded as entered."""
    problems: list[Problem] = []
    if revocation.declared_on > today:
        problems.append(
            Problem(
                "declared_on",
                f"Widerruf vom {format_date(revocation.declared_on)}: Das Datum liegt in der "
                "Zukunft. Ein späterer Wirkungstag kann unter „wirksam ab“ angegeben werden.",
            )
        )
    received = revocation.received_on
    if received is not None and received > today:
        problems.append(
            Problem(
                "received_on",
                f"Widerruf eingegangen am {format_date(received)}: Das Datum liegt in der Zukunft.",
            )
        )
    if received is not None and received < revocation.declared_on:
        problems.append(
            Problem(
                "received_on",
                f"Eingegangen am: Der {format_date(received)} liegt vor der Erklärung vom "
                f"{format_date(revocation.declared_on)}. Ein Widerruf kann nicht vor seiner "
                "Erklärung eingehen.",
            )
        )
    if revocation.effective_on is not None and revocation.effective_on < revocation.declared_on:
        problems.append(
            Problem(
                "effective_on",
                "Wirksam ab: Ein Widerruf wirkt nur für die Zukunft, frühestens ab dem "
                f"{format_date(revocation.declared_on)}.",
            )
        )
    if revocation.options is not None:
        known = {key for version in template.versions for key in version.option_keys}
        if not revocation.options:
            problems.append(
                Problem("options", "Widerruf: Bitte mindestens eine Option oder „alle“ wählen.")
            )
        unknown = sorted(revocation.options - known)
        if unknown:
            problems.append(
                Problem(
                    "options",
                    f"Widerruf: Die Option(en) {', '.join(unknown)} gibt es in "
                    f"„{template.current.title}“ nicht.",
                )
            )
    return problems


def correction_problems(correction: Correction, history: Sequence[ConsentEvent]) -> list[Problem]:
    """A correction must point at an event of this student and template."""
    if any(event.event_id == correction.supersedes for event in history):
        if correction.replacement is not None or correction.reason.strip():
            return []
        return [
            Problem("reason", "Korrektur: Bitte einen Grund angeben, wenn ein Eintrag entfällt.")
        ]
    return [
        Problem(
            "supersedes",
            "Korrektur: Der zu korrigierende Eintrag gehört nicht zu dieser Schülerin bzw. "
            "diesem Schüler und dieser Vorlage.",
        )
    ]


def _raise_if(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError(problems)


def validate_template(version: ConsentTemplateVersion) -> None:
    _raise_if(template_problems(version))


def validate_returned_form(
    form: FormReturned, student: StudentFacts, template: ConsentTemplate, today: date
) -> None:
    _raise_if(returned_form_problems(form, student, template, today))


def validate_revocation(revocation: Revocation, template: ConsentTemplate, today: date) -> None:
    _raise_if(revocation_problems(revocation, template, today))
