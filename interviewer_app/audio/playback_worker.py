"""Play spans of an audio file in a child process, driven by JSON lines on stdin (no Qt).

The desktop app plays recordings through this program rather than in its own process, so no
audio-server stall can hold up or deadlock the window: a worker that does not answer is killed
and a fresh one started. One command per stdin line, a JSON object:

    {"id": 1, "cmd": "play", "file": "/x.flac", "start": 1500, "end": null}   ms; end null = to the end
    {"id": 2, "cmd": "pause"}      {"id": 3, "cmd": "resume"}     {"id": 4, "cmd": "seek", "ms": 900}
    {"id": 5, "cmd": "stop"}       {"cmd": "quit"}

Every command is answered once it is done with {"ack": id, "state": ..., "pos": ms}, where state
is "playing", "paused" or "stopped"; an acknowledged pause or stop means the output stream was
aborted: nothing more is heard. While playing, {"pos": ms} about every 50 ms; at the end of the
span {"state": "ended", "pos": ms}; a failure {"ack": id, "state": "stopped", "error": "one line"}.
The worker exits as soon as stdin closes (the app quit or died) or on "quit", even when the audio
server does not answer. Output goes to PortAudio's default device, as the recorder's input does.
"""

from __future__ import annotations

import json
import os
import queue
import sys
import threading

REPORT_S = 0.05  # position lines at most this often while playing
BLOCK_S = 0.05  # audio written per blocking write
LATENCY_S = 0.2  # the device buffer: room for a busy machine (a stop aborts it, nothing of it is heard)
WORKER_FLAG = "--playback-worker"  # argv[1] of the frozen app's program that runs this worker


def command() -> list[str]:
    """How to start the worker: the frozen bundle's own program with WORKER_FLAG, else this module."""
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_FLAG]
    return [sys.executable, "-m", "interviewer_app.audio.playback_worker"]


class _Out:
    """Writes one JSON object per line to stdout, from any thread."""

    def __init__(self, stream):
        self._stream = stream
        self._lock = threading.Lock()

    def send(self, **message) -> None:
        line = json.dumps(message, separators=(",", ":")) + "\n"
        with self._lock:
            try:
                self._stream.write(line)
                self._stream.flush()
            except (BrokenPipeError, ValueError):
                os._exit(0)  # the app is gone


