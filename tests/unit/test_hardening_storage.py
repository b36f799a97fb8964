"""Issue 18, storage: a database another program has locked is busy, not corrupt; a failed or killed
save leaves no orphan audio; delete and restore are all or nothing. Real SQLite files, real second
processes (killed with SIGKILL where the fault is a kill), a real tiny tmpfs for a full disk."""

import json
import signal
import subprocess
import sys
from contextlib import contextmanager

import numpy as np
import pytest

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.audio.recorder import recover_partial_recordings
from interviewer_app.core.errors import StorageError
from interviewer_app.storage import database
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.storage.history import HistoryFilter, move_to_trash, query, restore
from tests.conftest import CLI, cli_env
from tests.fixtures.disks import fill_up, mounted_tmpfs
from tests.unit.timed import timed_transcript

BUSY_ENV = "INTERVIEWER_DB_BUSY_TIMEOUT_S"

# A second program holding the write lock until its stdin closes (no sleeps: it says when it has it).
LOCKER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
"""


@contextmanager
def write_lock(db_path):
    holder = subprocess.Popen([sys.executable, "-c", LOCKER, str(db_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def _feedback(text="The goal is to lift activation for new teams. We could add templates."):
    return analyze(timed_transcript([(text, 0)]))


def _noise(seconds=1.0):
    return np.random.default_rng(0).uniform(-0.3, 0.3, int(16000 * seconds)).astype(np.float32)


def _store(tmp_path):
    return AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "recordings")


def _run(*args, **env):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=120,
                          env=cli_env(**env))


# -- 1. busy is not corrupt -------------------------------------------------------------------
def test_a_save_while_another_program_holds_the_lock_fails_cleanly_and_keeps_the_history(tmp_path, isolated_home):
    db = isolated_home / "data" / "interviewer.sqlite3"
    kept = AttemptStore(open_database(db), db.parent / "recordings").save(_feedback())
    answer = tmp_path / "answer.txt"
    answer.write_text("The goal is retention. We could add emails.")
    with write_lock(db):
        out = _run("analyze", answer, "--save", **{BUSY_ENV: "0.2"})
    assert out.returncode == 1 and "Traceback" not in out.stderr
    errors = [line for line in out.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1 and "another program is using the history database" in errors[0]
    assert "close it and try again" in errors[0]
    assert "moved" not in out.stderr and not list(db.parent.glob("*.corrupt-*"))
    assert [r.id for r in query(AttemptStore(open_database(db), db.parent / "recordings"))] == [kept]


def test_writes_while_another_program_holds_the_lock_say_try_again_and_change_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(BUSY_ENV, "0.1")
    store = _store(tmp_path)
    kept = store.save(_feedback(), samples=_noise())
    flacs = sorted((tmp_path / "recordings").iterdir())
    with write_lock(tmp_path / "db.sqlite3"):
        for attempt in (lambda: store.save(_feedback("We could add emails."), samples=_noise()),
                        lambda: store.replace_feedback(kept, _feedback("We could add emails.")),
                        lambda: move_to_trash(store, kept)):
            with pytest.raises(StorageError, match="another program is using the history database .*"
                                                   "close it and try again"):
                attempt()
    assert [r.id for r in query(store)] == [kept]
    assert "activation" in store.feedback_json(kept)["transcript"]
    assert sorted((tmp_path / "recordings").iterdir()) == flacs  # the refused save left no audio


def test_the_busy_timeout_is_ten_seconds_unless_a_test_shortens_it(tmp_path, monkeypatch):
    monkeypatch.delenv(BUSY_ENV, raising=False)
    conn = open_database(tmp_path / "db.sqlite3").db.conn
    assert database.BUSY_TIMEOUT_S == 10
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000


def test_a_damaged_database_is_still_set_aside(tmp_path):
    path = tmp_path / "db.sqlite3"
    store = _store(tmp_path)
    store.save(_feedback())
    store.db.conn.close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page overwritten
    path.write_bytes(bytes(data))
    opened = open_database(path)
    assert opened.notices and "moved to" in opened.notices[0]
    assert len(list(tmp_path.glob("db.sqlite3.corrupt-*"))) == 1


# -- 7. no orphan audio ------------------------------------------------------------------------
@pytest.fixture
def full_db_disk(tmp_path):
    """A database on a real tiny tmpfs that is then filled up; the recordings folder elsewhere."""
    yield from mounted_tmpfs(tmp_path / "tiny", "256k")


def test_the_audio_of_a_save_whose_insert_fails_is_removed(tmp_path, full_db_disk):
    store = AttemptStore(open_database(full_db_disk / "db.sqlite3"), tmp_path / "recordings")
    kept = store.save(_feedback())
    fill_up(full_db_disk)
    with pytest.raises(StorageError, match="is full; free some space"):
        store.save(_feedback("We could add emails. " * 200), samples=_noise())
    assert list((tmp_path / "recordings").iterdir()) == []  # neither the FLAC nor a .part
    assert [r.id for r in query(store)] == [kept]


# A save killed in the middle: `soundfile.write` or the first INSERT stops, says so, and waits to be
# killed with SIGKILL (the state a power cut or `kill -9` leaves).
KILLED_SAVE = """
import sys
import numpy as np
import soundfile
from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
from interviewer_app.storage import attempts
from interviewer_app.storage.database import open_database

