"""Pacing of an answer: length against the time budget, speaking rate, pauses, fillers and a timeline."""

from __future__ import annotations

import html

from interviewer_app.analysis.feedback.view import RecommendationView, burst_line, feedback_view
from interviewer_app.analysis.pacing.measure import LONG_PAUSE_S, PAUSE_S
from interviewer_app.analysis.pacing.pace_words import (
    PACE_SOURCE,
    PAUSE_SOURCE,
    THINK_SOURCE,
    pace_words,
    pause_words,
    think_words,
)
from interviewer_app.core.models import format_clock
from interviewer_app.core.steps import STEPS_BY_KEY
from interviewer_app.qt_binding import QtCore, QtGui, QtWidgets
from interviewer_app.ui.palette import status_colors
from interviewer_app.ui.step_colors import STEP_COLORS

NO_TIMING = "No timing for a typed transcript: pacing, pauses and overtime are not measured."


def budget_sentence(d: dict) -> tuple[str, str]:
    """('1:03 of 0:50 budget — 0:13 over, ...', 'over'|'within'|'none'|'untimed')."""
    pacing = d.get("pacing") or {}
    length = pacing.get("answer_end_s") if pacing.get("answer_end_s") is not None else d.get("duration_s")
    if length is None:
        return NO_TIMING, "untimed"
    budget = d.get("budget_s")
    if budget is None:
        return f"{format_clock(length)} long — no time budget set", "none"
    head = f"{format_clock(length)} of {format_clock(budget)} budget"
    if pacing.get("over_budget"):
        text = f"{head} — {format_clock(pacing.get('overtime_s') or length - budget)} over"
        step = STEPS_BY_KEY.get(pacing.get("over_at_step") or "")
        return (text + (f", time ran out during {step.title}" if step else "")), "over"
    return f"{head} — {format_clock(max(0.0, budget - length))} to spare", "within"


def _label(name: str) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


