"""Render the application icon from its SVG source into every size the platforms want.

    python packaging/make_icons.py

Writes (all committed, so a build needs neither this script nor QtSvg at run time):
- ``resources/icons/dpo_desk-<n>.png``: window and task bar icon, About dialog;
- ``packaging/icons/dpo_desk.ico``: Windows programs, installer, uninstaller;
- ``packaging/icons/dpo_desk.icns``: the macOS app bundle.
Each size is rendered from the vector source (crisper than scaling one bitmap); Pillow
only packs the rendered sizes into the .ico and .icns containers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "packaging" / "icons" / "dpo_desk.svg"
RUNTIME_DIR = ROOT / "resources" / "icons"
ICO = ROOT / "packaging" / "icons" / "dpo_desk.ico"
ICNS = ROOT / "packaging" / "icons" / "dpo_desk.icns"
RUNTIME_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def runtime_icon(size: int) -> Path:
    return RUNTIME_DIR / f"dpo_desk-{size}.png"


def render(sizes: set[int], folder: Path) -> dict[int, Path]:
    """PNG files of the SVG at each size (transparent corners, antialiased)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"Symbolquelle ungültig oder fehlt: {SOURCE}")
    written = {}
    for size in sorted(sizes):
        image = QImage(size, size, QImage.Format_ARGB32)
        image.fill(Qt.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.Antialiasing)
        renderer.render(painter)
        painter.end()
        written[size] = folder / f"dpo_desk-{size}.png"
        image.save(str(written[size]))
    del app
    return written


def pack(images: dict[int, Path], target: Path, sizes: tuple[int, ...]) -> None:
    """An .ico or .icns holding exactly the rendered ``sizes``."""
    from PIL import Image

    frames = [Image.open(images[size]).convert("RGBA") for size in sizes]
    largest = frames[-1]
    options = {"sizes": [(s, s) for s in sizes]} if target.suffix == ".ico" else {}
    largest.save(target, append_images=frames[:-1], **options)


def main() -> int:
    import tempfile

    RUNTIME_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        images = render(set(RUNTIME_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES), Path(scratch))
        for size in RUNTIME_SIZES:
            runtime_icon(size).write_bytes(images[size].read_bytes())
        pack(images, ICO, ICO_SIZES)
        pack(images, ICNS, ICNS_SIZES)
    for path in [*map(runtime_icon, RUNTIME_SIZES), ICO, ICNS]:
        print(f"geschrieben: {path.relative_to(ROOT)} ({path.stat().st_size} Bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
