"""Issue 18, what the app writes: `export --out` never replaces the app's own files or an existing
file without --force, a failed write leaves the old file whole (real tiny tmpfs), stdout on a full
device, folders, pipes and a display-less xcb for PDF, no live HTML or links in Markdown exports,
and no formula at the start of a CSV cell."""

import json
import os
import re
import stat
import subprocess
import sys

import pytest

from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
from interviewer_app.core.atomic import write_bytes_atomic, write_text_atomic
from interviewer_app.core.errors import StorageError
from interviewer_app.core.models import Prompt
from interviewer_app.core.paths import app_paths
from interviewer_app.export.attempt import to_html, to_markdown
from tests.conftest import CLI, cli_env
from tests.fixtures.disks import fill_up, mounted_tmpfs

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "[click](javascript:alert(3))",
            "![pixel](http://evil.example/p.png)", "<a href='javascript:alert(4)'>x</a>",
            "<https://evil.example/auto>", "&lt;script&gt;",
            "see https://evil.example/x, www.evil.example, me@evil.example")


def run(*args, env=None, timeout=120):
    return subprocess.run([CLI, *args], capture_output=True, timeout=timeout, env=env)


@pytest.fixture
def attempt(tmp_path):
    answer = tmp_path / "answer.txt"
    answer.write_text("The goal is retention. We could add emails.")
    out = run("analyze", str(answer), "--save", "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["attempt_id"]


@pytest.fixture
def long_attempt(tmp_path):
    """An attempt whose export (about 40 KB of Markdown) is larger than the old file it replaces."""
    answer = tmp_path / "long.txt"
    answer.write_text(" ".join(f"The goal is retention for cohort {i}. We could add emails." for i in range(400)))
    out = run("analyze", str(answer), "--save", "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["attempt_id"]


@pytest.fixture
def tiny_disk(tmp_path):
    yield from mounted_tmpfs(tmp_path / "tiny", "256k")


def _one_clean_line(err: bytes) -> str:
    text = err.decode()
    assert "Traceback" not in text and "Exception ignored" not in text, text
    assert len(text.strip().splitlines()) == 1, text
    return text


# -- item 2: never onto the app's own files; an existing file needs --force ----------------------
def test_export_refuses_the_database_its_journal_recordings_and_config_even_by_symlink(attempt, tmp_path):
    paths = app_paths()
    db = paths.database
    before = db.read_bytes()
    paths.recordings_dir.mkdir(parents=True, exist_ok=True)
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    link = tmp_path / "innocent.md"
    link.symlink_to(db)
    hard = tmp_path / "hard-link.md"
    os.link(db, hard)
    targets = [db, link, hard, db.with_name(db.name + "-wal"), db.with_name(db.name + "-journal"),
               paths.recordings_dir / "new.flac", paths.user_prompts, paths.user_budgets,
               paths.config_dir / "settings.ini"]
    for target, fmt in zip(targets, ["md", "pdf", "json"] * 3):
        out = run("export", str(attempt), "--format", fmt, "--out", str(target), "--force")
        assert out.returncode == 2, (target, out.stderr)
        assert "interviewer-app's own" in _one_clean_line(out.stderr)
    assert db.read_bytes() == before
    assert not paths.user_prompts.exists() and list(paths.recordings_dir.iterdir()) == []
    assert json.loads(run("history", "--json").stdout)[0]["id"] == attempt


def test_export_over_an_existing_file_needs_force(attempt, tmp_path):
    target = tmp_path / "notes.md"
    target.write_text("my own notes\n")
    refused = run("export", str(attempt), "--out", str(target))
    assert refused.returncode == 2 and "--force" in _one_clean_line(refused.stderr)
    assert target.read_text() == "my own notes\n"
    forced = run("export", str(attempt), "--out", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text().startswith("# Free answer")


def test_export_never_swaps_a_device_or_pipe_for_a_file(attempt, tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    out = run("export", str(attempt), "--out", str(pipe), "--force", timeout=30)  # writing it would block
    assert out.returncode == 2 and "not a regular file" in _one_clean_line(out.stderr)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    with pytest.raises(StorageError, match="not a regular file"):
        write_text_atomic(pipe, "x")
    assert stat.S_ISFIFO(pipe.stat().st_mode)


@pytest.mark.parametrize("fmt", ["md", "html", "json", "pdf"])
def test_export_to_a_folder_is_refused(attempt, tmp_path, fmt):
    out = run("export", str(attempt), "--format", fmt, "--out", str(tmp_path), "--force")
    assert out.returncode == 2 and "is a folder" in _one_clean_line(out.stderr)
    assert b"wrote" not in out.stderr


# -- item 3: a failed write leaves the old file as it was, and no temporary file ------------------
@pytest.mark.parametrize("fmt", ["md", "pdf"])
def test_export_on_a_full_disk_keeps_the_old_file(long_attempt, tiny_disk, fmt):
    target = tiny_disk / f"attempt.{fmt}"
    old = os.urandom(6_000)  # smaller than the new export: writing in place would leave half of it
    target.write_bytes(old)
    fill_up(tiny_disk)
    out = run("export", str(long_attempt), "--format", fmt, "--out", str(target), "--force")
    assert out.returncode == 1 and "full" in _one_clean_line(out.stderr)
    assert target.read_bytes() == old
    assert sorted(p.name for p in tiny_disk.iterdir()) == [target.name, "filler"]


def test_atomic_writers_replace_whole_or_not_at_all(tiny_disk):
    target = tiny_disk / "prompts.toml"
    write_text_atomic(target, "first\n")
    write_bytes_atomic(target, b"second\n")
    assert target.read_bytes() == b"second\n"
    fill_up(tiny_disk)
    with pytest.raises(StorageError, match="full"):
        write_text_atomic(target, "x" * 100_000)
    assert target.read_bytes() == b"second\n"
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler", "prompts.toml"]


def test_a_prompt_added_on_a_full_disk_keeps_prompts_toml(tiny_disk):
    from interviewer_app.core.user_prompts import append_user_prompt

    target = tiny_disk / "prompts.toml"
    first = Prompt("mine-1", "How would you grow retention?", "success-metrics", "8-step", "Name one metric.", "your own")
    append_user_prompt(target, first)
    before = target.read_bytes()
    fill_up(tiny_disk)
    with pytest.raises(StorageError, match="full"):
        append_user_prompt(target, Prompt("mine-2", "x" * 100_000, "success-metrics", "8-step", "Go.", "your own"))
    assert target.read_bytes() == before
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler", "prompts.toml"]


def test_a_recording_started_on_a_full_disk_leaves_no_empty_sidecar(tiny_disk):
    from interviewer_app.audio.recorder import Recorder

    recordings = tiny_disk / "recordings"
    recordings.mkdir()
    fill_up(tiny_disk)
    with pytest.raises(StorageError, match="full"):
        Recorder(recordings, sd=object()).start()  # the sidecar is written before the device opens
    assert list(recordings.iterdir()) == []


# -- item 15: stdout on a full device, PDF without a display --------------------------------------
@pytest.mark.parametrize("args", [[], ["--format", "json"]])
def test_export_to_a_full_stdout_is_a_clean_error(attempt, args):
    with open("/dev/full", "wb") as full:
        out = subprocess.run([CLI, "export", str(attempt), *args], stdout=full, stderr=subprocess.PIPE,
                             timeout=120)
    assert out.returncode == 1
    message = _one_clean_line(out.stderr)
    assert "standard output" in message and "No space left" in message and "unexpected" not in message


def test_pdf_export_with_xcb_and_no_display_still_writes_the_pdf(attempt, tmp_path):
    env = cli_env(QT_QPA_PLATFORM="xcb")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    pdf = tmp_path / "a.pdf"
    out = run("export", str(attempt), "--format", "pdf", "--out", str(pdf), env=env)
    assert out.returncode == 0, out.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.read_bytes().rstrip().endswith(b"%%EOF")


# -- item 10: Markdown exports carry no live HTML, links or images ---------------------------------
def _hostile_export():
    text = " ".join(f"We could try {p} next." for p in PAYLOADS) + " The goal is retention."
    prompt = Prompt("evil", "Grow <script>alert(5)</script> [x](javascript:alert(6))", "metrics",
                    "8-step", "", "your own")
    fb = analyze(typed_transcript(text), None, prompt).to_dict()
    notes = "# heading\n" + "\n".join(PAYLOADS)
    return fb, notes


def test_markdown_export_escapes_html_links_and_images():
    fb, notes = _hostile_export()
    md = to_markdown(fb, {"id": 1, "created_at": "2026-01-01"}, {}, notes)
    for bad in ("<script", "<img", "<a ", "![", "<https:"):
        assert bad not in md, bad
    assert "&amp;lt;script&amp;gt;" in md  # a typed entity stays the text it was
    assert not re.search(r"(?<!\\)\]\(", md)  # every "](" that could close a link is escaped
    assert "alert(1)" in md and "javascript:alert(3)" in md  # the words are kept, only defused
    html = _render_markdown_with_qt(md)
    for bad in ("<script", "<a ", "<img", "evil.example/p.png\""):  # no live HTML, no link at all
        assert bad not in html, bad
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text


def test_html_export_stays_escaped():
    fb, notes = _hostile_export()
    page = to_html(fb, {"id": 1, "created_at": "2026-01-01"}, {}, notes)
    assert "<script>" not in page and "<img src=x" not in page and "<a href='javascript" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def _render_markdown_with_qt(md: str) -> str:
    """Qt's own Markdown reader (md4c, GitHub dialect) turns the export into HTML, in a subprocess
    so this unit test needs no display."""
    script = ("import sys; from PySide6.QtGui import QGuiApplication, QTextDocument; "
              "app = QGuiApplication(['t', '-platform', 'offscreen']); d = QTextDocument(); "
              "d.setMarkdown(sys.stdin.read()); sys.stdout.write(d.toHtml())")
    out = subprocess.run([sys.executable, "-c", script], input=md, capture_output=True, text=True,
                         timeout=60, check=True)
    return out.stdout


def test_history_csv_cells_cannot_start_a_formula(tmp_path):
    from interviewer_app.export.history import to_csv
    from interviewer_app.storage.history import AttemptSummary

    fields = {f: None for f in AttemptSummary.__dataclass_fields__}
    fields.update(id=1, created_at="2026-01-01T00:00:00", prompt_id="=HYPERLINK(\"http://x\")",
                  category="+1", budget_format="@SUM(A1)", audio_path="-2+3.flac", missing_steps=[],
                  overtime_s=-3.5)
    row = AttemptSummary(**fields)
    import csv
    import io

    cells = next(csv.DictReader(io.StringIO(to_csv([row]))))
    assert cells["prompt_id"] == "'=HYPERLINK(\"http://x\")" and cells["category"] == "'+1"
    assert cells["budget_format"] == "'@SUM(A1)" and cells["audio_path"] == "'-2+3.flac"
    assert cells["overtime_s"] == "-3.5"  # numbers stay numbers


def test_random_text_never_escapes_its_place():
    """Property test, bounded (seeded, 3,000 strings): whatever the text, Markdown gets no raw
    markup, link opener or control character, HTML no markup, the terminal no control."""
    import random

    from interviewer_app.cli.terminal import safe
    from interviewer_app.export.escape import html_text, md, md_lines

    rng = random.Random(18)
    pieces = list("<>&[]()!`*_\\|~@#+-=:/.1 \n\t\r\x1b\x07\x9b\x7f\x00\u202e\u2066\ud800") + [
        "javascript:", "https://", "www.", "<img", "<script>", "](", "![", "1.", "-->", "a", "é", "日"]
    unsafe = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for line in [md(text), *md_lines(text)]:
            assert "\n" not in line and not unsafe.search(line)
            assert not re.search(r"[<>]|(?<!\\)[\[\]`*_]|:/|(?i:www\.)", line), (text, line)
            assert not re.match(r"\s*([#=+-]|\d+[.)])", line), (text, line)
        assert not re.search(r"[<>\"']", html_text(text)) and not unsafe.search(html_text(text))
        assert not unsafe.search(safe(text))
