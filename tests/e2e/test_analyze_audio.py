"""`interviewer-app analyze` on spoken answers, with the real tiny.en model and real audio files."""

import json
import os
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from interviewer_app.core.steps import STEP_KEYS
from tests.conftest import CLI

OFFLINE = str(Path(__file__).parent / "offline")


def analyze(path, *args, env=None):
    result = subprocess.run([CLI, "analyze", str(path), "--json", *args], capture_output=True,
                            text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def words(text):
    return re.sub(r"[^a-z0-9 ]", " ", text.lower()).split()


def word_error_rate(ref, hyp):
    import jiwer

    return jiwer.wer(" ".join(words(ref)), " ".join(words(hyp)))


@pytest.fixture(scope="module")
def strong_result(strong_answer):
    return analyze(strong_answer.wav, "--prompt", strong_answer.prompt, "--budget", "50")


def test_every_step_said_is_heard_when_it_was_said(strong_answer, strong_result):
    d = strong_result
    assert d["model"] == "tiny.en"
    assert word_error_rate(strong_answer.text, d["transcript"]) < 0.15
    first = {}  # each step's first labelled sentence: when it was first said
    for sentence in strong_answer.sentences:
        for step in sentence.steps:
            first.setdefault(step, sentence)
    for step, sentence in first.items():
        got = d["steps"][step]
        assert got["heard"], f"{step} not heard in: {sentence.text}"
        assert abs(got["first_s"] - sentence.start) < 1.0, (step, got["first_s"], sentence.start)
        ev = got["evidence"][0]
        assert ev["start"] <= ev["cue_start"] < ev["cue_end"] <= ev["end"] + 0.01
        assert ev["cue"].lower().split()[0] in ev["text"].lower()
    assert d["missing_steps"] == [] and d["jumped_to_options"] is False


def test_pacing_matches_the_true_timeline(strong_answer, strong_result):
    p = strong_result["pacing"]
    truth = strong_answer.sentences
    assert p["think_time_s"] == pytest.approx(truth[0].start, abs=0.3)
    long_pauses = [x for x in p["pauses"] if x["long"]]
    assert len(long_pauses) == 1  # the 5 s pause after the bottleneck sentence
    assert long_pauses[0]["start"] == pytest.approx(truth[3].end, abs=0.3)
    assert long_pauses[0]["duration"] == pytest.approx(5.0, abs=0.4)
    assert p["longest_pause_s"] == pytest.approx(5.0, abs=0.4)
    true_words = sum(len(s.text.split()) for s in truth)
    true_wpm = true_words / ((truth[-1].end - truth[0].start) / 60)
    assert p["wpm"] == pytest.approx(true_wpm, rel=0.1)


def test_overtime_and_the_step_being_spoken_when_time_ran_out(strong_answer, strong_result):
    p = strong_result["pacing"]
    end = strong_answer.sentences[-1].end
    assert strong_result["budget_s"] == 50
    assert p["over_budget"] is True and p["over_at_s"] == 50
    assert p["overtime_s"] == pytest.approx(end - 50, abs=0.5)
    at_50 = next(s for s in strong_answer.sentences if s.start <= 50 <= s.end + 0.6)
    assert p["over_at_step"] == at_50.steps[0]


def test_options_before_framing_is_flagged(jump_answer):
    d = analyze(jump_answer.wav)
    assert d["jumped_to_options"] is True
    assert d["steps"]["options"]["first_s"] < d["steps"]["restate"]["first_s"]
    assert "map" in d["missing_steps"] and "risks" in d["missing_steps"]


@pytest.mark.parametrize("suffix", [".flac", ".ogg", ".mp3", ".m4a"])
def test_any_common_format_rate_and_channel_count(jump_answer, convert, suffix):
    path = convert(jump_answer.wav, suffix, rate=44100, channels=2)
    d = analyze(path)
    assert word_error_rate(jump_answer.text, d["transcript"]) < 0.2
    assert d["duration_s"] == pytest.approx(jump_answer.duration_s, abs=0.1)


def test_48khz_mono_wav(jump_answer, convert):
    d = analyze(convert(jump_answer.wav, ".wav", rate=48000, channels=1))
    assert word_error_rate(jump_answer.text, d["transcript"]) < 0.2


def test_8khz_telephone_band_wav_is_decoded(jump_answer, convert):
    # 8 kHz removes everything above 4 kHz, so accuracy drops; decoding and timing must not.
    d = analyze(convert(jump_answer.wav, ".wav", rate=8000, channels=1))
    assert d["duration_s"] == pytest.approx(jump_answer.duration_s, abs=0.1)
    assert len(d["transcript"].split()) > 20


def test_silence_gives_a_no_speech_result(write_wav):
    d = analyze(write_wav("silent.wav", np.zeros(16000 * 5)), "--budget", "60")
    assert d["no_speech"] is True and d["transcript"] == ""
    assert d["steps_heard"] == 0 and list(d["steps"]) == list(STEP_KEYS)
    assert any("no speech was heard" in w for w in d["warnings"])
    assert d["pacing"]["over_budget"] is False


def test_noise_only_gives_no_feedback_and_no_crash(write_wav):
    rng = np.random.default_rng(0)
    d = analyze(write_wav("noise.wav", 0.1 * rng.standard_normal(16000 * 6)))
    assert d["steps_heard"] == 0
    assert d["no_speech"] or d["warnings"]


def test_runs_with_the_network_blocked(jump_answer, tmp_path):
    log = tmp_path / "network.log"
    env = {**os.environ, "PYTHONPATH": OFFLINE, "NETWORK_ATTEMPTS_LOG": str(log)}
    probe = subprocess.run([str(Path(CLI).parent / "python"), "-c",
                            "import socket; socket.create_connection(('127.0.0.1', 9))"],
                           capture_output=True, text=True, env=env)
    assert probe.returncode != 0 and log.exists()  # the blocker itself works
    log.unlink()
    d = analyze(jump_answer.wav, env=env)
    assert d["steps"]["options"]["heard"]
    assert not log.exists(), log.read_text()


def test_saved_attempt_keeps_the_audio(jump_answer, isolated_home):
    d = analyze(jump_answer.wav, "--save", "--company", "sixty")
    rows = json.loads(subprocess.run([CLI, "history", "--json"], capture_output=True, text=True).stdout)
    assert rows[0]["id"] == d["attempt_id"]
    audio, rate = sf.read(isolated_home / "data" / rows[0]["audio_path"])
    assert rate == 16000 and len(audio) / rate == pytest.approx(jump_answer.duration_s, abs=0.1)
