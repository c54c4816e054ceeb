"""The information sheet for data subjects (Art. 13 GDPR) of one register entry.

Generated from the released entry and the school profile in plain language. The consent
forms use ``info_sheet_flowables`` as their information text when a template is linked to an
activity, so the text lives in one place.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.platypus import Flowable, KeepTogether

from dpo_desk.core.register.countries import country_name, is_third_country
from dpo_desk.core.register.values import CONSENT_BASES, SAFEGUARDS, legal_basis_summary
from dpo_desk.core.schools import SchoolProfile
from dpo_desk.reports.engine import DocumentInfo, DocumentPart
from dpo_desk.reports.register.document import letterhead_of
from dpo_desk.reports.styles import styles
from dpo_desk.reports.text import para

RIGHTS = [
    "Auskunft über die gespeicherten Daten (Art. 15 DSGVO)",
    "Berichtigung unrichtiger Daten (Art. 16 DSGVO)",
    "Löschung (Art. 17 DSGVO), soweit keine Aufbewahrungspflicht besteht",
    "Einschränkung der Verarbeitung (Art. 18 DSGVO)",
    "Widerspruch gegen die Verarbeitung aus Gründen Ihrer besonderen Situation (Art. 21 DSGVO)",
]
PORTABILITY = "Herausgabe der Daten in einem gängigen Format (Art. 20 DSGVO)"


def _third_country_lines(snapshot: dict[str, Any]) -> list[str]:
    lines = []
    for transfer in snapshot["activity"]["transfers"]:
        who = transfer["recipient"] or "ein Empfänger"
        guard = SAFEGUARDS.get(transfer["safeguard"], "ohne dokumentierte Garantie")
        lines.append(f"{who} in {country_name(transfer['country'])}; Garantie: {guard}.")
    for processor in snapshot["processors"]:
        for sub in processor.get("sub_processors", []):
            if is_third_country(sub["country"]):
                guard = SAFEGUARDS.get(sub["safeguard"], "ohne dokumentierte Garantie")
                lines.append(
                    f"{sub['name']} in {country_name(sub['country'])} ({sub['service']}) "
                    f"als Unterauftragnehmer von {processor['name']}; Garantie: {guard}."
                )
    return lines


def info_sheet_flowables(school: SchoolProfile, snapshot: dict[str, Any]) -> list[Flowable]:
    """The sheet's text: who, why, on which basis, which data, who receives it, how long,
    third countries, your rights and where to complain."""
    s = styles()
    a = snapshot["activity"]
    consent = a["consent_based"] or bool(CONSENT_BASES.intersection(a["legal_bases"]))
    flow: list[Flowable] = [
        para(f"Informationen zum Datenschutz: {a['name']}", s.title),
        para(
            "Mit diesem Blatt informieren wir Sie nach Art. 13 der Datenschutz-Grundverordnung "
            "(DSGVO) darüber, wie wir Ihre Daten und die Ihres Kindes verarbeiten.",
            s.body,
        ),
    ]

    def section(heading: str, *texts: str) -> None:
        block: list[Flowable] = [para(heading, s.subheading)]
        block += [para(text, s.body) for text in texts if text]
        flow.append(KeepTogether(block))

    address = ", ".join(p for p in (school.street, f"{school.postcode} {school.town}".strip()) if p)
    section(
        "Wer ist verantwortlich?",
        f"{school.name}, {address}",
        f"vertreten durch die Schulleitung {school.head_name}" if school.head_name else "",
        " · ".join(p for p in (school.phone and f"Telefon {school.phone}", school.email) if p),
    )
    section(
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
    )
    section("Wofür verarbeiten wir die Daten?", a["purposes"])
    basis = legal_basis_summary(a["legal_bases"], a["legal_basis_text"])
    section(
        "Auf welcher Rechtsgrundlage?",
        basis,
        (
            "Die Teilnahme ist freiwillig. Wenn Sie nicht einwilligen oder Ihre Einwilligung "
            "später widerrufen, entsteht Ihnen oder Ihrem Kind daraus kein Nachteil."
            if consent
            else ""
        ),
    )
    section("Welche Daten?", "\n".join(f"• {c['name']}" for c in a["data_categories"]))
    internal = [r["name"] for r in a["recipients"] if not r["external"]]
    external = [r["name"] for r in a["recipients"] if r["external"]]
    processors = [p["name"] for p in snapshot["processors"]]
    section(
        "Wer hat Zugriff, wer erhält die Daten?",
        "Innerhalb der Schule: " + ", ".join(internal) if internal else "",
        "Außerhalb der Schule: " + ", ".join(external) if external else "",
        (
            "Dienstleister, die nur in unserem Auftrag und nach unserer Weisung arbeiten "
            "(Auftragsverarbeiter, Art. 28 DSGVO): " + ", ".join(processors) + "."
            if processors
            else ""
        ),
    )
    transfers = _third_country_lines(snapshot)
    section(
        "Werden Daten in Länder außerhalb der EU übermittelt?",
        "\n".join(transfers)
        if transfers
        else "Nein. Die Daten werden nur in der EU bzw. im Europäischen Wirtschaftsraum "
        "verarbeitet.",
    )
    section(
        "Wie lange speichern wir die Daten?",
        "\n".join(f"• {c['name']}: {c['erasure_period']}" for c in a["data_categories"]),
    )
    rights = list(RIGHTS)
    if consent or "art6_1b" in a["legal_bases"]:
        rights.append(PORTABILITY)
    texts = ["Sie haben das Recht auf:", "\n".join(f"• {r}" for r in rights)]
    if consent:
        texts.append(
            "Eine Einwilligung können Sie jederzeit formlos und ohne Angabe von Gründen "
            "widerrufen, auch nur für einzelne Teile. Der Widerruf gilt für die Zukunft; "
            "was bis dahin geschehen ist, bleibt rechtmäßig."
        )
    section("Welche Rechte haben Sie?", *texts)
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
    section(
        "Wo können Sie sich beschweren?",
        "Sie können sich bei der Aufsichtsbehörde für den Datenschutz beschweren:",
        authority,
    )
    return flow


def info_sheet_document(
    school: SchoolProfile, logo: bytes | None, snapshot: dict[str, Any], printed_on: date
) -> tuple[DocumentInfo, list[DocumentPart]]:
    info = DocumentInfo(
        title=f"Datenschutzinformation {snapshot['activity']['name']}",
        letterhead=letterhead_of(school, logo),
        subject="Information nach Art. 13 DSGVO",
        version=str(snapshot["version"]),
        printed_on=printed_on,
    )
    return info, [DocumentPart(info_sheet_flowables(school, snapshot))]
