"""An attempt's HTML export printed to PDF with Qt's own text layout and PDF writer (no extra
dependency). Works without a display: the CLI sets up an offscreen Qt application."""

from __future__ import annotations

import os
from pathlib import Path

from interviewer_app.ui.qt import QtCore, QtGui


_APP = None  # the Qt application made for a command-line export, kept for the process


def html_to_pdf(html: str, out: Path) -> Path:
    global _APP
    if QtGui.QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _APP = QtGui.QGuiApplication([])
    writer = QtGui.QPdfWriter(str(out))
    writer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
    writer.setPageMargins(QtCore.QMarginsF(18, 18, 18, 18), QtGui.QPageLayout.Unit.Millimeter)
    writer.setResolution(96)  # lay text out at screen density so point sizes come out right
    writer.setTitle("Interviewer attempt")
    writer.setCreator("Interviewer")
    doc = QtGui.QTextDocument()
    doc.setHtml(html)
    doc.setPageSize(QtCore.QSizeF(writer.width(), writer.height()))
    doc.print_(writer)
    if not out.exists() or out.stat().st_size == 0:
        from interviewer_app.core.errors import StorageError
        raise StorageError(f"could not write the PDF {out}")
    return out
