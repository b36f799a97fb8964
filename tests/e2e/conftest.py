"""End-to-end fixtures: spoken answers made with espeak-ng (cached), and audio format conversion."""

import shutil
import subprocess

import numpy as np
import pytest
import soundfile as sf

from tests.fixtures.speech import espeak_available, synthesize

pytestmark = pytest.mark.e2e


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def strong_answer():
    if not espeak_available():
        pytest.fail("espeak-ng is not installed: run scripts/install-system-deps.sh --test")
    return synthesize("strong_onboarding")


@pytest.fixture(scope="session")
def jump_answer():
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
