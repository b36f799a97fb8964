"""Render the app icon's PNGs from assets/icons/interviewer.svg with Qt's SVG renderer (no extra
package needed: QtSvg comes with PySide6).

    .venv/bin/python scripts/render_icons.py [--check]

writes assets/icons/interviewer-<size>.png for every size in SIZES (16 ... 512 pixels, square,
transparent outside the tile). --check renders to memory and exits 1 when a committed PNG is
missing or differs from a fresh render (run it after editing the SVG).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "assets" / "icons"
SVG = ICONS / "interviewer.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return ICONS / f"interviewer-{size}.png"


def render(size: int):
    """The icon as a QImage of size x size pixels."""
    from PySide6 import QtCore, QtGui
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {SVG} is not a valid SVG")
    image = QtGui.QImage(size, size, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QtCore.Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(image)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QtCore.QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QtGui.QImage.Format.Format_ARGB32)


def _same(a, b, tolerance: int = 2) -> bool:
    """Equal up to rounding: Qt releases antialias a few edge pixels one level apart."""
    if a.size() != b.size():
        return False
    import numpy as np

    def channels(image):
        raw = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
        return raw.reshape(image.height(), image.bytesPerLine())[:, :image.width() * 4].astype(int)

    return int(np.abs(channels(a) - channels(b)).max()) <= tolerance


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed PNGs, write nothing")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import QtGui

    if QtGui.QGuiApplication.instance() is None:
        main.app = QtGui.QGuiApplication([sys.argv[0]])  # kept alive while rendering
    stale = []
    for size in SIZES:
        image, path = render(size), png_path(size)
        if args.check:
            if not path.exists() or not _same(QtGui.QImage(str(path)).convertToFormat(image.format()), image):
                stale.append(path.name)
            continue
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"render_icons: cannot write {path}")
        print(f"{path.relative_to(ROOT)}  {size}x{size}")
    if stale:
        print(f"render_icons: out of date: {', '.join(stale)}; run scripts/render_icons.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
