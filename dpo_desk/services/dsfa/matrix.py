"""The school's risk matrix: read it, change it (doubtful edits need a confirmation), reset."""

from __future__ import annotations

from sqlalchemy import select

from dpo_desk.core.dsfa.risk import RiskMatrix, matrix_warnings
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.dsfa.views import school_matrix
from dpo_desk.store.models import DsfaMatrixSetting, School

ENTITY = "dsfa_matrix"


class MatrixNeedsConfirmation(ValidationError):
    """The edit is possible but doubtful; call again with ``confirmed=True`` to keep it."""


def get_matrix(ctx: ServiceContext, school_id: int) -> RiskMatrix:
    with ctx.reading() as session:
        return school_matrix(session, school_id)


def set_matrix(
    ctx: ServiceContext, school_id: int, matrix: RiskMatrix, confirmed: bool = False
) -> list[str]:
    """Store the matrix for future sign-offs; returns the warnings that were confirmed.

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
        before = RiskMatrix.from_json(row.matrix if row is not None else None)
        if before == matrix:
            return warnings
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
        return warnings


def reset_matrix(ctx: ServiceContext, school_id: int) -> None:
    """Back to the default of the domain reference."""
    set_matrix(ctx, school_id, RiskMatrix.default())
