"""``make bench``: runs every ``bench_*.py`` here and prints each figure against its target,
next to its floor (the same work without dpo_desk, measured in the same run) and the ratio.

Each module has ``run() -> list[Figure]``. Exit code 1 when a figure misses its target (its
absolute bound or its ratio to the floor). ``python run.py roster consent`` runs only the
modules whose names contain one of the words. Every run is also saved as JSON in
``tests/benchmarks/results/`` (not versioned), to compare runs.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
import time
import traceback
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from harness import Figure  # noqa: E402


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _number(value: float, unit: str) -> str:
    if math.isinf(value):
        return ""
    digits = 0 if abs(value) >= 100 else (1 if abs(value) >= 1 else 2)
    return f"{value:.{digits}f} {unit}"


def print_table(figures: list[Figure]) -> None:
    width = max([len(f.name) for f in figures] + [10])
    print(
        f"{'Messung'.ljust(width)}  {'Wert':>10}  {'Ziel':>11}  {'Boden':>10}  "
        f"{'Verhältnis':>10}  {'Ziel':>6}  Ergebnis"
    )
    floors: dict[str, None] = {}
    for f in figures:
        target = f"≤ {_number(f.target, f.unit)}" if not math.isinf(f.target) else "–"
        floor = _number(f.floor, f.unit) if f.floor is not None else "–"
        ratio = f"{f.ratio:.2f} ×" if f.ratio is not None else "–"
        ratio_target = f"≤ {f.ratio_target:g} ×" if f.ratio_target is not None else ""
        verdict = "ok" if f.passed else "VERFEHLT"
        print(
            f"{f.name.ljust(width)}  {_number(f.value, f.unit):>10}  {target:>11}  "
            f"{floor:>10}  {ratio:>10}  {ratio_target:>6}  {verdict}"
        )
        if f.floor_name:
            floors[f.floor_name] = None
    if floors:
        print("\nBöden (im selben Lauf gemessen): " + "; ".join(floors))


def main(selected: list[str]) -> int:
    figures: list[Figure] = []
    failures = 0
    for path in sorted(HERE.glob("bench_*.py")):
        if selected and not any(s in path.stem for s in selected):
            continue
        print(f"… {path.stem}", file=sys.stderr, flush=True)
        try:
            figures += _load(path).run()
        except Exception:
            traceback.print_exc()
            failures += 1
    print_table(figures)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (results / f"bench-{stamp}.json").write_text(
        json.dumps([asdict(f) | {"ratio": f.ratio} for f in figures], indent=1, default=str),
        encoding="utf-8",
    )
    missed = [f for f in figures if not f.passed]
    return 1 if missed or failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