class _Player:
    """Runs on the audio thread: one file open, one output stream, blocking writes of BLOCK_S."""

    def __init__(self, out: _Out):
        self.out = out
        self.file = None  # soundfile.SoundFile
        self.path = ""
        self.stream = None  # sounddevice.OutputStream
        self.playing = False
        self.end_frame = 0
        self.span_start = 0
        self.stopped_ms = 0  # where the last stop left the file

    # -- commands -----------------------------------------------------------------------------
    def handle(self, msg: dict) -> None:
        cmd, ident = msg.get("cmd"), msg.get("id")
        try:
            if cmd == "play":
                self.stopped_ms = 0
                self._open(str(msg["file"]))
                self.span_start = self._frame(msg.get("start") or 0)
                end = msg.get("end")
                self.end_frame = self.file.frames if end is None else min(self.file.frames, self._frame(end))
                self.file.seek(min(self.span_start, self.file.frames))
                self._start()
            elif cmd == "resume":
                if self.file is not None and self.file.tell() < self.end_frame:
                    self.span_start = self.file.tell()
                    self._start()
            elif cmd == "pause":
                self._silence()
            elif cmd == "stop":
                self._silence()
                self.stopped_ms = self._pos()
                self._close()
            elif cmd == "seek":
                if self.file is not None:
                    self.span_start = min(self._frame(msg.get("ms") or 0), self.file.frames)
                    self.file.seek(self.span_start)
            else:
                raise ValueError(f"unknown command {cmd!r}")
        except Exception as exc:  # noqa: BLE001 - reported to the app as one line, the worker goes on
            self._silence()
            text = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
            self.out.send(ack=ident, state="stopped", pos=self._pos(), error=text)
            return
        self.out.send(ack=ident, state=self._state(), pos=self._pos())

    # -- playing ------------------------------------------------------------------------------
    def write_block(self) -> None:
        """Write the next BLOCK_S of the span (blocks while the device's buffer is full)."""
        frames = min(max(1, int(self.file.samplerate * BLOCK_S)), self.end_frame - self.file.tell())
        if frames <= 0:
            self.stream.stop()  # lets what is buffered be heard
            self.playing = False
            self.out.send(state="ended", pos=self._pos())
            return
        block = self.file.read(frames, dtype="float32", always_2d=True)
        if len(block) == 0:
            self.end_frame = self.file.tell()
            return
        self.stream.write(block)

    def heard_ms(self) -> int:
        """What is heard now: what was written, less what still waits in the device's buffer."""
        if self.file is None:
            return 0
        latency = float(self.stream.latency) if self.stream is not None and self.playing else 0.0
        frame = max(self.span_start if self.playing else 0, self.file.tell() - int(latency * self.file.samplerate))
        return int(frame * 1000 / self.file.samplerate)

    # -- internals ----------------------------------------------------------------------------
    def _frame(self, ms) -> int:
        return max(0, int(float(ms) * self.file.samplerate / 1000))

    def _open(self, path: str) -> None:
        if self.file is not None and path == self.path:
            return
        import soundfile

        self._close()
        self.file, self.path = soundfile.SoundFile(path), path

    def _start(self) -> None:
        sd = _sounddevice()
        rate, channels = self.file.samplerate, self.file.channels
        if self.stream is not None and (self.stream.samplerate != rate or self.stream.channels != channels):
            self._silence()
            self.stream.close(ignore_errors=True)
            self.stream = None
        if self.stream is None:
            self.stream = sd.OutputStream(samplerate=rate, channels=channels, dtype="float32",
                                         latency=LATENCY_S)
        if not self.stream.active:
            self.stream.start()
        self.playing = True

    def _silence(self) -> None:
        """Abort the stream (what it buffered is dropped: silent when this returns) and go back
        to what was heard, so a resume goes on from there."""
        heard = self.heard_ms() if self.playing else None
        self.playing = False
        if self.stream is not None and self.stream.active:
            self.stream.abort()
        if heard is not None and self.file is not None:
            self.file.seek(min(self._frame(heard), self.file.frames))

    def _close(self) -> None:
        if self.file is not None:
            self.file.close()
        self.file, self.path = None, ""

    def _state(self) -> str:
        if self.playing:
            return "playing"
        return "paused" if self.file is not None else "stopped"

    def _pos(self) -> int:
        return self.heard_ms() if self.file is not None else self.stopped_ms


def _sounddevice():
    try:
        import sounddevice
    except OSError:
        raise RuntimeError("the audio library PortAudio is missing; install it "
                           "(Debian/Ubuntu: sudo apt install libportaudio2)") from None
    return sounddevice


def _audio_loop(commands: queue.Queue, player: _Player) -> None:
    import time

    last_report = 0.0
    while True:
        try:
            msg = commands.get_nowait() if player.playing else commands.get()
        except queue.Empty:
            msg = None
        if msg is not None:
            player.handle(msg)
            continue
        try:
            player.write_block()
        except Exception as exc:  # noqa: BLE001 - e.g. the device went away
            player.handle({"cmd": "pause"})
            player.out.send(state="paused", pos=player.heard_ms(), error=str(exc).strip()[:200])
            continue
        now = time.monotonic()
        if player.playing and now - last_report >= REPORT_S:
            last_report = now
            player.out.send(pos=player.heard_ms())


def main(stdin=None, stdout=None) -> int:
    """Read commands until stdin closes or "quit", then exit at once (even if audio is stuck)."""
    stdin = stdin or sys.stdin
    out = _Out(stdout or sys.stdout)
    commands: queue.Queue = queue.Queue()
    player = _Player(out)
    threading.Thread(target=_audio_loop, args=(commands, player), name="audio", daemon=True).start()
    out.send(state="ready")
    for line in stdin:
        line = line.strip()
        if not line:
            continue
        try:
            msg = json.loads(line)
        except ValueError:
            out.send(error=f"not a JSON command: {line[:80]!r}")
            continue
        if not isinstance(msg, dict):
            out.send(error="a command is a JSON object")
            continue
        if msg.get("cmd") == "quit":
            break
        commands.put(msg)
    out.send(state="quit")
    os._exit(0)  # the audio thread may be blocked on the audio server: do not wait for it


if __name__ == "__main__":
    main()
