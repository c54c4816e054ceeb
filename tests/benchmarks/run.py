"""``make bench``: runs every ``bench_*.py`` here and prints each figure against its target.

Each module has ``run() -> list[Figure]``. Exit code 1 when a figure misses its target.
"""

from __future__ import annotations

import importlib.util
import sys
import traceback
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
    width = max([len(f.name) for f in figures] + [10])
    print(f"{'Messung'.ljust(width)}  {'Wert':>10}  {'Ziel':>10}  Ergebnis")
    for f in figures:
        verdict = "ok" if f.passed else "VERFEHLT"
        target = f"≤{f.target:>7.1f}{f.unit:>2}" if f.target != float("inf") else "(Vergleich)"
        print(f"{f.name.ljust(width)}  {f.value:>8.1f}{f.unit:>2}  {target:>11}  {verdict}")
    missed = [f for f in figures if not f.passed]
    return 1 if missed or failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
