"""The eight answer steps as a checklist (heard or missed, when, on which words) with tips for the gaps."""

from __future__ import annotations

import html

from interviewer_app.analysis.frameworks import CARE_TIPS, FRAMEWORK_SPECS
from interviewer_app.core.models import format_clock
from interviewer_app.core.steps import JUMPED_TO_OPTIONS_TIP, STEPS, STEPS_BY_KEY
from interviewer_app.ui.palette import callout_style, status_colors
from interviewer_app.ui.qt import QtCore, QtGui, QtWidgets, Signal
from interviewer_app.ui.step_colors import STEP_COLORS


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
        d = d or {}
        colors = status_colors(self.palette())
        steps = d.get("steps") or {}
        heard_count = 0
        for step in STEPS:
            info = steps.get(step.key) or {}
            heard = bool(info.get("heard"))
            heard_count += heard
            row = self.rows[step.key]
            row["status"].setText("✓" if heard else "✗")  # two shapes, not just two colours
            row["status"].setStyleSheet(f"QLabel {{ color: {colors['good' if heard else 'bad']}; "
                                        "font-weight: bold; font-size: 14pt; }")
            row["status"].setToolTip("heard" if heard else "missed")
            row["status"].setAccessibleName(f"Step {step.number} {'heard' if heard else 'missed'}")
            evidence = info.get("evidence") or []
            swatch = f"<span style='color:{STEP_COLORS[step.key]}'>■</span>"
            row["title"].setText(f"{swatch} <b>{step.number}. {html.escape(step.title)}</b>")
            row["cue"].setText(f"“{evidence[0].get('cue') or ''}” — {evidence[0].get('rule') or ''}"
                               if evidence else "")
            row["cue"].setVisible(bool(evidence))
            row["title"].setToolTip("\n".join(f"“{ev.get('cue')}” ({ev.get('rule')}): {ev.get('text')}"
                                              for ev in evidence) or step.summary)
            first = info.get("first_s")
            time = row["time"]
            time.setEnabled(heard and first is not None)
            time.setStyleSheet("" if heard and first is not None else
                               f"QPushButton {{ color: {colors['good' if heard else 'bad']}; }}")
            if heard and first is not None:
                time.setText(f"{format_clock(first)} ▸")
                time.setToolTip(f"Play from {format_clock(first)}, where you first did this step")
                time.setAccessibleName(f"Play step {step.number} from {format_clock(first)}")
            else:
                time.setText("heard" if heard else "missed")
                time.setToolTip("A typed transcript has no times" if heard else "Not heard in this answer")
                time.setAccessibleName(f"Step {step.number}: {time.text()}")
        self.summary.setText(f"<b>{heard_count} of {len(STEPS)} steps heard</b>" if d else
                             "No answer analysed yet.")
        self._show_callouts(d, colors)

    def _show_callouts(self, d: dict, colors: dict[str, str]) -> None:
        story = bool(d.get("story"))  # a past story is coached on C.A.R.E., not the 8 steps
        jumped = bool(d.get("jumped_to_options")) and not story
        if jumped:
            tips = d.get("tips") or []
            text = tips[0] if tips and tips[0].startswith("You proposed") else JUMPED_TO_OPTIONS_TIP
            self.jump_callout.setText(f"⚠ {text}")
            self.jump_callout.setStyleSheet(callout_style("QLabel", colors["warn"]))
        self.jump_callout.setVisible(jumped)
        if story:  # the C.A.R.E. parts missed, as the story's tips are
            parts = (d.get("framework") or {}).get("parts") or []
            missing = [p["key"] for p in parts if not p.get("heard") and p["key"] in CARE_TIPS]
        else:
            missing = [k for k in d.get("missing_steps") or [] if k in STEPS_BY_KEY]
        if d.get("no_speech"):
            self.tips_label.setText("Nothing was heard, so no steps could be found.")
        elif story:
            self.tips_label.setText(_story_tips_html(missing))
        elif missing:
            items = "".join(f"<li><b>{html.escape(STEPS_BY_KEY[k].title)}:</b> "
                            f"{html.escape(STEPS_BY_KEY[k].tip)}</li>" for k in missing)
            self.tips_label.setText(f"<b>To add next time</b><ul style='margin-left:-20px'>{items}</ul>")
        elif d:
            self.tips_label.setText("All eight steps were heard.")
        self.tips_label.setVisible(bool(d))
        self.tips_label.setStyleSheet(callout_style("QLabel", colors["bad" if missing else "good"]) if d else "")

    def _clicked(self, key: str) -> None:
        first = ((self._feedback or {}).get("steps") or {}).get(key, {}).get("first_s")
        if first is not None:
            self.step_clicked.emit(float(first))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.PaletteChange and self._feedback is not None:
            self.show_feedback(self._feedback)


def _story_tips_html(missing: list[str]) -> str:
    """The tips of a story answer: its missing C.A.R.E. parts, each with what to add."""
    lead = ("<b>A story question</b>: it is told with C.A.R.E. (guide 002); the steps above are "
            "for plans and are shown for reference.")
    if not missing:
        return f"{lead}<br>All four parts were heard: context, action, result and escalation."
    titles = {p.key: p.title for p in FRAMEWORK_SPECS["care"].parts}
    items = "".join(f"<li><b>{html.escape(titles[k])}:</b> {html.escape(CARE_TIPS[k])}</li>"
                    for k in missing)
    return f"{lead}<br><b>To add next time</b><ul style='margin-left:-20px'>{items}</ul>"

