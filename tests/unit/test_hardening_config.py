"""Issue 18 items 13 and 16: the user's prompts.toml and budgets.toml cannot crash or hang the
CLI or the desktop app (deep nesting, a FIFO, /dev/zero, a huge file: one line naming the file,
and the line where it can), and arguments and budgets are checked as their messages say."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from interviewer_app.core.budgets import BudgetBook, bundled_budgets_file
from interviewer_app.core.errors import DataFileError
from interviewer_app.core.prompts import PromptBank
from tests.conftest import CLI, ROOT, cli_env

DEEP_ARRAY = 'a = ' + '[' * 10_000 + ']' * 10_000 + '\n'
DEEP_TABLE = 'a = ' + '{a=' * 10_000 + '1' + '}' * 10_000 + '\n'


def run(*args, timeout=30):
    """The CLI in its own process; a hang fails the test at the timeout."""
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=cli_env(), timeout=timeout)


def one_line_error(result, code=1) -> str:
    assert result.returncode == code, (result.returncode, result.stderr[-3000:])
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr[-3000:]
    return result.stderr


@pytest.fixture
def config(isolated_home):
    folder = isolated_home / "config"
    folder.mkdir(parents=True)
    return folder


# -- item 13: what a config file can be ----------------------------------------------------------
@pytest.mark.parametrize("name, command", [("prompts.toml", "prompts"), ("budgets.toml", "budgets")])
@pytest.mark.parametrize("body", [DEEP_ARRAY, DEEP_TABLE, "x = 1\n\n" + DEEP_ARRAY], ids=["array", "table", "line-3"])
def test_deeply_nested_config_is_one_line_with_file_and_line(config, name, command, body):
    (config / name).write_text(body)
    line = body[:body.index("[" if "[" in body else "{")].count("\n") + 1
    err = one_line_error(run(command))
    assert f"{config / name}:{line}: lists or tables nested more than 100 levels deep" in err


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder", "huge"])
@pytest.mark.parametrize("name, command", [("prompts.toml", "prompts"), ("budgets.toml", "budgets")])
def test_a_config_that_is_not_a_small_regular_file_is_refused_at_once(config, name, command, kind):
    path = config / name
    if kind == "fifo":
        os.mkfifo(path)  # reading it would wait forever for a writer
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")  # endless
    elif kind == "folder":
        path.mkdir()
    else:
        path.write_text("# padding\n" * 200_000)  # 2 MB of comments: valid TOML, too big
    err = one_line_error(run(command))
    expected = {"fifo": "is not a regular file", "dev-zero": "is not a regular file",
                "folder": "is a folder, not a file", "huge": "is too big (2.0 MB; the limit is 1.0 MB)"}[kind]
    assert f"{path}: {expected}" in err


def test_a_symlink_to_a_good_config_is_followed(config, tmp_path):
    real = tmp_path / "elsewhere.toml"
    real.write_text('[[prompt]]\nid = "linked-one"\ntext = "Why?"\ncategory = "metric-drop"\n'
                    'framework = "8-step"\nhint = "h"\n')
    (config / "prompts.toml").symlink_to(real)
    result = run("prompts", "--json")
    assert result.returncode == 0, result.stderr
    assert "linked-one" in {p["id"] for p in json.loads(result.stdout)}


# The desktop app itself, started as the app starts (interviewer_app.ui.app.run_app) offscreen; a
# timer reports the first message box it shows, closes it and quits.
APP_DRIVER = r"""
import json, sys
from interviewer_app.qt_binding import QtCore, QtWidgets
from interviewer_app.ui import app as ui_app

qapp = QtWidgets.QApplication(sys.argv[:1])
waited = [0]

def look():
    waited[0] += 1
    for widget in QtWidgets.QApplication.topLevelWidgets():
        if isinstance(widget, QtWidgets.QMessageBox) and widget.isVisible():
            windows = [w.windowTitle() for w in QtWidgets.QApplication.topLevelWidgets()
                       if isinstance(w, QtWidgets.QMainWindow) and w.isVisible()]
            print("DIALOG " + json.dumps({"title": widget.windowTitle(), "text": widget.text(),
                                          "main_windows": windows}), flush=True)
            widget.done(0)
            QtCore.QTimer.singleShot(0, qapp.quit)
            return
    if waited[0] > 300:  # 30 s with no dialog
        print("NO DIALOG", flush=True)
        qapp.quit()

