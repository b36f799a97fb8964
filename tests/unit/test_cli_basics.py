"""The CLI contract without the speech model: listings, typed transcripts, and clean user errors."""

import json
import subprocess
import sys

import pytest

from interviewer_app.core.steps import STEP_KEYS
from tests.conftest import CLI


def run(*args, **kw):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120, **kw)


def assert_clean_error(result, code, *words):
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("interviewer-app: error:") or line.startswith("usage:") or "error:" in line
    for w in words:
        assert w in result.stderr, result.stderr


def test_version_and_module_entry_point():
    assert run("--version").stdout.startswith("interviewer-app ")
    out = subprocess.run([sys.executable, "-m", "interviewer_app", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("interviewer-app ")


def test_prompts_and_budgets_json():
    prompts = json.loads(run("prompts", "--json").stdout)
    assert len(prompts) >= 35 and {"id", "text", "category", "framework", "hint", "source"} <= set(prompts[0])
    metric = json.loads(run("prompts", "--json", "--category", "metric-drop").stdout)
    assert metric and all(p["category"] == "metric-drop" for p in metric)
    budgets = json.loads(run("budgets", "--json").stdout)
    assert {b["key"] for b in budgets} >= {"amazon", "google", "meta", "stripe", "practice", "sixty", "mock"}


def test_analyze_typed_transcript_json_contract(tmp_path):
    answer = tmp_path / "answer.txt"
    answer.write_text("So the goal is to recover checkout conversion. We could add a retry. "
                      "I'd pick retries because they're quick to reverse.")
    result = run("analyze", str(answer), "--prompt", "checkout-payment-failures-up", "--json")
    assert result.returncode == 0, result.stderr
    d = json.loads(result.stdout)
    for key in ("transcript", "duration_s", "model", "budget_s", "segments", "steps", "missing_steps",
                "jumped_to_options", "pacing", "warnings"):
        assert key in d
    assert list(d["steps"]) == list(STEP_KEYS)
    assert all(set(v) >= {"heard", "first_s", "evidence"} for v in d["steps"].values())
    assert d["steps"]["restate"]["heard"] and d["steps"]["restate"]["first_s"] is None
    for key in ("speaking_s", "wpm", "think_time_s", "pauses", "longest_pause_s", "fillers",
                "overtime_s", "over_budget", "over_at_s"):
        assert key in d["pacing"]
    assert set(d["pacing"]["fillers"]) >= {"count", "per_min", "items"}
    assert set(d["pacing"]["restarts"]) == {"count", "items"}


def test_readable_report(tmp_path):
    answer = tmp_path / "answer.txt"
    answer.write_text("We could add a banner. The goal is adoption.")
    out = run("analyze", str(answer)).stdout
    assert "Structure: 2 of 8 steps heard" in out
    assert "You proposed solutions before framing the problem" in out and "Transcript" in out


@pytest.mark.parametrize("args, code, words", [
    (["analyze", "/nonexistent/answer.wav"], 1, ["audio file not found: /nonexistent/answer.wav"]),
    (["analyze", "{txt}", "--prompt", "nope"], 2, ["unknown prompt id 'nope'"]),
    (["analyze", "{txt}", "--company", "netflix"], 2, ["valid: amazon, google, meta, stripe"]),
    (["analyze", "{txt}", "--company", "amazon", "--phase", "lunch"], 2, ["valid phases: setup, deep-dive, qa"]),
    (["analyze", "{txt}", "--budget", "0"], 2, ["budget must be between"]),
    (["analyze", "{txt}", "--budget", "abc"], 2, ["invalid float value"]),
    (["analyze", "{empty}"], 1, ["is empty (0 bytes)"]),
    (["analyze", "{garbage}"], 1, ["cannot decode", "WAV, FLAC, OGG"]),
    (["analyze", "{garbage}", "--model", "huge-v9"], 2, ["unknown model 'huge-v9'"]),
    (["analyze", "{garbage}", "--model", "/tmp"], 1, ["is not a faster-whisper (CTranslate2) model folder"]),
    (["frobnicate"], 2, ["invalid choice"]),
])
def test_user_errors_exit_non_zero_with_one_line_and_no_traceback(tmp_path, args, code, words):
    files = {"txt": tmp_path / "a.txt", "empty": tmp_path / "empty.wav", "garbage": tmp_path / "garbage.wav"}
    files["txt"].write_text("The goal is retention.")
    files["empty"].write_bytes(b"")
    files["garbage"].write_bytes(b"RIFF\x00\x00junk" * 200)
    args = [a.format(**files) for a in args]
    assert_clean_error(run(*args), code, *words)


def test_corrupt_user_prompts_file_is_named_with_line(isolated_home):
    config = isolated_home / "config"
    config.mkdir(parents=True)
    (config / "prompts.toml").write_text('[[prompt]]\nid = "x1x"\ntext = "a?"\ncategory = "metric-drop"\n'
                                         'framework = "nope"\nhint = "h"\n')
    result = run("prompts")
    assert_clean_error(result, 1, f"{config / 'prompts.toml'}:5: unknown framework 'nope'")


def test_unwritable_data_dir_on_save_is_a_clear_error(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    answer = tmp_path / "a.txt"
    answer.write_text("The goal is retention.")
    env = {**__import__("os").environ, "INTERVIEWER_DATA_DIR": str(blocker / "data")}
    result = run("analyze", str(answer), "--save", env=env)
    assert_clean_error(result, 1, "cannot create the data folder", "INTERVIEWER_DATA_DIR")


def test_save_and_history(tmp_path):
    answer = tmp_path / "a.txt"
    answer.write_text("The goal is retention. We could add emails.")
    saved = run("analyze", str(answer), "--save", "--json", "--company", "sixty")
    assert saved.returncode == 0, saved.stderr
    attempt_id = json.loads(saved.stdout)["attempt_id"]
    assert "saved as attempt" in saved.stderr
    rows = json.loads(run("history", "--json").stdout)
    assert [r["id"] for r in rows] == [attempt_id] and rows[0]["steps_heard"] == 2
