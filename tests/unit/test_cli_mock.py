"""`interviewer-app mock --dry-run`, `analyze-mock` on typed answers (no model), saved sessions, and
one-line user errors."""

import json

import pytest

from tests.unit.test_cli_basics import assert_clean_error, run
from tests.unit.test_follow_ups import NO_RISKS, WE_STORY

FOLLOW_UP = "I personally decided to cut saved cards, and checkout conversion went from 61% to 68% in a month."


def test_dry_run_prints_the_plan_and_records_nothing(isolated_home):
    out = run("mock", "--company", "amazon", "--seed", "5", "--dry-run")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Amazon · 45:00 in all (30:00 answering) · seed 5" in text
    assert "Setup [setup]  5:00" in text and "Deep dive [deep-dive]  30:00" in text and "Q&A [qa]  10:00" in text
    assert "not recorded" in text and "up to 2 follow-ups" in text
    assert text == run("mock", "--company", "amazon", "--seed", "5", "--dry-run").stdout  # same seed, same plan
    assert not (isolated_home / "data").exists()  # no database, no recording


@pytest.mark.parametrize("company, phases", [
    ("amazon", [("setup", 300, False), ("deep-dive", 1800, True), ("qa", 600, False)]),
    ("google", [("intro", 600, False), ("story", 1500, True), ("scenario", 600, True)]),
    ("meta", [("story-1", 1200, True), ("story-2", 1200, True)]),
    ("stripe", [("deep-dive", 3600, True)]),
])
def test_dry_run_json_for_every_company(company, phases):
    out = run("mock", "--company", company, "--seed", "1", "--dry-run", "--json")
    assert out.returncode == 0, out.stderr
    plan = json.loads(out.stdout)
    assert [(p["key"], p["seconds"], p["takes_answer"]) for p in plan["phases"]] == phases
    assert plan["total_s"] == sum(p[1] for p in phases) and plan["seed"] == 1
    for p in plan["phases"]:
        assert bool(p["questions"]) == p["takes_answer"]
        for q in p["questions"]:
            assert q["prompt"]["id"] and q["prompt"]["text"].endswith(("?", "."))
    if company == "stripe":
        assert [q["asks"] for q in plan["phases"][0]["questions"]] == ["story", "live-scenario"]


def test_custom_phases_on_the_command_line():
    out = run("mock", "--phase", "Story:15:story", "--phase", "Your questions:5:questions", "--seed", "2",
              "--dry-run", "--json")
    plan = json.loads(out.stdout)
    assert plan["format"] == "custom-mock" and plan["total_s"] == 1200 and plan["answer_s"] == 900


@pytest.mark.parametrize("args, code, words", [
    (["mock", "--company", "netflix", "--dry-run"], 2, ["unknown company 'netflix'", "amazon, google, meta, stripe"]),
    (["mock", "--company", "sixty", "--dry-run"], 2, ["is a drill"]),
    (["mock", "--dry-run"], 2, ["--company NAME"]),
    (["mock", "--company", "meta", "--phase", "A:1:story", "--dry-run"], 2, ["not both"]),
    (["mock", "--phase", "Story:ten:story", "--dry-run"], 2, ["not a number of minutes"]),
    (["mock", "--company", "meta"], 2, ["no terminal to press Enter in"]),
])
def test_mock_user_errors_are_one_line(args, code, words):
    assert_clean_error(run(*args), code, *words)


def answers_folder(tmp_path, files: dict[str, str]):
    folder = tmp_path / "mock"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def test_analyze_mock_on_typed_answers_by_file_name(tmp_path):
    folder = answers_folder(tmp_path, {"01-story.txt": WE_STORY, "02-story-followup.txt": FOLLOW_UP,
                                       "03-scenario.txt": NO_RISKS, "notes.md": "not an answer"})
    out = run("analyze-mock", str(folder), "--company", "google", "--seed", "4", "--json")
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    assert d["status"] == "analysed" and d["session_id"] is None
    story, follow, scenario = d["answers"]
    assert (story["source"], story["phase"], story["is_follow_up"]) == (str(folder / "01-story.txt"), "story", False)
    assert [f["rule"] for f in story["follow_ups"]] == ["ownership", "result", "prompt-twist"]
    assert follow["is_follow_up"] and follow["follow_up_of"] == 1 and follow["rule"] == "ownership"
    assert follow["question"] == "What did you personally decide, rather than the team?"
    assert story["follow_ups"][0]["addressed"] is True
    assert scenario["follow_ups"][0]["rule"] == "risks" and "*risks and cadence*" in scenario["follow_ups"][0]["reason"]
    assert d["totals"]["untimed_answers"] == 3 and d["phases"][1]["used_s"] is None
    assert "analysing 01-story.txt (story, main answer)" in out.stderr


