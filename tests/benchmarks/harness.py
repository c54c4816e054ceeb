"""Shared pieces of the benchmarks: a figure with its target and its floor, timing helpers.

A *floor* is what the machine needs for the same work without dpo_desk, measured in the same
run (e.g. a bare PySide6 window, a raw SQLite insert of the same rows, raw ReportLab with the
same font and page count). The shared machine's speed varies by ±30 % between runs; the
ratio to the floor varies much less, so where the issue names a ratio, the ratio is the
target (``ratio_target``).
"""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One measured figure. ``target`` is the upper bound the issue names (``inf``: none);
    ``floor`` the floor measured in the same run (same unit), ``ratio_target`` the upper
    bound of value / floor (None: the ratio is shown for comparison only)."""

    name: str
    value: float
    unit: str
    target: float
    floor: float | None = None
    floor_name: str = ""
    ratio_target: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor <= 0:
            return None
        return self.value / self.floor

    @property
    def passed(self) -> bool:
        if self.value > self.target:
            return False
        ratio = self.ratio
        return self.ratio_target is None or (ratio is not None and ratio <= self.ratio_target)


INF = math.inf


def median_ms(action: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def paired_ms(
    action: Callable[[], object],
    floor: Callable[[], object],
    repeat: int = 7,
    warmup: int = 1,
) -> tuple[float, float]:
    """Medians of ``action`` and ``floor`` run alternately, so a burst of load on the shared
    machine hits both alike."""
    for _ in range(warmup):
        action()
        floor()
    ours, base = [], []
    for _ in range(repeat):
        for run, samples in ((action, ours), (floor, base)):
            gc.collect()
            start = time.perf_counter()
            run()
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(ours), statistics.median(base)


BENCH_PERSON = ("Messlauf", "Datenschutzbeauftragte/r")


def bench_app(folder: str, passphrase: str | None = None):  # -> ServiceContext
    """``open_app`` for a benchmark: a fresh data folder says who is working first (every
    write names a person), as a user does once at the first start."""
    from dpo_desk.app import open_app
    from dpo_desk.services.settings import set_person

    ctx = open_app(folder, passphrase) if passphrase is not None else open_app(folder)
    if not ctx.knows_actor():
        set_person(ctx, *BENCH_PERSON)
    return ctx
