"""Schools: create, edit, list, choose. One DPO often serves several schools.

Listing the schools and reading a profile is what the GUI's first screen shows, so these
reads go through ``Database.read_rows`` and this module loads SQLAlchemy and the models
only when it writes (see ``store.database``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dpo_desk.core.schools import FIELD_LABELS, SchoolProfile, validate_school
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, changes_field, reported
from dpo_desk.services.context import ServiceContext, changes_between

if TYPE_CHECKING:
    from dpo_desk.store.models import School

LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
MAX_LOGO_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class SchoolSummary:
    id: int
    name: str
    school_number: str
    town: str
    state: str
    row_version: int = 1
    changes: Changes = changes_field()

    @property
    def key(self) -> str:
        return self.school_number or str(self.id)


@dataclass(frozen=True)
class SchoolRecord:
    """A school's profile as an editor opens it, with the version it is based on."""

    id: int
    profile: SchoolProfile
    row_version: int


def _profile_of(school: School) -> SchoolProfile:
    return SchoolProfile(**{name: getattr(school, name) for name in SchoolProfile.field_names()})


def _summary(school: School) -> SchoolSummary:
    return SchoolSummary(
        school.id,
        school.name,
        school.school_number,
        school.town,
        school.state,
        school.row_version,
    )


def _load(session, school_id: int) -> School:
    from dpo_desk.services.versions import RecordGone
    from dpo_desk.store.models import School

    school = session.get(School, school_id)
    if school is None:
        raise RecordGone(
            "Diese Schule gibt es nicht mehr (inzwischen gelöscht). Nichts wurde gespeichert."
        )
    return school


def _check_unique(ctx_session, profile: SchoolProfile, school_id: int | None) -> None:
    from sqlalchemy import func, select

    from dpo_desk.store.models import School

    clashes = select(School.id).where(func.lower(School.name) == profile.name.lower())
    if profile.school_number:
        clashes = select(School.id).where(
            (func.lower(School.name) == profile.name.lower())
            | (School.school_number == profile.school_number)
        )
    if school_id is not None:
        clashes = clashes.where(School.id != school_id)
    if ctx_session.scalars(clashes).first() is not None:
        raise ValidationError(
            [
                Problem(
                    "name",
                    "Eine Schule mit diesem Namen oder dieser Schulnummer gibt es schon.",
                )
            ]
        )


def list_schools(ctx: ServiceContext) -> list[SchoolSummary]:
    rows = ctx.db.read_rows(
        "SELECT id, name, school_number, town, state, row_version FROM school ORDER BY lower(name)"
    )
    return [SchoolSummary(*row) for row in rows]


def get_profile(ctx: ServiceContext, school_id: int) -> SchoolProfile:
    names = SchoolProfile.field_names()
    rows = ctx.db.read_rows(f"SELECT {', '.join(names)} FROM school WHERE id = ?", (school_id,))
    if not rows:
        raise LookupError(f"Schule {school_id} gibt es nicht.")
    return SchoolProfile(**dict(zip(names, rows[0], strict=True)))


def load_school(ctx: ServiceContext, school_id: int) -> SchoolRecord:
    with ctx.reading() as session:
        school = _load(session, school_id)
        return SchoolRecord(school.id, _profile_of(school), school.row_version)


def get_logo(ctx: ServiceContext, school_id: int) -> bytes | None:
    rows = ctx.db.read_rows("SELECT logo FROM school WHERE id = ?", (school_id,))
    return rows[0][0] if rows else None


def create_school(ctx: ServiceContext, profile: SchoolProfile) -> SchoolSummary:
    from dpo_desk.store.models import School

    clean = validate_school(profile)
    with ctx.unit_of_work() as uow:
        _check_unique(uow.session, clean, None)
        school = School(**clean.as_dict())
        uow.session.add(school)
        uow.session.flush()
        uow.audit("school", school.id, "create", clean.as_dict(), school_id=school.id)
        return reported(_summary(school), uow.changes)


def update_school(
    ctx: ServiceContext,
    school_id: int,
    profile: SchoolProfile,
    expected_version: int | None = None,
) -> SchoolSummary:
    """Save the profile; refused (``StaleEdit``) when the school changed since
    ``expected_version`` was read."""
    from dpo_desk.services.versions import check_version, differences_between

    clean = validate_school(profile)
    with ctx.unit_of_work() as uow:
        school = _load(uow.session, school_id)
        before = _profile_of(school).as_dict()
        check_version(
            uow.session,
            school,
            expected_version,
            entity_type="school",
            label=f"Das Schulprofil „{school.name}“",
            differences=differences_between(before, clean.as_dict(), FIELD_LABELS),
        )
        _check_unique(uow.session, clean, school_id)
        for key, value in clean.as_dict().items():
            setattr(school, key, value)
        changes = changes_between(before, clean.as_dict())
        if changes:
            uow.audit("school", school.id, "update", changes, school_id=school.id)
            uow.session.flush()
        return reported(_summary(school), uow.changes)


def logo_mime(data: bytes) -> str | None:
    for magic, mime in LOGO_TYPES.items():
        if data.startswith(magic):
            return mime
    return None


def set_logo(ctx: ServiceContext, school_id: int, data: bytes | None) -> Changes:
    """Store the letterhead logo (PNG or JPEG, up to 2 MB), or remove it with ``None``."""
    mime = ""
    if data is not None:
        if len(data) > MAX_LOGO_BYTES:
            raise ValidationError([Problem("logo", "Logo: Die Datei ist größer als 2 MB.")])
        mime = logo_mime(data) or ""
        if not mime:
            raise ValidationError(
                [Problem("logo", "Logo: Nur PNG- oder JPEG-Bilder können verwendet werden.")]
            )

    with ctx.unit_of_work() as uow:
        school = _load(uow.session, school_id)
        school.logo = data
        school.logo_mime = mime
        uow.audit(
            "school",
            school_id,
            "update",
            {"logo": "entfernt" if data is None else f"{mime}, {len(data)} Bytes"},
            school_id=school_id,
        )
        return uow.changes


def find_school(ctx: ServiceContext, name_or_number: str | None) -> SchoolSummary:
    """The school a CLI user named; with one school in the file, the name may be left out."""
    schools = list_schools(ctx)
    if name_or_number is None:
        if len(schools) == 1:
            return schools[0]
        if not schools:
            raise LookupError("Es gibt noch keine Schule. Bitte zuerst eine Schule anlegen.")
        names = ", ".join(f"„{s.name}“" for s in schools)
        raise LookupError(f"Bitte mit --school eine Schule wählen: {names}.")
    wanted = name_or_number.strip().lower()
    for school in schools:
        if wanted in (school.name.lower(), school.school_number.lower(), str(school.id)):
            return school
    raise LookupError(f"Keine Schule „{name_or_number}“ gefunden.")
