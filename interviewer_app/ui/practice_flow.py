"""One practice round as an explicit state machine, as MockFlow is for a mock interview: the prompt
is read aloud, the think time runs, the answer is recorded, then analysed. The main window only
shows the states (the answer page) and wires menus, pages and settings.

    IDLE ─begin─► READING ─voice done─► THINKING ─time up / Space─► RECORDING ─Stop─► ANALYZING ─► REVIEW
                     │                     ▲ (no think time: READY)                  ▲
                     └─Space───────────────┴──────────────────────────────────────────┘ (record now)

A round's prompt, budget and microphone are fixed when it begins (`Round`), so what is recorded is
what was shown even if the choose page changes meanwhile. The session's own answers during a mock
interview are not this flow's: it only follows the session while a round of its own is under way.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Callable

from interviewer_app.core.errors import InterviewerError
from interviewer_app.core.models import Budget, Prompt
from interviewer_app.qt_binding import QObject, QtCore, QTimer, Signal
from interviewer_app.ui.practice_session import AnswerResult, PracticeSession

THINK_TICK_MS = 250


class PracticeState(str, Enum):
    IDLE = "idle"  # no round: choosing a prompt, or elsewhere in the app
    READING = "reading"  # the prompt is being read aloud
    THINKING = "thinking"  # think time before the answer, counting down
    READY = "ready"  # waiting for Start (no think time, or the microphone failed)
    RECORDING = "recording"
    ANALYZING = "analyzing"
    REVIEW = "review"  # the feedback is on screen


WAITING = (PracticeState.READING, PracticeState.THINKING, PracticeState.READY)


@dataclass(frozen=True)
class Round:
    prompt: Prompt | None
    budget: Budget | None
    device: object = None
    think_s: float = 0.0
    read_aloud: bool = True


class PracticeFlow(QObject):
    state_changed = Signal(object, float)  # PracticeState, think seconds left (THINKING)
    microphone_failed = Signal(str)  # recording could not start: what happened
    analyzed = Signal(object)  # AnswerResult of this flow's round

    def __init__(self, session: PracticeSession, voice=None,
                 when_quiet: Callable[[Callable[[], None]], None] | None = None, parent: QObject | None = None):
        """`when_quiet(fn)`: call fn once the review's playback is silent (never record over it)."""
        super().__init__(parent)
        self.session, self.voice = session, voice
        self._when_quiet = when_quiet or (lambda fn: fn())
        self.state = PracticeState.IDLE
        self.round: Round | None = None
        self._think = QTimer(self)
        self._think.setInterval(THINK_TICK_MS)
        self._think.timeout.connect(self._think_tick)
        self._think_clock = QtCore.QElapsedTimer()
        session.state_changed.connect(self._session_state)
        session.analyzed.connect(self._analyzed)
        session.failed.connect(self._failed)
        if voice is not None:
            voice.finished.connect(self._voice_done)
            voice.unavailable.connect(lambda _reason: self._voice_done())

    # -- the round ------------------------------------------------------------------------------
    def begin(self, round_: Round) -> None:
        """A new round: read the prompt aloud (when asked and possible), then think, then record."""
        self._stop_waiting()
        self.round = round_
        if round_.prompt is not None and round_.read_aloud and self.voice is not None:
            self._set(PracticeState.READING)
            self._when_quiet(lambda: self.state is PracticeState.READING and self.voice.say(round_.prompt.text))
        else:
            self._after_prompt()

    def replay(self) -> None:
        """Read the prompt again (before recording)."""
        r = self.round
        if self.state in WAITING and r is not None and r.prompt is not None and self.voice is not None \
                and self.session.state == "idle":
            self._think.stop()
            self._set(PracticeState.READING)
            self.voice.say(r.prompt.text)

    def start_recording(self) -> None:
        """Record now (Start, Space, or the think time is up), once the last playback is silent."""
        if self.state not in WAITING:
            return
        self._think.stop()
        if self.voice is not None:
            self.voice.stop()
        self._when_quiet(self._record_now)

    def stop_recording(self) -> None:
        if self.state is PracticeState.RECORDING:
            self.session.stop_recording()

    def space(self) -> None:
        """Space on the answer page: stop a recording, or start one."""
        if self.state is PracticeState.RECORDING:
            self.stop_recording()
        elif self.state in WAITING:
            self.start_recording()

    def analyze_file(self, path: Path, round_: Round) -> None:
        """Feedback on a recorded file instead of the microphone."""
        self._stop_waiting()
        self.round = round_
        self._set(PracticeState.ANALYZING)
        self.session.analyze(path, round_.prompt, round_.budget)

    def leave(self) -> bool:
        """Leave the round (Back); False while recording or analysing (stop first)."""
        if self.state in (PracticeState.RECORDING, PracticeState.ANALYZING) or self.session.state != "idle":
            return False
        self._stop_waiting()
        self._set(PracticeState.IDLE)
        return True

    @property
    def think_left(self) -> float:
        if self.state is not PracticeState.THINKING or self.round is None:
            return 0.0
        return max(0.0, self.round.think_s - self._think_clock.elapsed() / 1000)

    # -- internals ------------------------------------------------------------------------------
    def _after_prompt(self) -> None:
        if self.round is not None and self.round.think_s > 0:
            self._think_clock.start()
            self._set(PracticeState.THINKING)
            self._think.start()
        else:
            self._set(PracticeState.READY)

    def _voice_done(self) -> None:
        if self.state is PracticeState.READING:
            self._after_prompt()

    def _think_tick(self) -> None:
        if self.state is not PracticeState.THINKING:
            self._think.stop()
        elif self.think_left <= 0:
            self.start_recording()
        else:
            self._set(PracticeState.THINKING)

    def _record_now(self) -> None:
        r = self.round
        if self.state not in WAITING or r is None or self.session.state != "idle":
            return  # the round moved on while the playback was being silenced
        try:
            self.session.start_recording(r.prompt, r.budget, r.device)
        except InterviewerError as exc:
            self._set(PracticeState.READY)
            self.microphone_failed.emit(str(exc))

    def _session_state(self, state: str) -> None:
        if state == "recording" and self.state in WAITING:
            self._set(PracticeState.RECORDING)
        elif state == "analyzing" and self.state is PracticeState.RECORDING:
            self._set(PracticeState.ANALYZING)

    def _analyzed(self, result: AnswerResult) -> None:
        if self.state is PracticeState.ANALYZING:
            self._set(PracticeState.REVIEW)
            self.analyzed.emit(result)

    def _failed(self, _message: str) -> None:  # the window says what failed
        if self.state in (PracticeState.RECORDING, PracticeState.ANALYZING):
            self._set(PracticeState.READY)

    def _stop_waiting(self) -> None:
        self._think.stop()
        if self.voice is not None and self.state is PracticeState.READING:
            self.voice.stop()

    def _set(self, state: PracticeState) -> None:
        self.state = state
        self.state_changed.emit(state, self.think_left)
