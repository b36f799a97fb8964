"""Issue 18, `delete`/`restore`/`export`/`history` from the command line: all-or-nothing trash moves
that say what really happened, clean errors on a read-only or full disk (a real tmpfs), and ids and
limits checked by the argument parser instead of overflowing in SQLite."""

import json
import subprocess

import pytest

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.storage.history import HistoryFilter, query
from tests.conftest import CLI, cli_env
from tests.fixtures.disks import fill_up, mounted_tmpfs
from tests.unit.timed import timed_transcript

HUGE = "99999999999999999999999"


def run(*args, **env):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=120,
                          env=cli_env(**env))


def _save_attempts(data_dir, n):
    store = AttemptStore(open_database(data_dir / "interviewer.sqlite3"), data_dir / "recordings")
    ids = [store.save(analyze(timed_transcript([("The goal is retention. We could add emails.", 0)])))
           for _ in range(n)]
    store.db.conn.close()
    return ids


def _listed(data_dir, trash=False):
    store = AttemptStore(open_database(data_dir / "interviewer.sqlite3"), data_dir / "recordings")
    ids = [r.id for r in query(store, HistoryFilter(in_trash=trash))]
    store.db.conn.close()
    return ids


def _one_error_line(out):
    assert "Traceback" not in out.stderr and "unexpected error" not in out.stderr, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    return lines[0]


@pytest.fixture
def data_dir(isolated_home):
    return isolated_home / "data"


@pytest.fixture
def three(data_dir):
    return _save_attempts(data_dir, 3)


# -- 4. all or nothing, and the truth ------------------------------------------------------------
def test_delete_with_one_unknown_id_deletes_nothing(three, data_dir):
    out = run("delete", three[0], 555)
    assert out.returncode == 1
    assert "no attempt with id 555; nothing was deleted" in _one_error_line(out)
    assert _listed(data_dir) == three[::-1]


def test_delete_counts_each_attempt_once_and_names_them(three, data_dir):
    a, b, c = three
    out = run("delete", a, a, c)
    assert out.returncode == 0, out.stderr
    assert "2 attempts moved to the trash: #1, #3" in _one_error_line(out)
    assert _listed(data_dir) == [b] and _listed(data_dir, trash=True) == [c, a]
    again = run("delete", a)
    assert again.returncode == 0 and "#1 was already in the trash" in _one_error_line(again)
    restored = run("restore", c, c, b)
    assert restored.returncode == 0
    assert "1 attempt restored: #3" in restored.stderr and "#2 was not in the trash" in restored.stderr
    missing = run("restore", a, 9)
    assert missing.returncode == 1 and "no attempt with id 9; nothing was restored" in missing.stderr
    assert _listed(data_dir, trash=True) == [a]


# -- 15. read-only and full disks ------------------------------------------------------------------
@pytest.fixture
def small_disk(tmp_path):
    yield from mounted_tmpfs(tmp_path / "disk", "512k")


def test_delete_on_a_read_only_disk_is_a_clean_error(small_disk):
    ids = _save_attempts(small_disk, 2)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    out = run("delete", ids[0], INTERVIEWER_DATA_DIR=str(small_disk))
    assert out.returncode == 1
    line = _one_error_line(out)
    assert "read-only" in line and str(small_disk) in line and "nothing was deleted" in line
    assert _listed(small_disk) == ids[::-1]


def test_delete_on_a_full_disk_is_a_clean_error(small_disk):
    ids = _save_attempts(small_disk, 2)
    fill_up(small_disk)
    out = run("delete", ids[0], INTERVIEWER_DATA_DIR=str(small_disk))
    assert out.returncode == 1
    line = _one_error_line(out)
    assert "is full; free some space" in line and "nothing was deleted" in line
    assert _listed(small_disk) == ids[::-1]


# -- 15. ids and limits ----------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ("export", HUGE), ("export", "0"), ("export", "-3"), ("export", "x"),
    ("delete", "1", HUGE), ("restore", "-1"),
    ("history", "--limit", HUGE), ("history", "--limit", "0"), ("history", "--limit", "-5"),
])
def test_ids_and_limits_out_of_range_are_usage_errors(args):
    out = run(*args)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr and "unexpected error" not in out.stderr
    assert "a whole number from 1 to 9223372036854775807" in out.stderr


def test_the_largest_id_and_limit_are_accepted(three):
    listed = run("history", "--json", "--limit", 9223372036854775807)
    assert [r["id"] for r in json.loads(listed.stdout)] == three[::-1]
    out = run("export", 9223372036854775807)
    assert out.returncode == 1 and "no attempt with id 9223372036854775807" in out.stderr


@pytest.mark.parametrize("flag", ["--company", "--prompt", "--phase"])
def test_history_filters_given_empty_are_usage_errors_not_no_filter(three, flag):
    """`history --company ""` listed every attempt as if no filter were given (issue 18 item 16)."""
    out = run("history", flag, "")
    assert out.returncode == 2, (out.returncode, out.stdout, out.stderr)
    assert "Traceback" not in out.stderr and out.stderr.count("\n") == 1
    assert flag in out.stderr and out.stdout == ""
