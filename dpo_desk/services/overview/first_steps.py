"""The first steps after a school was created, and which of them are done.

A step is done when the data shows it, not when someone clicked a link: the class list is
imported once the school has students, templates are chosen once one is in use, forms are
printed once the print log (``services.consent.print_log``) has a printout of forms or
return slips, returned forms are recorded once the first one is, the register is begun
once it has an entry.
The step of the register is shown to the data protection officer (it is their work).

Read through the driver (``Database.read_rows``): the overview is the first page, shown
before SQLAlchemy is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from dpo_desk.core.people import DPO
from dpo_desk.core.places import Target
from dpo_desk.services import settings
from dpo_desk.services.context import ServiceContext


@dataclass(frozen=True)
class FirstStep:
    key: str
    title: str
    hint: str
    done: bool
    page: str
    """Object name of the page that opens (``ui.pages.PAGES``)."""
    place: str
    """What that page opens (``Target.place``): "import", "templates", "forms", …"""

    @property
    def target(self) -> Target:
        return Target(self.page, place=self.place)


_COUNTS = {
    "import": "SELECT EXISTS(SELECT 1 FROM student WHERE school_id = ?)",
    "templates": (
        "SELECT EXISTS(SELECT 1 FROM consent_template WHERE school_id = ? AND NOT retired)"
    ),
    "forms": "SELECT EXISTS(SELECT 1 FROM consent_print WHERE school_id = ?)",
    "returns": "SELECT EXISTS(SELECT 1 FROM consent_event WHERE school_id = ?)",
    "register": "SELECT EXISTS(SELECT 1 FROM processing_activity WHERE school_id = ?)",
}


def _done(ctx: ServiceContext, key: str, school_id: int) -> bool:
    return bool(ctx.db.read_rows(_COUNTS[key], (school_id,))[0][0])


def first_steps(ctx: ServiceContext, school_id: int) -> list[FirstStep]:
    """The steps in the order a school takes them, each with whether it is done."""
    steps = [
        FirstStep(
            "import",
            "Klassenliste importieren",
            "Schülerinnen und Schüler aus der Schulverwaltung (CSV oder Excel) übernehmen.",
            _done(ctx, "import", school_id),
            "rosterPage",
            "import",
        ),
        FirstStep(
            "templates",
            "Einwilligungsvorlagen wählen",
            "Aus dem Katalog übernehmen, was die Schule erfragt (Fotos, Videokonferenzen, …).",
            _done(ctx, "templates", school_id),
            "consentPage",
            "templates",
        ),
        FirstStep(
            "forms",
            "Formulare drucken",
            "Einwilligungsformulare oder Rückgabezettel je Klasse drucken (erledigt mit dem "
            "ersten Ausdruck).",
            _done(ctx, "forms", school_id),
            "printingPage",
            "forms",
        ),
        FirstStep(
            "returns",
            "Rückläufer erfassen",
            "Die unterschriebenen Formulare eintragen oder einscannen (erledigt mit dem "
            "ersten erfassten Formular).",
            _done(ctx, "returns", school_id),
            "consentPage",
            "record",
        ),
    ]
    if settings.person(ctx).function == DPO:
        steps.append(
            FirstStep(
                "register",
                "Verarbeitungsverzeichnis aus dem Katalog beginnen",
                "Einträge für die üblichen Verarbeitungen einer Schule als Entwurf anlegen.",
                _done(ctx, "register", school_id),
                "registerPage",
                "catalogue",
            )
        )
    return steps
