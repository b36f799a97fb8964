"""The mock interview screens in the real window: the set-up page's plan preview, a whole mock
through the PulseAudio virtual microphone (follow-ups chosen and spoken, the report, finishing
with a self-score), abandoning, leaving and resuming an unfinished session, and a timed phase."""

from __future__ import annotations

import os
import subprocess

import pytest

from interviewer_app.core.models import format_clock
from interviewer_app.core.rubric import RUBRIC_KEYS
from interviewer_app.mock.plan import plan_custom, plan_for_format
from interviewer_app.speech.prompt_voice import PromptVoice
from interviewer_app.storage.mock_sessions import MockSessionStore
from tests.conftest import ROOT
from tests.ui.conftest import screenshot


class SpyVoice(PromptVoice):
    """The mock speech engine, remembering what it was asked to say."""

    def __init__(self):
        super().__init__(engine="mock")
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)
        super().say(text)


@pytest.fixture(autouse=True)
def confirm_yes(monkeypatch):
    from interviewer_app.qt_binding import QtWidgets

    asked = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "question",
                        lambda _parent, title, _text: asked.append(title) or QtWidgets.QMessageBox.StandardButton.Yes)
    return asked


def open_mock(window):
    next(a for a in window.actions() if a.text() == "Mock interview…").trigger()
    assert window.pages.currentWidget() is window.mock.setup
    return window.mock.setup


def two_scenarios(bank, first: str):
    """Two answer phases of a minute each; the first asks `first` (the prompt the spoken answer answers)."""
    return plan_custom([("Metrics", 60, "scenario"), ("Launch", 60, "scenario")], bank.prompts, seed=5,
                       chosen={"metrics": bank.get(first)})


def plain(label) -> str:
    """What a rich-text label reads as."""
    from interviewer_app.qt_binding import QtGui

    doc = QtGui.QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText()


def seconds(clock: str) -> int:
    minutes, secs = clock.split(":")
    return int(minutes) * 60 + int(secs)


def test_setup_lists_the_formats_and_previews_the_plan(make_window, qtbot):
    window = make_window()
    setup = open_mock(window)
    combo = setup.format_combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["amazon", "google", "meta", "stripe", "custom"]
    setup.select_format("google")
    expected = plan_for_format(window.ctx.budgets.format("google"), window.ctx.prompts.prompts, setup.seed)
    assert setup.plan() == expected
    assert setup.table.rowCount() == 3
    for row, phase in enumerate(expected.phases):
        assert setup.table.text(row, "Phase") == f"{row + 1}. {phase.name}"
        assert setup.table.text(row, "Budget") == format_clock(phase.seconds)
        for q in phase.questions:
            assert q.prompt.text in setup.table.text(row, "What it asks")
    assert "not recorded" in setup.table.text(0, "What it asks")  # Google's intro
    assert "45:00 in all (35:00 answering)" in setup.summary.text() and "seed" not in setup.summary.text()
    assert "rigour" in setup.focus_label.text()
    screenshot(window, "mock-0-setup")
    seed = setup.seed
    setup.new_button.click()
    assert setup.seed != seed
    assert setup.plan() == plan_for_format(window.ctx.budgets.format("google"), window.ctx.prompts.prompts, setup.seed)
    setup.select_format("custom")
    setup.story_minutes.setValue(1)
    setup.scenario_minutes.setValue(0.5)
    assert [(p.name, p.seconds, p.asks) for p in setup.plan().phases] == [("Story", 60, ("story",)),
                                                                          ("Scenario", 30, ("scenario",))]
    assert setup.table.text(1, "Budget") == "0:30"


def _speak(window, qtbot, spoken, last_tick):
    """Record one answer through the virtual microphone with Space; returns (MockAnswer, the audio clock at Stop)."""
    flow = window.mock.flow
    window.space_action.trigger()  # start
    qtbot.waitUntil(lambda: flow.state == "recording", timeout=5000)
    assert "RECORDING" in window.mock.page.banner.text()
    player = subprocess.Popen(["bash", str(ROOT / "scripts/play-into-mic.sh"), str(spoken.wav)])
    qtbot.waitUntil(lambda: window.session.recording_seconds > spoken.duration_s + 0.5, timeout=60000)
    assert player.wait(10) == 0
    with qtbot.waitSignal(flow.answer_kept, timeout=180000) as kept:
        window.space_action.trigger()  # stop
        at_stop = last_tick[-1]
    return kept.args[0], at_stop


