"""The demo register: plausible, with visible findings, and re-runnable."""

from __future__ import annotations

from dpo_desk.services.demo.register import seed
from dpo_desk.services.demo.schools import seed_schools
from dpo_desk.services.register import activities, processors, toms
from dpo_desk.services.register.findings import school_findings


def test_demo_register_is_plausible_and_not_duplicated(ctx) -> None:
    demo_schools = seed_schools(ctx)
    seed(ctx, demo_schools)
    seed(ctx, demo_schools)
    small, large = demo_schools
    for school in demo_schools:
        entries = {a.key: a for a in activities.list_activities(ctx, school.id)}
        assert set(entries) == {
            "schulverwaltung",
            "lernplattform",
            "videokonferenz",
            "messenger",
            "homepage",
        }
        assert entries["lernplattform"].status == "released"
        assert entries["lernplattform"].processors == "Lernwolke Bildungsdienste GmbH (Demo)"
        assert entries["messenger"].status == "draft"
        assert len(processors.list_processors(ctx, school.id)) == 4
        vendor = next(
            p for p in processors.list_processors(ctx, school.id) if "Lernwolke" in p.name
        )
        vendor_toms = toms.list_toms(ctx, school.id, vendor.id)
        assert len(vendor_toms) == 7
        assert {t.status for t in vendor_toms} == {"in_place", "optional", "planned"}
    messenger = next(
        p for p in processors.all_processor_details(ctx, large.id) if "SchulFunk" in p.data.name
    )
    push = messenger.data.sub_processors[1]
    assert (push.country, push.service) == ("US", "Push-Benachrichtigungen")
    large_codes = {f.code for f in school_findings(ctx, large.id)}
    assert {"third_country_without_safeguard", "contract_not_signed"} <= large_codes
    small_codes = {f.code for f in school_findings(ctx, small.id)}
    assert "third_country_without_safeguard" not in small_codes
