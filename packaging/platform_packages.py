"""What turns the PyInstaller folder into something a school installs, per system.

- Linux: a tarball with the folder, desktop entry, AppStream metadata, icons and
  ``install.sh`` / ``uninstall.sh`` (per user, no root). Tested here: install, install
  again over it, uninstall; the data folder survives both.
- Windows: Inno Setup (packaging/windows/dpo_desk.iss), per user without admin rights.
- macOS: the .app in a disk image (hdiutil).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from build_support import BuildError, Layout

from dpo_desk import APP_ID

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ISS = PACKAGING / "windows" / "dpo_desk.iss"
HICOLOR_SIZES = (48, 128, 256)


def check_metadata(version: str) -> None:
    """The desktop metadata exists and names this version as a release (AppStream)."""
    for path in (DESKTOP_FILE, METAINFO, LINUX / "install.sh", LINUX / "uninstall.sh", ISS):
        if not path.is_file():
            raise BuildError(f"Datei für die Installation fehlt: {path.relative_to(ROOT)}")
    releases = [r.get("version") for r in ET.parse(METAINFO).getroot().iter("release")]
    if version not in releases:
        raise BuildError(
            f"{METAINFO.relative_to(ROOT)} nennt Version {version} nicht unter <releases>: "
            "bitte einen <release>-Eintrag mit Datum ergänzen."
        )


def unresolved_libraries(internal: Path) -> list[str]:
    """Linux: libraries a bundled library needs but finds neither in the bundle nor system."""
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return []
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    problems = set()
    for library in internal.rglob("*.so*"):
        if library.is_symlink() or not library.is_file():
            continue
        result = subprocess.run(["ldd", str(library)], capture_output=True, text=True, env=env)
        for line in result.stdout.splitlines():
            if "not found" in line:
                needed = line.split("=>")[0].strip()
                problems.add(
                    f"{library.relative_to(internal)} braucht {needed}: auf dem Build-Rechner "
                    "nicht installiert, daher auch nicht im Build (bitte nachinstallieren)"
                )
    return sorted(problems)


def finish_programs(layout: Layout) -> None:
    """Linux: ``dpo-desk-cli`` is a link to ``dpo-desk`` (see dpo_desk.spec)."""
    cli = layout.programs / "dpo-desk-cli"
    if sys.platform.startswith("linux") and not cli.exists():
        cli.symlink_to("dpo-desk")


def write_licences(target: Path) -> None:
    from dpo_desk.licences import third_party_text

    target.write_text(third_party_text(), encoding="utf-8")


def package(layout: Layout, version: str, install_test: bool) -> Path:
    """The installable file; with ``install_test`` it is installed and removed again.

    On Linux the test runs for a throw-away home folder, so it is always safe. On Windows
    and macOS it installs for the current user (and would replace an installed dpo_desk),
    so it runs only when asked for (the release workflow does).
    """
    if sys.platform == "win32":
        installer = windows_installer(layout, version)
        if install_test:
            windows_install_test(installer)
        return installer
    if sys.platform == "darwin":
        image = macos_disk_image(layout, version)
        if install_test:
            macos_image_test(image, version)
        return image
    archive = linux_tarball(layout, version)
    if install_test:
        linux_install_test(archive, version)
    return archive


# --- Linux ---------------------------------------------------------------------------------


def linux_tarball(layout: Layout, version: str) -> Path:
    name = f"dpo_desk-{version}"
    archive = layout.root.parent / f"{name}-linux-{os.uname().machine}.tar.gz"
    icons = ROOT / "resources" / "icons"

    def add(tar: tarfile.TarFile, source: Path, target: str) -> None:
        tar.add(source, arcname=f"{name}/{target}")

    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        add(tar, layout.root, "dpo-desk")
        for script in ("install.sh", "uninstall.sh"):
            add(tar, LINUX / script, script)
        add(tar, DESKTOP_FILE, f"share/applications/{DESKTOP_FILE.name}")
        add(tar, METAINFO, f"share/metainfo/{METAINFO.name}")
        for size in HICOLOR_SIZES:
            target = f"share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
            add(tar, icons / f"dpo_desk-{size}.png", target)
        add(
            tar,
            PACKAGING / "icons" / "dpo_desk.svg",
            f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        )
    return archive


def _sh(title: str, args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise BuildError(f"Installationstest, {title}: {result.stdout}{result.stderr}")
    return result.stdout


def linux_install_test(archive: Path, version: str) -> None:
    """Install for a throw-away user, start, install again over it, uninstall: data stays."""
    with tempfile.TemporaryDirectory(prefix="dpo_desk_install_") as scratch:
        home = Path(scratch) / "home"
        home.mkdir()
        with tarfile.open(archive) as tar:
            tar.extractall(scratch, filter="tar")
        unpacked = Path(scratch) / f"dpo_desk-{version}"
        env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        env["QT_QPA_PLATFORM"] = "offscreen"
        _sh("install.sh", ["sh", str(unpacked / "install.sh")], env)
        cli = home / ".local" / "bin" / "dpo-desk-cli"
        desktop = home / ".local" / "share" / "applications" / DESKTOP_FILE.name
        if not desktop.is_file() or str(home) not in desktop.read_text(encoding="utf-8"):
            raise BuildError("Installationstest: Menüeintrag fehlt oder zeigt ins Leere.")
        _sh("demo in den Standard-Datenordner", [str(cli), "demo"], env)
        database = home / ".local" / "share" / "dpo_desk" / "dpo_desk.sqlite"
        before = database.stat().st_size
        _sh("erneute Installation", ["sh", str(unpacked / "install.sh")], env)
        _sh("check nach erneuter Installation", [str(cli), "check"], env)
        if not database.is_file() or database.stat().st_size < before:
            raise BuildError("Installationstest: Daten nach erneuter Installation verloren.")
        uninstall = home / ".local" / "opt" / "dpo_desk" / "uninstall.sh"
        _sh("uninstall.sh", ["sh", str(uninstall)], env)
        if cli.exists() or desktop.exists() or not database.is_file():
            raise BuildError("Installationstest: Deinstallation unvollständig oder Daten weg.")
        _sh("erneute Installation nach Deinstallation", ["sh", str(unpacked / "install.sh")], env)
        uninstall_all = [str(uninstall), "--daten-loeschen"]
        _sh("uninstall.sh --daten-loeschen", ["sh", *uninstall_all], env)
        if database.parent.exists():
            raise BuildError("Installationstest: --daten-loeschen hat die Daten nicht gelöscht.")
    print("  ok  Installation, erneute Installation und Deinstallation (Daten bleiben)")


# --- Windows -------------------------------------------------------------------------------


def _inno_compiler() -> str:
    found = shutil.which("iscc")
    if found:
        return found
    for variable in ("PROGRAMFILES(X86)", "PROGRAMFILES"):  # os.environ is upper case there
        candidate = Path(os.environ.get(variable, "")) / "Inno Setup 6" / "ISCC.exe"
        if os.environ.get(variable) and candidate.is_file():
            return str(candidate)
    raise BuildError("Inno Setup 6 (ISCC.exe) fehlt: https://jrsoftware.org/isinfo.php")


def windows_installer(layout: Layout, version: str) -> Path:
    output = layout.root.parent
    command = [
        _inno_compiler(),
        f"/DAppVersion={version}",
        f"/DSourceDir={layout.root}",
        f"/DOutputDir={output}",
        f"/DIconFile={PACKAGING / 'icons' / 'dpo_desk.ico'}",
        str(ISS),
    ]
    if subprocess.run(command).returncode != 0:
        raise BuildError("Inno Setup ist fehlgeschlagen (Meldungen oben).")
    return output / f"dpo_desk-{version}-windows-setup.exe"


def windows_install_test(installer: Path) -> None:
    """Silent per-user install, a start, the same installer again over it, uninstall.

    The data folder is a temporary one (DPO_DESK_DATA_DIR); the installer never touches
    data folders, and the uninstaller deletes the standard one only when the user asks.
    """
    with tempfile.TemporaryDirectory(prefix="dpo_desk_install_") as scratch:
        target, data = Path(scratch) / "programm", Path(scratch) / "daten"
        env = dict(os.environ, DPO_DESK_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen")
        silent = ["/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"]
        _sh("Installation", [str(installer), *silent, f"/DIR={target}"], env)
        cli = target / "dpo-desk-cli.exe"
        _sh("demo", [str(cli), "demo"], env)
        _sh("erneute Installation", [str(installer), *silent, f"/DIR={target}"], env)
        _sh("check nach erneuter Installation", [str(cli), "check"], env)
        _sh("Deinstallation", [str(target / "unins000.exe"), *silent], env)
        # The uninstaller works from a copy of itself and may still be finishing.
        for _ in range(60):
            if not cli.exists():
                break
            time.sleep(0.5)
        if cli.exists() or not (data / "dpo_desk.sqlite").is_file():
            raise BuildError("Installationstest: Deinstallation unvollständig oder Daten weg.")
    print("  ok  Installation, erneute Installation und Deinstallation (Daten bleiben)")


# --- macOS ---------------------------------------------------------------------------------


def macos_disk_image(layout: Layout, version: str) -> Path:
    image = layout.root.parent / f"dpo_desk-{version}-macos.dmg"
    with tempfile.TemporaryDirectory() as scratch:
        stage = Path(scratch) / "dpo_desk"
        stage.mkdir()
        # ditto keeps the bundle's symlinks and signature intact.
        subprocess.run(["ditto", str(layout.root), str(stage / layout.root.name)], check=True)
        shutil.copy(layout.licence_file, stage / layout.licence_file.name)
        (stage / "Programme").symlink_to("/Applications")
        image.unlink(missing_ok=True)
        command = ["hdiutil", "create", "-volname", f"dpo_desk {version}", "-srcfolder"]
        command += [str(stage), "-ov", "-format", "UDZO", str(image)]
        if subprocess.run(command).returncode != 0:
            raise BuildError("hdiutil konnte das Disk-Image nicht anlegen.")
    return image


def macos_image_test(image: Path, version: str) -> None:
    """The disk image mounts and the app in it runs."""
    with tempfile.TemporaryDirectory() as mount:
        _sh(
            "Disk-Image einbinden",
            ["hdiutil", "attach", "-nobrowse", "-mountpoint", mount, str(image)],
            dict(os.environ),
        )
        try:
            cli = Path(mount) / "dpo_desk.app" / "Contents" / "MacOS" / "dpo-desk-cli"
            if version not in _sh(
                "--version aus dem Disk-Image", [str(cli), "--version"], dict(os.environ)
            ):
                raise BuildError("Installationstest: falsche Version im Disk-Image.")
        finally:
            subprocess.run(["hdiutil", "detach", mount], check=False)
    print("  ok  Disk-Image eingebunden, Programm läuft")
