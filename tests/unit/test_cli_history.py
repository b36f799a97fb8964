"""`interviewer-app history`, `export`, `delete` and `restore` end to end on a real database."""

import csv
import io
import json
import shutil
import subprocess

import pytest

from tests.conftest import CLI


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def attempts(tmp_path):
    ids = []
    for text, company in (("The goal is retention. We could add emails.", "sixty"),
                          ("We could add a banner. Guardrails are opt-outs.", "amazon")):
        answer = tmp_path / f"{company}.txt"
        answer.write_text(text)
        out = run("analyze", str(answer), "--save", "--json", "--company", company,
                  "--prompt", "notification-engagement-falling")
        assert out.returncode == 0, out.stderr
        ids.append(json.loads(out.stdout)["attempt_id"])
    return ids


def test_history_filters_and_formats(attempts):
    rows = json.loads(run("history", "--json").stdout)
    assert [r["id"] for r in rows] == attempts[::-1]
    assert [r["id"] for r in json.loads(run("history", "--json", "--company", "amazon").stdout)] == [attempts[1]]
    assert [r["id"] for r in json.loads(run("history", "--json", "--search", "banner").stdout)] == [attempts[1]]
    assert json.loads(run("history", "--json", "--since", "2999-01-01").stdout) == []
    table = list(csv.DictReader(io.StringIO(run("history", "--csv").stdout)))
    assert len(table) == 2 and table[0]["budget_format"] == "amazon"
    assert "You skip" in run("history", "--habits").stdout  # typed answers have no timing
    bad = run("history", "--since", "yesterday")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr


def test_delete_and_restore(attempts):
    assert run("delete", str(attempts[0])).returncode == 0
    assert [r["id"] for r in json.loads(run("history", "--json").stdout)] == [attempts[1]]
    assert [r["id"] for r in json.loads(run("history", "--json", "--trash").stdout)] == [attempts[0]]
    assert run("restore", str(attempts[0])).returncode == 0
    assert len(json.loads(run("history", "--json").stdout)) == 2
    missing = run("delete", "999")
    assert missing.returncode == 1 and "no attempt with id 999" in missing.stderr


@pytest.mark.parametrize("fmt, check", [
    ("md", lambda s: s.startswith("# Engagement with notifications") and "Restate the goal" in s),
    ("html", lambda s: s.startswith("<!DOCTYPE html>") and "rgba(" in s),
    ("json", lambda s: set(json.loads(s)) >= {"transcript", "steps", "pacing"}),
])
def test_export_text_formats(attempts, fmt, check):
    out = run("export", str(attempts[0]), "--format", fmt)
    assert out.returncode == 0 and check(out.stdout)


def test_export_pdf_has_the_transcript(attempts, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext missing: run scripts/install-system-deps.sh --test")
    pdf = tmp_path / "a.pdf"
    out = run("export", str(attempts[0]), "--format", "pdf", "--out", str(pdf))
    assert out.returncode == 0, out.stderr
    import unicodedata

    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = unicodedata.normalize("NFKC", text)  # the PDF font uses ligatures such as "ﬁ"
    assert "Engagement with notifications" in text and "The goal is retention." in text
    assert "steps heard" in text and "Self-score" not in text


def test_habits_summary_counts_content_signals(tmp_path):
    for i, text in enumerate(("Maybe the goal is probably retention, I guess. We could kind of add emails, maybe.",
                              "I guess we could maybe add a banner, probably. Sort of hard to say, maybe.")):
        answer = tmp_path / f"hedgy-{i}.txt"
        answer.write_text(text)
        assert run("analyze", str(answer), "--save", "--company", "sixty").returncode == 0
    habits = run("history", "--habits").stdout
    assert "Hedging showed in 2 of your last 2 answers" in habits


def test_next_names_the_prompt_to_practise_and_why(attempts):
    """Both answers were to one prompt today; the weak ones come back tomorrow, so `next` names
    prompts not answered yet, the same ones for the same seed, with the command to start."""
    out = run("next", "--count", "3", "--json")
    assert out.returncode == 0, out.stderr
    plan = json.loads(out.stdout)
    assert len(plan) == 3 and all(p["reason"] == "Not answered yet." for p in plan)
    assert "notification-engagement-falling" not in {p["prompt_id"] for p in plan}
    assert json.loads(run("next", "--count", "3", "--json").stdout) == plan  # deterministic
    text = run("next").stdout
    assert f"[{plan[0]['prompt_id']}]" in text and "why: Not answered yet." in text
    assert f"start: interviewer-app practice --prompt {plan[0]['prompt_id']}" in text
    bad = run("next", "--count", "0")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_compare_shows_two_attempts_side_by_side_with_a_verdict(attempts):
    first, second = attempts
    out = run("compare", str(first), str(second), "--json")
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    assert (d["before"], d["after"]) == (first, second) and d["verdict"].endswith(".")
    rows = {r["what"]: (r["before"], r["after"]) for r in d["rows"]}
    assert rows["Risks and cadence"] == ("missed", "heard")  # the second answer names guardrails
    text = run("compare", str(first), str(second)).stdout
    assert f"#{first}" in text and "Risks and cadence" in text and d["verdict"] in text
    missing = run("compare", str(first), "999")
    assert missing.returncode != 0 and "999" in missing.stderr and "Traceback" not in missing.stderr
