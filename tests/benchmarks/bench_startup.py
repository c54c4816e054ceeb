"""Start until the demo school's data is visible, next to its floor: a bare PySide6 window
painted (Python, Qt and an empty window: what any PySide6 program pays). Peak memory once
everything has loaded, next to the bare window's.

Targets (issue 19): data visible at most 3 × the bare window, peak memory at most 120 MB;
(issue 2) frame painted at most 2.5 × the bare window and under 1.5 s. Each start is a
fresh process; bare and app starts alternate, and the medians of 7 are reported. The
package's bytecode is compiled first, as an installed app has it (this machine's
environment may forbid writing it, and compiling the sources at every start would be
measured instead).
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import INF, Figure

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RUNS = 7


def _start(mode: str, data_dir: str | None) -> tuple[float, float, float, float]:
    """Seconds until first paint, until the data is shown, until everything is loaded;
    peak memory in MB."""
    args = [sys.executable, str(HERE / "startup_probe.py"), mode]
    if data_dir:
        args.append(data_dir)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, env=env, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    painted = time.perf_counter() - start
    ready = loaded = painted
    peak = 0.0
    if mode == "app":
        if proc.stdout.readline().strip() != "ready":
            raise RuntimeError("app did not report ready")
        ready = time.perf_counter() - start
        word, _, value = proc.stdout.readline().partition(" ")
        loaded = time.perf_counter() - start
        if word != "loaded":
            raise RuntimeError("app did not report loaded")
        peak = float(value)
    else:
        word, _, value = proc.stdout.readline().partition(" ")
        peak = float(value) if word == "memory" else 0.0
    proc.wait()
    if line.strip() != "painted" or proc.returncode != 0:
        raise RuntimeError(f"{mode} start failed ({proc.returncode})")
    return painted, ready, loaded, peak


def run() -> list[Figure]:
    compileall.compile_dir(str(ROOT / "dpo_desk"), quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        subprocess.run(
            [sys.executable, "-m", "dpo_desk", "--data-dir", folder, "demo"],
            check=True,
            env=env,
            capture_output=True,
        )
        _start("app", folder)  # warm the disk cache once, as the second start of a day would
        _start("bare", None)
        bare, app = [], []
        for _ in range(RUNS):
            bare.append(_start("bare", None))
            app.append(_start("app", folder))
    bare_s = statistics.median(b[0] for b in bare)
    bare_mb = max(b[3] for b in bare)
    painted_s = statistics.median(a[0] for a in app)
    ready_s = statistics.median(a[1] for a in app)
    loaded_s = statistics.median(a[2] for a in app)
    peak = max(a[3] for a in app)
    window = "Start: leeres PySide6-Fenster gezeichnet (Python, Qt, leeres Fenster)"
    return [
        Figure(
            "Start: Hauptfenster gezeichnet",
            painted_s * 1000,
            "ms",
            1500,
            bare_s * 1000,
            window,
            2.5,
        ),
        Figure(
            "Start: Daten der großen Demo-Schule sichtbar",
            ready_s * 1000,
            "ms",
            INF,
            bare_s * 1000,
            window,
            3,
        ),
        Figure(
            "Start: alles geladen (Module der übrigen Seiten, Sicherung, Prüfung)",
            loaded_s * 1000,
            "ms",
            INF,
            bare_s * 1000,
            window,
        ),
        Figure(
            "Start: Spitzenspeicher", peak, "MB", 120, bare_mb, "Speicher: leeres PySide6-Fenster"
        ),
    ]
