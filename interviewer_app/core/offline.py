"""Keeps third-party libraries from phoning home: their telemetry switches, set in one place.

onnxruntime (loaded by faster-whisper's Silero VAD) ships Microsoft's 1DS telemetry on by default:
on import, 1.32 writes a device id and an event database under
~/.cache/Microsoft/DeveloperTools/.onnxruntime, and about 10 s later it looks up
mobile.events.data.microsoft.com to upload. Its only complete switch is the environment variable
ORT_DISABLE_TELEMETRY, read once when the library loads, so `disable_telemetry()` must run before
onnxruntime is imported: the CLI and the desktop app call it first thing, and `import_onnxruntime()`
(used right before every VAD session) calls it again in case another entry point forgot.
The user's own value is overridden: the app promises no telemetry, whatever the environment says.
tests/e2e/test_no_telemetry.py proves it with real runs under fresh home folders and strace.
"""

from __future__ import annotations

import os

TELEMETRY_OFF = {
    "ORT_DISABLE_TELEMETRY": "1",  # onnxruntime: no device id file, no events, no uploader
    "HF_HUB_DISABLE_TELEMETRY": "1",  # huggingface_hub (only used when a user fetches another model)
}


def disable_telemetry() -> None:
    """Turn third-party telemetry off for this process and its children. Cheap and idempotent."""
    os.environ.update(TELEMETRY_OFF)


def import_onnxruntime():
    """onnxruntime with its telemetry off; call before creating any onnxruntime session.

    Should something have imported onnxruntime before the switch was set, the variable comes too
    late; the library's own call then at least stops its non-essential events."""
    disable_telemetry()
    import onnxruntime

    onnxruntime.disable_telemetry_events()
    return onnxruntime