class PauseTimeline(QtWidgets.QWidget):
    """Painted timeline 0..length: speech, pauses (long ones hatched), the budget line, filler ticks
    and where each step was first heard."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("pause_timeline")
        self.setAccessibleName("Answer timeline")
        self.setMinimumHeight(72)
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Fixed)
        self.set_feedback(None)

    def sizeHint(self) -> QtCore.QSize:
        return QtCore.QSize(400, 76)

    def set_feedback(self, d: dict | None, recommendation: RecommendationView | None = None) -> None:
        d = d or {}
        # where the answer first committed to a call, and the budget's halfway mark it is held to
        self.called_at = None if recommendation is None else recommendation.at.value
        self.called_late = bool(recommendation is not None and recommendation.late)
        self.midpoint = None if recommendation is None else recommendation.midpoint.value
        p = d.get("pacing") or {}
        self.length = d.get("duration_s") if d.get("duration_s") is not None else p.get("answer_end_s")
        self.budget = d.get("budget_s")
        self.speech = [(s["start"], s["end"]) for s in d.get("segments") or []
                       if s.get("start") is not None and s.get("end") is not None]
        self.pauses = [x for x in p.get("pauses") or [] if x.get("start") is not None]
        self.fillers = [f for f in (p.get("fillers") or {}).get("items") or [] if f.get("start") is not None]
        self.firsts = [(k, v["first_s"]) for k, v in (d.get("steps") or {}).items()
                       if v.get("heard") and v.get("first_s") is not None and k in STEP_COLORS]
        self.no_speech = bool(d.get("no_speech"))
        self.setAccessibleDescription(budget_sentence(d)[0] if d else "No answer yet")
        self.update()

    @property
    def span(self) -> float:
        return max(self.length or 0.0, self.budget or 0.0) or 1.0

    def _x(self, t: float) -> float:
        r = self.contentsRect().adjusted(8, 0, -8, 0)
        return r.left() + max(0.0, min(t, self.span)) / self.span * r.width()

    def _span(self, start: float, end: float, top: float) -> QtCore.QRectF:
        return QtCore.QRectF(self._x(start), top, max(1.0, self._x(end) - self._x(start)), 20)

    def paintEvent(self, event) -> None:
        painter = QtGui.QPainter(self)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QtGui.QPalette.ColorRole.WindowText)
        muted = pal.color(QtGui.QPalette.ColorRole.PlaceholderText)
        colors = status_colors(pal)
        fm = painter.fontMetrics()
        if self.length is None:
            painter.setPen(muted)
            painter.drawText(self.rect(), QtCore.Qt.AlignmentFlag.AlignCenter, "No timing for a typed transcript")
            return
        top = fm.height() + 2
        bar = QtCore.QRectF(self._x(0), top, self._x(self.length) - self._x(0), 20)
        track = QtGui.QColor(muted)
        track.setAlpha(60)
        painter.setPen(QtCore.Qt.PenStyle.NoPen)
        painter.setBrush(track)
        painter.drawRoundedRect(bar, 3, 3)
        painter.setBrush(pal.color(QtGui.QPalette.ColorRole.Highlight))
        for start, end in self.speech:
            painter.drawRect(self._span(start, end, top))
        for p in self.pauses:
            rect = self._span(p["start"], p["end"], top)
            painter.setBrush(pal.color(QtGui.QPalette.ColorRole.Base))
            painter.drawRect(rect)
            if p.get("long"):
                painter.setBrush(QtGui.QBrush(QtGui.QColor(colors["warn"]), QtCore.Qt.BrushStyle.BDiagPattern))
                painter.setPen(QtGui.QPen(QtGui.QColor(colors["warn"]), 1.5))
                painter.drawRect(rect)
                painter.setPen(QtCore.Qt.PenStyle.NoPen)
        last_x = -99.0  # step numbers above the bar, skipping ones that would overlap
        for key, first in sorted(self.firsts, key=lambda kv: kv[1]):
            x = self._x(first)
            if x - last_x < fm.horizontalAdvance("8") + 4:
                continue
            painter.setPen(QtGui.QColor(STEP_COLORS[key]))
            painter.drawText(QtCore.QPointF(x, fm.ascent()), str(STEPS_BY_KEY[key].number))
            last_x = x
        if self.midpoint is not None and self.budget is not None:  # the halfway mark: a short dotted tick
            painter.setPen(QtGui.QPen(muted, 1, QtCore.Qt.PenStyle.DotLine))
            hx = self._x(self.midpoint)
            painter.drawLine(QtCore.QPointF(hx, top - 3), QtCore.QPointF(hx, top + 23))
        if self.called_at is not None:  # the first call: a diamond on the bar
            cx, cy = self._x(self.called_at), top + 10
            painter.setPen(QtGui.QPen(pal.color(QtGui.QPalette.ColorRole.Base), 1.5))
            painter.setBrush(QtGui.QColor(colors["warn"] if self.called_late else colors["good"]))
            painter.drawPolygon(QtGui.QPolygonF([QtCore.QPointF(cx, cy - 7), QtCore.QPointF(cx + 6, cy),
                                                 QtCore.QPointF(cx, cy + 7), QtCore.QPointF(cx - 6, cy)]))
        painter.setPen(QtCore.Qt.PenStyle.NoPen)
        painter.setBrush(QtGui.QColor(colors["warn"]))
        for f in self.fillers:  # small upward triangles under the bar
            x = self._x(f["start"])
            painter.drawPolygon(QtGui.QPolygonF([QtCore.QPointF(x, top + 22), QtCore.QPointF(x - 4, top + 29),
                                                 QtCore.QPointF(x + 4, top + 29)]))
        axis_y = top + 30 + fm.ascent()
        painter.setPen(muted)
        painter.drawText(QtCore.QPointF(self._x(0), axis_y), "0:00")
        end_label = format_clock(self.length)
        end_x = self._x(self.length) - fm.horizontalAdvance(end_label)
        if self.budget is not None:
            bx = self._x(self.budget)
            over = self.length > self.budget
            if over:  # tint the overtime
                tint = QtGui.QColor(colors["bad"])
                tint.setAlpha(70)
                painter.fillRect(QtCore.QRectF(bx, top, self._x(self.length) - bx, 20), tint)
            pen = QtGui.QPen(QtGui.QColor(colors["bad"]) if over else text, 2, QtCore.Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QtCore.QPointF(bx, top - 4), QtCore.QPointF(bx, top + 26))
            label = f"budget {format_clock(self.budget)}"
            lx = bx - fm.horizontalAdvance(label) - 4 if over else bx - fm.horizontalAdvance(label) / 2
            lx = min(max(lx, self._x(0)), self._x(self.span) - fm.horizontalAdvance(label))
            painter.setPen(pen.color())
            painter.drawText(QtCore.QPointF(lx, axis_y), label)
            if end_x < lx + fm.horizontalAdvance(label) + 8 and end_x + fm.horizontalAdvance(end_label) + 8 > lx:
                end_label = ""
        if end_label and end_x > self._x(0) + fm.horizontalAdvance("0:00 "):
            painter.setPen(muted)
            painter.drawText(QtCore.QPointF(end_x, axis_y), end_label)
        if self.no_speech:
            painter.setPen(text)
            painter.drawText(bar, QtCore.Qt.AlignmentFlag.AlignCenter, "no speech")

    def event(self, e) -> bool:
        if e.type() == QtCore.QEvent.Type.ToolTip and self.length is not None:
            QtWidgets.QToolTip.showText(e.globalPos(), self._tip_at(e.pos().x()), self)
            return True
        return super().event(e)

    def _tip_at(self, x: float) -> str:
        per_px = self.span / max(1, self.contentsRect().width() - 16)
        t = (x - self._x(0)) * per_px
        for f in self.fillers:
            if abs(f["start"] - t) <= 4 * per_px:
                return f"Filler “{f['word']}” at {format_clock(f['start'])}"
        if self.budget is not None and abs(self.budget - t) <= 4 * per_px:
            return f"The {format_clock(self.budget)} budget ends here"
        if self.called_at is not None and abs(self.called_at - t) <= 6 * per_px:
            return f"Your recommendation first came here ({format_clock(self.called_at)})"
        if self.midpoint is not None and self.budget is not None and abs(self.midpoint - t) <= 4 * per_px:
            return f"Halfway through the budget ({format_clock(self.midpoint)}): say your call by here"
        for p in self.pauses:
            if p["start"] <= t <= p["end"]:
                kind = "Long pause" if p.get("long") else "Pause"
                return f"{kind} {format_clock(p['start'])}–{format_clock(p['end'])} ({p['duration']:.1f} s)"
        return f"{format_clock(max(0.0, t))}"


class PacingPanel(QtWidgets.QWidget):
    """Pacing facts for one answer, with the timeline; `show_feedback(d)` fills it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("pacing_panel")
        self.setAccessibleName("Pacing")
        self._feedback: dict | None = None
        self.budget_label, self.budget_source = _label("budget_line"), _label("budget_source")
        self.key = _label("timeline_key")
        self.timeline = PauseTimeline()
        form = QtWidgets.QFormLayout()
        form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapLongRows)
        self.values: dict[str, QtWidgets.QLabel] = {}
        for name, title in (("wpm", "Pace"), ("think", "Think time"), ("pauses", "Pauses"),
                            ("fillers", "Fillers"), ("filler_words", "Filler words"),
                            ("bursts", "Filler bursts"), ("restarts", "Restarts"),
                            ("recommendation", "Recommendation")):
            value = _label(f"pacing_{name}")
            value.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
            caption = QtWidgets.QLabel(f"{title}:")
            caption.setBuddy(value)
            form.addRow(caption, value)
            self.values[name] = value
        self.values["recommendation"].setTextFormat(QtCore.Qt.TextFormat.RichText)  # escaped, quotes and all
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.budget_label)
        layout.addWidget(self.budget_source)
        layout.addWidget(self.timeline)
        layout.addWidget(self.key)
        layout.addLayout(form)
        layout.addStretch(1)
        self.show_feedback(None)

    def show_feedback(self, d: dict | None) -> None:
        self._feedback = d
        d = d or {}
        colors = status_colors(self.palette())
        muted = self.palette().color(QtGui.QPalette.ColorRole.PlaceholderText).name()
        text, state = budget_sentence(d) if d else ("No answer analysed yet.", "none")
        self.budget_label.setText({"over": "⚠ ", "within": "✓ "}.get(state, "") + text)
        self.budget_label.setProperty("state", state)
        color = {"over": colors["bad"], "within": colors["good"]}.get(state)
        c = QtGui.QColor(color or "#000")
        self.budget_label.setStyleSheet(
            f"QLabel {{ color: {color}; border: 1px solid {color}; border-radius: 4px; font-weight: bold;"
            f" padding: 6px; background-color: rgba({c.red()},{c.green()},{c.blue()},30); }}" if color else
            "QLabel { font-weight: bold; padding: 6px; }")
        label = (d.get("budget") or {}).get("label")
        self.budget_source.setText(f"<span style='color:{muted}'>Budget: {html.escape(label)}</span>" if label else "")
        self.budget_source.setVisible(bool(label))
        view = feedback_view(d) if d else None
        self.timeline.set_feedback(d or None, None if view is None else view.pacing.recommendation)
        timed = d.get("duration_s") is not None
        self.timeline.setVisible(timed)
        self.key.setVisible(timed)
        hl = self.palette().color(QtGui.QPalette.ColorRole.Highlight).name()
        warn = f"<span style='color:{colors['warn']}'>"
        items = [f"<span style='color:{hl}'>■</span>&nbsp;speech", "□&nbsp;pause", "┆&nbsp;budget",
                 f"{warn}▨</span>&nbsp;long&nbsp;pause&nbsp;(≥&nbsp;{LONG_PAUSE_S:g}&nbsp;s)",
                 f"{warn}▲</span>&nbsp;filler", "1–8&nbsp;step&nbsp;first&nbsp;heard"]
        if view is not None and view.pacing.recommendation is not None and view.pacing.recommendation.at.value is not None:
            items.append("◆&nbsp;recommendation&nbsp;(┊&nbsp;halfway)")
        self.key.setText(f"<span style='color:{muted}'>{' &nbsp; '.join(items)}</span>")
        for value in self.values.values():
            value.clear()
        if d:
            self._fill_values(d.get("pacing") or {}, timed, view.pacing.fillers_note)
            self._fill_recommendation(view.pacing.recommendation, colors)

    def _fill_recommendation(self, r, colors: dict) -> None:
        """When the answer first committed to a call; past the budget's halfway mark in warning colour."""
        label = self.values["recommendation"]
        if r is None:
            label.setText("—")
            label.setToolTip("Checked for whole answers to a plan prompt, not stories or focus drills.")
            return
        text = html.escape(r.line.removeprefix("recommendation").lstrip(": ").strip())
        label.setText(f"<span style='color:{colors['warn']}'>⚠ {text}</span>" if r.late else text)
        label.setToolTip("A plan ends on a clear call (guide 004). In a timed answer, say it by the halfway "
                         "mark of the budget and again at the end, so running out of time cannot cut it.")

    def _fill_values(self, p: dict, timed: bool, fillers_note: str = "") -> None:
        v, words = self.values, p.get("word_count", 0)
        v["wpm"].setText(html.escape(f"{pace_words(p['wpm'])} ({words} words)")
                         if timed and p.get("wpm") is not None else f"— ({words} words)")
        v["wpm"].setToolTip(f"Words from your first word to your last, pauses included. Range: {PACE_SOURCE}"
                            if timed and p.get("wpm") is not None else "")
        think = p.get("think_time_s")
        v["think"].setText(html.escape(think_words(think)) if think is not None else "—")
        v["think"].setToolTip(f"From the start of the recording to your first word. Source: {THINK_SOURCE}"
                              if think is not None else "")
        pauses = p.get("pauses") or []
        longest = max(pauses, key=lambda x: x["duration"]) if pauses else None
        said = pause_words(len(pauses), p.get("long_pauses", 0), longest["duration"] if longest else None,
                           PAUSE_S, LONG_PAUSE_S, format_clock(longest["start"]) if longest else "")
        v["pauses"].setText("—" if not timed else html.escape(said))
        v["pauses"].setToolTip(f"Silences between stretches of speech, measured from the audio. Source: {PAUSE_SOURCE}"
                               if timed else "")
        fillers = p.get("fillers") or {}
        rate = fillers.get("per_min")
        v["fillers"].setText(html.escape(f"{fillers.get('count', 0)}" + (
            f" ({rate:.1f} per minute{'; ' + fillers_note if fillers_note else ''})" if rate is not None else
            "" if timed else " (no rate without timing)")))
        items = [f"{f['word']} {format_clock(f['start'])}" if f.get("start") is not None else f["word"]
                 for f in fillers.get("items") or []]
        v["filler_words"].setText(" · ".join(items) or "none")
        bursts = fillers.get("clusters")
        v["bursts"].setText("—" if bursts is None or not timed else "none (3 or more within 30 s)" if not bursts
                            else "<br>".join(html.escape(burst_line(c)) for c in bursts))
        restarts = (p.get("restarts") or {}).get("items")
        v["restarts"].setText("—" if restarts is None else "none" if not restarts else
                              f"{len(restarts)} (words said twice in a row): " + " · ".join(
                                  f"“{r['words']}” {format_clock(r['start'])}" if r.get("start") is not None
                                  else f"“{r['words']}”" for r in restarts))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.PaletteChange and self._feedback is not None:
            self.show_feedback(self._feedback)
