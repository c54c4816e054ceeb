"""Starting ``tests.store.burst_worker`` as a real second process, once it says "bereit"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_worker(data_dir: Path, *args: str, run: str = "-") -> subprocess.Popen[str]:
    """``burst_worker DATA_DIR RUN ARGS...`` with stdin, stdout and stderr as pipes; returns
    when the worker has opened the database (a passphrase from the environment is not
    inherited)."""
    env = {k: v for k, v in os.environ.items() if k != "DPO_DESK_PASSPHRASE"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.store.burst_worker", str(data_dir), run, *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "bereit", proc.stderr.read() if proc.stderr else ""
    return proc
