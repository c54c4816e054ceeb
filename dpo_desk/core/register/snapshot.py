"""Frozen released versions of a register entry and their readable form.

A snapshot is plain JSON so that it stays readable whatever later versions of the app change
in the tables: it carries the names of processors and measures, not only their ids.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from dpo_desk.core.register.countries import country_name, is_third_country
from dpo_desk.core.register.values import (
    DSFA_LABELS,
    SAFEGUARDS,
    ActivityData,
    legal_basis_summary,
)

SNAPSHOT_FORMAT = 1


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
        "created_at": created_at.isoformat() if created_at else None,
        "changed_at": changed_at.isoformat() if changed_at else None,
        "activity": values,
        "processors": processors,
        "toms": toms,
    }


def _lines(items: list[str]) -> str:
    return "\n".join(item for item in items if item)


def _date(text: str | None) -> str:
    return date.fromisoformat(text).strftime("%d.%m.%Y") if text else ""


def _instant(text: str | None) -> str:
    """An ISO instant as the local calendar day, ``dd.mm.yyyy``."""
    return datetime.fromisoformat(text).astimezone().strftime("%d.%m.%Y") if text else ""


def snapshot_rows(snapshot: dict[str, Any]) -> list[tuple[str, str]]:
    """Labelled, printable rows of one released version in the order of Art. 30(1)."""
    a = snapshot["activity"]
    recipients_in = [r["name"] for r in a["recipients"] if not r["external"]]
    recipients_out = [r["name"] for r in a["recipients"] if r["external"]]
    transfers = [
        f"{country_name(t['country'])}: {t['recipient'] or 'Empfänger nicht genannt'} – "
        f"{SAFEGUARDS.get(t['safeguard'], 'keine Garantie dokumentiert')}"
        for t in a["transfers"]
    ]
    for processor in snapshot["processors"]:
        for sub in processor.get("sub_processors", []):
            if is_third_country(sub["country"]):
                transfers.append(
                    f"{country_name(sub['country'])}: {sub['name']} ({sub['service']}, "
                    f"Unterauftragnehmer von {processor['name']}) – "
                    f"{SAFEGUARDS.get(sub['safeguard'], 'keine Garantie dokumentiert')}"
                )
    toms = [t["title"] for t in snapshot["toms"]]
    tom_text = _lines([a["tom_description"], *(f"• {t}" for t in toms)])
    dsfa = DSFA_LABELS.get(a["dsfa"], a["dsfa"])
    if a["dsfa_result"]:
        dsfa = f"{dsfa} – {a['dsfa_result']}"
    consent = "nein"
    if a["consent_based"]:
        consent = "ja, Vorlage: " + (a["consent_template_key"] or "noch nicht verknüpft")
    return [
        ("Bezeichnung", a["name"]),
        ("Gemeinsam Verantwortliche", a["joint_controllers"]),
        ("Zuständige Stelle", a["department"]),
        ("Ansprechperson", a["contact_person"]),
        ("Zwecke (lit. b)", a["purposes"]),
        ("Rechtsgrundlage", legal_basis_summary(a["legal_bases"], a["legal_basis_text"])),
        ("Beruht auf Einwilligung", consent),
        ("Betroffene Personen (lit. c)", _lines(a["data_subjects"])),
        (
            "Datenkategorien und Löschfristen (lit. c, f)",
            _lines([f"{c['name']}: {c['erasure_period']}" for c in a["data_categories"]]),
        ),
        ("Besondere Kategorien (Art. 9)", "ja" if a["special_categories"] else "nein"),
        ("Empfänger intern (lit. d)", _lines(recipients_in)),
        ("Empfänger extern (lit. d)", _lines(recipients_out)),
        (
            "Auftragsverarbeiter",
            _lines([f"{p['name']} ({country_name(p['country'])})" for p in snapshot["processors"]]),
        ),
        ("Drittlandübermittlung (lit. e)", _lines(transfers) or "keine"),
        ("Technische und organisatorische Maßnahmen (lit. g)", tom_text),
        ("DSFA", dsfa),
        ("Prüfintervall", f"{a['review_interval_months']} Monate"),
        ("Nächste Überprüfung", _date(a["next_review"])),
        ("Angelegt am", _instant(snapshot.get("created_at"))),
        ("Zuletzt geändert am", _instant(snapshot.get("changed_at"))),
    ]


def compare_snapshots(
    older: dict[str, Any], newer: dict[str, Any]
) -> list[tuple[str, str, str, bool]]:
    """Side by side: label, older text, newer text, and whether they differ."""
    old_rows = dict(snapshot_rows(older))
    return [
        (label, old_rows.get(label, ""), text, old_rows.get(label, "") != text)
        for label, text in snapshot_rows(newer)
    ]
