"""The app's log: a rotating file in the log folder, set up once, never a reason to fail, holding
unexpected errors' tracebacks (which the one-line error message points at) and never a transcript."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from interviewer_app.core import logs
from interviewer_app.core.paths import APP_NAME, AppPaths, app_paths
from tests.conftest import CLI, ROOT, cli_env

APP_LOGGER = logging.getLogger(logs.LOGGER_NAME)


@pytest.fixture(autouse=True)
def no_handler_left_behind():
    yield
    logs._remove(logs._installed())
    APP_LOGGER.setLevel(logging.NOTSET)


def _file_handlers():
    return [h for h in APP_LOGGER.handlers if isinstance(h, logging.FileHandler)]


def _relays():
    return [h for h in logging.getLogger().handlers if isinstance(h, logs._Relay)]


def test_log_dir_follows_platformdirs_home_and_override(tmp_path):
    assert app_paths({}).log_dir == Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    assert app_paths({"INTERVIEWER_HOME": str(tmp_path)}).log_dir == tmp_path / "logs"
    assert app_paths({"INTERVIEWER_HOME": str(tmp_path),
                      "INTERVIEWER_LOG_DIR": str(tmp_path / "elsewhere")}).log_dir == tmp_path / "elsewhere"
    assert AppPaths(tmp_path / "d", tmp_path / "c", tmp_path / "k").log_dir == tmp_path / "k" / "logs"


def test_setup_writes_the_app_log_and_only_other_libraries_warnings(isolated_home):
    path = logs.setup_logging(app_paths())
    assert path == isolated_home / "logs" / "interviewer-app.log" == logs.log_file(app_paths())
    logging.getLogger("interviewer_app.some.module").info("model tiny.en loaded in 1.2 s")
    logging.getLogger("interviewer_app.some.module").debug("debug detail")
    logging.getLogger("a_library").info("library chatter")
    logging.getLogger("a_library").warning("library warning")
    text = path.read_text(encoding="utf-8")
    assert "INFO" in text and "interviewer_app.some.module" in text and "model tiny.en loaded in 1.2 s" in text
    assert "library warning" in text and "a_library" in text
    assert "library chatter" not in text and "debug detail" not in text
    assert isinstance(_file_handlers()[0], logging.handlers.RotatingFileHandler)
    assert _file_handlers()[0].maxBytes == logs.MAX_BYTES and _file_handlers()[0].backupCount == logs.BACKUP_COUNT


def test_setup_is_idempotent_and_follows_a_new_folder(isolated_home, tmp_path, monkeypatch):
    first = logs.setup_logging(app_paths())
    assert logs.setup_logging(app_paths(), debug=True) == first
    assert len(_file_handlers()) == 1 and len(_relays()) == 1
    logging.getLogger("interviewer_app.x").debug("once")
    assert first.read_text(encoding="utf-8").count("once") == 1

    monkeypatch.setenv("INTERVIEWER_LOG_DIR", str(tmp_path / "other"))
    second = logs.setup_logging(app_paths())
    assert second == tmp_path / "other" / "interviewer-app.log"
    assert len(_file_handlers()) == 1 and len(_relays()) == 1
    logging.getLogger("interviewer_app.x").warning("after the move")
    assert "after the move" in second.read_text(encoding="utf-8")
    assert "after the move" not in first.read_text(encoding="utf-8")


def test_a_log_folder_that_cannot_be_created_means_no_log_file(tmp_path, monkeypatch, capfd):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("INTERVIEWER_LOG_DIR", str(blocker / "logs"))
    assert logs.setup_logging(app_paths()) is None
    assert _file_handlers() == [] and _relays() == []
    logging.getLogger("interviewer_app.x").error("still fine")
    assert "Logging error" not in capfd.readouterr().err


def test_a_full_disk_drops_log_records_silently(isolated_home, capfd):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    folder = isolated_home / "logs"
    folder.mkdir(parents=True)
    (folder / logs.LOG_FILENAME).symlink_to("/dev/full")  # every write fails with ENOSPC
    assert logs.setup_logging(app_paths()) is not None
    logging.getLogger("interviewer_app.x").error("cannot be written")
    err = capfd.readouterr().err
    assert "Logging error" not in err and "Traceback" not in err


# An unexpected error (a bug) in a real command: the prompt bank fails in a way no code expects.
BUG_DRIVER = r"""
import sys
from interviewer_app.core.prompts import PromptBank
from interviewer_app.cli import main

