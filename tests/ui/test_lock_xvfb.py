"""The lock on a real X server: what the X server shows, taken as a screenshot tool would.

Runs where ``Xvfb`` is installed (``.ci/run`` installs it when it can) and is skipped
elsewhere. The app runs in its own process on the ``xcb`` platform; the screen is read
with ImageMagick's ``import -window root`` (the X server's own pixels), or with
``xwd`` if ImageMagick is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

from tests.conftest import ENCRYPTED_PASSPHRASE
from tests.ui.lock_pixels import colour_share, stray_pixels

ROOT = Path(__file__).resolve().parents[2]
XVFB = shutil.which("Xvfb")
IMPORT = shutil.which("import")
GRAB_TRIES = 100

pytestmark = [
    pytest.mark.no_database,
    pytest.mark.skipif(XVFB is None, reason="Xvfb ist nicht installiert"),
    pytest.mark.skipif(IMPORT is None, reason="ImageMagick (import) ist nicht installiert"),
]


@pytest.fixture
def display() -> Iterator[str]:
    read, write = os.pipe()
    server = subprocess.Popen(
        [XVFB, "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as handle:
        number = handle.readline().strip()
    if not number:
        server.kill()
        pytest.skip("Xvfb startete nicht")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=30)


def _screen(display: str, folder: Path) -> QImage:
    target = folder / "bildschirm.png"
    subprocess.run(
        [IMPORT, "-display", display, "-window", "root", str(target)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return QImage(str(target))


def _rect(line: str) -> QRect:
    x, y, w, h = (int(v) for v in line.split()[1:5])
    return QRect(x, y, w, h)


def test_the_x_server_shows_only_the_cover(display: str, prepared, tmp_path: Path) -> None:
    data_dir = tmp_path / "daten"
    prepared.install("demo_encrypted", data_dir)
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    probe = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.xvfb_lock_probe", str(data_dir), ENCRYPTED_PASSPHRASE],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert probe.stdout is not None and probe.stdin is not None
        ready = probe.stdout.readline()
        if not ready and probe.stderr is not None:
            problem = probe.stderr.read()
            if "platform plugin" in problem:  # the xcb libraries are missing here
                pytest.skip("Qt-Plattform xcb nicht verfügbar")
            pytest.fail(problem)
        assert ready.startswith("bereit"), ready
        window = _rect(ready)
        before = _screen(display, tmp_path).copy(window)
        assert colour_share(before) < 0.5  # the class list is on the screen

        probe.stdin.write("sperren\n")
        probe.stdin.flush()
        locked = probe.stdout.readline()
        assert locked.startswith("gesperrt"), locked
        panel = _rect(locked).translated(-window.x(), -window.y()).adjusted(-3, -3, 3, 3)
        # The X server may take a moment to show the new frame: read it until it does.
        for _ in range(GRAB_TRIES):
            after = _screen(display, tmp_path).copy(window)
            if colour_share(after) > 0.9:
                break
        assert stray_pixels(after, panel) == 0
    finally:
        if probe.stdin is not None and probe.poll() is None:
            probe.stdin.write("ende\n")
            probe.stdin.flush()
        probe.communicate(timeout=60)
