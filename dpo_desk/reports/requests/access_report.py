"""The access report (Art. 15 GDPR) about one student: a copy of everything the app stores
about the student and the information Art. 15(1) a–h asks for.

Staff names (who recorded an entry) are left out: a copy must not affect the rights of
others (Art. 15(4)); the dates of each entry are in it.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from dpo_desk.core.dates import format_date
from dpo_desk.core.register.info_text import PORTABILITY, RIGHTS
from dpo_desk.reports.engine import CONTENT_WIDTH, DocumentInfo, DocumentPart
from dpo_desk.reports.register.document import letterhead_of
from dpo_desk.reports.requests.content import AccessContent, ConsentRecord, ConsentText
from dpo_desk.reports.styles import styles
from dpo_desk.reports.tables import data_table, label_table
from dpo_desk.reports.text import para

TITLE = "Auskunft nach Art. 15 DSGVO"
SOURCE = (
    "Die Stammdaten und Klassen stammen aus der Schulverwaltung (Anmeldung an der Schule). "
    "Einwilligungen und Widerrufe stammen aus den Formularen und Erklärungen, die die Schule "
    "von Ihnen erhalten hat."
)
NO_AUTOMATED = (
    "Es findet keine automatisierte Entscheidungsfindung einschließlich Profiling statt "
    "(Art. 22 DSGVO)."
)


def _answer(value: bool | None) -> str:
    return {True: "JA", False: "NEIN", None: "keine Angabe"}[value]


def _event_text(e: ConsentRecord) -> str:
    if e.revoked_options is not None or e.kind == "Widerruf":
        what = ", ".join(e.revoked_options) if e.revoked_options else "alle Teile"
        parts = [f"Widerruf: {what}"]
        parts.append(f"erklärt am {format_date(e.declared_on)}" if e.declared_on else "")
        parts.append(f"wirksam ab {format_date(e.effective_on)}" if e.effective_on else "")
        parts.append(f"per {e.channel}" if e.channel else "")
    else:
        parts = [f"{label}: {_answer(v)}" for label, v in e.answers]
        parts.append(f"unterschrieben am {format_date(e.signed_on)}" if e.signed_on else "")
        parts.append(f"eingegangen am {format_date(e.received_on)}" if e.received_on else "")
        parts.append(f"Unterschrift: {', '.join(e.signed_by)}" if e.signed_by else "")
    if e.note:
        parts.append(f"Notiz: {e.note}")
    if e.corrected_by is not None:
        parts.append(f"berichtigt durch Eintrag {e.corrected_by} (zählt nicht mehr)")
    return "\n".join(p for p in parts if p)


def _texts(texts: tuple[ConsentText, ...]) -> list[Flowable]:
    s = styles()
    flow: list[Flowable] = [para("4. Wortlaut der Einwilligungstexte", s.heading)]
    for t in texts:
        flow.append(para(f"{t.title} – Version {t.version}", s.subheading))
        for label, text in (
            ("Zweck", t.purpose),
            ("Information", t.information_text),
            ("Erklärung", t.declaration_text),
            ("Optionen", "\n".join(f"• {o}" for o in t.options)),
            ("Freiwilligkeit und Widerruf", t.voluntary_note),
        ):
            if text:
                flow.append(para(f"{label}: {text}", s.body))
    if not texts:
        flow.append(para("Keine.", s.body))
    return flow


def _processing(content: AccessContent) -> list[Flowable]:
    s = styles()
    flow: list[Flowable] = [
        para("5. Zwecke, Rechtsgrundlagen, Empfänger und Speicherdauer", s.heading),
        para(
            "Diese Verarbeitungen der Schule betreffen die Daten von Schülerinnen und Schülern "
            "(aus dem Verzeichnis der Verarbeitungstätigkeiten, Art. 15 Abs. 1 lit. a–d DSGVO):",
            s.body,
        ),
    ]
    for p in content.processing:
        rows = [
            ("Zwecke", p.purposes),
            ("Rechtsgrundlage", p.legal_basis),
            (
                "Daten und Speicherdauer",
                "\n".join(f"• {c}: {e or '–'}" for c, e in p.data_categories),
            ),
            ("Empfänger in der Schule", ", ".join(p.internal_recipients)),
            ("Empfänger außerhalb", ", ".join(p.external_recipients)),
            ("Auftragsverarbeiter", ", ".join(p.processors)),
            ("Drittländer", "\n".join(p.third_countries) or "keine"),
        ]
        flow += [para(p.name, s.subheading), label_table(rows, 45 * mm, CONTENT_WIDTH)]
    if not content.processing:
        flow.append(para("Im Verzeichnis ist noch keine solche Verarbeitung freigegeben.", s.body))
    years = sorted({t.retention_years for t in content.texts})
    if years:
        flow.append(
            para(
                "Einwilligungen und Widerrufe werden als Nachweis aufbewahrt, solange die "
                "Schülerin oder der Schüler die Schule besucht, und danach bis "
                f"{' bzw. '.join(map(str, years))} Jahr(e) nach Ende des Schuljahres des "
                "Abgangs; dann werden sie gelöscht.",
                s.body,
            )
        )
    return flow


def _rights(content: AccessContent) -> list[Flowable]:
    s = styles()
    school = content.school
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
    rights = [*RIGHTS, PORTABILITY, "Widerruf einer Einwilligung mit Wirkung für die Zukunft"]
    return [
        para("8. Herkunft der Daten", s.heading),
        para(SOURCE, s.body),
        para(NO_AUTOMATED, s.body),
        para("9. Ihre Rechte", s.heading),
        para("\n".join(f"• {r}" for r in rights), s.body),
        KeepTogether(
            [
                para("10. Beschwerderecht", s.heading),
                para(
                    "Sie können sich bei der Aufsichtsbehörde für den Datenschutz beschweren:",
                    s.body,
                ),
                para(authority, s.body),
            ]
        ),
    ]


def access_flowables(content: AccessContent) -> list[Flowable]:
    s = styles()
    st = content.student
    name = f"{st.first_names} {st.last_name}"
    flow: list[Flowable] = [
        para(TITLE, s.title),
        para(
            f"über die gespeicherten Daten von {name}"
            + (f" · Anfrage {content.reference}" if content.reference else "")
            + f" · Stand: {format_date(content.printed_on)}",
            s.body,
        ),
        para(
            "Sie erhalten eine Kopie der Daten, die die Schule in ihrem Datenschutz-Programm "
            "über diese Person gespeichert hat, und die Informationen nach Art. 15 Abs. 1 DSGVO. "
            "Zeugnisse und die Schülerakte führt die Schulverwaltung; Auskunft darüber gibt das "
            "Sekretariat.",
            s.body,
        ),
        para("1. Stammdaten", s.heading),
        label_table(
            [
                ("Nachname", st.last_name),
                ("Vorname(n)", st.first_names),
                ("Geburtsdatum", format_date(st.birth_date)),
                ("Schüler-ID der Schulverwaltung", st.external_id),
                ("Status", st.status + (f" am {format_date(st.left_on)}" if st.left_on else "")),
                ("Erziehungsberechtigte", "\n".join(st.guardians)),
            ],
            55 * mm,
            CONTENT_WIDTH,
        ),
        para("2. Klassen", s.heading),
        data_table(
            ["Schuljahr", "Klasse"],
            [list(pair) for pair in st.class_history] or [["–", "–"]],
            [40 * mm, 40 * mm],
        ),
        para("3. Einwilligungen und Widerrufe", s.heading),
    ]
    if content.consent:
        flow.append(
            data_table(
                ["Nr.", "Vorlage (Version)", "Eintrag", "Inhalt"],
                [
                    [
                        str(e.id),
                        f"{e.template} ({e.version})",
                        f"{e.kind}\nerfasst am {format_date(e.entered_on)}",
                        _event_text(e),
                    ]
                    for e in content.consent
                ],
                [14 * mm, 45 * mm, 32 * mm, CONTENT_WIDTH - 91 * mm],
            )
        )
    else:
        flow.append(para("Keine.", s.body))
    flow += _texts(content.texts)
    flow += _processing(content)
    flow.append(para("6. Anfragen zu dieser Person", s.heading))
    flow.append(
        data_table(
            ["Nr.", "Eingang", "Art", "Status", "Antwort"],
            [
                [
                    r.reference,
                    format_date(r.received_on),
                    r.kind,
                    r.status,
                    format_date(r.answered_on),
                ]
                for r in content.requests
            ]
            or [["–", "", "", "", ""]],
            [18 * mm, 24 * mm, CONTENT_WIDTH - 96 * mm, 30 * mm, 24 * mm],
        )
    )
    flow.append(para("7. Änderungsprotokoll", s.heading))
    flow.append(
        data_table(
            ["Zeitpunkt", "Vorgang"],
            [[f"{e.at.astimezone():%d.%m.%Y %H:%M}", e.what] for e in content.log] or [["–", ""]],
            [35 * mm, CONTENT_WIDTH - 35 * mm],
        )
    )
    flow += _rights(content)
    flow.append(Spacer(1, 4 * mm))
    return flow


def access_document(content: AccessContent) -> tuple[DocumentInfo, list[DocumentPart]]:
    st = content.student
    info = DocumentInfo(
        title=f"Auskunft {st.first_names} {st.last_name}",
        letterhead=letterhead_of(content.school, content.logo),
        subject=TITLE,
        printed_on=content.printed_on,
        numbering="document",
    )
    return info, [DocumentPart(access_flowables(content))]
