"""Answer-page widgets and the prompt voice: BudgetClock states, LevelMeter peaks, PromptVoice paths.

Run headless with QT_QPA_PLATFORM=offscreen. The voice tests really speak: through PulseAudio
when PULSE_SERVER points at one (e.g. scripts/virtual-mic.sh), otherwise Qt may list no audio
output device, and then the espeak-ng / speechd paths must end in `unavailable` instead of
`finished`. Each such test asserts the outcome that matches what Qt reports.
"""

from __future__ import annotations

import os
import socket

import pytest

from interviewer_app.speech import prompt_voice
from interviewer_app.speech.prompt_voice import PromptVoice
from interviewer_app.ui.widgets.budget_clock import BudgetClock
from interviewer_app.ui.widgets.level_meter import LevelMeter

ESPEAK = "/usr/bin/espeak-ng"
SHORT = "Sign-ups fell ten percent. What do you do?"
VOICE_TIMEOUT_MS = 30_000


# -- BudgetClock -------------------------------------------------------------------------------
@pytest.fixture
def clock(qtbot):
    widget = BudgetClock()
    qtbot.addWidget(widget)
    widget.set_budget(120)
    return widget


@pytest.mark.parametrize("fraction, state, text", [
    (0.0, "idle", "2:00 left of 2:00"),
    (0.74, "ok", "0:32 left of 2:00"),
    (0.75, "warning", "0:30 left of 2:00  ·  wrap up"),
    (1.0, "over", "TIME'S UP  +0:00 over"),
    (1.3, "over", "TIME'S UP  +0:36 over"),
])
def test_budget_clock_states(clock, fraction, state, text):
    clock.set_elapsed(120 * fraction)
    assert clock.state == state
    assert clock.status_text() == text
    assert clock.elapsed_label.text() == f"{int(120 * fraction) // 60}:{int(120 * fraction) % 60:02d}"
    assert clock.bar.value() == min(1000, int(1000 * fraction))


def test_overtime_counter_runs_and_is_styled_unmistakably(clock):
    clock.set_elapsed(60)
    ok_style = clock.status_label.styleSheet()
    clock.set_elapsed(125.9)
    assert clock.status_text() == "TIME'S UP  +0:05 over"
    clock.set_elapsed(131)
    assert clock.status_text() == "TIME'S UP  +0:11 over"
    clock.set_elapsed(120 + 75)
    assert clock.status_text() == "TIME'S UP  +1:15 over"
    assert clock.elapsed_label.text() == "3:15"
    over_style = clock.status_label.styleSheet()
    assert "#C62828" in over_style and "color:white" in over_style and over_style != ok_style
    assert "#C62828" in clock.bar.styleSheet()


def test_state_changed_emitted_once_per_change(clock, qtbot):
    seen = []
    clock.state_changed.connect(seen.append)
    for t in (5, 10, 60, 89.9, 90, 100, 119.99, 120, 150, 200):
        clock.set_elapsed(t)
    with qtbot.waitSignal(clock.state_changed, timeout=1000) as blocker:
        clock.set_elapsed(0)
    assert blocker.args == ["idle"]
    assert seen == ["ok", "warning", "over", "idle"]


def test_changing_the_budget_recomputes_the_state(clock, qtbot):
    clock.set_elapsed(100)
    assert clock.state == "warning"
    with qtbot.waitSignal(clock.state_changed, timeout=1000) as blocker:
        clock.set_budget(60)
    assert blocker.args == ["over"] and clock.status_text() == "TIME'S UP  +0:40 over"
    with qtbot.waitSignal(clock.state_changed, timeout=1000) as blocker:
        clock.set_budget(None)
    assert blocker.args == ["idle"]


def test_no_budget_shows_just_elapsed(qtbot):
    clock = BudgetClock()
    qtbot.addWidget(clock)
    clock.set_budget(None)
    assert clock.status_text() == "no time limit" and clock.bar.isHidden()
    clock.set_elapsed(75.6)
    assert clock.state == "idle"
    assert clock.elapsed_label.text() == "1:15"
    assert clock.status_text() == "" and clock.remaining() is None


# -- LevelMeter --------------------------------------------------------------------------------
@pytest.fixture
def meter(qtbot):
    widget = LevelMeter(hold_updates=3, decay_db=2.0)
    qtbot.addWidget(widget)
    widget.resize(300, 18)
    return widget


def test_level_meter_clamps(meter):
    assert meter.accessibleName() == "Input level"
    for given, shown in ((float("-inf"), -60.0), (float("nan"), -60.0), (-90.0, -60.0), (-23.5, -23.5),
                         (0.0, 0.0), (6.0, 0.0)):
        meter.set_level(given)
        assert meter.level() == shown
    meter.set_level(-23.4)
    assert meter.accessibleDescription().startswith("-23 dBFS")


