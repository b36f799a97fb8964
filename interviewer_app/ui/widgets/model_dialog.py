"""Settings › Speech model: choose the model that transcribes your answers.

The bundled tiny.en works offline from the first start. Larger English models are listed with
their download size and the time they would take for a 3-minute answer on this computer (from the
speed the model in use really had here), and are fetched only on a click, by the app's own
`models download` command in a separate process: a progress bar from what is on disk, a Cancel
that stops it (what was fetched is kept, and the next Download continues from there). A model
folder on this computer can be chosen too. `chosen(spec)` says which to use: a name, or a folder.
"""

from __future__ import annotations

import html
from pathlib import Path

from interviewer_app.core.models import format_clock
from interviewer_app.qt_binding import QtCore, QtWidgets, Signal
from interviewer_app.transcribe.catalog import (
    ANSWER_S,
    CHOICES,
    CHOICES_BY_NAME,
    download_progress,
    expected_seconds,
    fetch_command,
    fetch_environment,
    is_downloaded,
    model_title,
)
from interviewer_app.transcribe.models import DEFAULT_MODEL

POLL_MS = 250
INTRO = ("The speech model turns your answer into text, on this computer. tiny.en comes with the app "
         "and works offline. Larger models mishear fewer words but take longer; each is downloaded "
         "once, only when you click Download (it needs the internet then, and never again). Times are "
         "estimated from each model's size, scaled by the speed of your last answer here once there is one.")


def _size(mb: float) -> str:
    return f"{mb / 1000:.1f} GB" if mb >= 1000 else f"{mb:.0f} MB"


