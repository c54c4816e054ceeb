"""Restore checks of a 2,000-student database (< 1 s) and unlocking with Argon2id (< 0.5 s).

The restore checks are everything a backup must pass before it may replace the data: the
full verification of the file (exact schema of its revision, integrity, foreign keys, JSON,
stored paths) and the staging copy (copied, checked again, the app's invariants). Unlocking
is what the lock screen does: derive the key from the passphrase at full cost, prove it
opens the file, reopen. Figures for comparison: the whole restore with its safety backup
and swap, and the key derivation alone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from bench_backup import PASSPHRASE, _fill
from harness import Figure, bench_app, median_ms

from dpo_desk.services.safety.backup import create_backup, restore_backup, verify_backup_file
from dpo_desk.services.safety.check import invariant_problems
from dpo_desk.store import crypto
from dpo_desk.store.staging import staged_copy


def _restore_figures(data_dir: Path) -> list[Figure]:
    ctx = bench_app(str(data_dir))
    try:
        _fill(ctx)
        saved = create_backup(ctx, "benchmark").path

        def checks() -> None:
            verify_backup_file(ctx, saved)
            with staged_copy(
                ctx.db.path, saved, None, None, "benchmark", invariants=invariant_problems
            ):
                pass

        def whole() -> None:
            restore_backup(ctx, saved)

        return [
            Figure("Wiederherstellen: Prüfungen, 2.000 Schüler", median_ms(checks), "ms", 1000),
            Figure(
                "Wiederherstellen insgesamt (mit Sicherung, Tausch)",
                median_ms(whole, repeat=3),
                "ms",
                float("inf"),
            ),
        ]
    finally:
        ctx.db.close()


def _unlock_figures(data_dir: Path) -> list[Figure]:
    ctx = bench_app(str(data_dir))
    from dpo_desk.services.safety.encryption import change_passphrase

    change_passphrase(ctx, PASSPHRASE)
    assert ctx.db.key is not None and not ctx.db.key.outdated
    salt = ctx.db.key.salt

    def unlock() -> None:
        ctx.db.forget_key()
        ctx.db.unlock(PASSPHRASE)

    try:
        unlock_ms = median_ms(unlock)
        derive_ms = median_ms(lambda: crypto.derive_key(PASSPHRASE, salt))
    finally:
        ctx.db.close()
    return [
        Figure("Entsperren (Argon2id, 64 MiB, 3 Durchläufe)", unlock_ms, "ms", 500),
        Figure("Schlüsselableitung allein", derive_ms, "ms", float("inf")),
    ]


def run() -> list[Figure]:
    if os.environ.get(crypto.TEST_CHEAP_KDF_ENV) == "1":
        raise RuntimeError("Benchmarks messen die echte Schlüsselableitung: ohne Testschalter")
    root = Path(tempfile.mkdtemp(prefix="dpo_bench_safety_"))
    try:
        figures = _restore_figures(root / "wiederherstellen")
        if crypto.crypto_available():
            figures += _unlock_figures(root / "entsperren")
        return figures
    finally:
        shutil.rmtree(root, ignore_errors=True)
