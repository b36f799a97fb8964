"""Shared test setup: every test gets its own data, config and cache folders (never the user's)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
CLI = str(VENV_BIN / "interviewer-app")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "interviewer-home"
    monkeypatch.setenv("INTERVIEWER_HOME", str(home))
    for var in ("INTERVIEWER_DATA_DIR", "INTERVIEWER_CONFIG_DIR", "INTERVIEWER_CACHE_DIR", "INTERVIEWER_LOG_DIR"):
        monkeypatch.delenv(var, raising=False)
    return home


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    return env


# -- spoken answers (espeak-ng) and audio files, for e2e and UI tests -------------------------
@pytest.fixture(scope="session")
def strong_answer():
    from tests.fixtures.speech import espeak_available, synthesize

    if not espeak_available():
        pytest.fail("espeak-ng is not installed: run scripts/install-system-deps.sh --test")
    return synthesize("strong_onboarding")


@pytest.fixture(scope="session")
def jump_answer():
    from tests.fixtures.speech import synthesize

    return synthesize("jump_to_options")


@pytest.fixture
def convert(tmp_path):
    """convert(src, ".mp3", rate=44100, channels=2) -> a new file made with ffmpeg."""
    if shutil.which("ffmpeg") is None:
        pytest.fail("ffmpeg is not installed: run scripts/install-system-deps.sh --test")

    def _convert(src, suffix, rate=44100, channels=2):
        out = tmp_path / f"{src.stem}-{rate}-{channels}{suffix}"
        subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(src), "-ar", str(rate),
                        "-ac", str(channels), str(out)], check=True)
        return out
    return _convert


@pytest.fixture
def write_wav(tmp_path):
    def _write(name, samples, rate=16000):
        path = tmp_path / name
        sf.write(path, np.asarray(samples, dtype=np.float32), rate)
        return path
    return _write


def pytest_sessionfinish(session, exitstatus):
    """Tear Qt down while Python is still fully alive: PySide6 can abort in the interpreter's
    final garbage collection when Qt objects (media players, audio streams) outlive the app."""
    import gc

    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:
        return
    app = QApplication.instance()
    if app is None:
        return
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    app.processEvents()
    gc.collect()
    app.processEvents()
