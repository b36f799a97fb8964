"""`interviewer-app analyze-mock` on a folder of three spoken answers (espeak-ng), with the real
tiny.en model: the follow-ups chosen are the ones the rules give for what each answer lacked, and
the time per phase is the length of the recordings."""

import json
import shutil
import sqlite3
import subprocess

import pytest

from interviewer_app.core.prompts import PromptBank
from interviewer_app.mock.follow_ups import AnswerGaps, FollowUpPicker
from tests.conftest import CLI, cli_env

STORY_PROMPT = "launch-delayed-what-did-you-do"
SCENARIO_PROMPT = "onboarding-drop-after-redesign"


def script(prompt, *sentences):
    return {"prompt": prompt, "lead_in": 0.4,
            "sentence": [{"text": text, "steps": [], "pause_after": 0.5} for text in sentences]}


# A story told with "we", without a number or an escalation: ownership and result are asked about.
WE_STORY = script(STORY_PROMPT,
                  "Last year we were launching a new checkout flow, and the project slipped three weeks behind.",
                  "We had a compliance issue with the payment provider.",
                  "The team cut some scope, and we moved two engineers from another project.",
                  "We shipped the core flow, and the feedback was good.")
# The answer to the first follow-up: an own decision and a before/after number.
FOLLOW_UP = script(STORY_PROMPT,
                   "I personally decided to cut the saved cards feature.",
                   "Checkout conversion went from 61 percent to 68 percent in a month.")
# A scenario answer that frames, diagnoses, chooses and sequences, and names no risk at all.
NO_RISKS = script(SCENARIO_PROMPT,
                  "The goal is to raise onboarding completion, measured by the share of new users who finish setup.",
                  "First I would segment the drop by platform and acquisition channel, to find the step where "
                  "users fall off.",
                  "We could shorten the profile step, or we could make the invite step optional.",
                  "I would pick the optional invite step first, because it is cheap and quick to test.",
                  "In week one we test it with half of new users, and at the end of week two we decide whether "
                  "to keep it.")

MANIFEST = f"""\
company = "google"
seed = 1

[[answer]]
file = "01-story.wav"
phase = "story"
prompt = "{STORY_PROMPT}"

[[answer]]
file = "02-followup.wav"
follow_up = true

[[answer]]
file = "03-scenario.wav"
phase = "scenario"
prompt = "{SCENARIO_PROMPT}"
"""


@pytest.fixture(scope="module")
def spoken():
    from tests.fixtures.speech import espeak_available, synthesize

    if not espeak_available():
        pytest.fail("espeak-ng is not installed: run scripts/install-system-deps.sh --test")
    return {"story": synthesize("mock_we_story", WE_STORY), "follow_up": synthesize("mock_follow_up", FOLLOW_UP),
            "scenario": synthesize("mock_no_risks", NO_RISKS)}


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("mock-home")


@pytest.fixture(scope="module")
def result(spoken, home):
    """One run of analyze-mock --json --save, shared by the tests below (the model loads once)."""
    folder = home / "my-mock"
    folder.mkdir()
    for name, key in (("01-story.wav", "story"), ("02-followup.wav", "follow_up"), ("03-scenario.wav", "scenario")):
        shutil.copy(spoken[key].wav, folder / name)
    (folder / "session.toml").write_text(MANIFEST)
    out = subprocess.run([CLI, "analyze-mock", str(folder), "--json", "--save"], capture_output=True, text=True,
                         timeout=300, env=cli_env(INTERVIEWER_HOME=str(home / "app")))
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    return json.loads(out.stdout), home / "app" / "data" / "interviewer.sqlite3"


