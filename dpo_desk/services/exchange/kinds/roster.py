"""Students with their classes per school year (part ``students``).

A student is recognised by the ID of the school administration software, else by name and
birth date (``core.roster.person_key``), as the roster import does.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from dpo_desk.core.roster import grade_of_class, person_key
from dpo_desk.services.exchange.format import parse_day
from dpo_desk.services.exchange.kinds.base import Record, RecordKind, Writing, from_doc, to_doc
from dpo_desk.services.versions import mark_saved
from dpo_desk.store.models import Enrolment, RosterMapping, SchoolClass, Student

STUDENT_FIELDS = (
    "external_id",
    "last_name",
    "first_names",
    "birth_date",
    "status",
    "left_on",
    "guardian_1",
    "guardian_2",
)


def identity_of(external_id: str, last_name: str, first_names: str, birth: Any) -> str:
    if external_id:
        return f"id:{external_id}"
    return "person:" + person_key(last_name, first_names, birth)


def student_identities(session: Session, school_id: int) -> dict[int, str]:
    rows = session.execute(
        select(
            Student.id,
            Student.external_id,
            Student.last_name,
            Student.first_names,
            Student.birth_date,
        ).where(Student.school_id == school_id)
    )
    return {row[0]: identity_of(*row[1:]) for row in rows}


class StudentKind(RecordKind):
    kind, part, key, entity, label = ("student", "students", "students", "student", "Schüler/in")

    def identity(self, document: dict[str, Any]) -> str:
        return identity_of(
            document["external_id"],
            document["last_name"],
            document["first_names"],
            parse_day(document["birth_date"]),
        )

    def record_label(self, document: dict[str, Any]) -> str:
        return f"{self.label} {document['last_name']}, {document['first_names']}"

    def export(self, session: Session, school_id: int, files: dict[str, bytes]) -> list[Record]:
        classes: dict[int, list[dict[str, Any]]] = {}
        for student_id, year, name, grade in session.execute(
            select(
                Enrolment.student_id, SchoolClass.school_year, SchoolClass.name, SchoolClass.grade
            )
            .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
            .where(SchoolClass.school_id == school_id)
            .order_by(SchoolClass.school_year)
        ):
            classes.setdefault(student_id, []).append(
                {"school_year": year, "class": name, "grade": grade}
            )
        records = []
        for row in session.scalars(
            select(Student).where(Student.school_id == school_id).order_by(Student.id)
        ):
            document = to_doc(row, STUDENT_FIELDS)
            document["enrolments"] = classes.get(row.id, [])
            records.append(self.record(document, row.id))
        return records

    def _class_id(self, writing: Writing, year: str, name: str, grade: int | None) -> int:
        known: dict[tuple[str, str], int] = writing.targets.extra.setdefault("classes", {})
        if not known:
            known.update(
                {
                    (y, n): i
                    for i, y, n in writing.session.execute(
                        select(SchoolClass.id, SchoolClass.school_year, SchoolClass.name).where(
                            SchoolClass.school_id == writing.school_id
                        )
                    )
                }
            )
        found = known.get((year, name))
        if found is None:
            row = SchoolClass(
                school_id=writing.school_id,
                school_year=year,
                name=name,
                grade=grade if grade is not None else grade_of_class(name),
            )
            writing.session.add(row)
            writing.session.flush()
            writing.uow.audit(
                "school_class",
                row.id,
                "import",
                {"name": name, "school_year": year},
                school_id=writing.school_id,
            )
            found = known[(year, name)] = row.id
        return found

    def write(self, writing: Writing, record: Record, existing: int | None, copy: bool) -> int:
        doc, session = record.document, writing.session
        values = from_doc(Student, doc, STUDENT_FIELDS)
        if existing is not None and not copy:
            row = session.get(Student, existing)
            for name, value in values.items():
                setattr(row, name, value)
            mark_saved(row)
            session.execute(delete(Enrolment).where(Enrolment.student_id == row.id))
        else:
            row = Student(school_id=writing.school_id, **values)
            session.add(row)
        session.flush()
        for item in doc["enrolments"]:
            class_id = self._class_id(writing, item["school_year"], item["class"], item["grade"])
            session.add(
                Enrolment(student_id=row.id, class_id=class_id, school_year=item["school_year"])
            )
        writing.uow.audit(
            self.entity,
            row.id,
            "import",
            {
                "last_name": row.last_name,
                "first_names": row.first_names,
                "as": "copy" if copy else "replace" if existing else "new",
            },
            school_id=writing.school_id,
        )
        return row.id

    def create_many(self, writing: Writing, records: list[Record]) -> list[int]:
        if not records:
            return []
        session = writing.session
        ids = list(
            session.scalars(
                insert(Student).returning(Student.id, sort_by_parameter_order=True),
                [
                    {
                        "school_id": writing.school_id,
                        **from_doc(Student, r.document, STUDENT_FIELDS),
                    }
                    for r in records
                ],
            )
        )
        enrolments = []
        for record, student_id in zip(records, ids, strict=True):
            for item in record.document["enrolments"]:
                class_id = self._class_id(
                    writing, item["school_year"], item["class"], item["grade"]
                )
                enrolments.append(
                    {
                        "student_id": student_id,
                        "class_id": class_id,
                        "school_year": item["school_year"],
                    }
                )
            doc = record.document
            writing.uow.audit(
                self.entity,
                student_id,
                "import",
                {"last_name": doc["last_name"], "first_names": doc["first_names"], "as": "new"},
                school_id=writing.school_id,
            )
        if enrolments:
            session.execute(insert(Enrolment), enrolments)
        return ids


class MappingKind(RecordKind):
    """How the school's roster file headings map to fields (format version 3): the next
    roster import on the new laptop needs no mapping again."""

    kind, part, key, entity, label = (
        "roster_mapping",
        "students",
        "mappings",
        "roster_mapping",
        "Spaltenzuordnung des Schülerimports",
    )
    choices = ("keep", "replace")

    def identity(self, document: dict[str, Any]) -> str:
        return "mapping"

    def record_label(self, document: dict[str, Any]) -> str:
        return self.label

    def export(self, session: Session, school_id: int, files: dict[str, bytes]) -> list[Record]:
        row = session.get(RosterMapping, school_id)
        if row is None or not row.mapping:
            return []
        return [self.record({"mapping": dict(row.mapping)}, school_id)]

    def write(self, writing: Writing, record: Record, existing: int | None, copy: bool) -> int:
        row = writing.session.get(RosterMapping, writing.school_id)
        if row is None:
            row = RosterMapping(school_id=writing.school_id)
            writing.session.add(row)
        row.mapping = dict(record.document["mapping"])
        writing.session.flush()
        writing.uow.audit(
            self.entity,
            writing.school_id,
            "import",
            {"mapping": "importiert"},
            school_id=writing.school_id,
        )
        return writing.school_id


KINDS: list[RecordKind] = [StudentKind(), MappingKind()]