@pytest.mark.audio_stack
def test_a_whole_mock_through_the_virtual_microphone(make_window, qtbot, jump_answer):
    if not os.environ.get("PULSE_SERVER"):
        pytest.fail("no virtual microphone: run through scripts/test.sh")
    voice = SpyVoice()
    window = make_window(voice=voice)
    bank = window.ctx.prompts
    plan = two_scenarios(bank, jump_answer.prompt)
    open_mock(window)
    window.mock.start(plan)
    flow, page = window.mock.flow, window.mock.page
    qtbot.waitUntil(lambda: flow.state in ("asking", "ready"), timeout=10000)
    assert window.pages.currentWidget() is page
    question = bank.get(jump_answer.prompt).text
    assert page.question.text() == question and voice.said == [question]
    assert "phase 1 of 2: <b>Metrics</b>" in page.where.text() and not page.why.isVisible()
    assert page.clock.budget() == 60 and not page.skip_button.isEnabled()
    screenshot(window, "mock-1-question")
    ticks = []
    window.session.tick.connect(lambda s, _level: ticks.append(s))

    main, first_s = _speak(window, qtbot, jump_answer, ticks)
    assert (main.position, main.phase_key, main.is_follow_up) == (1, "metrics", False) and main.attempt_id
    # the follow-up comes at once, chosen from what the answer lacked, said aloud, its reason on screen
    turn = flow.turn
    assert turn.is_follow_up and turn.follow_up_of == 1 and flow.state in ("asking", "ready")
    assert page.question.text() == turn.text and voice.said[-1] == turn.text
    assert plain(page.why) == "Follow-up — " + turn.follow_up.reason.replace("*", "")
    assert plain(page.why).startswith("Follow-up — asked because")
    assert len(flow.follow_up_delays) == 1 and 0 <= flow.follow_up_delays[0] < 5
    print(f"Stop -> follow-up said: {flow.follow_up_delays[0]:.3f} s")
    assert "Answer 1 kept" in page.kept.text() and page.skip_button.isEnabled()
    assert page.clock.elapsed() == pytest.approx(main.duration_s)
    screenshot(window, "mock-2-follow-up")
    page.skip_button.click()
    assert flow.turn.is_follow_up and flow.turn.text != turn.text
    assert "was not heard" in plain(page.why) and voice.said[-1] == flow.turn.text
    page.end_phase_button.click()  # the interviewer moves on to the next phase
    assert (flow.turn.phase.key, flow.turn.is_follow_up) == ("launch", False)
    assert voice.said[-1] == plan.question("launch").prompt.text

    second, second_s = _speak(window, qtbot, jump_answer, ticks)
    assert (second.position, second.phase_key) == (2, "launch")
    if flow.state != "over":  # its follow-ups: the phase ends here
        page.end_phase_button.click()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.mock.report, timeout=5000)
    report = window.mock.report
    used = [r["used_s"] for r in report.report.phase_rows()]
    assert abs(used[0] - first_s) <= 1 and abs(used[1] - second_s) <= 1
    page = report.details.toPlainText()
    assert all(format_clock(u) in page for u in used) and "1 answer, 0 follow-ups" in page
    assert "Time by phase" in page and "Answers and follow-ups" in page and "to spare" in page
    assert "Why asked:" in page and ".flac" not in page  # reasons in words, no recording file names
    for key in RUBRIC_KEYS:
        report.score_form.rows[key].buttons[3].click()  # 4 of 5
    report.score_form.notes_edit.setPlainText("Framed the goal too late.")
    screenshot(window, "mock-3-report")
    # Export…: the page as a web page, with the self-score given so far
    out = ROOT / "tests" / ".artifacts" / "mock-report.html"
    out.unlink(missing_ok=True)
    report.export_button.click()
    qtbot.waitUntil(lambda: window.exporter.dialog is not None and window.exporter.dialog.isVisible(), timeout=5000)
    window.exporter.dialog.selectFile(str(out))
    with qtbot.waitSignal(window.exporter.finished, timeout=30000) as done:
        window.exporter.dialog.accept()
    assert done.args[0] == f"Exported the mock interview report to {out}"
    exported = out.read_text()
    assert "Time by phase" in exported and "Goal clarity: 4/5" in exported and "Framed the goal too late." in exported
    report.finish_button.click()
    qtbot.waitUntil(lambda: flow.state == "ended", timeout=10000)
    assert "Finished and saved as mock session" in report.status.text()
    stored = MockSessionStore(window.ctx.store).get(flow.session_id)
    assert stored.state == "finished" and stored.notes == "Framed the goal too late."
    assert stored.self_score == {key: 4 for key in RUBRIC_KEYS}
    assert [(a.position, a.phase_key, a.attempt_id) for a in stored.answers] == \
        [(1, "metrics", main.attempt_id), (2, "launch", second.attempt_id)]
    assert [f["question"] for f in stored.answers[0].follow_ups] == [f["question"] for f in main.follow_ups]


def _keep_one_answer(window, plan):
    """An unfinished session with its first main answer kept, as if the app had closed after it."""
    from interviewer_app.analysis.feedback.answer import analyze
    from interviewer_app.mock.interview import MockInterview
    from tests.unit.test_follow_ups import NO_RISKS
    from tests.unit.test_mock_report import spoken

    sessions = MockSessionStore(window.ctx.store)
    session_id = sessions.create(plan)
    run = MockInterview(plan)
    turn = run.next_turn()
    fb = analyze(spoken(NO_RISKS, 20), turn.budget, turn.prompt)
    sessions.keep(session_id, run.record(turn, fb), fb)
    return sessions, session_id, run.next_turn()


