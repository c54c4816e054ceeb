"""Frozen released versions of a register entry and their readable form.

A snapshot is plain JSON so that it stays readable whatever later versions of the app change
in the tables: it carries the names of processors and measures, not only their ids.
``entry_rows`` turns one into labelled rows in the order of Art. 30(1) a–g (plain values: the
PDF and any other writer lay them out); lists stay lists.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dpo_desk.core.register.countries import country_name, is_third_country
from dpo_desk.core.register.values import (
    DSFA_LABELS,
    SAFEGUARDS,
    TOM_STATUSES,
    ActivityData,
    legal_basis_summary,
)
from dpo_desk.core.schools import SchoolProfile

SNAPSHOT_FORMAT = 2
NO_AUTOMATED_DECISION = (
    "Eine ausschließlich automatisierte Entscheidung einschließlich Profiling (Art. 22 DSGVO) "
    "findet nicht statt."
)


@dataclass(frozen=True)
class EntryRow:
    """One labelled row; ``items`` are its lines, printed as a list when ``as_list``."""

    label: str
    items: tuple[str, ...] = ()
    as_list: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.items)


def make_snapshot(
    key: str,
    number: int,
    released_at: datetime,
    released_by: str,
    data: ActivityData,
    processors: list[dict[str, Any]],
    toms: list[dict[str, str]],
    created_at: datetime | None = None,
    changed_at: datetime | None = None,
    approved: tuple[str, str] = ("", ""),
) -> dict[str, Any]:
    values = data.as_dict()
    values.pop("processor_ids")
    values.pop("tom_ids")
    values["next_review"] = data.next_review.isoformat() if data.next_review else None
    return {
        "format": SNAPSHOT_FORMAT,
        "key": key,
        "version": number,
        "released_at": released_at.isoformat(),
        "released_by": released_by,
        "approved_by": approved[0],
        "approved_role": approved[1],
        "created_at": created_at.isoformat() if created_at else None,
        "changed_at": changed_at.isoformat() if changed_at else None,
        "activity": values,
        "processors": processors,
        "toms": toms,
    }


def _date(text: str | None) -> str:
    return date.fromisoformat(text).strftime("%d.%m.%Y") if text else ""


def _instant(text: str | None) -> str:
    """An ISO instant as the local calendar day, ``dd.mm.yyyy``."""
    return datetime.fromisoformat(text).astimezone().strftime("%d.%m.%Y") if text else ""


def _row(label: str, *lines: str) -> EntryRow:
    return EntryRow(label, tuple(line for line in lines if line))


def _list(label: str, items: list[str]) -> EntryRow:
    return EntryRow(label, tuple(i for i in items if i), as_list=True)


def transfer_lines(snapshot: dict[str, Any]) -> list[str]:
    """Every transfer outside the EU/EEA: the entry's own and those of sub-processors."""
    a = snapshot["activity"]
    lines = [
        f"{country_name(t['country'])}: {t['recipient'] or 'Empfänger nicht genannt'} – "
        f"{SAFEGUARDS.get(t['safeguard'], 'keine Garantie dokumentiert')}"
        for t in a["transfers"]
    ]
    for processor in snapshot["processors"]:
        for sub in processor.get("sub_processors", []):
            if is_third_country(sub["country"]):
                lines.append(
                    f"{country_name(sub['country'])}: {sub['name']} ({sub['service']}, "
                    f"Unterauftragnehmer von {processor['name']}) – "
                    f"{SAFEGUARDS.get(sub['safeguard'], 'keine Garantie dokumentiert')}"
                )
    return lines


def controller_rows(school: SchoolProfile) -> list[EntryRow]:
    """Art. 30(1) a: the controller and the DPO with contact details, on every entry."""
    address = ", ".join(p for p in (school.street, f"{school.postcode} {school.town}".strip()) if p)
    return [
        _row(
            "Verantwortlicher (lit. a)",
            school.name,
            address,
            school.head_name and f"vertreten durch die Schulleitung {school.head_name}",
        ),
        _row(
            "Datenschutzbeauftragte/r (lit. a)",
            ", ".join(p for p in (school.dpo_name, school.dpo_organisation) if p),
            " · ".join(p for p in (school.dpo_email, school.dpo_phone) if p),
        ),
    ]


