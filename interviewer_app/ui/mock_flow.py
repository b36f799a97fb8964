"""One mock interview in the desktop app, without widgets: the plan, its MockInterview (which turn
comes next, the follow-ups chosen after each main answer) and its stored session.

Each answer is recorded with the window's PracticeSession, whose save hook (on the analysis
worker) records it in the run and keeps it in the session at once: an answer is stored the moment
it is analysed. When `analyzed` arrives the next turn (after a main answer, a follow-up chosen by
the rules) is produced straight away and its question spoken. Session reads and writes run on
workers. Clocks: see mock/clock.py. Pausing happens between turns (nothing is recording). A mock
left mid-way (Esc, closing the window) stays "unfinished" with its answers, and can be resumed.
"""

from __future__ import annotations

import time
from typing import Callable

from interviewer_app.core.errors import InterviewerError
from interviewer_app.mock.clock import MockClock
from interviewer_app.mock.interview import MockInterview
from interviewer_app.mock.plan import MockPlan
from interviewer_app.mock.report import MockReport, build_report
from interviewer_app.qt_binding import QObject, QTimer, Signal
from interviewer_app.services.mock_session import answer_keeper, answer_notices, follow_refined, then_end
from interviewer_app.storage.mock_sessions import IN_PROGRESS
from interviewer_app.ui.mock_store import MockStoreTasks

COUNTDOWN_MS = 250
# no mock; creating or loading the session; the voice asking; waiting for the answer; recording;
# analysing; a phase without answers counting down; paused; all turns done (report shown, Finish
# pending); finishing or abandoning; finished or abandoned.
IDLE, STARTING, ASKING, READY, RECORDING, ANALYZING = "idle", "starting", "asking", "ready", "recording", "analyzing"
COUNTDOWN, PAUSED, OVER, SAVING, ENDED = "countdown", "paused", "over", "saving", "ended"
BETWEEN_TURNS = (ASKING, READY, COUNTDOWN)