timer = QtCore.QTimer()
timer.timeout.connect(look)
timer.start(100)
code = ui_app.run_app()
print("EXIT", code, flush=True)
"""


@pytest.mark.parametrize("name, body", [("prompts.toml", DEEP_ARRAY), ("budgets.toml", DEEP_TABLE),
                                        ("prompts.toml", None)], ids=["deep-prompts", "deep-budgets", "fifo-prompts"])
def test_the_desktop_app_starts_and_names_a_bad_config_in_one_line(config, isolated_home, name, body):
    path = config / name
    if body is None:
        os.mkfifo(path)
    else:
        path.write_text(body)
    env = cli_env(QT_QPA_PLATFORM="offscreen", INTERVIEWER_HOME=str(isolated_home))
    done = subprocess.run([sys.executable, "-c", APP_DRIVER], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=90)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    dialog = next((line for line in done.stdout.splitlines() if line.startswith("DIALOG ")), None)
    assert dialog is not None, (done.stdout, done.stderr[-3000:])
    shown = json.loads(dialog[len("DIALOG "):])
    assert shown["main_windows"], shown  # the window is up behind the notice
    what = "prompts" if name == "prompts.toml" else "budgets"
    problem = "is not a regular file" if body is None else "lists or tables nested more than 100 levels deep"
    assert shown["text"].startswith(f"Your {what} file was not loaded: {path}"), shown
    assert problem in shown["text"] and "\n" not in shown["text"], shown
    assert "EXIT 0" in done.stdout, done.stdout


# -- item 16: validation -------------------------------------------------------------------------
BUDGETS_HEAD = '[[format]]\nkey = "mine"\nname = "Mine"\n'


@pytest.mark.parametrize("phases, problem", [
    ('phases = [{ key = "a", name = "A", seconds = 0.001 }]', "seconds must be a number from 1 to 14400"),
    ('phases = [{ key = "a", name = "A", seconds = 0.5 }]', "seconds must be a number from 1 to 14400"),
    ('phases = [{ key = "a", name = "A", seconds = 60 }, { key = "a", name = "Again", seconds = 90 }]',
     "duplicate phase key 'a'"),
])
def test_budgets_file_checks_seconds_and_phase_keys(tmp_path, phases, problem):
    path = tmp_path / "budgets.toml"
    path.write_text(BUDGETS_HEAD + phases + "\n")
    with pytest.raises(DataFileError) as caught:
        BudgetBook.load(path)
    assert str(caught.value).startswith(f"{path}:4: ") and problem in str(caught.value)


def test_one_second_is_the_smallest_budget_in_a_file(tmp_path):
    path = tmp_path / "budgets.toml"
    path.write_text(BUDGETS_HEAD + 'phases = [{ key = "a", name = "A", seconds = 1 }]\n')
    assert BudgetBook.load(path).format("mine").budget().seconds == 1.0


@pytest.fixture
def answer(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The goal is retention.")
    return str(path)


@pytest.mark.parametrize("args, words", [
    (["--budget", "0.5"], "budget must be between 1 and 14400 seconds, got 0.5"),
    (["--budget", "0.999"], "budget must be between 1 and 14400 seconds, got 0.999"),
    (["--budget", "14400.5"], "budget must be between 1 and 14400 seconds"),
    (["--budget", "nan"], "budget must be between 1 and 14400 seconds"),
    (["--company", ""], "--company needs a name; valid: amazon, google, meta, stripe"),
    (["--company", "   "], "--company needs a name; valid: amazon, google, meta, stripe"),
    (["--company", "amazon", "--phase", ""], "--phase needs a name; valid phases: setup, deep-dive, qa"),
    (["--prompt", ""], "--prompt needs a prompt id"),
    (["--model", "huge-v9"], "unknown model 'huge-v9'"),
])
def test_analyze_rejects_what_its_messages_rule_out(answer, args, words):
    err = one_line_error(run("analyze", answer, *args), code=2)
    assert words in err


def test_the_smallest_custom_budget_is_accepted(answer):
    result = run("analyze", answer, "--budget", "1", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["budget_s"] == 1.0


@pytest.mark.parametrize("args, words", [
    (["practice", "--seconds", "1", "--company", ""], "--company needs a name; valid: amazon, google, meta, stripe"),
    (["practice", "--seconds", "1", "--company", "google", "--phase", " "], "--phase needs a name; valid phases:"),
    (["practice", "--seconds", "1", "--prompt", ""], "--prompt needs a prompt id"),
    (["practice", "--seconds", "1", "--budget", "0.5"], "budget must be between 1 and 14400 seconds"),
    (["mock", "--dry-run", "--company", ""], "--company needs a name; valid: amazon, google, meta, stripe"),
    (["analyze-mock", "{folder}", "--company", ""], "--company needs a name; valid: amazon, google, meta, stripe"),
])
def test_other_commands_reject_empty_names_and_tiny_budgets(tmp_path, args, words):
    """Checked before any recording starts or any file is analysed."""
    folder = tmp_path / "mock"
    folder.mkdir()
    (folder / "01-main.txt").write_text("The goal is retention.")
    err = one_line_error(run(*[a.format(folder=folder) for a in args]), code=2)
    assert words in err


def test_bundled_files_still_load():
    assert len(PromptBank.load(None).prompts) > 10
    assert {f.key for f in BudgetBook.load(None, bundled_budgets_file()).formats} >= {"amazon", "google"}


def test_adding_a_prompt_in_the_app_never_waits_on_a_fifo_prompts_file(config):
    """The app's "Add your own..." reads prompts.toml as start-up does: a FIFO there is refused in
    one line at once (it used to block on read_text forever) and is left in place. In its own
    process, so a regression fails at the timeout instead of hanging the suite."""
    path = config / "prompts.toml"
    os.mkfifo(path)
    code = ("import sys; from pathlib import Path\n"
            "from interviewer_app.core.errors import DataFileError\n"
            "from interviewer_app.core.models import Prompt\n"
            "from interviewer_app.core.user_prompts import append_user_prompt\n"
            "try:\n"
            "    append_user_prompt(Path(sys.argv[1]), Prompt('mine-1', 'What would you cut?', "
            "'success-metrics', '8-step', 'Go.', 'your own'))\n"
            "except DataFileError as exc:\n"
            "    print(exc)\n")
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                            cwd=ROOT, env=cli_env(), timeout=30)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"{path}: is not a regular file" in result.stdout
    assert path.is_fifo()
