"""The build stops with a clear message: no packaging extra, a missing icon, a bundle that
lacks a shipped file or carries what was meant to stay out. (The build itself: make package.)"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str):
    """A script of packaging/ as a module (they import each other by plain name)."""
    saved = list(sys.path)
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        spec = importlib.util.spec_from_file_location(
            f"packaging_{name}", ROOT / "packaging" / f"{name}.py"
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = saved
    return module


build = _load("build")
policy = _load("bundle_policy")


def test_a_build_without_the_packaging_extra_says_how_to_install_it() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    result = subprocess.run(
        [sys.executable, "-S", str(ROOT / "packaging" / "build.py")],  # -S: no site-packages
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "PyInstaller fehlt" in result.stderr
    assert 'pip install -e ".[package]"' in result.stderr


def test_a_missing_icon_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if packaging/icons/dpo_desk.ico had not been generated."""
    monkeypatch.setattr(build.make_icons, "ICO", ROOT / "packaging" / "icons" / "fehlt.ico")
    with pytest.raises(build.BuildError, match=r"Programmsymbol fehlt: .*fehlt\.ico.*make_icons"):
        build.check_sources()


def _bundle(tmp_path: Path) -> Path:
    internal = tmp_path / "_internal"
    shutil.copytree(ROOT / "resources", internal / "dpo_desk" / "resources")
    migrations = ROOT / "dpo_desk" / "store" / "migrations"
    shutil.copytree(
        migrations,
        internal / "dpo_desk" / "store" / "migrations",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return internal


def test_a_complete_bundle_passes(tmp_path: Path) -> None:
    build.verify_bundle(_bundle(tmp_path))


def test_a_data_file_missing_from_the_bundle_is_named(tmp_path: Path) -> None:
    internal = _bundle(tmp_path)
    (internal / "dpo_desk" / "resources" / "data" / "tom_catalogue.json").unlink()
    with pytest.raises(
        build.BuildError, match=r"fehlt im Build: dpo_desk/resources/data/tom_catalogue\.json"
    ):
        build.verify_bundle(internal)


def test_a_left_out_library_in_the_bundle_is_named(tmp_path: Path) -> None:
    internal = _bundle(tmp_path)
    (internal / "libQt6Quick.so.6").write_bytes(b"\x7fELF")
    with pytest.raises(build.BuildError, match=r"ausgeschlossen, aber im Build: libQt6Quick"):
        build.verify_bundle(internal)


def test_only_german_and_english_qt_translations_stay() -> None:
    kept = [
        name
        for name in ("qtbase_de.qm", "qtbase_en.qm", "qtbase_fr.qm", "qtbase_zh_CN.qm", "qt_de.qm")
        if policy.keep_data_file(f"PySide6/Qt/translations/{name}")
    ]
    assert kept == ["qtbase_de.qm", "qtbase_en.qm", "qt_de.qm"]
    assert policy.keep_plugin("platforms", "/x/libqxcb.so")
    assert not policy.keep_plugin("platforminputcontexts", "/x/libqtvirtualkeyboardplugin.so")
    assert not policy.keep_data_file("reportlab/fonts/Vera.ttf")
