"""Findings for 60 register entries (< 100 ms), the register PDF with 60 entries including
the two-pass table of contents (< 2 s, issue 18) and the bulk import of 100 TOM lines with
suggestions (< 200 ms, issue 18)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from harness import Figure, bench_app, median_ms

from dpo_desk.core.register.values import ProcessorData, SubProcessorData
from dpo_desk.services.register import activities, processors, tom_import, toms
from dpo_desk.services.register.catalogue import add_from_catalogue, catalogue_entries
from dpo_desk.services.register.findings import school_findings
from dpo_desk.services.register.lifecycle import release_activity
from dpo_desk.services.register.printing import print_register
from dpo_desk.services.schools import create_school
from tests.conftest import sample_profile

ENTRIES = 60
TOM_LINES = (
    "Zutrittskontrolle: Rechenzentrum mit Ausweiskarten",
    "Zwei-Faktor-Authentisierung für Administratoren",
    "Tägliche Datensicherung an einem zweiten Standort",
    "Verschlüsselung der Übertragung mit TLS 1.3",
    "Rollen- und Rechtekonzept",
    "Protokollierung administrativer Zugriffe",
    "Löschkonzept mit Fristen",
    "Schulung der Mitarbeitenden",
)


def _import_preview(ctx, vendor: int, annex: str) -> None:
    """What the import dialog does before the review: read, suggest, mark doubles."""
    preview = tom_import.preview_text(ctx, vendor, annex)
    assert len(tom_import.lines_to_measures(preview.lines, vendor)) == 100


def _fill(ctx, school_id: int) -> None:
    toms.add_starter_set(ctx, school_id)
    tom_ids = [t.id for t in toms.list_toms(ctx, school_id)][:6]
    vendor_ids = [
        processors.create_processor(
            ctx,
            school_id,
            ProcessorData(
                name=f"Anbieter {i} GmbH",
                sub_processors=[SubProcessorData(f"Push {i} Inc.", "US", "Push")],
            ),
        ).id
        for i in range(10)
    ]
    keys = [e.key for e in catalogue_entries()]
    for i in range(ENTRIES):
        entry = add_from_catalogue(ctx, school_id, keys[i % len(keys)])
        data = entry.data
        data.tom_ids = tom_ids
        data.processor_ids = [vendor_ids[i % len(vendor_ids)]]
        data.dsfa = "not_required"
        activities.update_activity(ctx, entry.id, data)
        release_activity(ctx, entry.id)


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        ctx = bench_app(folder)
        try:
            school_id = create_school(ctx, sample_profile()).id
            _fill(ctx, school_id)
            findings_ms = median_ms(lambda: school_findings(ctx, school_id), repeat=7)
            target = Path(folder) / "vvt.pdf"
            pdf_ms = median_ms(
                lambda: print_register(ctx, school_id, target, today=date.today()), repeat=3
            )
            vendor = processors.create_processor(
                ctx, school_id, ProcessorData(name="TOM-Anlage GmbH")
            ).id
            annex = "\n".join(f"{TOM_LINES[i % len(TOM_LINES)]} (Nr. {i})" for i in range(100))
            import_ms = median_ms(lambda: _import_preview(ctx, vendor, annex), repeat=7)
        finally:
            ctx.db.close()
    return [
        Figure("Prüfungen für 60 VVT-Einträge", findings_ms, "ms", 100),
        Figure(
            "VVT-PDF mit 60 Einträgen (Inhaltsverzeichnis in zwei Durchgängen)",
            pdf_ms / 1000,
            "s",
            2,
        ),
        Figure("Sammelimport: 100 TOM-Zeilen mit Vorschlägen", import_ms, "ms", 200),
    ]