where = sys.argv[3]
def stop_here(*args, **kwargs):
    print("stopped", flush=True)
    sys.stdin.read()
if where == "audio":
    def half_written(path, data, rate, **kwargs):
        with open(path, "wb") as f:
            f.write(b"fLaC" + bytes(2000))
            f.flush()
        stop_here()
    soundfile.write = half_written
else:
    real_insert = attempts.insert_row
    def slow_insert(conn, table, row):
        if table == "attempts":
            stop_here()
        return real_insert(conn, table, row)
    attempts.insert_row = slow_insert
store = attempts.AttemptStore(open_database(sys.argv[1]), __import__("pathlib").Path(sys.argv[2]))
noise = np.random.default_rng(0).uniform(-0.3, 0.3, 16000).astype(np.float32)
store.save(analyze(typed_transcript("The goal is retention.")), samples=noise)
print("saved", flush=True)
"""


@contextmanager
def child_at(script: str, args: list[str], ready: str):
    """A real Python process running `script`, yielded once it prints `ready` (it then waits on
    its stdin); killed afterwards if the test has not ended it."""
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == ready, proc.stderr.read()
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


def save_stopped(tmp_path, where):
    return child_at(KILLED_SAVE, [str(tmp_path / "db.sqlite3"), str(tmp_path / "recordings"), where],
                    "stopped")


def test_a_part_file_left_by_a_save_killed_while_writing_audio_is_removed_at_start(tmp_path):
    kept = _store(tmp_path).save(_feedback())
    with save_stopped(tmp_path, "audio") as proc:
        parts = list((tmp_path / "recordings").glob("*.flac.part"))
        assert len(parts) == 1
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    store = _store(tmp_path)
    assert list((tmp_path / "recordings").iterdir()) == []
    assert [r.id for r in query(store)] == [kept]


def test_audio_of_a_save_killed_before_its_row_was_written_is_kept_in_unsaved_and_reported(tmp_path):
    with save_stopped(tmp_path, "insert") as proc:
        flacs = list((tmp_path / "recordings").glob("*.flac"))
        assert len(flacs) == 1
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    opened = open_database(tmp_path / "db.sqlite3")
    AttemptStore(opened, tmp_path / "recordings")
    moved = tmp_path / "recordings" / "unsaved" / flacs[0].name
    assert moved.read_bytes()[:4] == b"fLaC" and not flacs[0].exists()
    assert any("unsaved" in n and "1 recording" in n for n in opened.notices)
    AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "recordings")
    assert moved.exists()  # reported once, never deleted


def test_start_up_leaves_a_save_in_progress_in_another_process_alone(tmp_path, monkeypatch):
    monkeypatch.setenv(BUSY_ENV, "0.1")
    _store(tmp_path)
    with save_stopped(tmp_path, "insert") as proc:
        flac = next((tmp_path / "recordings").glob("*.flac"))
        opened = open_database(tmp_path / "db.sqlite3")
        store = AttemptStore(opened, tmp_path / "recordings")  # a second window, or the CLI
        assert flac.exists() and not (tmp_path / "recordings" / "unsaved").exists()
        proc.stdin.write("go\n")
        proc.stdin.close()
        assert proc.stdout.readline().strip() == "saved"
    [row] = query(store)
    assert (tmp_path / row.audio_path) == flac and flac.exists()


def test_start_up_never_touches_recordings_in_progress_or_waiting_for_recovery(tmp_path):
    rec = tmp_path / "recordings"
    rec.mkdir()
    samples = (np.sin(np.arange(16000) / 7) * 8000).astype("<i2").tobytes()
    meta = json.dumps({"samplerate": 16000, "channels": 1, "format": "s16le"})
    in_progress = rec / "recording-20261206-100000-000001.pcm"  # another process is recording
    crashed = rec / "recording-20261206-090000-000001.pcm"  # killed while finishing: raw + .part
    for raw in (in_progress, crashed):
        raw.write_bytes(samples)
        raw.with_suffix(".json").write_text(meta)
    crashed.with_suffix(".flac.part").write_bytes(b"fLaC" + bytes(100))
    not_saved = rec / "recording-20261206-080000-000001.flac"  # practice --no-save, or a failed save
    not_saved.write_bytes(b"fLaC" + bytes(100))
    mine = rec / "notes.flac"  # a file the user put there
    mine.write_bytes(b"fLaC")
    before = {p.name: p.read_bytes() for p in rec.iterdir()}
    opened = open_database(tmp_path / "db.sqlite3")
    AttemptStore(opened, rec)
    assert {p.name: p.read_bytes() for p in rec.iterdir()} == before and opened.notices == []
    recovered = recover_partial_recordings(rec)  # what the app does next: the raw audio is intact
    assert crashed.with_suffix(".flac") in recovered


# -- 4. delete and restore: all or nothing ------------------------------------------------------
def test_trash_and_restore_check_every_id_first_and_change_nothing_when_one_is_missing(tmp_path):
    store = _store(tmp_path)
    a, b = store.save(_feedback()), store.save(_feedback())
    with pytest.raises(StorageError, match="no attempt with id 555; nothing was deleted"):
        move_to_trash(store, [a, 555])
    assert [r.id for r in query(store)] == [b, a]
    assert move_to_trash(store, [a, a, b]) == [a, b]
    assert move_to_trash(store, [a]) == []  # already in the trash: its 30 days are not restarted
    with pytest.raises(StorageError, match="no attempts with ids 7, 9; nothing was restored"):
        restore(store, [9, a, 7, 9])
    assert query(store) == []
    assert restore(store, [b, b]) == [b]
    assert [r.id for r in query(store)] == [b]
    assert [r.id for r in query(store, HistoryFilter(in_trash=True))] == [a]
    move_to_trash(store, b)  # one id, as the desktop app calls it
    assert query(store) == []


# A recording in progress in another process (a second window, or `practice` in a terminal), with a
# stand-in microphone: half a second of audio before it says so, half a second more after its stdin closes.
RECORDING_ELSEWHERE = """
import json, sys, threading
import numpy as np
from interviewer_app.audio.recorder import Recorder

