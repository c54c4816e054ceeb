"""Demo impact assessments: a signed-off one for the learning platform and a draft for the
video conferences with a high residual risk still open (so the Art. 36 note shows).

The threshold analysis and the sign-off write into the register entry's DSFA field; the demo
then releases the entry again, as a DPO would. Re-running finds the assessments and adds
nothing twice.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dpo_desk.core.dsfa.plan import DONE, IN_PROGRESS, ActionData, ViewData
from dpo_desk.core.dsfa.rules import APPROVED_WITH_CONDITIONS, ScenarioData
from dpo_desk.core.dsfa.threshold import ThresholdAnswers
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.demo.schools import DemoSchool
from dpo_desk.services.dsfa import assessments as dsfa
from dpo_desk.services.dsfa import plan, scenarios
from dpo_desk.services.register import activities
from dpo_desk.services.register.lifecycle import release_activity
from dpo_desk.services.register.toms import list_toms

ANALYSED_ON = date(2026, 9, 7)
SIGNED_ON = date(2026, 9, 21)

# catalogue key, (likelihood, severity) before, after
PLATFORM_RISKS = [
    ("bloss-stellung", (3, 3), (2, 3)),
    ("identitaetsdiebstahl", (3, 3), (1, 3)),
    ("profilbildung", (2, 4), (1, 4)),
    ("datenverlust", (2, 3), (1, 2)),
    ("unbefugte-offenlegung", (2, 4), (1, 4)),
    ("zugriff-beschaeftigte", (3, 2), (2, 2)),
    ("geraeteverlust", (3, 2), (2, 1)),
]
PLATFORM_VENDOR_TOMS = {
    "profilbildung": (
        "Getrennte Datenbanken je Schule",
        "Automatische Löschung der Abgaben zum Schuljahresende",
    ),
    "datenverlust": ("Stündliche Sicherung, 30 Tage aufbewahrt",),
    "unbefugte-offenlegung": ("Verschlüsselung aller Verbindungen (TLS 1.3)",),
    "zugriff-beschaeftigte": ("Protokoll der Administrationszugriffe",),
}
PLATFORM_TEXTS = {
    "necessity": (
        "Die Plattform ersetzt Papierkopien und E-Mail-Verteiler für Material, Aufgaben und "
        "Rückmeldungen; ohne sie wäre Unterricht bei Ausfall oder Distanz nicht möglich.\n\n"
        "Verarbeitet werden nur Name, Klasse, Kurse und die Inhalte der Kurse; Lernanalysen "
        "des Anbieters sind abgeschaltet. Abgaben werden zum Schuljahresende gelöscht, Konten "
        "drei Monate nach dem Abgang.\n\n"
        "Mildere Mittel (Materialordner im Schulnetz) erreichen die Kommunikation in Kursen "
        "nicht. Familien erhalten ein Informationsblatt; Anfragen laufen über das Sekretariat."
    ),
    "dpo_opinion": (
        "Nach Umsetzung der genannten Maßnahmen bleibt kein hohes Risiko. Die Verarbeitung ist "
        "aus Sicht des Datenschutzes vertretbar. Die Abschaltung der Lernanalysen ist "
        "vertraglich festzuhalten und jährlich zu prüfen."
    ),
    "head_decision_text": (
        "Lernanalysen bleiben abgeschaltet; die Kursrechte werden zu Beginn jedes Halbjahres "
        "durch die Administration geprüft."
    ),
}
VIDEO_RECORDING = ScenarioData(
    title="Mitschnitt durch Teilnehmende",
    source="Teilnehmende der Videokonferenz, Personen im Umfeld zu Hause",
    event="Bild und Ton einer Stunde werden heimlich aufgezeichnet oder abfotografiert und "
    "in sozialen Netzwerken verbreitet.",
    damage="Kinder werden bloßgestellt; die Aufnahme lässt sich kaum zurückholen.",
    inherent_likelihood=3,
    inherent_severity=4,
    residual_likelihood=3,
    residual_severity=4,
    residual_reason="",
)
VIDEO_RISKS = [
    ("identitaetsdiebstahl", (2, 3), (1, 3)),
    ("drittland", (2, 3), None),
]


def _rate(ctx: ServiceContext, assessment_id: int, scenario_id: int, before, after) -> None:
    view = next(s for s in dsfa.get_assessment(ctx, assessment_id).scenarios if s.id == scenario_id)
    data = replace(view.data, inherent_likelihood=before[0], inherent_severity=before[1])
    data.residual_likelihood, data.residual_severity = after or (None, None)
    scenarios.update_scenario(ctx, scenario_id, data)


def _threshold(ctx: ServiceContext, activity_id: int, indicators: set[str]) -> None:
    if dsfa.get_threshold(ctx, activity_id) is None:
        dsfa.record_threshold(ctx, activity_id, ThresholdAnswers(indicators), today=ANALYSED_ON)
    if activities.get_activity(ctx, activity_id).status == "draft":
        release_activity(ctx, activity_id, today=ANALYSED_ON)


def _platform(ctx: ServiceContext, school_id: int, activity_id: int) -> None:
    _threshold(ctx, activity_id, {"vulnerable", "new_technology", "scoring"})
    if dsfa.current_assessment(ctx, activity_id) is not None:
        return
    created = dsfa.create_assessment(ctx, activity_id)
    vendor_toms = {t.title: t.id for t in list_toms(ctx, school_id) if t.processor_id}
    for key, before, after in PLATFORM_RISKS:
        scenario_id = scenarios.add_from_catalogue(ctx, created.id, key).id
        if key in PLATFORM_VENDOR_TOMS:
            linked = [vendor_toms[title] for title in PLATFORM_VENDOR_TOMS[key]]
            scenarios.link_measures(ctx, scenario_id, linked)
        _rate(ctx, created.id, scenario_id, before, after)
    plan.add_view(
        ctx,
        created.id,
        ViewData(
            "Schulelternrat",
            date(2026, 9, 14),
            "Zustimmung unter der Bedingung, dass Lernanalysen abgeschaltet bleiben und Eltern "
            "das Informationsblatt vor dem ersten Login erhalten.",
            "Beide Punkte als Auflage der Schulleitung übernommen.",
        ),
    )
    _plan(ctx, created.id)
    dsfa.update_assessment(
        ctx,
        created.id,
        replace(
            created.data,
            head_decision=APPROVED_WITH_CONDITIONS,
            dpo_opinion_date=date(2026, 9, 18),
            decided_on=SIGNED_ON,
            **PLATFORM_TEXTS,
        ),
    )
    dsfa.sign_off(ctx, created.id, today=SIGNED_ON)
    release_activity(ctx, activity_id, today=SIGNED_ON)


def _plan(ctx: ServiceContext, assessment_id: int) -> None:
    """Owners for the measures still to do; one has a deadline (it shows in "Fällig")."""
    for action in dsfa.get_assessment(ctx, assessment_id).actions:
        if action.data.status == DONE:
            continue
        plan.update_action(
            ctx,
            action.id,
            ActionData("Schulische IT-Administration", date(2026, 12, 18), IN_PROGRESS),
        )


def _video(ctx: ServiceContext, activity_id: int) -> None:
    _threshold(ctx, activity_id, {"vulnerable", "monitoring"})
    if dsfa.current_assessment(ctx, activity_id) is not None:
        return
    created = dsfa.create_assessment(ctx, activity_id)
    dsfa.update_assessment(
        ctx,
        created.id,
        replace(
            created.data,
            necessity="Videokonferenzen nur für Distanzunterricht und Elternsprechtage; "
            "Kamera freiwillig, keine Aufzeichnung durch die Schule.",
        ),
    )
    for key, before, after in VIDEO_RISKS:
        scenario_id = scenarios.add_from_catalogue(ctx, created.id, key).id
        _rate(ctx, created.id, scenario_id, before, after)
    scenarios.add_scenario(ctx, created.id, VIDEO_RECORDING)


def seed_school(ctx: ServiceContext, school: DemoSchool) -> None:
    entries = {a.key: a.id for a in activities.list_activities(ctx, school.id)}
    if "lernplattform" in entries:
        _platform(ctx, school.id, entries["lernplattform"])
    if "videokonferenz" in entries:
        _video(ctx, entries["videokonferenz"])


def seed(ctx: ServiceContext, demo_schools: list[DemoSchool]) -> None:
    for school in demo_schools:
        seed_school(ctx, school)
