"""No telemetry, no network: real CLI runs that use the voice activity detector (onnxruntime under
faster-whisper's Silero VAD) leave no device id in fresh user folders and open no internet socket.

onnxruntime 1.32 writes ~/.cache/Microsoft/DeveloperTools/.onnxruntime/{deviceid,onnxruntime.db}
as soon as it is imported and, about 10 s later, looks up mobile.events.data.microsoft.com to
upload. Native code like this bypasses tests/e2e/offline/sitecustomize.py (Python sockets only),
so the network half watches the system calls with strace.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.conftest import CLI

TELEMETRY_NAMES = ("microsoft", "deviceid", "onnxruntime.db", ".onnxruntime")
SENTENCES = ("First I would clarify the goal with the team. Then I would list three options and "
             "pick the one with the best impact for users. Finally I would measure adoption.")
# onnxruntime's uploader first fires about 10 s after it starts: a real-time replay must outlast it
LIVE_SECONDS = 11.0


@pytest.fixture
def fresh_env(tmp_path) -> dict[str, str]:
    """Empty HOME and XDG folders; the user's own telemetry opt-out is overridden to 'on' so the
    test proves the app turns it off itself."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "INTERVIEWER_"))}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_STATE_HOME=str(home / ".local/state"), INTERVIEWER_HOME=str(home / "interviewer"),
               ORT_DISABLE_TELEMETRY="0")
    return env


@pytest.fixture
def spoken_wav(tmp_path) -> Path:
    """Three espeak-ng sentences padded with silence to LIVE_SECONDS."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed: run scripts/install-system-deps.sh --test")
    raw = tmp_path / "raw.wav"
    subprocess.run(["espeak-ng", "-w", str(raw), SENTENCES], check=True)
    samples, rate = sf.read(raw, dtype="float32")
    pad = max(0, int(LIVE_SECONDS * rate) - len(samples))
    out = tmp_path / "answer.wav"
    sf.write(out, np.concatenate([samples, np.zeros(pad, dtype=np.float32)]), rate)
    return out


def telemetry_files(home: Path) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(home):
        for name in dirs + files:
            if name.lower() in TELEMETRY_NAMES or "microsoft" in name.lower():
                found.append(str(Path(folder, name).relative_to(home)))
    return found


def run_cli(*args, env, prefix=()):
    result = subprocess.run([*prefix, CLI, *args], capture_output=True, text=True, env=env, timeout=180)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def strace_usable() -> str | None:
    """None when strace can trace a child here, else why not."""
    if shutil.which("strace") is None:
        return "strace is not installed (scripts/install-system-deps.sh --test installs it)"
    probe = subprocess.run(["strace", "-f", "-o", os.devnull, "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"strace cannot trace processes here (ptrace not permitted: {probe.stderr.strip()[:120]})"
    return None


def internet_calls(trace: Path) -> list[str]:
    return [line for line in trace.read_text().splitlines() if "sa_family=AF_INET" in line]


def test_analyze_leaves_no_device_id_in_fresh_home(fresh_env, spoken_wav):
    out = run_cli("analyze", str(spoken_wav), "--json", env=fresh_env)
    assert '"transcript"' in out.stdout  # the VAD and the model really ran
    assert telemetry_files(Path(fresh_env["HOME"])) == []


def test_live_replay_opens_no_internet_connection(fresh_env, spoken_wav, tmp_path):
    why_not = strace_usable()
    if why_not:
        pytest.skip(why_not)
    trace = tmp_path / "strace.txt"
    run_cli("analyze", str(spoken_wav), "--json", "--live-sim", env=fresh_env,
            prefix=("strace", "-f", "-e", "trace=connect,sendto,sendmsg", "-o", str(trace)))
    assert trace.stat().st_size > 0  # strace did record the run
    assert internet_calls(trace) == []
    assert telemetry_files(Path(fresh_env["HOME"])) == []


def test_vad_turns_telemetry_off_for_any_caller(fresh_env):
    """The desktop app's answers reach the VAD through audio.activity too: the guard there holds
    even when no entry point (CLI main, ui.app.run_app) ran first."""
    code = ("import numpy as np, sys; from interviewer_app.audio.activity import speech_regions; "
            "speech_regions(np.zeros(16000, dtype=np.float32)); "
            "print('onnxruntime' in sys.modules)")
    python = str(Path(CLI).parent / "python")
    result = subprocess.run([python, "-c", code], capture_output=True, text=True, env=fresh_env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"  # the VAD really loaded onnxruntime
    assert telemetry_files(Path(fresh_env["HOME"])) == []
