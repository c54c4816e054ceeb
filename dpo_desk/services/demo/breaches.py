"""Demo breaches: a USB stick with grade lists lost and notified within 72 hours, and an
e-mail to the parents of a class with every address visible, documented without a
notification (no risk likely). Re-running finds them by title and adds nothing twice."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dpo_desk.core.breaches.values import BreachData
from dpo_desk.services.breaches.records import create_breach, list_breaches
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.demo.schools import DemoSchool
from dpo_desk.services.register.activities import list_activities

USB_STICK = BreachData(
    title="USB-Stick mit Notenlisten verloren",
    occurred_at=datetime(2026, 10, 9, 13, 30, tzinfo=UTC),
    occurred_note="vermutlich auf dem Heimweg im Bus der Linie 133",
    aware_at=datetime(2026, 10, 12, 5, 40, tzinfo=UTC),
    reported_by="Klassenleitung 7b",
    description=(
        "Eine Lehrkraft hat einen privaten, unverschlüsselten USB-Stick mit den Notenlisten "
        "zweier Klassen (Namen, Klasse, Noten der Klassenarbeiten) verloren."
    ),
    data_categories=["Namen und Klasse", "Noten der Klassenarbeiten"],
    subject_groups=["Schülerinnen und Schüler der Klassen 7b und 8a"],
    persons_count=56,
    records_count=112,
    consequences=(
        "Bloßstellung der Kinder, wenn die Noten bekannt werden; kein finanzieller Schaden."
    ),
    measures_taken=(
        "Fundbüro der Verkehrsbetriebe und Polizei verständigt; Listen aus der "
        "Schulverwaltung neu erstellt; Lehrkraft belehrt."
    ),
    measures_planned=(
        "Nur noch verschlüsselte Dienst-USB-Sticks; Noten ausschließlich in der "
        "Schulverwaltung speichern."
    ),
    likelihood=2,
    severity=3,
    risk_reasoning=(
        "Der Stick ist nicht verschlüsselt; ein Finder kann die Listen lesen. Die Noten sind "
        "für die Kinder unangenehm, aber ohne Anschrift schwer zuzuordnen."
    ),
    notified_at=datetime(2026, 10, 13, 12, 5, tzinfo=UTC),
    authority_reference="DS-2026-1187 (Demo)",
    closed_on=date(2026, 10, 30),
)
OPEN_CC = BreachData(
    title="Elternbrief mit allen E-Mail-Adressen im Empfängerfeld",
    occurred_at=datetime(2026, 9, 22, 16, 10, tzinfo=UTC),
    aware_at=datetime(2026, 9, 22, 17, 0, tzinfo=UTC),
    reported_by="Sekretariat",
    description=(
        "Ein Elternbrief zum Wandertag ging an die Eltern einer Klasse mit allen "
        "E-Mail-Adressen sichtbar im Feld „An“ statt „Bcc“."
    ),
    data_categories=["E-Mail-Adressen der Erziehungsberechtigten"],
    subject_groups=["Erziehungsberechtigte einer Klasse"],
    persons_count=27,
    consequences="Andere Eltern der Klasse kennen eine E-Mail-Adresse mehr.",
    measures_taken="Empfänger um Löschung gebeten; Hinweis an das Kollegium zu Bcc.",
    likelihood=1,
    severity=2,
    risk_reasoning="Nur E-Mail-Adressen innerhalb der Klassenelternschaft, die sich kennt.",
    no_notification_reason=(
        "voraussichtlich kein Risiko: nur E-Mail-Adressen, nur an Eltern derselben Klasse, "
        "keine weiteren Daten"
    ),
    closed_on=date(2026, 9, 24),
)


def seed(ctx: ServiceContext, demo_schools: list[DemoSchool]) -> None:
    for school in demo_schools:
        present = {b.title for b in list_breaches(ctx, school.id)}
        entries = {a.key: a.id for a in list_activities(ctx, school.id)}
        for data in (OPEN_CC, USB_STICK):
            if data.title in present:
                continue
            linked = (
                [entries["schulverwaltung"]]
                if data is USB_STICK and "schulverwaltung" in entries
                else []
            )
            create_breach(ctx, school.id, BreachData(**{**data.as_dict(), "activity_ids": linked}))
