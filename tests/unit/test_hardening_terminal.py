"""Issue 18 item 11: recorded and user text (transcripts, file names, prompts, error messages) never
drives the terminal. Real CLI processes; their stdout and stderr bytes must hold no escape."""

import os
import subprocess

import pytest

from tests.conftest import CLI

ESCAPES = ("\x1b]0;pwned\x07", "\x1b[2J", "\x9b31m", "\u202e", "\r", "\x00", "\x7f")
# ESC, BEL, C1 CSI (as UTF-8), RLO, CR, NUL, DEL
FORBIDDEN = (b"\x1b", b"\x07", b"\xc2\x9b", "\u202e".encode(), b"\r", b"\x00", b"\x7f")


def run(*args, **kw):
    return subprocess.run([CLI, *args], capture_output=True, timeout=120, **kw)


def assert_clean(out: subprocess.CompletedProcess, csv: bool = False) -> None:
    for stream in (out.stdout.replace(b"\r\n", b"\n") if csv else out.stdout, out.stderr):
        for bad in FORBIDDEN:
            assert bad not in stream, (bad, stream[:400])
    assert b"Traceback" not in out.stderr


@pytest.fixture
def hostile_answer(tmp_path):
    name = "answer" + "".join(ESCAPES[:3]) + ".txt"
    answer = tmp_path / name
    answer.write_text("The goal is retention" + "".join(ESCAPES) + ". We could add emails.", encoding="utf-8")
    return answer


def test_analyze_report_history_and_export_print_no_terminal_escapes(hostile_answer):
    report = run("analyze", str(hostile_answer), "--save")
    assert report.returncode == 0, report.stderr
    assert b"The goal is retention" in report.stdout and b"answer" in report.stdout
    assert_clean(report)
    for args in (["history"], ["history", "--csv"], ["export", "1"], ["export", "1", "--format", "html"],
                 ["analyze", str(hostile_answer), "--json"]):
        out = run(*args)
        assert out.returncode == 0, (args, out.stderr)
        assert_clean(out, csv="--csv" in args)  # CSV lines end in CR LF by the standard


def test_a_raw_csi_byte_in_a_file_name_is_not_passed_through(tmp_path):
    answer = os.fsencode(tmp_path) + b"/raw\x9b2J.txt"  # 0x9B alone (not UTF-8) is CSI on 8-bit terminals
    with open(answer, "w") as f:
        f.write("The goal is retention.")
    for name in (answer, answer + b".missing.txt"):
        out = subprocess.run([CLI.encode(), b"analyze", name], capture_output=True, timeout=120)
        assert b"raw" in out.stdout + out.stderr
        out.stdout.decode("utf-8"), out.stderr.decode("utf-8")  # strict: no raw 0x9B passed through
        assert_clean(out)


def test_error_messages_and_argparse_echo_print_no_terminal_escapes(tmp_path):
    missing = tmp_path / ("gone" + "".join(e for e in ESCAPES if e != "\x00") + ".wav")  # argv has no NUL
    out = run("analyze", str(missing))
    assert out.returncode != 0 and b"gone" in out.stderr
    assert_clean(out)
    bad_value = run("history", "--limit", "\x1b[2J")
    assert bad_value.returncode == 2
    assert_clean(bad_value)


def test_user_prompts_print_no_terminal_escapes(isolated_home):
    config = isolated_home / "config"
    config.mkdir(parents=True)
    (config / "prompts.toml").write_text(
        '[[prompt]]\nid = "evil-one"\ntext = "Grow retention\\u001b]0;pwned\\u0007\\u001b[2J now"\n'
        'category = "success-metrics"\nframework = "8-step"\nhint = "\\u202eHint"\n', encoding="utf-8")
    out = run("prompts", "--search", "Grow retention")
    assert out.returncode == 0, out.stderr
    assert b"Grow retention" in out.stdout
    assert_clean(out)


def test_safe_keeps_text_and_replaces_every_control():
    from interviewer_app.cli.terminal import safe

    assert safe("plain\ttext\nnext line, café, 日本") == "plain\ttext\nnext line, café, 日本"
    cleaned = safe("".join(ESCAPES) + "\x1b[0m\u2066\u200f")
    assert all(ch == "\ufffd" or ch.isprintable() for ch in cleaned)
    assert not any(c in cleaned for c in "\x1b\x07\x9b\u202e\r\x00\x7f\u2066\u200f")
