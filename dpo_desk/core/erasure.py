"""What may be deleted about a student now, and what must be kept until when (Art. 17).

The right to erasure does not reach data the school must keep (Art. 17(3)): for its legal
task while the student attends (lit. b, with the state's school law) and the proof of
consents and revocations as long as it may be needed to defend claims (lit. e; the consent
template's retention after the school year of leaving). Records of requests stay as proof
that the school handled them (Art. 5(2)); they are not part of an erasure.

Pure rules over plain facts: the services gather the facts and carry out the plan, so the
erasure request (issue 17) and a general "Person löschen" (issue 16) share them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dpo_desk.core.consent.values import proof_retention_ends_on
from dpo_desk.core.dates import format_date

REQUEST_PROOF_YEARS = 3
MASTER = "master"
CLASSES = "classes"
CONSENT = "consent"
REQUESTS = "requests"
AUDIT = "audit"


@dataclass(frozen=True)
class ConsentProof:
    """The consent entries of one template for the student."""

    template_id: int
    template_title: str
    entries: int
    retention_years: int


@dataclass(frozen=True)
class StudentHoldings:
    """Everything stored about one student, counted."""

    student_id: int
    name: str
    left_on: date | None
    enrolments: int
    consent: tuple[ConsentProof, ...]
    request_years: tuple[int, ...]
    """The year each request about the student was answered (or received)."""
    audit_entries: int


@dataclass(frozen=True)
class ErasureItem:
    part: str
    label: str
    count: int
    deletable: bool
    keep_until: date | None
    reason: str
    template_id: int | None = None

    @property
    def keep_text(self) -> str:
        if self.deletable:
            return "jetzt löschbar"
        return f"bis {format_date(self.keep_until)}" if self.keep_until else "vorerst"


@dataclass(frozen=True)
class ErasurePlan:
    holdings: StudentHoldings
    items: tuple[ErasureItem, ...]

    @property
    def deletable(self) -> tuple[ErasureItem, ...]:
        return tuple(i for i in self.items if i.deletable and i.count)

    @property
    def kept(self) -> tuple[ErasureItem, ...]:
        return tuple(i for i in self.items if not i.deletable and i.count)

    @property
    def removes_student(self) -> bool:
        """The student record itself goes (nothing that refers to it must stay)."""
        return any(i.part == MASTER and i.deletable for i in self.items)

    @property
    def erasable_template_ids(self) -> frozenset[int]:
        return frozenset(
            i.template_id for i in self.deletable if i.part == CONSENT and i.template_id
        )

    def refusal(self) -> str:
        """Why nothing can be deleted now (German), naming each kept part and its reason."""
        lines = [
            f"• {i.label}: aufzubewahren {i.keep_text} – {i.reason}"
            for i in self.kept
            if i.part != REQUESTS
        ]
        return (
            f"Über {self.holdings.name} kann jetzt nichts gelöscht werden, weil "
            "Aufbewahrungsfristen laufen:\n" + "\n".join(lines)
        )


def _consent_item(proof: ConsentProof, left_on: date | None, today: date) -> ErasureItem:
    label = f"Einwilligungsnachweise „{proof.template_title}“"
    years = proof.retention_years
    until = proof_retention_ends_on(left_on, years)
    if until is None:
        return ErasureItem(
            CONSENT,
            label,
            proof.entries,
            False,
            None,
            "Nachweis der Einwilligungen und Widerrufe (Art. 7 Abs. 1, Art. 17 Abs. 3 lit. e "
            "DSGVO): aufzubewahren, solange die Schülerin/der Schüler die Schule besucht, "
            f"danach bis {years} Jahr(e) nach Ende des Schuljahres des Abgangs.",
            proof.template_id,
        )
    if until < today:
        return ErasureItem(
            CONSENT,
            label,
            proof.entries,
            True,
            until,
            f"Aufbewahrungsfrist endete am {format_date(until)}.",
            proof.template_id,
        )
    return ErasureItem(
        CONSENT,
        label,
        proof.entries,
        False,
        until,
        "Nachweis der Einwilligungen und Widerrufe (Art. 7 Abs. 1, Art. 17 Abs. 3 lit. e "
        f"DSGVO), {years} Jahr(e) nach Ende des Schuljahres des Abgangs.",
        proof.template_id,
    )


def erasure_plan(holdings: StudentHoldings, today: date) -> ErasurePlan:
    """Each part of what is stored: deletable now, or kept until when and why."""
    consent = [_consent_item(p, holdings.left_on, today) for p in holdings.consent]
    kept_proof = [i for i in consent if not i.deletable]
    if holdings.left_on is None:
        master_deletable, master_until = False, None
        master_reason = (
            "Die Schülerin/der Schüler besucht die Schule; die Schule braucht die Stammdaten "
            "für ihren gesetzlichen Auftrag (Art. 17 Abs. 3 lit. b DSGVO i. V. m. dem "
            "Schulgesetz des Landes)."
        )
    elif kept_proof:
        dates = [i.keep_until for i in kept_proof if i.keep_until]
        master_deletable, master_until = False, max(dates) if dates else None
        master_reason = "Die aufzubewahrenden Einwilligungsnachweise beziehen sich darauf."
    else:
        master_deletable, master_until = True, None
        master_reason = "Die Schülerin/der Schüler hat die Schule verlassen; keine Frist läuft."
    items = [
        ErasureItem(
            MASTER,
            "Stammdaten (Name, Geburtsdatum, Schüler-ID, Erziehungsberechtigte, Status)",
            1,
            master_deletable,
            master_until,
            master_reason,
        ),
        ErasureItem(
            CLASSES,
            "Klassenverlauf",
            holdings.enrolments,
            master_deletable,
            master_until,
            master_reason,
        ),
        *consent,
        ErasureItem(
            AUDIT,
            "Änderungsprotokoll (Inhalte der Einträge zu dieser Person)",
            holdings.audit_entries,
            master_deletable,
            master_until,
            "Wird mit den Stammdaten gelöscht; es bleibt nur, wann was ohne Namen gelöscht wurde.",
        ),
    ]
    if holdings.request_years:
        until = date(max(holdings.request_years) + REQUEST_PROOF_YEARS, 12, 31)
        items.append(
            ErasureItem(
                REQUESTS,
                "Anfragen zu dieser Person (Art. 15–22)",
                len(holdings.request_years),
                False,
                until,
                "Nachweis, dass die Schule die Anfragen bearbeitet hat (Art. 5 Abs. 2 DSGVO); "
                f"bis Ende des {REQUEST_PROOF_YEARS}. Jahres nach der Antwort.",
            )
        )
    return ErasurePlan(holdings, tuple(items))
