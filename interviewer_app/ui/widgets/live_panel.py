"""While answering: the transcript so far (grey italics until final), the eight steps lighting up
as they are heard (for a story prompt, its four C.A.R.E. parts instead, as the story is coached),
words per minute and the current pause."""

from __future__ import annotations

import html

from interviewer_app.analysis.content.frameworks import FRAMEWORK_SPECS
from interviewer_app.core.models import format_clock
from interviewer_app.core.steps import STEPS
from interviewer_app.qt_binding import Qt, QtGui, QtWidgets
from interviewer_app.ui.palette import status_colors
from interviewer_app.ui.step_colors import STEP_COLORS


class LivePanel(QtWidgets.QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("live_panel")
        self.chips: dict[str, QtWidgets.QLabel] = {}
        chips = QtWidgets.QHBoxLayout()
        chips.setSpacing(6)
        for step in STEPS:
            chip = QtWidgets.QLabel(f"{step.number} {step.key.capitalize()}")
            chip.setObjectName(f"live_step_{step.key}")
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chip.setToolTip(f"{step.title}: {step.tip}")
            chips.addWidget(chip, 1)
            self.chips[step.key] = chip
        self.part_chips: dict[str, QtWidgets.QLabel] = {}
        for part in FRAMEWORK_SPECS["care"].parts:  # shown instead of the steps for a story
            chip = QtWidgets.QLabel(part.title)
            chip.setObjectName(f"live_part_{part.key}")
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chip.setToolTip(f"C.A.R.E. — {part.title}: {part.meaning} (guide 002)")
            chips.addWidget(chip, 2)
            self.part_chips[part.key] = chip
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("live_status")
        self.transcript = QtWidgets.QTextBrowser()
        self.transcript.setObjectName("live_transcript")
        self.transcript.setAccessibleName("Live transcript")
        self.transcript.setMinimumHeight(90)
        self.transcript.setPlaceholderText("Your words appear here as you speak…")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(chips)
        layout.addWidget(self.status)
        layout.addWidget(self.transcript, 1)
        self._version = -1
        self._focus: tuple[str, ...] | None = None  # a focus drill's steps: the only chips shown
        self.clear()

    def clear(self, story: bool = False, focus: tuple[str, ...] | None = None) -> None:
        """Empty, with the chips of a story prompt (C.A.R.E.) or of a plan (the 8 steps, or only a
        focus drill's)."""
        self._focus = focus
        self._version = -1
        self.transcript.clear()
        self.status.setText("")
        self._show_story_chips(story)
        for key in self.chips:
            self._paint_chip(key, False)
        for key in self.part_chips:
            self._paint_part(key, False)

    def _show_story_chips(self, story: bool) -> None:
        for key, chip in self.chips.items():
            chip.setVisible(not story and (not self._focus or key in self._focus))
        for chip in self.part_chips.values():
            chip.setVisible(story)

    def show_live(self, snap, view) -> None:
        """Update from a LiveSnapshot and its LiveView (transcript only when it changed)."""
        if snap.version != self._version:
            self._version = snap.version
            story = view.story_parts is not None
            self._show_story_chips(story)
            for key, heard in (view.story_parts or {}).items():
                self._paint_part(key, heard)
            for key, result in view.steps.items():
                self._paint_chip(key, result.heard)
            self._show_text(snap)
        facts = []
        if view.wpm is not None:
            facts.append(f"{view.wpm:.0f} words/min")
        if view.fillers:
            facts.append(f"{view.fillers} filler{'s' if view.fillers != 1 else ''}")
        if view.pause_s is not None:
            facts.append(f"pausing {view.pause_s:.0f} s")
        if not self._focus and view.story_parts is None:  # answer first, for a whole plan
            if view.call_at_s is not None:
                facts.append(f"✓ your call at {format_clock(view.call_at_s)}")
            elif view.call_due:
                facts.append("halfway: say your call")
        if view.behind_s is not None and not snap.notice:
            facts.append(f"transcript {view.behind_s:.0f} s behind")
        if snap.notice:
            facts.append(snap.notice)
        elif snap.provisional:
            facts.append("grey text is provisional until you pause")
        self.status.setText("  ·  ".join(facts))

    def _show_text(self, snap) -> None:
        final = html.escape(" ".join(s.text for s in snap.final))
        provisional = html.escape(" ".join(s.text for s in snap.provisional))
        pal = self.transcript.palette()
        text, base = pal.color(QtGui.QPalette.ColorRole.Text), pal.color(QtGui.QPalette.ColorRole.Base)
        grey = QtGui.QColor((text.red() + base.red()) // 2, (text.green() + base.green()) // 2,
                            (text.blue() + base.blue()) // 2).name()  # halfway: clearly provisional
        body = final + (f' <i style="color:{grey}">{provisional}</i>' if provisional else "")
        bar = self.transcript.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        self.transcript.setHtml(body)
        if at_end:
            bar.setValue(bar.maximum())

    def _paint_chip(self, key: str, heard: bool) -> None:
        _paint(self.chips[key], heard, STEP_COLORS[key])

    def _paint_part(self, key: str, heard: bool) -> None:
        _paint(self.part_chips[key], heard, status_colors(self.palette())["good"])


def _paint(chip: QtWidgets.QLabel, heard: bool, colour_name: str) -> None:
    """A chip lit in `colour_name` once heard (text in the higher WCAG contrast), outlined before."""
    if heard:
        colour = QtGui.QColor(colour_name)
        text = "black" if _luminance(colour) > 0.18 else "white"
        style = f"background:{colour.name()}; color:{text}; font-weight:bold;"
    else:
        style = "border:1px solid palette(mid); color:palette(placeholder-text);"
    chip.setStyleSheet(style + "border-radius:9px; padding:3px 6px;")
    chip.setAccessibleName(f"{chip.text()}: {'heard' if heard else 'not heard yet'}")


def _luminance(colour: QtGui.QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))