def test_level_meter_holds_then_decays_peaks(meter):
    meter.set_level(-10)
    peaks = []
    for _ in range(14):
        meter.set_level(-30)
        peaks.append(meter.peak())
    assert peaks[:3] == [-10, -10, -10]  # held for hold_updates calls
    assert peaks[3:7] == [-12, -14, -16, -18]  # then falls decay_db per call
    assert peaks[-1] == -30 and min(peaks) == -30  # never below the level
    meter.set_level(-5)
    assert meter.peak() == -5  # a louder level takes over at once
    meter.set_level(float("-inf"))
    assert meter.peak() == -5


def _pixel(widget, fx):
    image = widget.grab().toImage()
    return image.pixelColor(int(image.width() * fx), image.height() // 2)


def test_level_meter_lights_the_zone_of_the_level(meter):
    meter.reset()
    unlit = _pixel(meter, 0.97)
    meter.set_level(-1)
    red = _pixel(meter, 0.97)
    assert red.red() > 150 and red.green() < 100 and red != unlit
    meter.reset()
    meter.set_level(-40)
    assert _pixel(meter, 0.97) == unlit  # the red zone stays dim for a quiet input
    green = _pixel(meter, 0.2)
    assert green.green() > green.red() and green.green() > 100


# -- PromptVoice -------------------------------------------------------------------------------
def _has_output() -> bool:
    from PySide6.QtMultimedia import QMediaDevices

    return bool(QMediaDevices.audioOutputs())


def _record(voice):
    events = []
    voice.started.connect(lambda: events.append("started"))
    voice.finished.connect(lambda: events.append("finished"))
    voice.unavailable.connect(lambda reason: events.append(("unavailable", reason)))
    return events


def _wait_outcome(qtbot, events, timeout=VOICE_TIMEOUT_MS):
    qtbot.waitUntil(lambda: any(e == "finished" or isinstance(e, tuple) for e in events), timeout=timeout)
    return events[-1]


def _assert_outcome_matches_device(events, outcome):
    if _has_output():
        assert events == ["started", "finished"], events
    else:
        assert outcome == ("unavailable", prompt_voice.NO_OUTPUT), events


def test_mock_engine_speaks_and_finishes(qtbot):
    voice = PromptVoice(engine="mock")
    assert voice.backend == "mock" and voice.engine_error is None
    assert voice.available_voices()
    assert voice.set_voice(voice.available_voices()[-1]) and not voice.set_voice("No Such Voice")
    with qtbot.waitSignals([voice.started, voice.finished], order="strict", timeout=VOICE_TIMEOUT_MS):
        voice.say(SHORT)


def test_stop_is_silent_and_a_new_say_replaces_the_old(qtbot):
    voice = PromptVoice(engine="mock")
    events = _record(voice)
    with qtbot.waitSignal(voice.started, timeout=VOICE_TIMEOUT_MS):
        voice.say(SHORT)
    voice.stop()
    voice.say("First version of the prompt.")
    with qtbot.waitSignal(voice.finished, timeout=VOICE_TIMEOUT_MS):
        voice.say("Replayed: what metric would you look at first?")
    assert events.count("finished") == 1 and not any(isinstance(e, tuple) for e in events)


def test_empty_text_finishes_at_once(qtbot):
    voice = PromptVoice(engine="mock")
    with qtbot.waitSignal(voice.finished, timeout=1000):
        voice.say("   ")


def test_no_engine_and_no_espeak_reports_why(qtbot):
    voice = PromptVoice(engine="nonexistent", espeak="/nonexistent")
    events = _record(voice)
    with qtbot.waitSignal(voice.unavailable, timeout=5000) as blocker:
        voice.say(SHORT)
    reason = blocker.args[0]
    assert reason.startswith("No voice available")
    assert "'nonexistent' is not installed" in reason and "espeak-ng not found" in reason
    assert "install speech-dispatcher or espeak-ng" in reason and "shown on screen" in reason
    assert "\n" not in reason
    assert voice.backend == "none" and voice.available_voices() == []
    assert events == [("unavailable", reason)]


def test_espeak_fallback_speaks_or_reports_no_device(qtbot):
    assert os.access(ESPEAK, os.X_OK), "espeak-ng is needed: run scripts/install-system-deps.sh --test"
    voice = PromptVoice(engine="nonexistent", espeak=ESPEAK)
    assert voice.backend == ("espeak-ng" if _has_output() else "none")
    events = _record(voice)
    voice.say(SHORT)
    _assert_outcome_matches_device(events, _wait_outcome(qtbot, events))


def test_wedged_speech_dispatcher_is_not_waited_for(qtbot, tmp_path, monkeypatch):
    """A dispatcher that accepts but never answers would block QTextToSpeech("speechd") forever."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    assert "speechd" in QTextToSpeech.availableEngines()
    path = str(tmp_path / "speechd.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(path)
        server.listen(1)  # connections queue up and are never answered
        monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{path}")
        monkeypatch.setattr(prompt_voice, "PROBE_TIMEOUT_S", 0.3)
        voice = PromptVoice(engine="speechd", espeak=ESPEAK, need_audio_output=False)
        voice.warm_up()
    assert voice.engine_error == "speech-dispatcher is not responding"
    assert voice.available_voices() == []
    events = _record(voice)
    voice.say(SHORT)
    _assert_outcome_matches_device(events, _wait_outcome(qtbot, events))


def test_engine_that_never_finishes_falls_back_to_espeak(qtbot, monkeypatch):
    monkeypatch.setattr(prompt_voice, "END_SLACK_S", 0.0)
    monkeypatch.setattr(prompt_voice, "SECONDS_PER_WORD", 0.01)  # the watchdog fires mid-sentence
    voice = PromptVoice(engine="mock", espeak=ESPEAK)
    events = _record(voice)
    voice.say(SHORT)
    outcome = _wait_outcome(qtbot, events)
    assert voice.engine_error == "mock did not finish speaking"
    if _has_output():
        assert events == ["started", "finished"]  # started once, although two backends spoke
    else:
        assert events == ["started", ("unavailable", prompt_voice.NO_OUTPUT)]
    assert outcome == events[-1]


def test_speechd_speaks_or_reports_no_device(qtbot):
    from PySide6.QtTextToSpeech import QTextToSpeech

    assert "speechd" in QTextToSpeech.availableEngines()
    voice = PromptVoice(engine="speechd", espeak=ESPEAK)
    events = _record(voice)
    voice.say("Hello.")
    outcome = _wait_outcome(qtbot, events)
    if not _has_output():
        assert voice.engine_error == prompt_voice.NO_DEVICE
        assert outcome == ("unavailable", prompt_voice.NO_OUTPUT)
    elif voice.engine_error is None:
        assert voice.backend == "speechd" and "English (America)" in voice.available_voices()
        assert events == ["started", "finished"]
    else:  # a dispatcher that cannot be used here: the fallback must still have spoken
        assert events == ["started", "finished"], voice.engine_error


# -- LivePanel: a story prompt lights its C.A.R.E. parts ------------------------------------------
def test_live_panel_shows_care_parts_for_a_story_and_steps_for_a_plan(qtbot):
    from interviewer_app.analysis.feedback.live_progress import LiveProgress
    from interviewer_app.core.prompts import PromptBank
    from interviewer_app.transcribe.live import LiveSnapshot
    from interviewer_app.ui.widgets.live_panel import LivePanel
    from tests.unit.test_live_progress import STORY, _segment

    panel = LivePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.clear(story=True)
    assert all(c.isVisible() for c in panel.part_chips.values()) and not any(c.isVisible() for c in panel.chips.values())
    segs = [_segment(text, 6.0 * i) for i, text in enumerate(STORY[:2])]
    snap = LiveSnapshot(version=1, final=tuple(segs), provisional=(), received_s=12.0, committed_s=12.0,
                        last_speech_end_s=segs[-1].end, live=True, notice=None)
    panel.show_live(snap, LiveProgress(PromptBank.load().get("handle-blocked-dependency")).update(snap))
    said = {k: c.accessibleName() for k, c in panel.part_chips.items()}
    assert said["context"] == "Context: heard" and said["escalation"] == "Escalation: not heard yet"
    panel.clear()  # the next prompt is a plan: the eight steps again
    assert all(c.isVisible() for c in panel.chips.values()) and not any(c.isVisible() for c in panel.part_chips.values())


def test_live_panel_shows_only_a_focus_drills_steps(qtbot):
    from interviewer_app.ui.widgets.live_panel import LivePanel

    panel = LivePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.clear(focus=("sequence", "risks"))
    assert [k for k, c in panel.chips.items() if c.isVisible()] == ["sequence", "risks"]
    panel.clear()
    assert all(c.isVisible() for c in panel.chips.values())


def test_live_panel_says_when_the_halfway_mark_passes_without_a_call(qtbot):
    from interviewer_app.analysis.feedback.live_progress import LiveProgress
    from interviewer_app.core.prompts import PromptBank
    from interviewer_app.transcribe.live import LiveSnapshot
    from interviewer_app.ui.widgets.live_panel import LivePanel
    from tests.unit.test_live_progress import SENTENCES, _segment

    panel = LivePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.clear()
    progress = LiveProgress(PromptBank.load().get("onboarding-drop-after-redesign"), 30.0)
    segs = [_segment(t, 5.0 * i) for i, t in enumerate([*SENTENCES, "I'd go with the shorter invite email."])]

    def show(n: int, received: float) -> None:
        snap = LiveSnapshot(version=n, final=tuple(segs[:n]), provisional=(), received_s=received,
                            committed_s=received, last_speech_end_s=segs[n - 1].end, live=True, notice=None)
        panel.show_live(snap, progress.update(snap))

    show(2, 10.0)
    assert "call" not in panel.status.text()
    show(4, 19.0)
    assert "halfway: say your call" in panel.status.text()
    show(5, 23.0)
    assert "✓ your call at 0:20" in panel.status.text() and "halfway" not in panel.status.text()
    panel.clear(focus=("restate", "scope"))  # a focus drill is not asked for a call
    show(4, 19.0)
    assert "call" not in panel.status.text()
