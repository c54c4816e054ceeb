"""The shipped files are found through one lookup from a checkout and from an installed wheel.

(The PyInstaller bundle is checked by ``make package``: packaging/build.py compares the
bundle with ``resources/`` and its smoke test runs the built program on them.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dpo_desk.resource_files import MissingResource, load_json, resource_path, resources_dir

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted(
    p.relative_to(ROOT / "resources").as_posix()
    for p in (ROOT / "resources").rglob("*")
    if p.is_file()
)


def test_a_checkout_uses_the_top_level_resources_folder() -> None:
    assert resources_dir() == ROOT / "resources"
    assert resource_path("fonts", "DejaVuSans.ttf").stat().st_size > 100_000
    activities = load_json("data", "vvt_catalogue.json")["taetigkeiten"]
    assert any(entry["key"] == "lernplattform" for entry in activities)


def test_a_missing_file_is_named_in_german() -> None:
    with pytest.raises(MissingResource, match=r"Programmdatei fehlt: .*gibt-es-nicht\.json"):
        resource_path("data", "gibt-es-nicht.json")


def test_no_module_shares_its_name_with_a_folder() -> None:
    clashes = [
        str(module.relative_to(ROOT))
        for module in (ROOT / "dpo_desk").rglob("*.py")
        if module.with_suffix("").is_dir()
    ]
    assert clashes == []
    assert not (ROOT / "dpo_desk" / "resources").exists()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of a copy of the project, built offline by the installed setuptools."""
    tmp_path = tmp_path_factory.mktemp("wheel")
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("dpo_desk", "resources"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    out = tmp_path / "dist"
    build = f"from setuptools import build_meta; build_meta.build_wheel({str(out)!r})"
    subprocess.run([sys.executable, "-c", build], cwd=source, check=True, capture_output=True)
    (built,) = out.glob("dpo_desk-*.whl")
    return built


def _run_installed(site: Path, code: str) -> subprocess.CompletedProcess[str]:
    """Python with only ``site`` (an unpacked wheel) and the standard library on its path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(site)
    return subprocess.run(
        [sys.executable, "-S", "-c", code],
        cwd=site.parent,
        env=env,
        capture_output=True,
        text=True,
    )


PROBE = (
    "from dpo_desk.resource_files import resources_dir, load_json\n"
    "print(resources_dir())\n"
    "print(len(load_json('data', 'tom_catalogue.json')))\n"
)


def test_the_wheel_carries_the_resources_inside_the_package(wheel: Path, tmp_path: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [f for f in SHIPPED if f"dpo_desk/resources/{f}" not in names]
    assert missing == []
    assert "dpo_desk/resource_files.py" in names
    assert "dpo_desk/store/migrations/script.py.mako" in names
    assert not any(n.startswith(("resources/", "tests/", "packaging/")) for n in names)

    site = tmp_path / "site-packages"  # installing a pure wheel = unpacking it there
    zipfile.ZipFile(wheel).extractall(site)
    result = _run_installed(site, PROBE)
    assert result.returncode == 0, result.stderr
    folder, count = result.stdout.split()
    assert Path(folder) == site / "dpo_desk" / "resources"
    assert int(count) > 0


def test_an_unrelated_resources_folder_is_not_taken_for_ours(wheel: Path, tmp_path: Path) -> None:
    """An installation missing its files fails clearly instead of reading a stranger's."""
    site = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(site)
    shutil.rmtree(site / "dpo_desk" / "resources")
    (site / "resources" / "data").mkdir(parents=True)
    result = _run_installed(site, PROBE)
    assert result.returncode != 0
    assert "Die Programmdateien von dpo_desk fehlen" in result.stderr
    assert "Bitte dpo_desk neu installieren" in result.stderr
