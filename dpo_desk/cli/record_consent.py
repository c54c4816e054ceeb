"""``dpo-desk consent record|revoke``: entering a returned form or a revocation from a
script, with the same rules as the recorder.

``record --template KEY --student ID --answers audio=ja,video=nein [--signatures
eltern,schueler] [--signed DATE] [--received DATE] [--version N]`` and ``revoke --template
KEY --student ID [--options video] --effective DATE [--declared DATE] [--received DATE]
[--channel brief|email|persoenlich|notiz]``. An entry that conflicts with what is recorded
or changes no status is refused with exit code 3 and the German explanation (nothing is
stored); ``--force`` stores it as the person in the window would decide it: this entry is
the newer declaration (or, where it only changes nothing, stored as proof).
"""

from __future__ import annotations

import argparse
from datetime import date

from dpo_desk.cli.support import CliError, add_school_option, open_context
from dpo_desk.core.consent.values import Channel, SignerRole
from dpo_desk.core.dates import parse_date

ANSWERS = {"ja": True, "j": True, "nein": False, "n": False, "leer": None, "-": None}
SIGNERS = {
    "eltern": SignerRole.GUARDIANS,
    "erziehungsberechtigte": SignerRole.GUARDIANS,
    "schueler": SignerRole.STUDENT,
    "schüler": SignerRole.STUDENT,
}
CHANNELS = {
    "brief": Channel.LETTER,
    "email": Channel.EMAIL,
    "persoenlich": Channel.IN_PERSON,
    "persönlich": Channel.IN_PERSON,
    "notiz": Channel.NOTE,
}


def _day(option: str, text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        raise CliError(f"Fehler: {option}: {exc}") from None


def _answers(text: str) -> dict[str, bool | None]:
    answers: dict[str, bool | None] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, _, value = part.partition("=")
        if value.strip().casefold() not in ANSWERS or not key.strip():
            raise CliError(
                f"Fehler: --answers: „{part}“ verstehe ich nicht (Form: audio=ja,video=nein; "
                "Werte ja, nein, leer)."
            )
        answers[key.strip()] = ANSWERS[value.strip().casefold()]
    return answers


def _listed(option: str, text: str | None, names: dict, what: str) -> list:
    if text is None:
        return []
    chosen = []
    for part in filter(None, (p.strip().casefold() for p in text.split(","))):
        if part not in names:
            raise CliError(
                f"Fehler: {option}: „{part}“ ist keine {what} ({', '.join(sorted(names))})."
            )
        chosen.append(names[part])
    return chosen


def add_entry_commands(actions: argparse._SubParsersAction) -> None:
    record = actions.add_parser("record", help="ein zurückgekommenes Formular erfassen")
    record.add_argument("--template", required=True, metavar="KÜRZEL")
    record.add_argument("--student", required=True, type=int, metavar="NR")
    record.add_argument("--answers", required=True, metavar="OPTION=ja|nein,…")
    record.add_argument("--signatures", metavar="eltern,schueler", help="geleistete Unterschriften")
    record.add_argument("--signed", metavar="DATUM", help="Unterschriftsdatum auf dem Formular")
    record.add_argument("--received", metavar="DATUM", help="Eingang in der Schule (sonst heute)")
    record.add_argument(
        "--version",
        type=int,
        metavar="N",
        help="Textversion auf dem Papier (sonst: zuletzt gedruckt)",
    )
    record.add_argument("--force", action="store_true", help="bei Konflikt: diese Eingabe gilt")
    add_school_option(record)
    record.set_defaults(handler=_record)

    revoke = actions.add_parser("revoke", help="einen Widerruf erfassen")
    revoke.add_argument("--template", required=True, metavar="KÜRZEL")
    revoke.add_argument("--student", required=True, type=int, metavar="NR")
    revoke.add_argument("--options", metavar="OPTION,…", help="nur diese Optionen (sonst alle)")
    revoke.add_argument("--effective", required=True, metavar="DATUM", help="wirksam ab")
    revoke.add_argument("--declared", metavar="DATUM", help="erklärt am (sonst: wirksam ab)")
    revoke.add_argument("--received", metavar="DATUM", help="Eingang in der Schule (sonst heute)")
    revoke.add_argument("--channel", default="brief", choices=sorted(CHANNELS), help="Eingang per")
    revoke.add_argument("--force", action="store_true", help="bei Konflikt: dieser Widerruf gilt")
    add_school_option(revoke)
    revoke.set_defaults(handler=_revoke)


def _decision(args: argparse.Namespace, needed) -> object:
    """The decision ``--force`` stands for on ``needed``."""
    from dpo_desk.core.consent.events import Precedence

    return Precedence.ENTRY if Precedence.ENTRY in needed.choices else Precedence.CONFIRMED


def _report(recorded, what: str) -> int:
    notice = recorded.review.message if recorded.review is not None else ""
    print(f"{what} gespeichert (Eintrag {recorded.id}).{(' ' + notice) if notice else ''}")
    return 0


def _record(args: argparse.Namespace) -> int:
    from dpo_desk.services.consent.recording import (
        DecisionNeeded,
        FormEntry,
        record_form,
        stored,
    )
    from dpo_desk.services.schools import find_school

    ctx = open_context(args)
    school_id = find_school(ctx, args.school).id
    entry = FormEntry(
        args.student,
        _answers(args.answers),
        received_on=_day("--received", args.received) or ctx.clock.today(),
        signed_on=_day("--signed", args.signed),
        signed_by=frozenset(_listed("--signatures", args.signatures, SIGNERS, "Unterschrift")),
        entry_method="script",
    )
    result = record_form(ctx, school_id, args.template, entry, version=args.version)
    if isinstance(result, DecisionNeeded) and args.force:
        decision = _decision(args, result)
        result = record_form(
            ctx, school_id, args.template, entry, version=args.version, decision=decision
        )
    return _report(stored(result), "Formular")


def _revoke(args: argparse.Namespace) -> int:
    from dpo_desk.services.consent.recording import (
        DecisionNeeded,
        RevocationEntry,
        record_revocation,
        stored,
    )
    from dpo_desk.services.schools import find_school

    ctx = open_context(args)
    school_id = find_school(ctx, args.school).id
    effective = _day("--effective", args.effective)
    assert effective is not None
    options = None
    if args.options:
        options = frozenset(filter(None, (p.strip() for p in args.options.split(","))))
    entry = RevocationEntry(
        args.student,
        _day("--declared", args.declared) or effective,
        CHANNELS[args.channel],
        options,
        effective,
        received_on=_day("--received", args.received),
    )
    result = record_revocation(ctx, school_id, args.template, entry)
    if isinstance(result, DecisionNeeded) and args.force:
        result = record_revocation(
            ctx, school_id, args.template, entry, decision=_decision(args, result)
        )
    return _report(stored(result), "Widerruf")
