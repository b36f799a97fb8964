"""The playback worker as the app runs it, a real child process without Qt: JSON commands on its
stdin, acknowledgements and positions on its stdout, and it ends as soon as its stdin closes."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading

import numpy as np
import pytest
import soundfile as sf

from interviewer_app.audio import playback_worker
from tests.conftest import CLI, ROOT

WAIT_S = 15  # bound for any expected line (a loaded 2-core machine starts Python slowly)


class Worker:
    """The worker process with a reader thread, so every wait on its output has a timeout."""

    def __init__(self, cmd: list[str] | None = None):
        self.proc = subprocess.Popen(cmd or playback_worker.command(), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, bufsize=1)
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.seen: list[dict] = []
        self.next_id = 0

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(json.loads(line))
        self.lines.put(None)  # end of output

    def send(self, cmd: str, **fields) -> int:
        self.next_id += 1
        self.proc.stdin.write(json.dumps({"id": self.next_id, "cmd": cmd, **fields}) + "\n")
        self.proc.stdin.flush()
        return self.next_id

    def until(self, predicate, timeout: float = WAIT_S) -> dict:
        """The first message (from here on) for which `predicate` holds; fails after `timeout`."""
        while True:
            try:
                msg = self.lines.get(timeout=timeout)
            except queue.Empty:
                pytest.fail(f"no such message within {timeout} s; seen: {self.seen[-5:]}")
            if msg is None:
                pytest.fail(f"the worker ended first (exit {self.proc.wait(5)}); seen: {self.seen[-5:]}")
            self.seen.append(msg)
            if predicate(msg):
                return msg

    def ack(self, ident: int) -> dict:
        return self.until(lambda m: m.get("ack") == ident)

    def end(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)


@pytest.fixture
def worker():
    w = Worker()
    yield w
    w.end()


@pytest.fixture
def tone(tmp_path):
    """A 3 s tone at 16 kHz, -10 dBFS (a real WAV file)."""
    t = np.arange(16000 * 3) / 16000
    path = tmp_path / "tone.wav"
    sf.write(path, (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), 16000)
    return path


def _needs_audio_output() -> None:
    if not os.environ.get("PULSE_SERVER"):
        pytest.fail("no audio output: run through scripts/test.sh or scripts/with-display.sh (virtual mic)")


def test_ends_as_soon_as_its_stdin_closes_as_when_the_app_dies(worker):
    assert worker.until(lambda m: "state" in m) == {"state": "ready"}
    worker.proc.stdin.close()
    assert worker.proc.wait(WAIT_S) == 0


def test_answers_every_command_even_a_bad_one_and_quits(worker, tmp_path):
    stop = worker.send("stop")
    assert worker.ack(stop) == {"ack": stop, "state": "stopped", "pos": 0}  # nothing was playing
    missing = worker.send("play", file=str(tmp_path / "gone.flac"), start=0, end=None)
    reply = worker.ack(missing)
    assert reply["state"] == "stopped" and "gone.flac" in reply["error"]  # one line, the worker goes on
    worker.proc.stdin.write("not json\n")
    worker.proc.stdin.flush()
    assert "not a JSON command" in worker.until(lambda m: "error" in m and "ack" not in m)["error"]
    odd = worker.send("rewind")
    assert "unknown command" in worker.ack(odd)["error"]
    worker.proc.stdin.write('{"cmd": "quit"}\n')
    worker.proc.stdin.flush()
    assert worker.until(lambda m: m.get("state") == "quit")
    assert worker.proc.wait(WAIT_S) == 0


@pytest.mark.audio_stack
def test_plays_a_span_reports_positions_and_ends_there(worker, tone):
    _needs_audio_output()
    play = worker.send("play", file=str(tone), start=1000, end=1600)
    assert worker.ack(play)["state"] == "playing"
    positions = []
    end = worker.until(lambda m: positions.append(m.get("pos")) or m.get("state") == "ended")
    positions = [p for p in positions[:-1] if p is not None]
    assert len(positions) >= 4  # about every 50 ms over 0.6 s
    assert positions == sorted(positions) and 1000 <= positions[0] and positions[-1] <= 1600
    assert end["pos"] == 1600  # stopped at the end of the span, not the end of the file


@pytest.mark.audio_stack
def test_pause_resume_seek_and_stop_are_acknowledged_in_order(worker, tone):
    _needs_audio_output()
    play = worker.send("play", file=str(tone), start=0, end=None)
    worker.ack(play)
    worker.until(lambda m: m.get("pos", 0) >= 200)  # it moves
    pause = worker.send("pause")
    paused = worker.ack(pause)
    assert paused["state"] == "paused" and 200 <= paused["pos"] < 3000
    heard = [m["pos"] for m in worker.seen[:-1] if "pos" in m and "ack" not in m]
    assert paused["pos"] <= heard[-1] + 150  # what was heard, not the 200 ms written ahead of it
    resume = worker.send("resume")
    assert worker.ack(resume)["pos"] == paused["pos"]  # on from what was heard, nothing skipped
    worker.ack(worker.send("pause"))
    seek = worker.send("seek", ms=2500)
    assert worker.ack(seek)["state"] == "paused"
    resume = worker.send("resume")
    assert worker.ack(resume)["state"] == "playing"
    assert worker.until(lambda m: "pos" in m and "ack" not in m)["pos"] >= 2500  # from the seek
    stop = worker.send("stop")
    assert worker.ack(stop)["state"] == "stopped"  # the stream is aborted: silent
    again = worker.send("play", file=str(tone), start=0, end=300)  # the same worker plays again
    assert worker.ack(again)["state"] == "playing"
    assert worker.until(lambda m: m.get("state") == "ended")["pos"] == 300
    worker.proc.stdin.close()
    assert worker.proc.wait(WAIT_S) == 0


def test_the_app_starts_it_from_its_own_program_when_frozen(monkeypatch):
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys.executable", "/opt/interviewer/interviewer")
    assert playback_worker.command() == ["/opt/interviewer/interviewer", "--playback-worker"]


def answers_stop_and_exits(w: Worker) -> None:
    """A worker started some way answers a stop, then exits cleanly when its stdin closes."""
    try:
        stop = w.send("stop")
        assert w.ack(stop)["state"] == "stopped"
        w.proc.stdin.close()
        assert w.proc.wait(WAIT_S) == 0
    finally:
        w.end()


def test_the_command_line_runs_the_worker_with_the_hidden_switch():
    answers_stop_and_exits(Worker([CLI, "--playback-worker"]))
    help_text = subprocess.run([CLI, "--help"], capture_output=True, text=True, timeout=60).stdout
    assert "playback" not in help_text  # hidden


def test_the_bundle_names_the_worker_and_its_entry_point_starts_it():
    assert '"interviewer_app.audio.playback_worker"' in (ROOT / "packaging" / "interviewer.spec").read_text()
    answers_stop_and_exits(Worker([sys.executable, str(ROOT / "packaging" / "entry.py"), "--playback-worker"]))  # as frozen