class MockFlow(QObject):
    state_changed = Signal(str)
    turn_ready = Signal(object)  # Turn: a question, a follow-up, or a phase without answers
    phase_changed = Signal(object)  # MockPhase
    clock = Signal(float, float, float)  # phase time used, interview time used, input level (dBFS)
    live_update = Signal(object, object)  # the live transcript while recording (LiveSnapshot, LiveView)
    answer_kept = Signal(object)  # MockAnswer, recorded in the run (and stored unless a notice says not)
    finished = Signal(object)  # MockReport: no turn left; score the interview and finish
    report_changed = Signal(object)  # MockReport: an answer's transcript was refined after the end
    ended = Signal(str)  # "finished" or "abandoned", once stored
    notice = Signal(str)  # one line worth knowing that stops nothing
    failed = Signal(str)  # one line: what went wrong and what was kept

    def __init__(self, ctx, session, voice=None, *, device: Callable[[], object] = lambda: None,
                 prepare_voice: Callable[[], None] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx, self.session, self.voice = ctx, session, voice
        self._device, self._prepare_voice = device, prepare_voice
        self.state = IDLE
        self.speak = True
        self.auto_advance = False  # a phase without answers moves on when its time is up
        self.plan, self.run, self.session_id, self.turn = None, None, None, None  # MockPlan, MockInterview, int, Turn
        self.follow_up_timings: list[tuple[float, float]] = []  # (Stop requested, follow-up said), monotonic
        self.store = MockStoreTasks(ctx, self)
        self.clocks = MockClock()
        self._unsaved: dict[int, tuple] = {}  # position -> (feedback, source, samples) not stored yet
        self._recording_turn, self._answers_before, self._stop_at = None, 0, None  # the answer being recorded
        self._resume_to = READY
        self._countdown = QTimer(self)
        self._countdown.setInterval(COUNTDOWN_MS)
        self._countdown.timeout.connect(self._countdown_tick)
        session.tick.connect(self._tick)
        session.live_update.connect(lambda snap, view: self.state == RECORDING and self.live_update.emit(snap, view))
        session.state_changed.connect(self._session_state)
        session.analyzed.connect(self._answered)
        session.failed.connect(self._session_failed)
        session.recording_problem.connect(
            lambda m: self._recording_turn is not None and self.notice.emit(f"{m}. Keeping what was recorded."))
        session.refined.connect(self._refined)
        if voice is not None:
            voice.finished.connect(self._voice_done)
            voice.unavailable.connect(lambda reason: (self.notice.emit(reason), self._voice_done()))

    @property
    def active(self) -> bool:
        """A mock is under way (from Start until it is finished, abandoned or left)."""
        return self.state not in (IDLE, ENDED)

    @property
    def busy(self) -> bool:
        """An answer is being recorded, analysed or stored: the mock cannot be left now."""
        return self.state in (RECORDING, ANALYZING, SAVING)

    @property
    def at_report(self) -> bool:
        """Every turn is done: the report is on show, Finish pending."""
        return self.state == OVER or (self.state == SAVING and self.turn is None)

    @property
    def follow_up_delays(self) -> list[float]:
        """Seconds from Stop of a main answer to its follow-up being said (or shown, when not read aloud)."""
        return [said - stop for stop, said in self.follow_up_timings]

    # -- starting -----------------------------------------------------------------------------
    def start(self, plan: MockPlan, *, speak: bool = True) -> None:
        """A new session of this plan."""
        if not self.active:
            self._begin(plan, MockInterview(plan), speak)
            self._store_work(lambda s: s.create(plan), self._created, back_to=IDLE)

    def resume_session(self, session_id: int, *, speak: bool = True) -> None:
        """Carry on an unfinished session from the database at its next turn."""
        if not self.active:
            self.speak = speak
            self._set_state(STARTING)
            self._store_work(lambda s: s.get(session_id), self._loaded, back_to=IDLE)

    def _begin(self, plan, run, speak) -> None:
        self.plan, self.run, self.speak, self.turn, self.session_id = plan, run, speak, None, None
        self._unsaved, self.clocks = {}, MockClock()
        self.follow_up_timings = []
        if speak and self.voice is not None and self._prepare_voice is not None:
            self._prepare_voice()
        self._set_state(STARTING)

    def _created(self, session_id: int) -> None:
        if self.state == STARTING:  # not left meanwhile
            self.session_id = session_id
            self._advance()

    def _loaded(self, stored) -> None:
        if self.state != STARTING:
            return
        if stored.state != IN_PROGRESS:
            self._set_state(IDLE)
            self.failed.emit(f"Mock session {stored.id} is {stored.status}; start a new mock to record more.")
            return
        self._begin(stored.plan, MockInterview.resume(stored.plan, stored.answers), self.speak)
        self._created(stored.id)

    # -- turns ----------------------------------------------------------------------------------
    def _advance(self, stopped_at: float | None = None) -> None:
        previous = self.turn
        self.turn = turn = self.run.next_turn()
        if turn is None:
            self._set_state(OVER)
            self.finished.emit(self.report())
            return
        if previous is None or previous.phase.key != turn.phase.key:
            self.phase_changed.emit(turn.phase)
        self.turn_ready.emit(turn)
        if not turn.takes_answer:
            self.clocks.start_countdown()
            self._countdown.start()
            self._set_state(COUNTDOWN)
        else:
            speaking = self.speak and self.voice is not None
            self._set_state(ASKING if speaking else READY)
            if turn.is_follow_up and stopped_at is not None:  # the moment it is said (or shown)
                self.follow_up_timings.append((stopped_at, time.monotonic()))
            if speaking:
                self.voice.say(turn.text)  # the question only; the reason for a follow-up is on screen
        self._emit_clock()

    def primary(self) -> None:
        """Space, or the big button: start or stop the answer, continue a timed phase, or resume."""
        action = {ASKING: self.start_answer, READY: self.start_answer, RECORDING: self.stop_answer,
                  COUNTDOWN: self.continue_phase, PAUSED: self.unpause}.get(self.state)
        if action is not None:
            action()

    def start_answer(self) -> None:
        turn = self.turn
        if self.state not in (ASKING, READY) or not turn.takes_answer or self.session.state != "idle":
            return
        self._stop_voice()
        try:
            keeper = answer_keeper(self.run, turn, self.session_id, self._unsaved, self.store.sessions)
            self.session.start_recording(turn.prompt, turn.budget, self._device(), save=keeper)
        except InterviewerError as exc:
            self.failed.emit(f"{exc}. Nothing was recorded; check the microphone and try again.")
            return
        self._recording_turn, self._answers_before = turn, len(self.run.answers)
        self._set_state(RECORDING)

    def stop_answer(self) -> None:
        if self.state == RECORDING:
            self._stop_at = time.monotonic()
            self.session.stop_recording()

    def skip_follow_up(self) -> None:
        if self.state in (ASKING, READY) and self.turn.is_follow_up:
            self._stop_voice()
            self.run.skip(self.turn)
            self._advance()

    def end_phase(self) -> None:
        """The interviewer moves on: the rest of this phase is not asked."""
        if self.state in BETWEEN_TURNS:
            self._stop_voice()
            self._end_countdown()
            self.run.end_phase(self.turn.phase.key)
            self._advance()

    def continue_phase(self) -> None:
        """Leave a phase without answers (introductions, your questions) for the next turn."""
        if self.state == COUNTDOWN:
            self._end_countdown()
            self.run.skip(self.turn)
            self._advance()

    def pause(self) -> None:
        if self.state in BETWEEN_TURNS:
            self._stop_voice()
            if self.state == COUNTDOWN:
                self._countdown.stop()
                self.clocks.pause_countdown()
            self._resume_to = COUNTDOWN if self.state == COUNTDOWN else READY
            self._set_state(PAUSED)

    def unpause(self) -> None:
        if self.state == PAUSED:
            if self._resume_to == COUNTDOWN:
                self.clocks.resume_countdown()
                self._countdown.start()
            self._set_state(self._resume_to)

    def abandon(self) -> None:
        """Stop here: the session is kept as abandoned with every answer it has."""
        if self.state in BETWEEN_TURNS + (PAUSED, OVER):
            self.pause()  # the countdown and the voice stop; a failed save comes back paused
            back = PAUSED if self.state == PAUSED else self.state
            self._set_state(SAVING)
            self._store_work(then_end(self.run, self.session_id, self._unsaved, lambda s, i: s.abandon(i)),
                             lambda _r: self._ended("abandoned"), back_to=back)

    def finish(self, self_score: dict, notes: str) -> None:
        """Store the session as finished with the whole interview's self-score and notes."""
        if self.state == OVER:
            self._set_state(SAVING)
            self._store_work(then_end(self.run, self.session_id, self._unsaved,
                                      lambda s, i: s.finish(i, self_score, notes)),
                             lambda _r: self._ended("finished", self_score, notes), back_to=OVER)

    def leave(self) -> bool:
        """Stop driving the mock (Esc, window closed); the session stays unfinished. False while
        an answer is being recorded, analysed or stored."""
        if self.busy:
            return False
        self.shutdown()
        return True

    def shutdown(self) -> None:
        """The window is closing: stop the voice and the countdown; the session stays unfinished
        (the PracticeSession keeps a partial recording for recovery)."""
        self._stop_voice()
        self._end_countdown()
        self._set_state(IDLE)

    def report(self, status: str = "unfinished", self_score: dict | None = None, notes: str = "") -> MockReport:
        return build_report(self.plan, self.run.answers, status, session_id=self.session_id,
                            self_score=self_score, notes=notes)

    # -- clocks -----------------------------------------------------------------------------------
    def _emit_clock(self, level: float = float("-inf")) -> None:
        self.clock.emit(self.clocks.phase_used(self.run, self.turn), self.clocks.interview_used(self.run, self.turn),
                        level)

    def _tick(self, seconds: float, level: float) -> None:
        if self.state == RECORDING:
            self.clocks.recording_s = seconds
            self._emit_clock(level)

    def _countdown_tick(self) -> None:
        self._emit_clock()
        if self.auto_advance and self.clocks.phase_used(self.run, self.turn) >= self.turn.phase.seconds:
            self.continue_phase()

    def _end_countdown(self) -> None:
        if self.turn is not None and not self.turn.takes_answer and self.state in (COUNTDOWN, PAUSED):
            self.clocks.close_phase(self.turn.phase.key)
        self._countdown.stop()

    # -- answers ----------------------------------------------------------------------------------
    def _session_state(self, state: str) -> None:
        if state == "analyzing" and self.state == RECORDING:  # Stop, or the microphone went away
            self._set_state(ANALYZING)

    def _answered(self, result) -> None:
        if self._recording_turn is not None:
            self._recording_turn = None
            for line in answer_notices(result, kept=len(self.run.answers) > self._answers_before):
                self.notice.emit(line)
            self._after_answer(self._stop_at)

    def _session_failed(self, message: str) -> None:
        if self._recording_turn is not None:
            self._recording_turn = None
            self.failed.emit(f"{message}. The recording stays in the recordings folder.")
            self._after_answer(None)
        elif self.active:
            self.failed.emit(message)

    def _after_answer(self, stopped_at: float | None) -> None:
        self.clocks.recording_s, self._stop_at = 0.0, None
        if self.state not in (RECORDING, ANALYZING):  # left meanwhile (window closing)
            return
        if len(self.run.answers) > self._answers_before:
            self.answer_kept.emit(self.run.answers[-1])
            self._advance(stopped_at)
        else:  # not recorded in the run: the same question again
            self._set_state(READY)
            self._emit_clock()

    def _refined(self, result) -> None:
        """The full pass over an answer replaced its stored feedback: the report follows it."""
        if self.run is not None and follow_refined(self.run, result) is not None and self.state == OVER:
            self.report_changed.emit(self.report())

    # -- helpers ----------------------------------------------------------------------------------
    def _store_work(self, fn, on_done, *, back_to: str) -> None:
        def failed(message: str) -> None:
            self._set_state(back_to)
            self.failed.emit(message)
        self.store.run(fn, on_done, failed)

    def _ended(self, status: str, self_score: dict | None = None, notes: str = "") -> None:
        self._set_state(ENDED)
        self.ended.emit(status)
        if status == "finished":
            self.report_changed.emit(self.report(status, {k: v for k, v in self_score.items() if v}, notes))

    def _voice_done(self) -> None:
        if self.state == ASKING:
            self._set_state(READY)

    def _stop_voice(self) -> None:
        if self.voice is not None and self.state == ASKING:
            self.voice.stop()

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)
