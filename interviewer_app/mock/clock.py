"""The clocks of a mock interview on screen, as the report counts time: a phase that takes answers
uses recorded answer time (its answers so far plus the audio clock of the answer being recorded);
a phase without answers (introductions, your questions) runs a countdown in wall time, which
stops while paused. The whole interview is the sum of both. No Qt: the flow pushes the audio clock
in and asks for the figures."""

from __future__ import annotations

import time

from interviewer_app.mock.interview import MockInterview, Turn


class MockClock:
    def __init__(self):
        self.recording_s = 0.0  # the audio clock of the answer being recorded (0 when none)
        self.untimed: dict[str, float] = {}  # phase key -> seconds spent in a phase without answers
        self._countdown_used = 0.0
        self._countdown_from: float | None = None  # monotonic start while the countdown runs

    # -- the countdown of a phase without answers ------------------------------------------------
    def start_countdown(self) -> None:
        self._countdown_used, self._countdown_from = 0.0, time.monotonic()

    def pause_countdown(self) -> None:
        if self._countdown_from is not None:
            self._countdown_used += time.monotonic() - self._countdown_from
            self._countdown_from = None

    def resume_countdown(self) -> None:
        if self._countdown_from is None:
            self._countdown_from = time.monotonic()

    def countdown_s(self) -> float:
        running = time.monotonic() - self._countdown_from if self._countdown_from is not None else 0.0
        return self._countdown_used + running

    def close_phase(self, phase_key: str) -> None:
        """The phase without answers is over: keep the time spent in it."""
        self.pause_countdown()
        self.untimed[phase_key] = self._countdown_used
        self._countdown_used = 0.0

    # -- figures -----------------------------------------------------------------------------------
    def phase_used(self, run: MockInterview, turn: Turn | None) -> float:
        if turn is None:
            return 0.0
        if not turn.takes_answer:
            return self.untimed.get(turn.phase.key, self.countdown_s())
        return run.phase_used_s(turn.phase.key) + self.recording_s

    def interview_used(self, run: MockInterview | None, turn: Turn | None) -> float:
        if run is None:
            return 0.0
        used = sum(a.duration_s or 0.0 for a in run.answers) + sum(self.untimed.values()) + self.recording_s
        if turn is not None and not turn.takes_answer and turn.phase.key not in self.untimed:
            used += self.countdown_s()
        return used
