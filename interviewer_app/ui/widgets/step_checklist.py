"""The eight answer steps as a checklist (heard or missed, when, on which words) with tips for the gaps,
laid out from the presentation model (analysis/feedback/view.py)."""

from __future__ import annotations

import html

from interviewer_app.analysis.feedback.guide_notes import link_citations
from interviewer_app.analysis.feedback.view import TIPS_HEADING, FeedbackView, feedback_view
from interviewer_app.core.steps import STEPS
from interviewer_app.qt_binding import QtCore, QtGui, QtWidgets, Signal
from interviewer_app.ui.palette import callout_style, status_colors
from interviewer_app.ui.step_colors import STEP_COLORS
from interviewer_app.ui.widgets.guide_notes_dialog import open_note


class StepChecklist(QtWidgets.QWidget):
    """One row per step in order; a heard step's time button emits `step_clicked(first_s)`."""

    step_clicked = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("step_checklist")
        self.setAccessibleName("Step checklist")
        self._feedback: dict | None = None
        self.summary = QtWidgets.QLabel()
        self.summary.setObjectName("checklist_summary")
        self.summary.setWordWrap(True)
        self.rows: dict[str, dict[str, QtWidgets.QWidget]] = {}
        grid = QtWidgets.QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(0)
        grid.setColumnStretch(1, 1)
        for r, step in enumerate(STEPS):
            status = QtWidgets.QLabel()
            status.setObjectName(f"status_{step.key}")
            title = QtWidgets.QLabel()
            title.setObjectName(f"title_{step.key}")
            title.setWordWrap(True)
            cue = QtWidgets.QLabel()
            cue.setObjectName(f"cue_{step.key}")
            cue.setWordWrap(True)
            cue.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
            cue.setContentsMargins(0, 0, 0, 4)
            time = QtWidgets.QPushButton()
            time.setObjectName(f"time_{step.key}")
            time.setFlat(True)
            time.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
            time.setFixedWidth(time.fontMetrics().horizontalAdvance("missed ▸") + 20)
            time.clicked.connect(lambda _=False, k=step.key: self._clicked(k))
            grid.addWidget(status, 2 * r, 0)
            grid.addWidget(title, 2 * r, 1)
            grid.addWidget(time, 2 * r, 2)
            grid.addWidget(cue, 2 * r + 1, 1, 1, 2)
            self.rows[step.key] = {"status": status, "title": title, "cue": cue, "time": time}
        self.jump_callout = QtWidgets.QLabel()
        self.jump_callout.setObjectName("jump_callout")
        self.jump_callout.setWordWrap(True)
        self.jump_callout.setAccessibleName("Warning: jumped to options")
        self.tips_label = QtWidgets.QLabel()
        self.tips_label.setObjectName("missing_tips")
        self.tips_label.setWordWrap(True)
        self.tips_label.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.tips_label.setAccessibleName("Tips for missed steps")
        for label in (self.jump_callout, self.tips_label):  # a cited guide opens its passage in the app
            label.setTextFormat(QtCore.Qt.TextFormat.RichText)
            label.linkActivated.connect(lambda href, w=label: open_note(w, href))
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addWidget(self.jump_callout)
        layout.addWidget(self.tips_label)
        layout.addStretch(1)
        self.show_feedback(None)

    def show_feedback(self, d: dict | None) -> None:
        self._feedback = d
        view = feedback_view(d) if d else None
        colors = status_colors(self.palette())
        for step in STEPS:
            r = next((r for r in view.structure.rows if r.key == step.key), None) if view else None
            heard = bool(r and r.heard)
            row = self.rows[step.key]
            shown = view is None or r is not None  # a focus drill checks only its steps
            for widget in (row["status"], row["title"], row["time"]):
                widget.setVisible(shown)
            row["status"].setText("✓" if heard else "✗")  # two shapes, not just two colours
            row["status"].setStyleSheet(f"QLabel {{ color: {colors['good' if heard else 'bad']}; "
                                        "font-weight: bold; font-size: 14pt; }")
            row["status"].setToolTip("heard" if heard else "missed")
            row["status"].setAccessibleName(f"Step {step.number} {'heard' if heard else 'missed'}")
            evidence = r.evidence if r else ()
            swatch = f"<span style='color:{STEP_COLORS[step.key]}'>■</span>"
            row["title"].setText(f"{swatch} <b>{step.number}. {html.escape(step.title)}</b>")
            row["cue"].setText(f"“{r.cue}” — {r.rule}" if evidence else "")
            row["cue"].setVisible(bool(evidence) and shown)
            row["title"].setToolTip("\n".join(f"“{ev.cue}” ({ev.rule}): {ev.text}" for ev in evidence)
                                    or step.summary)
            first = r.first_s if r else None
            time = row["time"]
            time.setEnabled(heard and first is not None)
            time.setStyleSheet("" if heard and first is not None else
                               f"QPushButton {{ color: {colors['good' if heard else 'bad']}; }}")
            if heard and first is not None:
                time.setText(f"{r.when} ▸")
                time.setToolTip(f"Play from {r.when}, where you first did this step")
                time.setAccessibleName(f"Play step {step.number} from {r.when}")
            else:
                time.setText("heard" if heard else "missed")
                time.setToolTip("A typed transcript has no times" if heard else "Not heard in this answer")
                time.setAccessibleName(f"Step {step.number}: {time.text()}")
        self.summary.setText(f"<b>{view.structure.summary}</b>" if view else "No answer analysed yet.")
        self._show_callouts(view, colors)

    def _show_callouts(self, view: FeedbackView | None, colors: dict[str, str]) -> None:
        s = view.structure if view else None
        self.jump_callout.setVisible(bool(s and s.jumped))
        if s and s.jumped:
            self.jump_callout.setText(f"⚠ {link_citations(html.escape(s.jumped))}")
            self.jump_callout.setStyleSheet(callout_style("QLabel", colors["warn"]))
        self.tips_label.setVisible(s is not None)
        if s is None:
            self.tips_label.setStyleSheet("")
            return
        lead = f"{html.escape(s.lead)}<br>" if s.lead else ""
        if s.tips:
            items = "".join(f"<li><b>{html.escape(t.title)}:</b> {html.escape(t.text)} "
                            f"<a href='{t.href}'>(guide {t.guide})</a></li>" for t in s.tips)
            self.tips_label.setText(f"{lead}<b>{TIPS_HEADING}</b><ul style='margin-left:-20px'>{items}</ul>")
        else:
            self.tips_label.setText(f"{lead}{html.escape(s.message or '')}")
        self.tips_label.setStyleSheet(callout_style("QLabel", colors["bad" if s.tips else "good"]))

    def _clicked(self, key: str) -> None:
        first = ((self._feedback or {}).get("steps") or {}).get(key, {}).get("first_s")
        if first is not None:
            self.step_clicked.emit(float(first))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.PaletteChange and self._feedback is not None:
            self.show_feedback(self._feedback)

