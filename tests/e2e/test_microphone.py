"""Through a real audio stack: PulseAudio's virtual microphone (scripts/virtual-mic.sh) fed with a
spoken answer, recorded by `interviewer-app practice` via sounddevice/PortAudio, transcribed by
tiny.en. The test starts playback when the app says it is recording, so nothing depends on sleeps."""

import json
import os
import subprocess

import pytest
import soundfile as sf

from interviewer_app.services.answer_session import words_changed
from tests.conftest import CLI, ROOT

pytestmark = pytest.mark.audio_stack


@pytest.fixture(scope="module", autouse=True)
def virtual_mic():
    if not os.environ.get("PULSE_SERVER"):
        pytest.fail("no virtual microphone: run through scripts/test.sh (it starts scripts/virtual-mic.sh)")
    status = subprocess.run(["bash", str(ROOT / "scripts/virtual-mic.sh"), "status"], capture_output=True, text=True)
    assert status.returncode == 0, status.stdout + status.stderr


def test_devices_lists_the_virtual_microphone():
    devices = json.loads(subprocess.run([CLI, "devices", "--json"], capture_output=True, text=True, check=True).stdout)
    assert any(d["is_default"] for d in devices)


def test_practice_records_the_microphone_and_gives_feedback(jump_answer, isolated_home):
    seconds = jump_answer.duration_s + 1.5
    app = subprocess.Popen([CLI, "practice", "--prompt", jump_answer.prompt, "--seconds", f"{seconds:.1f}",
                            "--json", "--company", "sixty"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    for line in app.stderr:
        lines.append(line)
        if "recording" in line:
            break
    else:
        pytest.fail("".join(lines))
    subprocess.run(["bash", str(ROOT / "scripts/play-into-mic.sh"), str(jump_answer.wav)], check=True)
    out, err = app.communicate(timeout=300)
    assert app.returncode == 0, "".join(lines) + err
    d = json.loads(out)
    words = lambda s: s.lower().replace(",", "").replace(".", "").split()  # noqa: E731
    assert len(set(words(d["transcript"])) & set(words(jump_answer.text))) > 0.8 * len(set(words(jump_answer.text)))
    assert d["jumped_to_options"] is True and d["steps"]["restate"]["heard"]
    audio, rate = sf.read(d["recording"])
    assert len(audio) / rate == pytest.approx(seconds, abs=0.15)
    assert d["attempt_id"] == 1
    # Transcribed while spoken (what is final is printed as it goes; how much depends on speed).
    assert d["live"]["decodes_while_recording"] >= 1 and d["live"]["kept_up"] is True
    live_lines = [ln for ln in err.splitlines() if ln.startswith("interviewer-app:   [0:")]
    assert all(ln.split("] ", 1)[1].strip() for ln in live_lines)
    # the full pass is what history keeps; where it reads other words, that is said
    full = json.loads(subprocess.run([CLI, "analyze", d["recording"], "--json"], capture_output=True,
                                     text=True, check=True).stdout)["transcript"]
    stored = json.loads(subprocess.run([CLI, "export", "1", "--format", "json"], capture_output=True,
                                       text=True, check=True).stdout)["transcript"]
    assert stored == full
    said = "attempt 1: Transcript refined with a full pass over the recording" in err
    assert said == bool(words_changed(d["transcript"], full)), err
    assert list((isolated_home / "data" / "recordings").glob("*.pcm")) == []


def test_practice_without_a_terminal_needs_seconds():
    result = subprocess.run([CLI, "practice"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and "give --seconds N" in result.stderr and "Traceback" not in result.stderr
