"""The prompt's framework on the review screen (feedback["framework"]): which parts of C.A.R.E.,
METER, CAUSE or VALUE were heard, when and on which words, and which were missed; then the metric
levels (north star, top-line, supporting; guide 001) and types (input, output, outcome, quality;
guide 000) the answer named. For the 8-step framework the parts are the Structure tab's steps."""

from __future__ import annotations

import html

from interviewer_app.analysis.content.frameworks import FRAMEWORK_SPECS, METRIC_LEVELS, METRIC_TYPES
from interviewer_app.core.steps import STEPS_BY_KEY
from interviewer_app.qt_binding import QtCore, QtGui, QtWidgets, Signal
from interviewer_app.ui.palette import status_colors
from interviewer_app.ui.widgets.evidence import muted_label, quote_label, set_time, time_button

_MEANINGS = {spec.key: {p.key: p.meaning for p in spec.parts}
             for spec in (*FRAMEWORK_SPECS.values(), METRIC_LEVELS, METRIC_TYPES)}


def _meaning(framework: str, part: str) -> str:
    if framework == "8-step" and part in STEPS_BY_KEY:
        return STEPS_BY_KEY[part].summary
    return _MEANINGS.get(framework, {}).get(part, "")


class PartRows:
    """The rows of one framework's parts in the caller's grid: ✓/✗, title, the time it was first
    heard (a button that plays from there) and, under it, the first sentence that earned it with
    its cue words in bold. Pressing a time calls `on_click(start)`."""

    def __init__(self, result: dict, colors: dict[str, str], grid: QtWidgets.QGridLayout, on_click,
                 quote_words: int = 24):
        self.framework = result.get("key") or ""
        self.status: dict[str, QtWidgets.QLabel] = {}
        self.times: dict[str, QtWidgets.QPushButton] = {}
        self.quotes: dict[str, QtWidgets.QLabel] = {}
        for part in result.get("parts") or []:
            key, heard = part["key"], bool(part.get("heard"))
            evidence = part.get("evidence") or []
            status = QtWidgets.QLabel("✓" if heard else "✗")  # two shapes, not just two colours
            status.setStyleSheet(f"QLabel {{ color: {colors['good' if heard else 'bad']}; font-weight: bold; }}")
            status.setAccessibleName(f"{part['title']} {'heard' if heard else 'missed'}")
            title = QtWidgets.QLabel(f"<b>{html.escape(part['title'])}</b>")
            title.setObjectName(f"part_title_{self.framework}_{key}")
            title.setToolTip(_meaning(self.framework, key))
            time = time_button(f"part_time_{self.framework}_{key}")
            start = evidence[0].get("start") if evidence else None
            if heard:
                set_time(time, start, f"where {part['title'].lower()} was first heard")
            else:
                set_time(time, None, f"{part['title']} not heard in this answer", "missed")
                time.setStyleSheet(f"QPushButton {{ color: {colors['bad']}; }}")
            time.clicked.connect(lambda _=False, at=start: at is not None and on_click(float(at)))
            row = grid.rowCount()
            grid.addWidget(status, row, 0)
            grid.addWidget(title, row, 1)
            grid.addWidget(time, row, 2)
            if evidence:
                quote = quote_label(evidence[0], f"part_quote_{self.framework}_{key}", quote_words)
                quote.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
                quote.setContentsMargins(0, 0, 0, 4)
                grid.addWidget(quote, row + 1, 1, 1, 2)
                self.quotes[key] = quote
            self.status[key], self.times[key] = status, time


class FrameworkParts(QtWidgets.QWidget):
    """`show_feedback(d)` shows d["framework"]; a part's time emits `evidence_clicked(start)`."""

    evidence_clicked = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("framework_parts")
        self.setAccessibleName("Framework parts and metric levels")
        self._feedback: dict | None = None
        self.header = QtWidgets.QLabel()
        self.header.setObjectName("framework_header")
        self.header.setWordWrap(True)
        self.parts: PartRows | None = None
        self.levels: dict[str, PartRows] = {}  # "metric-levels" / "metric-types" -> their rows
        self.levels_header: QtWidgets.QLabel | None = None
        self.body = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.body)
        self.show_feedback(None)

    def show_feedback(self, d: dict | None) -> None:
        self._feedback = d
        fw = (d or {}).get("framework")
        colors = status_colors(self.palette())
        body = QtWidgets.QWidget()
        grid = QtWidgets.QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(0)
        grid.setColumnStretch(1, 1)
        self.parts, self.levels, self.levels_header = None, {}, None
        self.header.setText(self._header(d, fw))
        if fw and fw.get("key") != "8-step":
            self.parts = PartRows(fw, colors, grid, self.evidence_clicked.emit)
        levels = (fw or {}).get("metric_levels") or []
        if fw:
            self.levels_header = QtWidgets.QLabel(
                "<b>Metrics named</b>" if levels else "<b>Metrics named</b><br>No metric was named: say "
                "what you would measure, with an outcome and a guardrail (guide 000).")
            self.levels_header.setObjectName("metric_levels_header")
            self.levels_header.setWordWrap(True)
            self.levels_header.setContentsMargins(0, 12, 0, 0)
            grid.addWidget(self.levels_header, grid.rowCount(), 0, 1, 3)
        for result in levels:
            sub = muted_label(f"{result['name']} — {result['heard']} of {result['of']} "
                              f"(guide {result['source']})", f"metric_group_{result['key']}")
            sub.setContentsMargins(0, 6, 0, 2)
            grid.addWidget(sub, grid.rowCount(), 0, 1, 3)
            self.levels[result["key"]] = PartRows(result, colors, grid, self.evidence_clicked.emit, 16)
        old = self.body
        self.layout().replaceWidget(old, body)
        old.deleteLater()
        body.setVisible(True)  # at once, not at the next turn of the event loop
        self.body = body

    @staticmethod
    def _header(d: dict | None, fw: dict | None) -> str:
        if d is None:
            return "No answer analysed yet."
        if d.get("no_speech"):
            return "Nothing was heard, so no framework parts could be found."
        if not fw:
            return "This answer was saved before framework parts were checked, so none are shown."
        if fw.get("key") == "8-step":
            why = "this prompt's framework" if fw.get("from_prompt") else "the framework when no prompt is chosen"
            return (f"<b>8-step answer structure</b> is {why} (guide 000): {fw['heard']} of {fw['of']} "
                    "steps heard — the Structure tab shows each step and when you said it.")
        return (f"<b>{html.escape(fw['name'])}</b> (guide {fw['source']}): {fw['heard']} of {fw['of']} "
                "parts heard")

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.PaletteChange and self._feedback is not None:
            self.show_feedback(self._feedback)