def test_follow_ups_are_the_ones_the_rules_give_for_what_each_answer_lacked(result):
    d, database = result
    story, follow, scenario = d["answers"]
    assert [a["phase"] for a in d["answers"]] == ["story", "story", "scenario"]
    # the "we" story without numbers: first what you personally decided, then the measurable result
    assert "we_dominant" in story["signals"]["concerns"]
    assert [f["rule"] for f in story["follow_ups"]][:2] == ["ownership", "result"]
    assert "'we' and 'the team' did most of the acting" in story["follow_ups"][0]["reason"] and "guide 002" in story["follow_ups"][0]["reason"]
    # the follow-up file answers the first one chosen, and fills its gap
    assert follow["is_follow_up"] and follow["follow_up_of"] == 1 and follow["rule"] == "ownership"
    assert follow["question"] == story["follow_ups"][0]["question"]
    assert story["follow_ups"][0]["answered"] and story["follow_ups"][0]["addressed"] is True
    assert "quantified_results" in follow["signals"]["strengths_heard"]
    # the scenario without risks: the guardrail question, because step 8 was not heard
    assert "risks" in scenario["missing_steps"]
    first = scenario["follow_ups"][0]
    assert first["rule"] == "risks" and first["question"] == "What would you watch as a guardrail while this rolls out?"
    assert "*risks and cadence* (step 8)" in first["reason"] and "guide 000" in first["reason"]
    assert not first["answered"]
    # and the same rules, run on the saved feedback of each main answer, choose exactly these
    bank, picker = PromptBank.load(), FollowUpPicker()
    conn = sqlite3.connect(database)
    for answer, prompt_id in ((story, STORY_PROMPT), (scenario, SCENARIO_PROMPT)):
        stored = json.loads(conn.execute("SELECT feedback_json FROM attempt_feedback WHERE attempt_id = ?",
                                         [answer["attempt_id"]]).fetchone()[0])
        expected = picker.choose(AnswerGaps.from_dict(stored, bank.get(prompt_id)), limit=3)
        assert [f.to_dict()["question"] for f in expected] == [f["question"] for f in answer["follow_ups"]]
    conn.close()


def test_time_per_phase_is_the_length_of_the_recordings(result, spoken):
    d, _ = result
    phases = {p["key"]: p for p in d["phases"]}
    story_s = spoken["story"].duration_s + spoken["follow_up"].duration_s
    assert phases["story"]["used_s"] == pytest.approx(story_s, abs=1.0)
    assert phases["scenario"]["used_s"] == pytest.approx(spoken["scenario"].duration_s, abs=1.0)
    assert phases["intro"]["used_s"] is None and phases["intro"]["note"] == "not recorded"
    assert phases["story"]["over_budget"] is False and phases["story"]["left_s"] == pytest.approx(1500 - story_s, abs=1.0)
    totals = d["totals"]
    assert totals["used_s"] == pytest.approx(story_s + spoken["scenario"].duration_s, abs=1.0)
    assert (totals["answer_budget_s"], totals["interview_budget_s"], totals["overtime_s"]) == (2100, 2700, 0)
    for answer, key in zip(d["answers"], ("story", "follow_up", "scenario")):
        assert answer["duration_s"] == pytest.approx(spoken[key].duration_s, abs=0.1)


def test_the_saved_session_reads_back_with_the_same_report(result, home):
    d, _ = result
    assert d["status"] == "finished" and d["session_id"] == 1
    again = json.loads(subprocess.run([CLI, "mock-report", "1", "--json"], capture_output=True, text=True,
                                      env=cli_env(INTERVIEWER_HOME=str(home / "app"))).stdout)
    assert again["phases"] == d["phases"] and again["follow_ups"] == d["follow_ups"]


def test_history_habits_count_the_mock_per_phase(result, home, spoken):
    d, _ = result
    env = cli_env(INTERVIEWER_HOME=str(home / "app"))
    out = subprocess.run([CLI, "history", "--habits", "--json"], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    phases = {m["phase_key"]: m for m in json.loads(out.stdout)["mock_phases"]}
    assert set(phases) == {"story", "scenario"}  # the intro takes no answer
    story = phases["story"]
    assert (story["format_name"], story["sessions"], story["over"], story["budget_s"]) == ("Google", 1, 0, 1500)
    assert story["mean_used_s"] == pytest.approx(d["phases"][1]["used_s"], abs=0.01)
    text = subprocess.run([CLI, "history", "--habits"], capture_output=True, text=True, env=env).stdout
    assert "Mock interviews, time per phase:" in text and "Google story (25:00): over in 0 of 1 session(s)" in text
