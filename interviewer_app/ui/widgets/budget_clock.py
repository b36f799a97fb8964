"""The answer clock: big elapsed time, time left against the budget, a progress bar, and overtime.

Pure view: the owner pushes the audio clock in with `set_elapsed()`; no timer lives here. States:
"idle" (no budget, or nothing elapsed yet), "ok", "warning" (from 75 % of the budget) and "over"
(from 100 %). Every state is spelled out in words as well as colour ("0:25 left · wrap up",
"TIME'S UP +0:12 over"), so it reads without colour vision.
"""

from __future__ import annotations

import math

from interviewer_app.core.models import format_clock
from interviewer_app.qt_binding import Qt, QtWidgets, Signal

WARNING_FRACTION = 0.75

# (chip style, progress bar chunk colour) per state; chips carry their own background, so they read
# on light and dark palettes alike.
_CHIP = "border-radius:6px; padding:4px 10px;"  # same box in every state: nothing jumps on a change
STYLES = {
    "idle": (_CHIP, "#78909C"),
    "ok": (_CHIP, "#2E7D32"),
    "warning": ("background:#FFB300; color:#1A1A1A; font-weight:bold;" + _CHIP, "#FFB300"),
    "over": ("background:#C62828; color:white; font-weight:bold;" + _CHIP, "#C62828"),
}


class BudgetClock(QtWidgets.QWidget):
    state_changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._budget: float | None = None
        self._elapsed = 0.0
        self._state = "idle"
        self.elapsed_label = QtWidgets.QLabel("0:00")
        self.elapsed_label.setObjectName("elapsed_label")
        font = self.elapsed_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        font.setStyleHint(font.StyleHint.Monospace)  # digits that do not jiggle as they change
        font.setFixedPitch(True)
        self.elapsed_label.setFont(font)
        self.elapsed_label.setAccessibleName("Time answering")
        self.status_label = QtWidgets.QLabel()
        self.status_label.setObjectName("budget_status")
        sfont = self.status_label.font()
        sfont.setPointSizeF(sfont.pointSizeF() * 1.3)
        self.status_label.setFont(sfont)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.status_label.setAccessibleName("Time budget")
        self.bar = QtWidgets.QProgressBar()
        self.bar.setObjectName("budget_bar")
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(10)
        self.bar.setAccessibleName("Budget used")

        top = QtWidgets.QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.elapsed_label)
        top.addStretch(1)
        top.addWidget(self.status_label)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.bar)
        self._apply_style()
        self._render()

    # -- model -----------------------------------------------------------------------------
    @property
    def state(self) -> str:
        return self._state

    def budget(self) -> float | None:
        return self._budget

    def elapsed(self) -> float:
        return self._elapsed

    def set_budget(self, seconds: float | None) -> None:
        """The time allowed, in seconds; None (or <= 0) for no limit: only elapsed time is shown."""
        self._budget = float(seconds) if seconds is not None and seconds > 0 else None
        self._update()

    def set_elapsed(self, seconds: float) -> None:
        """Seconds answered so far (the recorder's audio clock)."""
        self._elapsed = max(0.0, float(seconds)) if seconds is not None and not math.isnan(seconds) else 0.0
        self._update()

    def remaining(self) -> float | None:
        return None if self._budget is None else self._budget - self._elapsed

    def status_text(self) -> str:
        return self.status_label.text()

    def _compute_state(self) -> str:
        if self._budget is None or self._elapsed <= 0:
            return "idle"
        if self._elapsed >= self._budget:
            return "over"
        if self._elapsed >= WARNING_FRACTION * self._budget:
            return "warning"
        return "ok"

    def _update(self) -> None:
        state = self._compute_state()
        changed = state != self._state
        self._state = state
        if changed:
            self._apply_style()  # restyling is costly; the clock ticks 20 times a second
        self._render()
        if changed:
            self.state_changed.emit(state)

    # -- view ------------------------------------------------------------------------------
    def _apply_style(self) -> None:
        chip, bar = STYLES[self._state]
        self.status_label.setStyleSheet(chip)
        self.bar.setStyleSheet("QProgressBar { border:none; border-radius:4px; background:rgba(128,128,128,90); }"
                               f"QProgressBar::chunk {{ border-radius:4px; background:{bar}; }}")

    def _render(self) -> None:
        elapsed = format_clock(math.floor(self._elapsed))  # a running clock counts whole seconds
        self.elapsed_label.setText(elapsed)
        self.elapsed_label.setAccessibleDescription(elapsed)
        budget, state = self._budget, self._state
        self.bar.setVisible(budget is not None)
        if budget is None:
            text = "no time limit" if self._elapsed <= 0 else ""
        elif state == "over":
            text = f"TIME'S UP  +{format_clock(math.floor(self._elapsed - budget))} over"
        else:
            left = f"{format_clock(math.ceil(budget - self._elapsed))} left of {format_clock(budget)}"
            text = f"{left}  ·  wrap up" if state == "warning" else left
        self.status_label.setText(text)
        self.status_label.setAccessibleDescription(text)
        if budget is not None:
            self.bar.setValue(int(1000 * min(1.0, self._elapsed / budget)))
        self.setToolTip(f"{elapsed} answered" + (f"; {text}" if text else ""))
