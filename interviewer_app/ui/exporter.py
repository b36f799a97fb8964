"""Export from the desktop app: one answer (Markdown, web page, PDF or JSON) from the review, the
attempts listed on the History page (CSV or JSON). A save dialog opens in the folder used last;
the file is rendered and written whole on a worker (export/render.py, core/atomic.py), never
onto the app's own files (export/destination.py), and the outcome is one line."""

from __future__ import annotations

from pathlib import Path

from interviewer_app.core.errors import StorageError
from interviewer_app.core.paths import AppPaths
from interviewer_app.export.render import (
    ATTEMPT_FORMATS,
    HISTORY_FORMATS,
    attempt_meta,
    format_of,
    render_attempt,
    render_history,
)
from interviewer_app.qt_binding import QObject, QtWidgets, Signal
from interviewer_app.ui.settings import AppSettings
from interviewer_app.ui.store_ops import StoreOps


class Exporter(QObject):
    finished = Signal(str)  # "Exported … to PATH", or what went wrong and what to do

    def __init__(self, ops: StoreOps, settings: AppSettings, paths: AppPaths, parent: QtWidgets.QWidget):
        super().__init__(parent)
        self.ops, self.settings, self.paths, self.window = ops, settings, paths, parent
        self.dialog: QtWidgets.QFileDialog | None = None  # the one open (tests drive it)

    def export_answer(self, attempt_id: int | None, feedback: dict) -> None:
        """Ask where, then write the answer: a kept attempt as stored (with its self-score and
        notes), an answer not kept as shown."""
        from datetime import datetime, timezone

        created_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        name = f"interviewer-attempt-{attempt_id}" if attempt_id else f"interviewer-answer-{created_at[:10]}"

        def write(out: Path, fmt: str) -> None:
            def work(store):
                if attempt_id is not None:
                    data = render_attempt(*attempt_meta(store, attempt_id), fmt)
                else:
                    data = render_attempt(feedback, {"created_at": created_at, "id": None}, {}, "", fmt)
                return self._write(out, data)
            self.ops.run(work, lambda path: self.finished.emit(f"Exported the answer to {path}"),
                         lambda message: self.finished.emit(f"The answer was not exported: {message}"))
        self._ask("Export this answer", name, ATTEMPT_FORMATS, write)

    def export_mock(self, report: dict) -> None:
        """Ask where, then write a mock interview's report (export/mock_report.py)."""
        from interviewer_app.export.mock_report import MOCK_FORMATS, render_mock_report

        sid = report.get("session_id")
        name = f"interviewer-mock-{sid}" if sid is not None else "interviewer-mock"

        def write(out: Path, fmt: str) -> None:
            self.ops.run(lambda _store: self._write(out, render_mock_report(report, fmt)),
                         lambda path: self.finished.emit(f"Exported the mock interview report to {path}"),
                         lambda message: self.finished.emit(f"The report was not exported: {message}"))
        self._ask("Export the mock interview report", name, MOCK_FORMATS, write)

    def export_rows(self, rows) -> None:
        """Ask where, then write these history rows (the attempts the History page lists)."""
        def write(out: Path, fmt: str) -> None:
            n = len(rows)
            self.ops.run(lambda _store: self._write(out, render_history(rows, fmt)),
                         lambda path: self.finished.emit(f"Exported {n} attempt{'s' if n != 1 else ''} to {path}"),
                         lambda message: self.finished.emit(f"The history was not exported: {message}"))
        self._ask("Export the attempts listed", "interviewer-history", HISTORY_FORMATS, write)

    # -- the dialog and the write ---------------------------------------------------------------
    def _ask(self, title: str, name: str, formats: dict[str, str], write) -> None:
        folder = Path(self.settings.get("export_dir") or Path.home())
        first = next(iter(formats))
        dialog = QtWidgets.QFileDialog(self.window, title, str(folder / f"{name}.{first}"))
        dialog.setObjectName("export_dialog")
        dialog.setAcceptMode(QtWidgets.QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QtWidgets.QFileDialog.FileMode.AnyFile)
        filters = {f"{label} (*.{ext})": ext for ext, label in formats.items()}
        dialog.setNameFilters(list(filters))  # a name without an extension takes the type picked

        def on_filter(chosen: str) -> None:  # the name follows the type picked
            ext = filters.get(chosen, first)
            current = dialog.selectedFiles()
            if current:
                dialog.selectFile(Path(current[0]).with_suffix(f".{ext}").name)
        dialog.filterSelected.connect(on_filter)

        def on_chosen(path: str) -> None:
            out, fmt = format_of(Path(path), formats, filters.get(dialog.selectedNameFilter(), first))
            self.settings.set("export_dir", str(out.parent))
            write(out, fmt)
        dialog.fileSelected.connect(on_chosen)
        dialog.finished.connect(lambda _r: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: QtWidgets.QFileDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _write(self, out: Path, data: bytes) -> Path:
        """On the worker: check the destination (the dialog already asked before replacing a
        file), then write the file whole."""
        from interviewer_app.core.atomic import write_bytes_atomic
        from interviewer_app.export.destination import check_destination

        target = check_destination(out, self.paths, overwrite=True)
        try:
            return write_bytes_atomic(target, data)
        except OSError as exc:
            raise StorageError(f"{out} could not be written ({exc.strerror or exc}); choose another folder "
                               "or free some space") from None
