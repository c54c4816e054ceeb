"""Smoke test of a built dpo_desk: the programs run, find their data files and show the window.

    python packaging/smoke_test.py PROGRAM_FOLDER [--compare-start [--start-limit 1.5]]

PROGRAM_FOLDER holds ``dpo-desk`` and ``dpo-desk-cli`` (``.exe`` on Windows; on macOS
``dpo_desk.app/Contents/MacOS``). Steps, each failing with a German message:
``--version``; ``demo`` into a temporary folder; ``check``; a PDF print (fonts); the window
started offscreen until it has painted the demo school's pages (Qt's German texts, icon,
licence metadata). ``--compare-start`` then times cold starts of the built window against
``python -m dpo_desk`` from this checkout, alternating, and reports the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dpo_desk import __version__  # noqa: E402

EXE = ".exe" if sys.platform == "win32" else ""
PROBE_ENV = "DPO_DESK_STARTUP_PROBE"  # dpo_desk.ui.start_probe (not imported: no Qt here)
DEMO_SCHOOL = "199001"
STEP_TIMEOUT = 300


class SmokeFailure(Exception):
    """A step failed; the message says which and why (German)."""


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DPO_DESK_DATA_DIR", PROBE_ENV)}
    env.update(QT_QPA_PLATFORM="offscreen", **extra)
    return env


def run_step(title: str, args: list[str], **extra_env: str) -> subprocess.CompletedProcess:
    started = time.perf_counter()
    try:
        result = subprocess.run(
            args, env=_env(**extra_env), capture_output=True, text=True, timeout=STEP_TIMEOUT
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SmokeFailure(f"{title}: lässt sich nicht ausführen ({exc}).") from exc
    if result.returncode != 0:
        raise SmokeFailure(
            f"{title}: Exit-Code {result.returncode}.\n{result.stdout[-2000:]}"
            f"{result.stderr[-2000:]}"
        )
    print(f"  ok  {title} ({time.perf_counter() - started:.1f} s)", flush=True)
    return result


def start_window(command: list[str], data_dir: Path) -> dict:
    """Start the window offscreen; it paints, reports and quits. The facts plus seconds."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "start.json"
        launched = time.time()
        result = subprocess.run(
            [*command, "--data-dir", str(data_dir)],
            env=_env(**{PROBE_ENV: str(report)}),
            capture_output=True,
            text=True,
            timeout=STEP_TIMEOUT,
        )
        if result.returncode != 0 or not report.is_file():
            raise SmokeFailure(
                "Programmfenster: kein gezeichnetes Hauptfenster "
                f"(Exit-Code {result.returncode}).\n{result.stderr[-2000:]}"
            )
        facts = json.loads(report.read_text(encoding="utf-8"))
    facts["seconds"] = facts["data_painted"] - launched
    return facts


def check_window(facts: dict) -> None:
    problems = []
    if facts.get("pages") != 8:
        problems.append(f"{facts.get('pages')} statt 8 Bereiche in der Navigation")
    if not facts.get("icon"):
        problems.append("kein Programmsymbol (resources/icons fehlt im Build?)")
    if facts.get("version") != __version__:
        problems.append(f"Version {facts.get('version')} statt {__version__}")
    if facts.get("qt_cancel") != "Abbrechen":
        problems.append("Qt-Texte nicht deutsch (qtbase_de.qm fehlt im Build?)")
    if "PySide6" not in facts.get("libraries", []):
        problems.append("Lizenzliste leer (Paket-Metadaten fehlen im Build?)")
    if problems:
        raise SmokeFailure("Programmfenster: " + "; ".join(problems) + ".")
    print(f"  ok  Programmfenster gezeichnet ({facts['seconds']:.1f} s)", flush=True)


def smoke(folder: Path, data_dir: Path) -> None:
    """All smoke steps on the programs in ``folder``, with ``data_dir`` as data folder."""
    gui, cli = [str(folder / f"{name}{EXE}") for name in ("dpo-desk", "dpo-desk-cli")]
    for program in (gui, cli):
        if not Path(program).is_file():
            raise SmokeFailure(f"Programm fehlt im Build: {program}")
    version = run_step("dpo-desk-cli --version", [cli, "--version"]).stdout
    if __version__ not in version:
        raise SmokeFailure(f"--version meldet „{version.strip()}“ statt {__version__}.")
    run_step("demo", [cli, "--data-dir", str(data_dir), "demo"])
    run_step("check", [cli, "--data-dir", str(data_dir), "check"])
    pdf = data_dir / "verzeichnis.pdf"
    run_step(
        "print vvt (PDF mit Schriften)",
        [cli, "--data-dir", str(data_dir), "print", "vvt", "--school", DEMO_SCHOOL, "-o", str(pdf)],
    )
    content = pdf.read_bytes() if pdf.is_file() else b""
    if not content.startswith(b"%PDF") or b"DejaVuSans" not in content:
        raise SmokeFailure("print vvt: kein PDF mit eingebetteter DejaVu-Schrift.")
    check_window(start_window([gui], data_dir))


def compare_start(folder: Path, data_dir: Path, rounds: int) -> tuple[float, float]:
    """Median seconds to the painted main window: built program, and from source."""
    built, source = [], []
    gui = [str(folder / f"dpo-desk{EXE}")]
    from_source = [sys.executable, "-m", "dpo_desk"]
    start_window(gui, data_dir)  # both read the same files: warm the disk cache once
    start_window(from_source, data_dir)
    for _ in range(rounds):
        built.append(start_window(gui, data_dir)["seconds"])
        source.append(start_window(from_source, data_dir)["seconds"])
    return statistics.median(built), statistics.median(source)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="Ordner mit dpo-desk und dpo-desk-cli")
    parser.add_argument("--compare-start", action="store_true", help="Startzeit messen")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--start-limit", type=float, default=None, help="Höchstes Verhältnis")
    args = parser.parse_args(argv)
    print(f"Smoke-Test: {args.folder}", flush=True)
    data_dir = Path(tempfile.mkdtemp(prefix="dpo_desk_smoke_"))
    try:
        smoke(args.folder, data_dir)
        if args.compare_start:
            built, source = compare_start(args.folder, data_dir, args.rounds)
            ratio = built / source
            print(
                f"Start bis zum gezeichneten Hauptfenster (Median aus {args.rounds}): "
                f"Build {built * 1000:.0f} ms, Quelltext {source * 1000:.0f} ms, "
                f"Verhältnis {ratio:.2f}×",
                flush=True,
            )
            if args.start_limit is not None and ratio > args.start_limit:
                raise SmokeFailure(
                    f"Der Build startet {ratio:.2f}× so lange wie der Quelltext "
                    f"(erlaubt: {args.start_limit}×)."
                )
    except SmokeFailure as exc:
        print(f"FEHLER im Smoke-Test: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    print("Smoke-Test bestanden.", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