def entry_rows(snapshot: dict[str, Any], school: SchoolProfile | None = None) -> list[EntryRow]:
    """Labelled rows of one released version in the order of Art. 30(1), then the details
    German practice adds (systems, hosting, DSFA, review, dates)."""
    a = snapshot["activity"]
    recipients_in = [r["name"] for r in a["recipients"] if not r["external"]]
    recipients_out = [r["name"] for r in a["recipients"] if r["external"]]
    toms = [
        t["title"]
        + (
            f" ({TOM_STATUSES[t['status']]})"
            if t.get("status") and t["status"] != "in_place" and t["status"] in TOM_STATUSES
            else ""
        )
        for t in snapshot["toms"]
    ]
    dsfa = DSFA_LABELS.get(a["dsfa"], a["dsfa"])
    if a["dsfa_result"]:
        dsfa = f"{dsfa} – {a['dsfa_result']}"
    consent = "nein"
    if a["consent_based"]:
        consent = "ja, Vorlage: " + (a["consent_template_key"] or "noch nicht verknüpft")
    automated = NO_AUTOMATED_DECISION
    if a.get("automated_decision"):
        automated = "ja: " + (a.get("automated_decision_logic") or "Angaben fehlen")
    rows = controller_rows(school) if school is not None else []
    rows += [
        _row("Bezeichnung", a["name"]),
        _row("Gemeinsam Verantwortliche", a["joint_controllers"]),
        _row("Zuständige Stelle", a["department"]),
        _row("Ansprechperson", a["contact_person"]),
        _row("Zwecke (lit. b)", a["purposes"]),
        _row("Rechtsgrundlage", legal_basis_summary(a["legal_bases"], a["legal_basis_text"])),
        _row("Beruht auf Einwilligung", consent),
        _list("Betroffene Personen (lit. c)", a["data_subjects"]),
        _list(
            "Datenkategorien und Löschfristen (lit. c, f)",
            [
                f"{c['name']} – Löschfrist: {c['erasure_period'] or 'nicht angegeben'}"
                for c in a["data_categories"]
            ],
        ),
        _row("Besondere Kategorien (Art. 9)", "ja" if a["special_categories"] else "nein"),
        _row("Herkunft der Daten", a.get("data_source", "")),
        _list("Empfänger intern (lit. d)", recipients_in),
        _list("Empfänger extern (lit. d)", recipients_out),
        _list(
            "Auftragsverarbeiter",
            [f"{p['name']} ({country_name(p['country'])})" for p in snapshot["processors"]],
        ),
        _list("Drittlandübermittlung (lit. e)", transfer_lines(snapshot))
        if transfer_lines(snapshot)
        else _row("Drittlandübermittlung (lit. e)", "keine"),
        _row("Technische und organisatorische Maßnahmen (lit. g)", a["tom_description"]),
        _list("Maßnahmen im Einzelnen (lit. g)", toms),
        _list("Systeme und Module", a.get("systems", [])),
        _row("Ort der Verarbeitung (Hosting)", a.get("hosting_location", "")),
        _row("Automatisierte Entscheidung (Art. 22)", automated),
        _row("DSFA", dsfa),
        _row("Prüfintervall", f"{a['review_interval_months']} Monate"),
        _row("Nächste Überprüfung", _date(a["next_review"])),
        _row("Angelegt am", _instant(snapshot.get("created_at"))),
        _row("Zuletzt geändert am", _instant(snapshot.get("changed_at"))),
    ]
    return rows


def snapshot_rows(snapshot: dict[str, Any]) -> list[tuple[str, str]]:
    """``entry_rows`` as (label, text) pairs."""
    return [(row.label, row.text) for row in entry_rows(snapshot)]


def compare_snapshots(
    older: dict[str, Any], newer: dict[str, Any]
) -> list[tuple[str, str, str, bool]]:
    """Side by side in Art. 30 order: label, older text, newer text, and whether they differ."""
    old_rows = dict(snapshot_rows(older))
    return [
        (label, old_rows.get(label, ""), text, old_rows.get(label, "") != text)
        for label, text in snapshot_rows(newer)
    ]


UNCHANGED, REMOVED, ADDED = "same", "removed", "added"


@dataclass(frozen=True)
class ComparedLine:
    """One line of a side-by-side comparison: the label only on a field's first line."""

    label: str
    older: str
    newer: str
    kind_older: str = UNCHANGED
    kind_newer: str = UNCHANGED


def compare_lines(older: dict[str, Any], newer: dict[str, Any]) -> list[ComparedLine]:
    """Every field of the two versions line by line in Art. 30 order; lines only in the
    older version are marked removed, lines only in the newer one added."""
    old_rows = {row.label: row.items for row in entry_rows(older)}
    result: list[ComparedLine] = []
    for row in entry_rows(newer):
        before, after = list(old_rows.get(row.label, ())), list(row.items)
        lines: list[ComparedLine] = []
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                lines += [ComparedLine("", x, x) for x in before[i1:i2]]
                continue
            gone, new = before[i1:i2], after[j1:j2]
            for index in range(max(len(gone), len(new))):
                lines.append(
                    ComparedLine(
                        "",
                        gone[index] if index < len(gone) else "",
                        new[index] if index < len(new) else "",
                        REMOVED if index < len(gone) else UNCHANGED,
                        ADDED if index < len(new) else UNCHANGED,
                    )
                )
        if not lines:
            lines = [ComparedLine("", "", "")]
        first = lines[0]
        lines[0] = ComparedLine(
            row.label, first.older, first.newer, first.kind_older, first.kind_newer
        )
        result += lines
    return result