class ModelDialog(QtWidgets.QDialog):
    chosen = Signal(str)  # a model name or a model folder

    COLUMNS = ("Model", "Download", f"A {ANSWER_S // 60}-minute answer", "On this computer")

    def __init__(self, models_dir: Path, current: str | None, *, measured_rtf: float | None = None,
                 busy=lambda: False, parent=None):
        super().__init__(parent)
        self.setObjectName("model_dialog")
        self.setWindowTitle("Speech model")
        self.models_dir = models_dir
        self.current = current or DEFAULT_MODEL
        self.busy = busy  # an answer is being recorded or transcribed: switching waits
        in_use = CHOICES_BY_NAME.get(self.current)
        self._rtf, self._rtf_cost = measured_rtf, (in_use.cost if in_use else None)
        self._process: QtCore.QProcess | None = None
        self._fetching: str | None = None
        self._stopped = False
        intro = QtWidgets.QLabel(INTRO)
        intro.setWordWrap(True)
        self.table = QtWidgets.QTreeWidget()
        self.table.setObjectName("model_table")
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(list(self.COLUMNS))
        self.table.setAccessibleName("Speech models")
        self.note = QtWidgets.QLabel()
        self.note.setObjectName("model_note")
        self.note.setWordWrap(True)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setObjectName("model_progress")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("model_status")
        self.status.setWordWrap(True)
        self.download_button = QtWidgets.QPushButton("&Download")
        self.cancel_button = QtWidgets.QPushButton("&Cancel download")
        self.cancel_button.hide()
        self.folder_button = QtWidgets.QPushButton("Use a model &folder…")
        self.use_button = QtWidgets.QPushButton("&Use this model")
        self.use_button.setDefault(True)
        close = QtWidgets.QPushButton("Close")
        for button, slot in ((self.download_button, self.download), (self.cancel_button, self.cancel_download),
                             (self.folder_button, self.choose_folder), (self.use_button, self.use_selected),
                             (close, self.reject)):
            button.clicked.connect(slot)
        buttons = QtWidgets.QHBoxLayout()
        for b in (self.download_button, self.cancel_button, self.folder_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.use_button)
        buttons.addWidget(close)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._timer = QtCore.QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._show_progress)
        self.table.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.fill()
        self.resize(760, 420)

    # -- the list ----------------------------------------------------------------------------------
    def _time(self, cost: float) -> str:
        if self._rtf is None or self._rtf_cost is None:
            return "about the same as now" if cost == 1.0 else f"about {cost:g}× tiny.en's time"
        seconds = expected_seconds(cost, self._rtf, self._rtf_cost)
        return f"about {format_clock(seconds)}" if seconds >= 60 else f"about {seconds:.0f} s"

    def fill(self) -> None:
        selected = self.selected()
        self.table.clear()
        specs = [c.name for c in CHOICES]
        if self.current not in specs:
            specs.append(self.current)  # a model folder in use
        for spec in specs:
            choice = CHOICES_BY_NAME.get(spec)
            here = choice is None or is_downloaded(spec, self.models_dir)
            state = "bundled" if choice is not None and choice.bundled else "downloaded" if here else "not downloaded"
            if spec == self._fetching:
                state = "downloading…"
            if spec == self.current:
                state += " · in use"
            row = QtWidgets.QTreeWidgetItem([
                model_title(spec) if choice is not None else f"{model_title(spec)} (folder)",
                "—" if choice is None or choice.bundled else _size(choice.size_mb),
                self._time(choice.cost) if choice is not None else "—", state])
            row.setData(0, QtCore.Qt.ItemDataRole.UserRole, spec)
            row.setToolTip(0, spec)
            self.table.addTopLevelItem(row)
            if spec == (selected or self.current):
                self.table.setCurrentItem(row)
        for column in range(len(self.COLUMNS)):
            self.table.resizeColumnToContents(column)
        self._update_buttons()

    def selected(self) -> str | None:
        item = self.table.currentItem()
        return None if item is None else item.data(0, QtCore.Qt.ItemDataRole.UserRole)

    def row_of(self, spec: str) -> QtWidgets.QTreeWidgetItem | None:
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            if item.data(0, QtCore.Qt.ItemDataRole.UserRole) == spec:
                return item
        return None

    def _update_buttons(self) -> None:
        spec = self.selected()
        choice = CHOICES_BY_NAME.get(spec or "")
        here = spec is not None and (choice is None or is_downloaded(spec, self.models_dir))
        running = self._fetching is not None
        self.download_button.setEnabled(spec is not None and not here and not running)
        self.download_button.setVisible(not running)
        self.cancel_button.setVisible(running)
        self.use_button.setEnabled(here and spec != self.current)
        if choice is not None:
            self.note.setText(f"<b>{html.escape(choice.name)}</b>: {html.escape(choice.note)}.")
        elif spec:
            self.note.setText(f"<b>A model folder</b>: {html.escape(spec)}")

    # -- download ------------------------------------------------------------------------------------
    def download(self) -> None:
        spec = self.selected()
        if spec is None or self._fetching is not None or spec not in CHOICES_BY_NAME:
            return
        command = fetch_command(spec, self.models_dir)
        process = QtCore.QProcess(self)
        env = QtCore.QProcessEnvironment()
        for key, value in fetch_environment().items():
            env.insert(key, value)
        process.setProcessEnvironment(env)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._process_error)
        self._process, self._fetching, self._stopped = process, spec, False
        self.status.setText(f"Downloading {spec}…")
        self.progress.setValue(0)
        self.progress.show()
        self._timer.start()
        process.start(command[0], command[1:])
        self.fill()

    def _show_progress(self) -> None:
        if self._fetching is None:
            return
        done, total = download_progress(self._fetching, self.models_dir)
        if total:
            self.progress.setValue(min(999, int(done / total * 1000)))
            self.status.setText(f"Downloading {self._fetching}: {_size(done / 1e6)} of {_size(total / 1e6)}")
        else:
            self.status.setText(f"Downloading {self._fetching}: {_size(done / 1e6)}")

    def cancel_download(self) -> None:
        if self._process is not None and self._fetching is not None:
            self._stopped = True
            self._process.kill()  # `finished` follows and says so

    def _finished(self, code: int, _status=None) -> None:
        spec, process = self._fetching, self._process
        self._timer.stop()
        self._fetching, self._process = None, None
        self.progress.hide()
        if self._stopped:
            self.status.setText(f"Download of {spec} stopped. What was downloaded is kept: Download continues "
                                "from there.")
        elif code == 0 and spec is not None and is_downloaded(spec, self.models_dir):
            self.status.setText(f"{spec} is downloaded. Choose “Use this model” to transcribe with it.")
        else:
            said = bytes(process.readAllStandardError()).decode(errors="replace") if process is not None else ""
            lines = [line.removeprefix("interviewer-app: ") for line in said.splitlines()
                     if line.strip() and " of " not in line]
            self.status.setText(f"Could not download {spec}: "
                                f"{lines[-1] if lines else 'the download stopped'}.")
        if process is not None:
            process.deleteLater()
        self.fill()

    def _process_error(self, error) -> None:
        if error == QtCore.QProcess.ProcessError.FailedToStart:
            self._finished(1)

    # -- choose ------------------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, "A faster-whisper model folder", str(Path.home()))
        if not folder:
            return
        if not (Path(folder) / "model.bin").is_file():
            self.status.setText(f"{folder} is not a faster-whisper model folder: it has no model.bin. Choose "
                                "the folder that holds model.bin, config.json and the tokenizer.")
            return
        self._use(folder)

    def use_selected(self) -> None:
        spec = self.selected()
        if spec is not None and self.use_button.isEnabled():
            self._use(spec)

    def _use(self, spec: str) -> None:
        if self.busy():
            self.status.setText("An answer is being recorded or transcribed: change the model when it is done.")
            return
        self.current = spec
        self.chosen.emit(spec)
        self.status.setText(f"Now transcribing with {model_title(spec)}; it loads in the background.")
        self.fill()

    def reject(self) -> None:
        if self._fetching is not None:
            answer = QtWidgets.QMessageBox.question(
                self, "Stop the download?",
                f"{self._fetching} is still downloading. Stop it? What was downloaded is kept.")
            if answer != QtWidgets.QMessageBox.StandardButton.Yes:
                return
            self.cancel_download()
            if self._process is not None:
                self._process.waitForFinished(3000)
        super().reject()
