"""An attempt's HTML export printed to PDF with Qt's own text layout and PDF writer (no extra
dependency). Works without a display: the command line makes an offscreen Qt application, whatever
QT_QPA_PLATFORM says (a PDF needs no window). The PDF is made in memory and then written whole
(core/atomic.py), so a full disk leaves the old file as it was."""

from __future__ import annotations

from pathlib import Path

from interviewer_app.core.atomic import write_bytes_atomic
from interviewer_app.qt_binding import QtCore, QtGui, QtWidgets

_APP = None  # the Qt application made for a command-line export, kept for the process


def html_to_pdf(html: str, out: Path) -> Path:
    write_bytes_atomic(out, html_to_pdf_bytes(html))
    return out


HEADING_FOOT = 0.82  # a heading that starts below this share of a page moves to the next page


def _keep_headings_with_text(doc: QtGui.QTextDocument) -> None:
    """A heading left at the foot of a page, its text on the next ("Transcript" alone at the
    bottom), starts the next page instead. Qt's text layout has no keep-with-next."""
    page_h = doc.pageSize().height()
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            layout = doc.documentLayout()
            top = layout.blockBoundingRect(block).top()
            if top % page_h > HEADING_FOOT * page_h:
                fmt = QtGui.QTextBlockFormat()
                fmt.setPageBreakPolicy(QtGui.QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QtGui.QTextCursor(block).mergeBlockFormat(fmt)
        block = block.next()


def html_to_pdf_bytes(html: str) -> bytes:
    global _APP
    if QtGui.QGuiApplication.instance() is None:
        # "-platform" wins over QT_QPA_PLATFORM: "xcb" with no display would abort the process.
        # A QApplication, not a QGuiApplication: widgets made later in the same process (a
        # window opened after an export) need one, and Qt allows only one application.
        _APP = QtWidgets.QApplication(["interviewer-app", "-platform", "offscreen"])
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    writer = QtGui.QPdfWriter(buffer)
    writer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
    writer.setPageMargins(QtCore.QMarginsF(18, 18, 18, 18), QtGui.QPageLayout.Unit.Millimeter)
    writer.setResolution(96)  # lay text out at screen density so point sizes come out right
    writer.setTitle("Interviewer attempt")
    writer.setCreator("Interviewer")
    doc = QtGui.QTextDocument()
    doc.setHtml(html)
    doc.setPageSize(QtCore.QSizeF(writer.width(), writer.height()))
    _keep_headings_with_text(doc)
    doc.print_(writer)
    del writer  # the PDF trailer is complete once the painter has ended
    data = bytes(buffer.data())
    buffer.close()
    if not data.startswith(b"%PDF"):
        from interviewer_app.core.errors import StorageError
        raise StorageError("Qt could not lay out the PDF; export as HTML instead and print that")
    return data