class Microphone:
    def InputStream(self, samplerate, channels, dtype, device, blocksize, callback, finished_callback):
        self.speak = lambda n: [callback(np.full((blocksize, 1), 0.25, np.float32), blocksize, None, None)
                                for _ in range(n)]
        class Stream:
            active = True
            def start(self): pass
            def stop(self): pass
            def close(self): pass
        return Stream()

mic, written = Microphone(), threading.Semaphore(0)
recorder = Recorder(sys.argv[1], sd=mic, on_audio=lambda block: written.release())
recorder.start()
mic.speak(10)
for _ in range(10):
    written.acquire()  # on disk
print("recording", flush=True)
sys.stdin.read()
mic.speak(10)
done = recorder.stop()
print(json.dumps({"path": str(done.path), "seconds": done.seconds}), flush=True)
"""


def recording_elsewhere(folder):
    return child_at(RECORDING_ELSEWHERE, [str(folder)], "recording")


def test_recovery_at_start_leaves_a_recording_in_progress_in_another_process_alone(tmp_path):
    rec = tmp_path / "recordings"
    with recording_elsewhere(rec) as proc:
        [raw] = rec.glob("recording-*.pcm")
        assert recover_partial_recordings(rec) == []  # what the app does when a second window starts
        AttemptStore(open_database(tmp_path / "db.sqlite3"), rec)
        assert raw.exists()
        proc.stdin.close()
        done = json.loads(proc.stdout.readline())
        assert proc.wait(timeout=30) == 0, proc.stderr.read()
    assert done["seconds"] == 1.0
    audio, rate = __import__("soundfile").read(done["path"])
    assert rate == 16000 and len(audio) == 16000  # nothing lost to the other window
    assert not raw.exists() and recover_partial_recordings(rec) == []


def test_a_recording_whose_process_was_killed_is_still_recovered(tmp_path):
    rec = tmp_path / "recordings"
    with recording_elsewhere(rec) as proc:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    [raw] = rec.glob("recording-*.pcm")
    on_disk = raw.stat().st_size // 2  # what the OS had; up to FLUSH_S more was in the process
    [flac] = recover_partial_recordings(rec)
    audio, rate = __import__("soundfile").read(flac)
    assert len(audio) == on_disk > 0 and not list(rec.glob("*.pcm"))