def test_resume_an_unfinished_session_leave_it_and_abandon_it(make_window, qtbot, confirm_yes):
    voice = SpyVoice()
    window = make_window(voice=voice)
    plan = two_scenarios(window.ctx.prompts, "notification-engagement-falling")
    sessions, session_id, expected = _keep_one_answer(window, plan)
    assert expected.is_follow_up
    setup = open_mock(window)
    qtbot.waitUntil(lambda: setup.sessions.topLevelItemCount() == 1, timeout=10000)
    item = setup.sessions.topLevelItem(0)
    assert (item.text(1), item.text(2), item.text(3)) == ("Custom mock", "unfinished", "1")
    assert setup.selected_session() == session_id and setup.resume_button.isEnabled()
    setup.resume_button.click()
    flow, page = window.mock.flow, window.mock.page
    qtbot.waitUntil(lambda: flow.state in ("asking", "ready"), timeout=10000)
    # it carries on with the follow-up chosen after the kept answer
    assert flow.turn.text == expected.text and flow.turn.follow_up_of == 1
    assert page.question.text() == expected.text and voice.said == [expected.text]
    assert plain(page.why).startswith("Follow-up — asked because")
    # Esc leaves it (after asking), unfinished with its answer
    window.back_to_choose()
    assert confirm_yes == ["Leave the mock interview?"]
    assert window.pages.currentWidget() is window.choose and not window.mock.active
    assert sessions.get(session_id).status == "unfinished"
    open_mock(window)
    qtbot.waitUntil(lambda: setup.selected_session() == session_id, timeout=10000)
    setup.resume_button.click()
    qtbot.waitUntil(lambda: flow.state in ("asking", "ready"), timeout=10000)
    assert flow.turn.text == expected.text
    page.abandon_button.click()
    qtbot.waitUntil(lambda: flow.state == "ended", timeout=10000)
    assert window.pages.currentWidget() is setup and "abandoned" in setup.notice.text()
    qtbot.waitUntil(lambda: setup.sessions.topLevelItem(0).text(2) == "abandoned", timeout=10000)
    assert not setup.resume_button.isEnabled()
    stored = sessions.get(session_id)
    assert stored.status == "abandoned" and [a.position for a in stored.answers] == [1]


def test_a_timed_phase_counts_down_pauses_and_continues(make_window, qtbot):
    window = make_window(voice=SpyVoice())
    bank = window.ctx.prompts
    plan = plan_custom([("Intro", 30, "intro"), ("Metrics", 60, "scenario")], bank.prompts, seed=2)
    open_mock(window)
    window.mock.start(plan)
    flow, page = window.mock.flow, window.mock.page
    qtbot.waitUntil(lambda: flow.state == "countdown", timeout=10000)
    assert page.question.text() == "Intro" and "not recorded" in page.note.text()
    assert page.primary.text().startswith("Continue") and page.auto_advance.isVisible()
    qtbot.waitUntil(lambda: page.clock.elapsed() >= 0.5, timeout=5000)
    page.pause_button.click()
    assert flow.state == "paused" and page.pause_button.text() == "Resume" and not page.primary.text().startswith("●")
    held = page.clock.elapsed()
    qtbot.wait(600)  # the clock stands still while paused
    assert page.clock.elapsed() == held
    window.space_action.trigger()  # resume
    assert flow.state == "countdown"
    window.space_action.trigger()  # continue
    assert flow.turn.phase.key == "metrics" and flow.state in ("asking", "ready")
    assert "Interview 0:0" in page.interview_clock.text() and "of 1:30" in page.interview_clock.text()


@pytest.mark.audio_stack
def test_closing_the_window_mid_answer_keeps_the_session_unfinished(make_window, qtbot):
    if not os.environ.get("PULSE_SERVER"):
        pytest.fail("no virtual microphone: run through scripts/test.sh")
    window = make_window()
    plan = two_scenarios(window.ctx.prompts, "notification-engagement-falling")
    sessions, session_id, _next = _keep_one_answer(window, plan)
    setup = open_mock(window)
    qtbot.waitUntil(lambda: setup.selected_session() == session_id, timeout=10000)
    setup.read_aloud.setChecked(False)
    setup.resume_button.click()
    flow = window.mock.flow
    qtbot.waitUntil(lambda: flow.state == "ready", timeout=10000)
    window.space_action.trigger()
    qtbot.waitUntil(lambda: window.session.recording_seconds > 1.0, timeout=10000)
    window.close()
    assert flow.state == "idle" and not window.mock.active
    stored = sessions.get(session_id)
    assert stored.status == "unfinished" and [a.position for a in stored.answers] == [1]
    assert len(window.session.recover_unfinished()) == 1  # the partial answer, offered at the next start
