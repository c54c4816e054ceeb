"""Checks of processors, their contracts (Art. 28) and third-country transfers, and of the
measures (Art. 32): unsigned, expired or undocumented contracts, a processor no entry uses,
an "EU/EEA only" clause a sub-processor contradicts, missing safeguards, transfer impact
assessments and approvals, expired evidence and overdue planned measures."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from dpo_desk.core.register.countries import country_in, country_name, is_third_country
from dpo_desk.core.register.finding import (
    CONTRACT,
    CONTRACT_ENDED,
    CONTRACT_FILE,
    CONTRACT_REVIEW,
    ERROR,
    EU_ONLY,
    EVIDENCE,
    PLANNED,
    REVIEW,
    SUB_APPROVAL,
    THIRD_COUNTRY,
    TIA,
    UNUSED,
    WARNING,
    Finding,
    ProcessorFacts,
    TomFacts,
)
from dpo_desk.core.register.rules import review_overdue
from dpo_desk.core.register.values import (
    CONTRACT_STATUSES,
    TIA_SAFEGUARDS,
    TOM_PLANNED,
)

SIGNED = "signed"


def processor_findings(p: ProcessorFacts, today: date) -> Iterable[Finding]:
    d = p.data

    def finding(code: str, severity: str, field: str, message: str) -> Finding:
        return Finding(code, severity, "processor", p.id, p.key, d.name, field, message)

    who = f"Auftragsverarbeiter „{d.name}“"
    if d.contract_status != SIGNED:
        status = CONTRACT_STATUSES.get(d.contract_status, d.contract_status)
        yield finding(
            CONTRACT,
            ERROR if p.used_by_released else WARNING,
            "contract_status",
            f"{who}: kein unterschriebener AV-Vertrag (Stand: {status}).",
        )
    else:
        if not p.has_contract_file:
            yield finding(
                CONTRACT_FILE,
                WARNING,
                "contract_file",
                f"{who}: Der Vertrag ist als unterschrieben erfasst, aber die Vertragsdatei fehlt.",
            )
        if d.contract_review is None:
            yield finding(
                CONTRACT_REVIEW,
                WARNING,
                "contract_review",
                f"{who}: Für den unterschriebenen Vertrag ist keine Überprüfung geplant.",
            )
        if d.contract_end is not None and d.contract_end < today:
            yield finding(
                CONTRACT_ENDED,
                ERROR if p.used_by_released else WARNING,
                "contract_end",
                f"{who}: Der Vertrag lief am {d.contract_end:%d.%m.%Y} aus.",
            )
    if not p.used_by_any:
        yield finding(
            UNUSED,
            WARNING,
            "used_by",
            f"{who} wird von keinem Eintrag des Verzeichnisses verwendet. Bitte einem Eintrag "
            "zuordnen oder, wenn er nicht mehr beauftragt ist, den Vertrag beenden.",
        )
    yield from _third_country_findings(p, finding, who)
    if review_overdue(d.contract_review, today):
        yield finding(
            REVIEW,
            WARNING,
            "contract_review",
            f"{who}: Überprüfung des Vertrags war am {d.contract_review:%d.%m.%Y} fällig.",
        )


def _third_country_findings(p: ProcessorFacts, finding, who: str) -> Iterable[Finding]:
    d = p.data
    if is_third_country(d.country):
        if d.eu_only:
            yield finding(
                EU_ONLY,
                ERROR,
                "eu_only",
                f"{who}: Der Vertrag sagt „nur EU/EWR“, der Anbieter sitzt aber "
                f"{country_in(d.country)}.",
            )
        if not d.safeguard:
            yield finding(
                THIRD_COUNTRY,
                ERROR,
                "safeguard",
                f"{who} sitzt {country_in(d.country)}; keine Garantie dokumentiert.",
            )
        elif d.safeguard in TIA_SAFEGUARDS and d.tia_on is None:
            yield finding(
                TIA,
                WARNING,
                "tia_on",
                f"{who} sitzt {country_in(d.country)} (Standardvertragsklauseln o. Ä.): Eine "
                "Transfer-Folgenabschätzung ist nicht dokumentiert.",
            )
    for i, sub in enumerate(d.sub_processors):
        place = f"sub_processors[{i}]"
        label = f"Unterauftragnehmer „{sub.name}“ ({country_name(sub.country)})"
        if sub.approved_on is None:
            yield finding(
                SUB_APPROVAL,
                WARNING,
                f"{place}.approved_on",
                f"{who}: Für den {label} ist keine Genehmigung der Schule dokumentiert "
                "(Art. 28 Abs. 2 DSGVO).",
            )
        if not is_third_country(sub.country):
            continue
        if d.eu_only:
            yield finding(
                EU_ONLY,
                ERROR,
                f"{place}.country",
                f"{who}: Der Vertrag sagt „nur EU/EWR“, aber der {label} verarbeitet Daten "
                f"{country_in(sub.country)}.",
            )
        if not sub.safeguard:
            yield finding(
                THIRD_COUNTRY,
                ERROR,
                f"{place}.safeguard",
                f"{who}: {label} ohne dokumentierte Garantie.",
            )
        elif sub.safeguard in TIA_SAFEGUARDS and sub.tia_on is None:
            yield finding(
                TIA,
                WARNING,
                f"{place}.tia_on",
                f"{who}: Für den {label} (Standardvertragsklauseln o. Ä.) ist keine "
                "Transfer-Folgenabschätzung dokumentiert.",
            )


def tom_findings(t: TomFacts, today: date) -> Iterable[Finding]:
    def finding(code: str, field: str, message: str) -> Finding:
        return Finding(code, WARNING, "tom", t.id, str(t.id), t.title, field, message)

    if t.evidence_valid_until is not None and t.evidence_valid_until < today:
        yield finding(
            EVIDENCE,
            "evidence_valid_until",
            f"Maßnahme „{t.title}“ ({t.owner}): Der Nachweis ({t.evidence_label}) war nur bis "
            f"{t.evidence_valid_until:%d.%m.%Y} gültig.",
        )
    if t.status == TOM_PLANNED and t.due_on is not None and t.due_on < today:
        yield finding(
            PLANNED,
            "due_on",
            f"Maßnahme „{t.title}“ ({t.owner}): sollte bis {t.due_on:%d.%m.%Y} umgesetzt sein "
            "und ist noch als geplant erfasst.",
        )
