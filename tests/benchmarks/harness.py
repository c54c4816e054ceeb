"""Shared pieces of the benchmarks: a figure with its target, and timing helpers."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One measured figure. ``target`` is the upper bound the issue names."""

    name: str
    value: float
    unit: str
    target: float

    @property
    def passed(self) -> bool:
        return self.value <= self.target


def median_ms(action: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)
