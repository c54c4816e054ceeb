"""What a consent printout prints, gathered as plain values (``reports.consent.print_data``)
from the consent, roster, school and register services, after checking the request.

Rejected requests (unknown template, class or student, a template without options, nobody
to print for, nothing to remind) raise ``ValidationError`` with German messages.
"""

from __future__ import annotations

from dpo_desk.core.access import Right
from dpo_desk.core.consent.gaps import consent_gaps
from dpo_desk.core.consent.scan_code import make_scan_code
from dpo_desk.core.consent.values import StudentFacts
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.reports.consent.print_data import ConsentPrint, PrintStudent
from dpo_desk.reports.register.document import letterhead_of
from dpo_desk.services.consent.overview import StudentConsent, template_status
from dpo_desk.services.consent.scanning import school_code_key
from dpo_desk.services.consent.templates import TemplateInfo, get_template
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.printing.request import PrintDocument, PrintRequest
from dpo_desk.services.register.lifecycle import linked_snapshot
from dpo_desk.services.roster.students import list_classes
from dpo_desk.services.schools import get_logo, get_profile

NOTHING_TO_REMIND = (
    "Keine Erinnerung nötig: Von allen gewählten Schülerinnen und Schülern liegt eine "
    "vollständige, gültige Antwort vor."
)


def rejected(field: str, message: str) -> ValidationError:
    return ValidationError([Problem(field, message)])


def checked_template(ctx: ServiceContext, school_id: int, key: str) -> TemplateInfo:
    if not key.strip():
        raise rejected("template", "Bitte eine Einwilligungsvorlage wählen.")
    try:
        info = get_template(ctx, school_id, key)
    except LookupError as exc:
        raise rejected("template", str(exc.args[0] if exc.args else exc)) from None
    if not info.current.options:
        raise rejected(
            "template",
            f"Die Vorlage „{info.title}“ hat keine Optionen zum Ankreuzen. Bitte unter "
            "„Einwilligungen“ mindestens eine Option (JA/NEIN) anlegen.",
        )
    return info


def _nobody(info: TemplateInfo) -> ValidationError:
    return rejected(
        "class",
        f"Die Vorlage „{info.title}“ gilt für keine Schülerin und keinen Schüler der Schule. "
        "Bitte unter „Schüler & Klassen“ die Schülerliste einlesen oder die Klassen der "
        "Vorlage prüfen.",
    )


def _by_students(
    info: TemplateInfo, rows: list[StudentConsent], student_ids: tuple[int, ...]
) -> list[StudentConsent]:
    known = {row.student_id: row for row in rows}
    missing = [number for number in student_ids if number not in known]
    if missing:
        listed = ", ".join(str(number) for number in missing[:5])
        raise rejected(
            "student",
            f"Schüler Nr. {listed}: gibt es an dieser Schule nicht (mehr), oder die Vorlage "
            f"„{info.title}“ gilt nicht für sie oder ihn.",
        )
    wanted = set(student_ids)
    return [row for row in rows if row.student_id in wanted]


def chosen_rows(
    ctx: ServiceContext,
    school_id: int,
    info: TemplateInfo,
    rows: list[StudentConsent],
    request: PrintRequest,
) -> list[StudentConsent]:
    """The students of the request: chosen ones, chosen classes, or all."""
    if request.student_ids:
        return _by_students(info, rows, request.student_ids)
    if not request.class_names:
        if not rows:
            raise _nobody(info)
        return rows
    classes = {c.name.casefold(): c for c in list_classes(ctx, school_id)}
    wanted: set[str] = set()
    for name in request.class_names:
        found = classes.get(name.strip().casefold())
        if found is None:
            raise rejected("class", f"Die Klasse „{name}“ gibt es im aktuellen Schuljahr nicht.")
        members = [r for r in rows if r.class_name.casefold() == found.name.casefold()]
        if not members:
            reason = (
                "hat keine Schülerinnen und Schüler"
                if found.student_count == 0
                else f"gehört nicht zu den Klassen, für die die Vorlage „{info.title}“ gilt"
            )
            raise rejected("class", f"Die Klasse {found.name} {reason}. Es gibt nichts zu drucken.")
        wanted.add(found.name.casefold())
    return [r for r in rows if r.class_name.casefold() in wanted]


def gaps_of(row: StudentConsent, info: TemplateInfo) -> tuple[str, ...]:
    facts = StudentFacts(row.birth_date, row.left_on)
    return tuple(gap.text for gap in consent_gaps(row.states, row.latest_form, info.core, facts))


def gather(ctx: ServiceContext, school_id: int, request: PrintRequest) -> ConsentPrint:
    """Check the request and collect what the document prints (no layout yet)."""
    ctx.require(Right.PRINT, school_id, "Einwilligungsformulare und Listen drucken")
    info = checked_template(ctx, school_id, request.template_key)
    version = info.current
    option_keys: tuple[str, ...] = ()
    if request.option_key:
        if version.option(request.option_key) is None:
            known = ", ".join(f"{o.key} ({o.label})" for o in version.options)
            raise rejected(
                "option",
                f"Die Vorlage „{info.title}“ hat keine Option „{request.option_key}“. "
                f"Vorhanden: {known}.",
            )
        option_keys = (request.option_key,)
    day = request.printed_on or ctx.clock.today()
    status = template_status(ctx, school_id, info.key, on=day)
    rows = chosen_rows(ctx, school_id, info, status.rows, request)
    document = request.document
    with_gaps = document in (PrintDocument.REMINDERS, PrintDocument.STATUS_LIST)
    gaps = {row.student_id: gaps_of(row, info) for row in rows} if with_gaps else {}
    if document is PrintDocument.REMINDERS:
        rows = [row for row in rows if gaps[row.student_id]]
        if not rows:
            raise rejected("class", NOTHING_TO_REMIND)
    school_key = ""
    if document.with_codes:
        with ctx.reading() as session:
            school_key = school_code_key(session, school_id)
    students = tuple(
        PrintStudent(
            student_id=row.student_id,
            last_name=row.last_name,
            first_names=row.first_names,
            class_name=row.class_name,
            birth_date=row.birth_date,
            scan_code=make_scan_code(school_key, row.student_id, info.key, version.version)
            if document.with_codes
            else "",
            states={key: value.state for key, value in row.states.items()},
            gaps=gaps.get(row.student_id, ()),
            received_on=row.latest_form.received_on if row.latest_form else None,
            form_version=row.latest_form.template_version if row.latest_form else None,
        )
        for row in rows
    )
    profile = get_profile(ctx, school_id)
    with_information = document in (PrintDocument.CONSENT_FORMS, PrintDocument.LETTER_AND_SLIPS)
    return ConsentPrint(
        school=profile,
        letterhead=letterhead_of(profile, get_logo(ctx, school_id)),
        version=version,
        students=students,
        printed_on=day,
        linked_snapshot=linked_snapshot(ctx, school_id, info.key) if with_information else None,
        duplex=request.duplex,
        option_keys=option_keys,
        two_per_sheet=request.two_per_sheet,
    )