def test_analyze_mock_with_a_manifest_saved_and_reported_again(tmp_path):
    folder = answers_folder(tmp_path, {"a.txt": WE_STORY, "b.txt": FOLLOW_UP, "c.txt": NO_RISKS})
    (folder / "session.toml").write_text(
        'company = "meta"\nseed = 8\n\n'
        '[[answer]]\nfile = "a.txt"\nphase = "story-1"\nprompt = "launch-delayed-what-did-you-do"\n\n'
        '[[answer]]\nfile = "b.txt"\nfollow_up = true\n'
        'question = "What was the measurable result? Where did the number start, and where did it end up?"\n\n'
        '[[answer]]\nfile = "c.txt"\nphase = "story-2"\n')
    out = run("analyze-mock", str(folder), "--save", "--json")
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    assert d["status"] == "finished" and d["session_id"] == 1
    assert d["plan"]["phases"][0]["questions"][0]["prompt"]["id"] == "launch-delayed-what-did-you-do"
    follow = d["answers"][1]
    assert follow["rule"] == "result" and follow["follow_up_of"] == 1
    result = next(f for f in d["follow_ups"] if f["rule"] == "result")
    assert result["answered"] and result["addressed"] is True
    sessions = json.loads(run("mock-sessions", "--json").stdout)
    assert [(s["id"], s["status"], s["answers"], s["follow_up_answers"]) for s in sessions] == [(1, "finished", 3, 1)]
    again = json.loads(run("mock-report", "1", "--json").stdout)
    assert again["answers"] == d["answers"] and again["follow_ups"] == d["follow_ups"]
    history = json.loads(run("history", "--json").stdout)
    assert len(history) == 3 and {h["budget_format"] for h in history} == {"meta"}
    assert "Mock interview report: Meta · session 1" in run("mock-report", "1").stdout


@pytest.mark.parametrize("files, args, code, words", [
    (None, [], 2, ["folder not found"]),
    ({}, [], 2, ["no answers found in", "01-main.wav"]),
    ({"answer.wav": "x"}, [], 2, ["answer.wav", "NN-LABEL"]),
    ({"01-main.txt": "x"}, ["--company", "netflix"], 2, ["unknown company 'netflix'"]),
    ({"01-followup.txt": "x"}, ["--company", "google"], 2, ["01-followup.txt", "before any main answer"]),
    ({"01-lunch.txt": "x"}, ["--company", "google"], 2, ["01-lunch.txt", "unknown phase 'lunch'"]),
    ({"01-qa.txt": "x"}, ["--company", "amazon"], 2, ["01-qa.txt", "takes no answer"]),
    ({"01-main.txt": "x", "02-main.txt": "y"}, ["--company", "amazon"], 2, ["02-main.txt", "already has a main answer"]),
    ({"01-main.wav": "this is not audio at all " * 40}, ["--company", "google"], 1, ["01-main.wav", "cannot decode"]),
    ({"session.toml": '[[answer]]\nfile = "missing.wav"\nphase = "story"\n'}, ["--company", "google"], 2,
     ["missing.wav", "file not found", "session.toml line 2"]),
    ({"session.toml": 'company = "google"\n[[answer]]\nfile = "a.txt"\nfollow_up = "yes"\n'}, [], 1,
     ["session.toml:4", "follow_up must be true or false"]),
])
def test_analyze_mock_user_errors_name_the_file(tmp_path, files, args, code, words):
    folder = tmp_path / "nowhere" if files is None else answers_folder(tmp_path, files)
    assert_clean_error(run("analyze-mock", str(folder), *args), code, *words)


def test_a_failure_mid_folder_keeps_the_session_as_abandoned(tmp_path):
    folder = answers_folder(tmp_path, {"01-story.txt": WE_STORY})
    (folder / "02-scenario.wav").write_bytes(b"RIFF not really a wav " * 30)
    out = run("analyze-mock", str(folder), "--company", "google", "--save")
    assert_clean_error(out, 1, "02-scenario.wav")
    [s] = json.loads(run("mock-sessions", "--json").stdout)
    assert (s["status"], s["answers"]) == ("abandoned", 1) and "02-scenario.wav" in s["notes"]
    assert "abandoned" in out.stderr


def test_mock_report_of_an_unknown_session():
    assert_clean_error(run("mock-report", "42"), 1, "no mock session with id 42")
