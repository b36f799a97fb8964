"""Warnings about the recording itself, through the real CLI on real files: a WAV whose data
ends before its header says, an answer clipped by too much gain, and white noise (not silence);
and saving an answer whose file name is not UTF-8, or onto a read-only mount."""

import json
import os
import shutil
import sqlite3
import struct
import subprocess

import pytest
import soundfile as sf

from tests.conftest import CLI
from tests.fixtures.disks import mounted_tmpfs


def analyze(path, *args):
    result = subprocess.run([CLI, "analyze", str(path), *args], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def analyze_json(path):
    return json.loads(analyze(path, "--json").stdout)


def sox(*args):
    if shutil.which("sox") is None:
        pytest.fail("sox is not installed: run scripts/install-system-deps.sh --test")
    subprocess.run(["sox", "-V1", *map(str, args)], check=True)


def test_a_wav_cut_short_is_analysed_with_a_warning(jump_answer, tmp_path):
    data = jump_answer.wav.read_bytes()
    start = data.index(b"data") + 8
    promised = struct.unpack("<I", data[start - 4:start])[0]
    info = sf.info(str(jump_answer.wav))
    bytes_per_s = info.samplerate * info.channels * 2
    cut = tmp_path / "cut-short.wav"
    cut.write_bytes(data[: start + int(2.0 * bytes_per_s)])  # the header still promises it all

    d = analyze_json(cut)
    promised_s = promised / bytes_per_s
    assert d["duration_s"] == pytest.approx(2.0, abs=0.05)
    ends_early = [w for w in d["warnings"] if "ends early" in w]
    assert ends_early == [f"the file ends early: its header promises {promised_s:.1f} s but only 2.0 s "
                          "of audio is there; the rest may be lost — analysing what is there"]
    assert "ends early" in analyze(cut).stdout  # the text report shows it too

    whole = analyze_json(jump_answer.wav)
    assert not any("ends early" in w for w in whole["warnings"])


def test_a_clipped_answer_is_called_clipped(strong_answer, tmp_path):
    loud = tmp_path / "too-loud.wav"
    sox(strong_answer.wav, loud, "gain", 20)
    d = analyze_json(loud)
    assert any("clipped (too loud)" in w and "lower the input gain" in w for w in d["warnings"])

    clean = analyze_json(strong_answer.wav)
    assert not any("clipped" in w for w in clean["warnings"])


def test_white_noise_is_called_noise_not_silence(tmp_path):
    noise = tmp_path / "hiss.wav"
    sox("-n", "-r", 16000, "-c", 1, noise, "synth", 6, "whitenoise", "vol", 0.3)
    d = analyze_json(noise)
    assert d["no_speech"] is True
    assert any("holds only noise" in w for w in d["warnings"])
    assert not any("silent or too quiet" in w for w in d["warnings"])

    silence = tmp_path / "silence.wav"
    sox("-n", "-r", 16000, "-c", 1, silence, "trim", 0, 6)
    quiet = analyze_json(silence)
    assert any("silent or too quiet" in w for w in quiet["warnings"])
    assert not any("noise" in w for w in quiet["warnings"])


def test_a_file_name_that_is_not_utf8_is_analysed_and_saved(jump_answer, tmp_path, isolated_home):
    odd = os.fsencode(tmp_path) + b"/\xff-answer.wav"  # Latin-1 bytes from an old archive
    shutil.copyfile(jump_answer.wav, odd)
    # a strict UTF-8 stdout (as under some locales) cannot write the name's raw byte
    result = subprocess.run([CLI, "analyze", odd, "--save"], capture_output=True, timeout=300,
                            env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, stderr
    assert "Traceback" not in stderr and "unexpected error" not in stderr
    assert "\ufffd-answer.wav" in result.stdout.decode("utf-8")

    data = isolated_home / "data"
    with sqlite3.connect(data / "interviewer.sqlite3") as db:
        rows = db.execute("SELECT source_path, audio_path FROM attempts").fetchall()
    assert len(rows) == 1 and rows[0][0].endswith("\ufffd-answer.wav")
    assert sorted(p.relative_to(data).as_posix() for p in (data / "recordings").iterdir()) == [rows[0][1]]


@pytest.fixture
def read_only_data(tmp_path):
    for mount in mounted_tmpfs(tmp_path / "ro", "1m"):
        (mount / "data" / "recordings").mkdir(parents=True)
        env = dict(os.environ, INTERVIEWER_DATA_DIR=str(mount / "data"))
        subprocess.run([CLI, "history"], env=env, check=True, capture_output=True)  # the database
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield mount / "data", env


def test_saving_onto_a_read_only_mount_is_one_clear_line(jump_answer, read_only_data):
    data, env = read_only_data
    before = sorted(p.name for p in data.rglob("*"))
    result = subprocess.run([CLI, "analyze", str(jump_answer.wav), "--save"], capture_output=True,
                            text=True, timeout=300, env=env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"interviewer-app: error: cannot save the recording: {data / 'recordings'} is read-only; set "
        "INTERVIEWER_DATA_DIR to a folder you can write to"]
    assert sorted(p.name for p in data.rglob("*")) == before
