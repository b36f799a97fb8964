"""`interviewer-app mock` run live through PulseAudio's virtual microphone (scripts/virtual-mic.sh):
the question is asked, the spoken answer recorded and analysed, saved to the session at once; the
follow-ups are not asked once the phase's time is spent; Ctrl+C abandons the session and keeps the
answers already given. Playback starts when the app says it is recording (no sleeps)."""

import json
import os
import signal
import subprocess

import pytest

from tests.conftest import CLI, ROOT
from tests.e2e.test_mock_cli import FOLLOW_UP

pytestmark = pytest.mark.audio_stack


@pytest.fixture(scope="module", autouse=True)
def virtual_mic():
    if not os.environ.get("PULSE_SERVER"):
        pytest.fail("no virtual microphone: run through scripts/test.sh (it starts scripts/virtual-mic.sh)")


@pytest.fixture(scope="module")
def story():
    """A 9-second story: an own decision and a before/after number, no escalation."""
    from tests.fixtures.speech import synthesize

    return synthesize("mock_follow_up", FOLLOW_UP)


def start(*args):
    app = subprocess.Popen([CLI, "mock", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return app, []


def read_until(app, lines, words):
    for line in app.stderr:
        lines.append(line)
        if words in line:
            return
    pytest.fail("".join(lines))


def test_a_live_mock_records_analyses_and_keeps_the_session(story, isolated_home):
    seconds = story.duration_s + 1.0
    budget_min = (seconds - 1.0) / 60  # the answer alone spends the phase's time
    app, lines = start("--phase", f"Story:{budget_min:.3f}:story", "--phase", "Questions:1:questions",
                       "--seconds", f"{seconds:.1f}", "--json", "--seed", "3")
    read_until(app, lines, "recording for")
    subprocess.run(["bash", str(ROOT / "scripts/play-into-mic.sh"), str(story.wav)], check=True)
    out, err = app.communicate(timeout=300)
    assert app.returncode == 0, "".join(lines) + err
    d = json.loads(out)
    assert d["status"] == "finished" and d["session_id"] == 1
    [answer] = d["answers"]
    assert answer["duration_s"] == pytest.approx(seconds, abs=0.2)
    assert "quantified_results" in answer["signals"]["strengths_heard"]
    first = answer["follow_ups"][0]
    assert first["rule"] == "escalation" and "an escalation path was not heard" in first["reason"] and not first["answered"]
    story_phase = d["phases"][0]
    assert story_phase["over_budget"] is True and story_phase["overtime_s"] == pytest.approx(1.0, abs=0.3)
    assert f"follow-up chosen: {first['question']}" in err
    sessions = json.loads(subprocess.run([CLI, "mock-sessions", "--json"], capture_output=True, text=True).stdout)
    assert [(s["status"], s["answers"]) for s in sessions] == [("finished", 1)]
    # as in the app, the live transcript is replaced by a full pass over the recording, stored and reported
    stored = json.loads(subprocess.run([CLI, "export", str(answer["attempt_id"]), "--format", "json"],
                                       capture_output=True, text=True, check=True).stdout)
    full = json.loads(subprocess.run([CLI, "analyze", answer["source"], "--json"],
                                     capture_output=True, text=True, check=True).stdout)
    assert stored["transcript"] == full["transcript"] and stored["feedback_version"] == full["feedback_version"]
    log = (isolated_home / "logs" / "interviewer-app.log").read_text()
    refined = f"attempt {answer['attempt_id']} refined with a full pass" in log
    same = f"attempt {answer['attempt_id']}: the full pass reads the same words" in log
    assert refined != same  # one or the other, logged
    assert ("answer 1: Transcript refined with a full pass over the recording" in err) == refined


def test_ctrl_c_abandons_the_session_and_keeps_the_finished_answers(story, isolated_home):
    seconds = story.duration_s + 1.0
    app, lines = start("--phase", "Story:0.1:story", "--phase", "Case:5:scenario", "--seconds", f"{seconds:.1f}",
                       "--seed", "3")
    read_until(app, lines, "recording for")
    subprocess.run(["bash", str(ROOT / "scripts/play-into-mic.sh"), str(story.wav)], check=True)
    read_until(app, lines, "== Case")  # the story is analysed and saved; the case question is asked
    read_until(app, lines, "recording for")
    app.send_signal(signal.SIGINT)
    out, err = app.communicate(timeout=120)
    assert app.returncode == 130, "".join(lines) + err
    assert "abandoned" in err and "not analysed; its audio is kept" in err and "Traceback" not in err
    assert "Status: abandoned" in out
    [s] = json.loads(subprocess.run([CLI, "mock-sessions", "--json"], capture_output=True, text=True).stdout)
    assert (s["status"], s["answers"]) == ("abandoned", 1)