def broken(self, *args):
    raise RuntimeError("boom in filter")

PromptBank.filter = broken
sys.exit(main(["prompts"]))
"""


def test_unexpected_cli_error_is_one_line_pointing_at_the_log_which_holds_the_traceback(isolated_home):
    done = subprocess.run([sys.executable, "-c", BUG_DRIVER], capture_output=True, text=True,
                          env=cli_env(), cwd=ROOT, timeout=120)
    log_path = isolated_home / "logs" / "interviewer-app.log"
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip() == (f"interviewer-app: unexpected error (RuntimeError: boom in filter); "
                                   f"details are in {log_path}; please report it with that file")
    text = log_path.read_text(encoding="utf-8")
    assert "INFO" in text and ": prompts" in text  # the command that ran
    assert "ERROR" in text and "unexpected error in prompts" in text
    assert "Traceback (most recent call last)" in text and "RuntimeError: boom in filter" in text
    assert 'File "<string>"' in text and "in broken" in text  # the frames down to where it failed


def test_unexpected_cli_error_without_a_log_file_asks_for_debug(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = subprocess.run([sys.executable, "-c", BUG_DRIVER], capture_output=True, text=True,
                          env=cli_env(INTERVIEWER_LOG_DIR=str(blocker / "logs")), cwd=ROOT, timeout=120)
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.strip().endswith("run again with --debug for details and please report it")


def test_the_log_names_the_command_but_never_holds_the_transcript(isolated_home, tmp_path):
    answer = tmp_path / "answer.txt"
    secret = "Zanzibar conversion recovered after the quokka retry"
    answer.write_text(f"So the goal is to recover checkout conversion. {secret}. I'd pick retries.")
    done = subprocess.run([CLI, "analyze", str(answer), "--prompt", "checkout-payment-failures-up", "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert secret in done.stdout  # the transcript was there to be logged
    text = (isolated_home / "logs" / "interviewer-app.log").read_text(encoding="utf-8")
    assert ": analyze" in text
    assert "Zanzibar" not in text and "quokka" not in text and "checkout conversion" not in text


# The desktop app's hooks: an exception nobody caught (a Qt slot, the main thread) is logged with
# its traceback, still printed as before, and followed by a line naming the log file.
HOOK_DRIVER = r"""
from interviewer_app.core.logs import install_excepthooks, setup_logging
from interviewer_app.core.paths import app_paths

paths = app_paths()
setup_logging(paths)
install_excepthooks(paths)
install_excepthooks(paths)  # once only
raise ValueError("uncaught in the app")
"""


def test_uncaught_exceptions_are_logged_with_their_traceback(isolated_home):
    done = subprocess.run([sys.executable, "-c", HOOK_DRIVER], capture_output=True, text=True,
                          env=cli_env(), cwd=ROOT, timeout=120)
    log_path = isolated_home / "logs" / "interviewer-app.log"
    assert done.returncode == 1
    assert done.stderr.count("Traceback") == 1 and "ValueError: uncaught in the app" in done.stderr
    assert done.stderr.strip().splitlines()[-1] == (f"interviewer-app: unexpected error; details are in "
                                                    f"{log_path}; please report it with that file")
    text = log_path.read_text(encoding="utf-8")
    assert text.count("Traceback (most recent call last)") == 1 and "ValueError: uncaught in the app" in text
