"""The text of the information sheet for data subjects (Art. 13 GDPR, Art. 14 where the data
do not come from them), per audience: students and their parents, staff, or others.

Plain sections (a heading, paragraphs, list items) built from the released entry and the
school profile; the PDF (and any other writer) only lays them out. Countries read in correct
German ("in den Vereinigten Staaten"), and the sheet always says whether automated decisions
are made (Art. 13(2)(f)).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dpo_desk.core.register.countries import country_in, is_third_country
from dpo_desk.core.register.values import CONSENT_BASES, SAFEGUARDS, legal_basis_summary
from dpo_desk.core.schools import SchoolProfile

STUDENTS = "students_parents"
STAFF = "staff"
OTHERS = "others"
AUDIENCES: dict[str, str] = {
    STUDENTS: "Schülerinnen, Schüler und Erziehungsberechtigte",
    STAFF: "Lehrkräfte und andere Beschäftigte",
    OTHERS: "andere Betroffene (z. B. Gäste, Besucher der Webseite)",
}
_STAFF_WORDS = ("lehrkr", "beschäftigt", "mitarbeit", "personal", "kollegium")
_STUDENT_WORDS = ("schüler", "eltern", "erziehungsberecht", "kind")

INTRO = {
    STUDENTS: "Mit diesem Blatt informieren wir Sie nach Art. 13 der Datenschutz-"
    "Grundverordnung (DSGVO) darüber, wie wir Ihre Daten und die Ihres Kindes verarbeiten.",
    STAFF: "Mit diesem Blatt informieren wir Sie als Beschäftigte der Schule nach Art. 13 der "
    "Datenschutz-Grundverordnung (DSGVO) darüber, wie wir Ihre personenbezogenen Daten "
    "verarbeiten.",
    OTHERS: "Mit diesem Blatt informieren wir Sie nach Art. 13 der Datenschutz-"
    "Grundverordnung (DSGVO) darüber, wie wir Ihre personenbezogenen Daten verarbeiten.",
}
VOLUNTARY = {
    STUDENTS: "Die Teilnahme ist freiwillig. Wenn Sie nicht einwilligen oder Ihre Einwilligung "
    "später widerrufen, entsteht Ihnen oder Ihrem Kind daraus kein Nachteil.",
    STAFF: "Die Einwilligung ist freiwillig, auch im Dienst- oder Arbeitsverhältnis. Wenn Sie "
    "nicht einwilligen oder später widerrufen, entsteht Ihnen daraus kein Nachteil.",
    OTHERS: "Die Einwilligung ist freiwillig. Wenn Sie nicht einwilligen oder später "
    "widerrufen, entsteht Ihnen daraus kein Nachteil.",
}
RIGHTS = [
    "Auskunft über die gespeicherten Daten (Art. 15 DSGVO)",
    "Berichtigung unrichtiger Daten (Art. 16 DSGVO)",
    "Löschung (Art. 17 DSGVO), soweit keine Aufbewahrungspflicht besteht",
    "Einschränkung der Verarbeitung (Art. 18 DSGVO)",
    "Widerspruch gegen die Verarbeitung aus Gründen Ihrer besonderen Situation (Art. 21 DSGVO)",
]
PORTABILITY = "Herausgabe der Daten in einem gängigen Format (Art. 20 DSGVO)"
NO_AUTOMATION = (
    "Nein. Es findet keine ausschließlich automatisierte Entscheidung einschließlich Profiling "
    "statt (Art. 22 DSGVO); Entscheidungen treffen Menschen."
)


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class InfoText:
    title: str
    audience: str
    intro: str
    sections: tuple[Section, ...]


def default_audience(data_subjects: list[str]) -> str:
    """Students and parents when they are among the data subjects, else staff, else others."""
    text = " ".join(data_subjects).casefold()
    if any(word in text for word in _STUDENT_WORDS):
        return STUDENTS
    if any(word in text for word in _STAFF_WORDS):
        return STAFF
    return OTHERS


def third_country_lines(snapshot: dict[str, Any]) -> list[str]:
    lines = []
    for transfer in snapshot["activity"]["transfers"]:
        who = transfer["recipient"] or "Ein Empfänger"
        guard = SAFEGUARDS.get(transfer["safeguard"], "ohne dokumentierte Garantie")
        lines.append(f"{who} {country_in(transfer['country'])}; Garantie: {guard}.")
    for processor in snapshot["processors"]:
        for sub in processor.get("sub_processors", []):
            if is_third_country(sub["country"]):
                guard = SAFEGUARDS.get(sub["safeguard"], "ohne dokumentierte Garantie")
                lines.append(
                    f"{sub['name']} {country_in(sub['country'])} ({sub['service']}) als "
                    f"Unterauftragnehmer von {processor['name']}; Garantie: {guard}."
                )
    return lines


def _section(heading: str, *paragraphs: str, items: list[str] | None = None) -> Section:
    return Section(heading, tuple(p for p in paragraphs if p), tuple(i for i in items or [] if i))


def info_text(school: SchoolProfile, snapshot: dict[str, Any], audience: str) -> InfoText:
    """The sheet for ``audience``: who, why, on which basis, which data and from where, who
    receives them, third countries, how long, automated decisions, rights, complaint."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    a = snapshot["activity"]
    consent = a["consent_based"] or bool(CONSENT_BASES.intersection(a["legal_bases"]))
    address = ", ".join(p for p in (school.street, f"{school.postcode} {school.town}".strip()) if p)
    internal = [r["name"] for r in a["recipients"] if not r["external"]]
    external = [r["name"] for r in a["recipients"] if r["external"]]
    processors = [p["name"] for p in snapshot["processors"]]
    transfers = third_country_lines(snapshot)
    rights = list(RIGHTS)
    if consent or "art6_1b" in a["legal_bases"]:
        rights.append(PORTABILITY)
    automated = NO_AUTOMATION
    if a.get("automated_decision"):
        automated = (
            "Ja. " + (a.get("automated_decision_logic") or "")
        ).strip() + " Sie können verlangen, dass ein Mensch die Entscheidung überprüft."
    sections = [
        _section(
            "Wer ist verantwortlich?",
            f"{school.name}, {address}" if address else school.name,
            f"vertreten durch die Schulleitung {school.head_name}" if school.head_name else "",
            " · ".join(p for p in (school.phone and f"Telefon {school.phone}", school.email) if p),
        ),
        _section(
            "Wen können Sie zum Datenschutz fragen?",
            "\n".join(
                p
                for p in (
                    school.dpo_name,
                    school.dpo_organisation,
                    school.dpo_email and f"E-Mail: {school.dpo_email}",
                    school.dpo_phone and f"Telefon: {school.dpo_phone}",
                )
                if p
            ),
        ),
        _section("Wofür verarbeiten wir die Daten?", a["purposes"]),
        _section(
            "Auf welcher Rechtsgrundlage?",
            legal_basis_summary(a["legal_bases"], a["legal_basis_text"]),
            VOLUNTARY[audience] if consent else "",
        ),
        _section("Welche Daten?", items=[c["name"] for c in a["data_categories"]]),
        _section("Woher stammen die Daten?", a.get("data_source", "")),
        _section(
            "Wer hat Zugriff, wer erhält die Daten?",
            "Innerhalb der Schule: " + ", ".join(internal) if internal else "",
            "Außerhalb der Schule: " + ", ".join(external) if external else "",
            (
                "Dienstleister, die nur in unserem Auftrag und nach unserer Weisung arbeiten "
                "(Auftragsverarbeiter, Art. 28 DSGVO): " + ", ".join(processors) + "."
                if processors
                else ""
            ),
        ),
        _section(
            "Werden Daten in Länder außerhalb der EU übermittelt?",
            ""
            if transfers
            else "Nein. Die Daten werden nur in der EU bzw. im Europäischen "
            "Wirtschaftsraum verarbeitet.",
            items=transfers,
        ),
        _section(
            "Wie lange speichern wir die Daten?",
            items=[f"{c['name']}: {c['erasure_period']}" for c in a["data_categories"]],
        ),
        _section("Gibt es automatisierte Entscheidungen?", automated),
        _section(
            "Welche Rechte haben Sie?",
            "Sie haben das Recht auf:",
            items=rights,
        ),
    ]
    if consent:
        sections.append(
            _section(
                "Widerruf der Einwilligung",
                "Eine Einwilligung können Sie jederzeit formlos und ohne Angabe von Gründen "
                "widerrufen, auch nur für einzelne Teile. Der Widerruf gilt für die Zukunft; "
                "was bis dahin geschehen ist, bleibt rechtmäßig.",
            )
        )
    authority = "\n".join(
        p
        for p in (
            school.authority_name,
            school.authority_address,
            school.authority_email,
            school.authority_website,
        )
        if p
    )
    sections.append(
        _section(
            "Wo können Sie sich beschweren?",
            "Sie können sich bei der Aufsichtsbehörde für den Datenschutz beschweren:",
            authority,
        )
    )
    return InfoText(
        f"Informationen zum Datenschutz: {a['name']}",
        audience,
        INTRO[audience],
        tuple(s for s in sections if s.paragraphs or s.items),
    )
