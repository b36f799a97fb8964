"""What the terminal commands share: one-line messages on stderr, `safe` for any recorded or user
text printed (no terminal escapes), the --device argument, and waiting for the end of an answer
being recorded (Enter, or --seconds of audio)."""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import TYPE_CHECKING

from interviewer_app.core.models import format_clock
from interviewer_app.core.safe_text import printable as safe  # every line printed goes through it

if TYPE_CHECKING:  # annotations only: `analyze` needs no audio stack
    from interviewer_app.audio.recorder import Recorder
    from interviewer_app.transcribe.live import LiveTranscriber


def say(message: str) -> None:
    print(f"interviewer-app: {safe(message)}", file=sys.stderr, flush=True)


def device_arg(text: str | None) -> int | str | None:
    """--device: an index (digits) or a name."""
    return int(text) if text and text.isdigit() else text


def wait_for_stop(recorder: Recorder, seconds: float | None, live: LiveTranscriber | None = None) -> None:
    """Until Enter (seconds None) or that much audio, or the microphone fails. With `live`, each
    stretch of the answer is printed once it is final, and live notices once each."""
    if seconds is None:
        done = threading.Event()
        threading.Thread(target=lambda: (sys.stdin.readline(), done.set()), daemon=True).start()
    shown, notices = 0, set()
    while True:
        if live is not None:  # print each stretch of the answer once it is final
            snap = live.snapshot()
            for segment in snap.final[shown:]:
                say(f"  [{format_clock(segment.start)}] {segment.text}")
            shown = len(snap.final)
            if snap.notice and snap.notice not in notices:
                say(snap.notice)
                notices.add(snap.notice)
        status = recorder.status()
        if status.error or (seconds is not None and status.seconds >= seconds):
            return
        if seconds is None and done.is_set():
            return
        time.sleep(0.05)  # polling the recorder's audio clock; not used for timing results


def settle(threads: list[threading.Thread], what: str) -> None:
    """After Ctrl+C: let the model loads and transcriptions still running finish, so that no thread
    is inside the model while Python shuts down (that crashes). A second Ctrl+C leaves at once,
    skipping Python's shutdown; what is stored stays (SQLite writes are atomic)."""
    busy = [t for t in threads if t.is_alive()]
    if not busy:
        return
    say(f"{what} (Ctrl+C again to leave now)")
    try:
        for thread in busy:
            thread.join()
    except KeyboardInterrupt:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
