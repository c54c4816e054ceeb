"""Fictional demo data: two schools, filled in by each area's ``seed`` step.

Deterministic and re-runnable: a second run finds what is there and adds nothing twice.
Later areas add their own step to ``DEMO_STEPS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dpo_desk.services.changes import Area, Changes, changes_field
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.demo.schools import DemoSchool, find_demo_schools, seed_schools


@dataclass(frozen=True)
class DemoResult:
    schools: list[DemoSchool]
    changes: Changes = changes_field()


DemoStep = Callable[[ServiceContext, list[DemoSchool]], None]

DEMO_ACTOR = "Dr. Jonas Albrecht (Datenschutzbeauftragte/r)"
"""The fictional DPO of the demo schools: the change log and "freigegeben von" of the demo
name him, whoever loads it (and whether or not anyone has said who is working yet)."""


def demo_steps() -> list[DemoStep]:
    from dpo_desk.services.demo import breaches, consent, dsfa, register, requests, roster

    return [roster.seed, register.seed, consent.seed, dsfa.seed, breaches.seed, requests.seed]


def load_demo(ctx: ServiceContext) -> DemoResult:
    with ctx.acting_as(DEMO_ACTOR):
        demo_schools = seed_schools(ctx)
        for step in demo_steps():
            step(ctx, demo_schools)
    return DemoResult(schools=demo_schools, changes=Changes.of(*Area))


def find_demo(ctx: ServiceContext) -> DemoResult:
    """The demo schools already in the database (nothing is written)."""
    return DemoResult(schools=find_demo_schools(ctx))
