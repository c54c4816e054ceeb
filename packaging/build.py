"""Build dpo_desk for this system: PyInstaller folder, checks, installer or archive, smoke test.

    python packaging/build.py [--no-smoke] [--compare-start] [--start-limit 1.5]

The one build script for ``make package`` and the release workflow
(.github/workflows/release.yml) on Linux, Windows and macOS. It stops with a German
message (exit 2) when something it needs is missing: the ``package`` extra, an icon, a
resource file in the bundle. Results go to ``dist/``:
- Linux: ``dpo_desk-<version>-linux-x86_64.tar.gz`` (folder, desktop entry, install.sh);
- Windows: ``dpo_desk-<version>-windows-setup.exe`` (Inno Setup, per user, no admin);
- macOS: ``dpo_desk-<version>-macos.dmg`` (the .app, unsigned unless signing is set up).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
sys.path[:0] = [str(ROOT), str(PACKAGING)]

import bundle_policy  # noqa: E402
import make_icons  # noqa: E402
import platform_packages  # noqa: E402
import smoke_test  # noqa: E402
from build_support import BuildError, folder_size, layout  # noqa: E402

from dpo_desk import __version__  # noqa: E402

DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
SPEC = PACKAGING / "dpo_desk.spec"


def preflight() -> None:
    """Everything the build needs, checked before spending minutes on PyInstaller."""
    if importlib.util.find_spec("PyInstaller") is None:
        raise BuildError(
            "PyInstaller fehlt: das Paket-Extra ist nicht installiert. Bitte zuerst "
            '„pip install -e ".[package]"“ ausführen (oder „make package“ verwenden).'
        )
    check_sources()
    platform_packages.check_metadata(__version__)


def check_sources() -> None:
    """The icons in every size and the data files are there to be bundled."""
    icons = [make_icons.SOURCE, make_icons.ICO, make_icons.ICNS]
    icons += [make_icons.runtime_icon(size) for size in make_icons.RUNTIME_SIZES]
    missing = [p for p in icons if not p.is_file() or p.stat().st_size == 0]
    if missing:
        names = ", ".join(str(p.relative_to(ROOT)) for p in missing)
        raise BuildError(
            f"Programmsymbol fehlt: {names}. Die Symbole werden mit "
            "„python packaging/make_icons.py“ aus packaging/icons/dpo_desk.svg erzeugt."
        )
    if not any((ROOT / "resources" / "data").glob("*.json")):
        raise BuildError("Der Ordner resources/data fehlt oder ist leer.")


def run_pyinstaller() -> None:
    print(f"PyInstaller: dpo_desk {__version__} für {platform.system()} …", flush=True)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level=WARN"]
    command += ["--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        raise BuildError("PyInstaller ist fehlgeschlagen (Meldungen oben).")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify_bundle(internal: Path) -> None:
    """Every shipped file made it into the bundle unchanged; nothing excluded crept in."""
    expected = [(ROOT / "resources", internal / "dpo_desk" / "resources")]
    migrations = ROOT / "dpo_desk" / "store" / "migrations"
    expected.append((migrations, internal / "dpo_desk" / "store" / "migrations"))
    problems = []
    for source, target in expected:
        for file in sorted(source.rglob("*")):
            if not file.is_file() or "__pycache__" in file.parts:
                continue
            copy = target / file.relative_to(source)
            if not copy.is_file():
                problems.append(f"fehlt im Build: {copy.relative_to(internal)}")
            elif _digest(copy) != _digest(file):
                problems.append(f"verändert im Build: {copy.relative_to(internal)}")
    names = [str(p.relative_to(internal)) for p in internal.rglob("*") if p.is_file()]
    problems += [f"ausgeschlossen, aber im Build: {n}" for n in bundle_policy.unwanted(names)]
    problems += platform_packages.unresolved_libraries(internal)
    if problems:
        raise BuildError("Der Build ist unvollständig:\n  " + "\n  ".join(problems))
    print(f"  ok  Programmdateien vollständig ({len(names)} Dateien im Build)", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-smoke", action="store_true", help="ohne Smoke-Test")
    parser.add_argument("--compare-start", action="store_true", help="Startzeit mit Quelltext")
    parser.add_argument("--start-limit", type=float, default=None)
    parser.add_argument(
        "--install-test",
        action="store_true",
        help="Windows/macOS: Installer installieren, erneut installieren, deinstallieren "
        "(ersetzt ein installiertes dpo_desk; unter Linux läuft der Test immer)",
    )
    args = parser.parse_args(argv)
    try:
        preflight()
        run_pyinstaller()
        built = layout(DIST)
        platform_packages.finish_programs(built)
        verify_bundle(built.internal)
        platform_packages.write_licences(built.licence_file)
        size = folder_size(built.root)
        print(
            f"Größe des Programmordners: {size / 2**20:.1f} MiB ({size / 1e6:.1f} MB)", flush=True
        )
        if not args.no_smoke:
            smoke_args = [str(built.programs)]
            if args.compare_start:
                smoke_args.append("--compare-start")
            if args.start_limit is not None:
                smoke_args += ["--start-limit", str(args.start_limit)]
            if smoke_test.main(smoke_args) != 0:
                raise BuildError("Der Smoke-Test des Builds ist fehlgeschlagen.")
        install_test = args.install_test or (sys.platform.startswith("linux") and not args.no_smoke)
        package = platform_packages.package(built, __version__, install_test)
        print(f"Fertig: {package.relative_to(ROOT)} ({package.stat().st_size / 1_000_000:.1f} MB)")
    except BuildError as exc:
        print(f"FEHLER beim Bauen: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    raise SystemExit(main())
