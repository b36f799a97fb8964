"""The content signals of one answer (feedback["signals"]): concerns found and strengths heard, each
with its evidence (a time that plays the recording from that sentence) and its one-line tip citing
the guide; then the strengths to add next time, the concerns not found, and, dimmed, the signals
that did not apply to this answer (checked=False)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from interviewer_app.analysis.feedback.guide_notes import link_citations
from interviewer_app.analysis.feedback.view import CONCERN, SignalRow, feedback_view
from interviewer_app.core.steps import guide_words
from interviewer_app.qt_binding import QtCore, QtWidgets, Signal
from interviewer_app.ui.palette import status_colors
from interviewer_app.ui.widgets.evidence import EvidenceRow, muted_label
from interviewer_app.ui.widgets.guide_notes_dialog import open_note

MAX_SHOWN = 3  # evidence rows per signal; the rest are counted ("+2 more", sentences in the tooltip)


@dataclass
class SignalBlock:
    """The widgets of one signal found: its title line, what was counted, evidence rows and tip."""

    key: str
    title: QtWidgets.QLabel
    detail: QtWidgets.QLabel
    tip: QtWidgets.QLabel
    rows: list[EvidenceRow] = field(default_factory=list)


def tip_label(s: SignalRow, name: str) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(f"<i>Tip:</i> {link_citations(html.escape(s.tip), s.title + ' ' + s.tip)}")
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(QtCore.Qt.TextFormat.RichText)
    label.linkActivated.connect(lambda href: open_note(label, href))  # a cited guide opens its passage
    guide = guide_words(s.guide)
    if guide:
        label.setToolTip(f"From {guide}")
    return label


class _Grid:
    """Rows of a two-column grid: a time column and a stretching text column."""

    def __init__(self, widget: QtWidgets.QWidget):
        self.grid = QtWidgets.QGridLayout(widget)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(1, 1)
        self.row = 0

    def span(self, w: QtWidgets.QWidget, top: int = 0) -> None:
        if top:
            w.setContentsMargins(0, top, 0, 0)
        self.grid.addWidget(w, self.row, 0, 1, 2)
        self.row += 1

    def pair(self, left: QtWidgets.QWidget, right: QtWidgets.QWidget) -> None:
        self.grid.addWidget(left, self.row, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(right, self.row, 1)
        self.row += 1


class SignalList(QtWidgets.QWidget):
    """`show_feedback(d)` lists d["signals"]; an evidence time emits `evidence_clicked(start)`."""

    evidence_clicked = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("signal_list")
        self.setAccessibleName("Content signals")
        self._feedback: dict | None = None
        self.summary = QtWidgets.QLabel()
        self.summary.setObjectName("signals_summary")
        self.summary.setWordWrap(True)
        self.blocks: dict[str, SignalBlock] = {}
        self.to_add: dict[str, QtWidgets.QLabel] = {}  # strengths not heard -> their tip line
        self.not_found = self.not_checked = None
        self.body = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.body)
        self.show_feedback(None)

    def show_feedback(self, d: dict | None) -> None:
        self._feedback = d
        g = feedback_view(d).signals if d else None
        colors = status_colors(self.palette())
        self.summary.setText("No answer analysed yet." if g is None else
                             f"<b>{html.escape(g.summary)}</b>" if g.any else html.escape(g.summary))
        body = QtWidgets.QWidget()
        grid = _Grid(body)
        self.blocks, self.to_add = {}, {}
        concerns, strengths, missed, clear, unchecked = ((g.concerns, g.strengths, g.to_add, g.clear, g.not_checked)
                                                         if g else ((), (), (), (), ()))
        for group, heading, color in ((concerns, "Concerns found", colors["warn"]),
                                      (strengths, "Strengths heard", colors["good"])):
            if group:
                grid.span(QtWidgets.QLabel(f"<b style='color:{color}'>{heading}</b>"), top=8)
            for s in group:
                self._add_block(grid, s, color)
        if missed:
            grid.span(QtWidgets.QLabel(f"<b style='color:{colors['bad']}'>Strengths to add next time</b>"), top=8)
            for s in missed:
                line = QtWidgets.QLabel(f"<b>{html.escape(s.title)}:</b> {html.escape(s.tip)}")
                line.setObjectName(f"signal_missed_{s.key}")
                line.setWordWrap(True)
                line.setToolTip(tip_label(s, "").toolTip())
                self.to_add[s.key] = line
                grid.span(line, top=2)
        self.not_found = muted_label("No sign of: " + ", ".join(s.title.lower() for s in clear) + ".",
                                     "signals_not_found")
        self.not_checked = muted_label("Not checked for this answer: " + "; ".join(
            f"{s.title} ({s.detail or 'does not apply'})" for s in unchecked) + ".",
            "signals_not_checked")
        for label, items in ((self.not_found, clear), (self.not_checked, unchecked)):
            label.setVisible(bool(items))
            grid.span(label, top=8)
        old = self.body
        self.layout().replaceWidget(old, body)
        old.deleteLater()
        body.setVisible(True)  # at once, not at the next turn of the event loop
        self.body = body

    def _add_block(self, g: _Grid, s: SignalRow, color: str) -> None:
        key, concern = s.key, s.kind == CONCERN
        mark = "⚠" if concern else "✓"  # a shape as well as a colour
        title = QtWidgets.QLabel(f"<span style='color:{color}'>{mark}</span> <b>{html.escape(s.title)}</b>")
        title.setObjectName(f"signal_title_{key}")
        title.setAccessibleName(f"{'Concern found' if concern else 'Strength heard'}: {s.title}")
        detail = muted_label(s.detail, f"signal_detail_{key}")
        block = SignalBlock(key, title, detail, tip_label(s, f"signal_tip_{key}"))
        g.span(title, top=6)
        if s.detail:
            g.span(detail)
        evidence = s.evidence
        for i, ev in enumerate(evidence[:MAX_SHOWN]):
            row = EvidenceRow({"start": ev.start, "cue": ev.cue, "text": ev.text, "rule": ev.rule},
                              f"signal_time_{key}_{i}",
                              f"evidence for {s.title.lower()}", self.evidence_clicked.emit)
            block.rows.append(row)
            g.pair(row.time, row.text)
        if len(evidence) > MAX_SHOWN:
            more = muted_label(f"+{len(evidence) - MAX_SHOWN} more")
            more.setToolTip("\n".join(ev.text for ev in evidence[MAX_SHOWN:]))
            g.pair(QtWidgets.QWidget(), more)
        g.span(block.tip)
        self.blocks[key] = block

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.PaletteChange and self._feedback is not None:
            self.show_feedback(self._feedback)
