"""Cold start to the first painted main window, next to a bare PySide6 window; peak memory.

Targets (issue 2): start-up at most 2.5 × the bare window and under 1.5 s; peak memory
under 250 MB. Each start is a fresh process; the median of 5 is reported.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import Figure

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RUNS = 5


def _start(mode: str, data_dir: str | None) -> tuple[float, float, float]:
    """Seconds until first paint and until the data is shown; peak memory in MB."""
    args = [sys.executable, str(HERE / "startup_probe.py"), mode]
    if data_dir:
        args.append(data_dir)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, env=env, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    painted = time.perf_counter() - start
    ready, peak = painted, 0.0
    if mode == "app":
        word, _, value = proc.stdout.readline().partition(" ")
        ready = time.perf_counter() - start
        if word != "ready":
            raise RuntimeError("app did not report ready")
        peak = float(value)
    proc.wait()
    if line.strip() != "painted" or proc.returncode != 0:
        raise RuntimeError(f"{mode} start failed ({proc.returncode})")
    return painted, ready, peak


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        subprocess.run(
            [sys.executable, "-m", "dpo_desk", "--data-dir", folder, "demo"],
            check=True,
            env=env,
            capture_output=True,
        )
        _start("app", folder)  # warm the disk cache once, as the second start of a day would
        bare = [_start("bare", None) for _ in range(RUNS)]
        app = [_start("app", folder) for _ in range(RUNS)]
    bare_s = statistics.median(t for t, _, _ in bare)
    painted_s = statistics.median(t for t, _, _ in app)
    ready_s = statistics.median(r for _, r, _ in app)
    peak = max(m for _, _, m in app)
    return [
        Figure("Start: leeres PySide6-Fenster", bare_s * 1000, "ms", float("inf")),
        Figure("Start: Hauptfenster gezeichnet", painted_s * 1000, "ms", 1500),
        Figure("Start: Verhältnis zum leeren Fenster", painted_s / bare_s, "×", 2.5),
        Figure("Start: Daten der großen Demo-Schule sichtbar", ready_s * 1000, "ms", 1500),
        Figure("Start: Spitzenspeicher", peak, "MB", 250),
    ]
