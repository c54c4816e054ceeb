"""The school's risk matrix: read it, change it (doubtful edits need a confirmation), reset."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from dpo_desk.core.dsfa.risk import RiskMatrix, matrix_warnings
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, changes_field
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.dsfa.views import school_matrix
from dpo_desk.services.versions import StaleEdit, last_change
from dpo_desk.store.models import DsfaMatrixSetting, School

ENTITY = "dsfa_matrix"


class MatrixNeedsConfirmation(ValidationError):
    """The edit is possible but doubtful; call again with ``confirmed=True`` to keep it."""


def matrix_problems(matrix: RiskMatrix) -> list[Problem]:
    """The doubtful points of a matrix the person must confirm before it is stored."""
    return [Problem("matrix", w) for w in matrix_warnings(matrix)]


def get_matrix(ctx: ServiceContext, school_id: int) -> RiskMatrix:
    with ctx.reading() as session:
        return school_matrix(session, school_id)


@dataclass(frozen=True)
class MatrixSaved:
    warnings: list[str]
    """The doubtful points the person confirmed."""
    changes: Changes = changes_field()


def matrix_version(ctx: ServiceContext, school_id: int) -> int:
    """The save count of the school's matrix (0: the default, never changed)."""
    with ctx.reading() as session:
        row = session.scalar(
            select(DsfaMatrixSetting).where(DsfaMatrixSetting.school_id == school_id)
        )
        return row.row_version if row is not None else 0


def set_matrix(
    ctx: ServiceContext,
    school_id: int,
    matrix: RiskMatrix,
    confirmed: bool = False,
    expected_version: int | None = None,
) -> MatrixSaved:
    """Store the matrix for future sign-offs (with the warnings that were confirmed);
    refused (``StaleEdit``) when it changed since ``expected_version`` (``matrix_version``).

    Signed-off assessments keep the matrix stored with them.
    """
    warnings = matrix_warnings(matrix)
    if warnings and not confirmed:
        raise MatrixNeedsConfirmation([Problem("matrix", w) for w in warnings])
    with ctx.unit_of_work() as uow:
        if uow.session.get(School, school_id) is None:
            raise LookupError(f"Schule {school_id} gibt es nicht.")
        row = uow.session.scalar(
            select(DsfaMatrixSetting).where(DsfaMatrixSetting.school_id == school_id)
        )
        stored_version = row.row_version if row is not None else 0
        if expected_version is not None and stored_version != expected_version:
            changed_by, changed_at = last_change(uow.session, ENTITY, row.id if row else 0)
            raise StaleEdit("Die Risikomatrix", changed_by, changed_at, [])
        before = RiskMatrix.from_json(row.matrix if row is not None else None)
        if before == matrix:
            return MatrixSaved(warnings)
        if row is None:
            row = DsfaMatrixSetting(school_id=school_id)
            uow.session.add(row)
        row.matrix = matrix.to_json()
        row.updated_by = uow.actor
        uow.session.flush()
        uow.audit(
            ENTITY,
            row.id,
            "update",
            {
                "matrix": [before.to_json()["cells"], matrix.to_json()["cells"]],
                "warnings": warnings,
            },
            school_id=school_id,
        )
        return MatrixSaved(warnings, changes=uow.changes)


def reset_matrix(ctx: ServiceContext, school_id: int) -> MatrixSaved:
    """Back to the default of the domain reference."""
    return set_matrix(ctx, school_id, RiskMatrix.default())
