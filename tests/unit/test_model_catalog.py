"""Speech models beyond the bundled one (issue 23): `interviewer-app models`, `models download`
through faster-whisper's own downloader against a slow stand-in hub on localhost (never the
internet), the downloaded model loaded and used offline, and what a saved choice that is gone says."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from interviewer_app.transcribe.catalog import CHOICES, download_progress, is_downloaded, unavailable
from interviewer_app.transcribe.models import bundled_model_path
from tests.fixtures.fake_hub import FakeHub


def run_cli(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "interviewer_app", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL)


def test_models_lists_every_choice_with_its_size_and_whether_it_is_here(tmp_path):
    listed = json.loads(run_cli("models", "--json", "--into", str(tmp_path)).stdout)
    rows = {r["name"]: r for r in listed["models"]}
    assert list(rows) == [c.name for c in CHOICES]
    assert rows["tiny.en"]["bundled"] and rows["tiny.en"]["on_this_computer"]
    assert not rows["base.en"]["on_this_computer"] and rows["base.en"]["size_mb"] == 145
    text = run_cli("models", "--into", str(tmp_path)).stdout
    assert "base.en" in text and "not downloaded" in text and "Settings › Speech model" in text


def test_a_model_downloads_through_faster_whisper_and_then_works_offline(tmp_path):
    models = tmp_path / "models"
    with FakeHub(bundled_model_path(), delay_s=0.01) as hub:
        done = run_cli("models", "download", "base.en", "--into", str(models), env={"HF_ENDPOINT": hub.url})
    assert done.returncode == 0, done.stderr
    folder = Path(done.stdout.strip().splitlines()[-1])
    assert (folder / "model.bin").stat().st_size == (bundled_model_path() / "model.bin").stat().st_size
    assert is_downloaded("base.en", models) and unavailable("base.en", models) is None
    got, total = download_progress("base.en", models)
    assert got == total == hub.total_bytes  # the total came from the file list the downloader saved
    assert any("/api/models/Systran/faster-whisper-base.en/" in r for r in hub.requests)
    # the hub is gone: the model is found and loaded from the folder, with no network
    from interviewer_app.transcribe.engine import Transcriber

    t = Transcriber("base.en", models)
    assert t.model_name == "base.en" and t.load() is not None


def test_download_errors_are_one_line_without_a_traceback(tmp_path):
    unknown = run_cli("models", "download", "huge.en", "--into", str(tmp_path))
    assert unknown.returncode != 0 and "unknown model 'huge.en'" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    # nothing listens on this port: as with no internet
    offline = run_cli("models", "download", "base.en", "--into", str(tmp_path),
                      env={"HF_ENDPOINT": "http://127.0.0.1:9", "HF_HUB_ETAG_TIMEOUT": "2"})
    assert offline.returncode != 0 and "could not download model 'base.en'" in offline.stderr
    assert "Traceback" not in offline.stderr and not is_downloaded("base.en", tmp_path)
    bundled = run_cli("models", "download", "tiny.en", "--into", str(tmp_path))
    assert bundled.returncode == 0 and "comes with the app" in bundled.stderr


def test_a_saved_choice_that_is_gone_says_so_and_names_the_way_back(tmp_path):
    assert unavailable("tiny.en", tmp_path) is None
    gone = unavailable("small.en", tmp_path)
    assert "small.en is no longer on this computer" in gone and "Settings › Speech model" in gone
    folder = tmp_path / "my-model"
    assert "missing or has no model.bin" in unavailable(str(folder), tmp_path)
    shutil.copytree(bundled_model_path(), folder)
    assert unavailable(str(folder), tmp_path) is None


def test_progress_counts_what_is_on_disk_against_the_catalogue_before_the_file_list(tmp_path):
    blobs = tmp_path / "models--Systran--faster-whisper-small.en" / "blobs"
    blobs.mkdir(parents=True)
    (blobs / "abc.incomplete").write_bytes(b"x" * 1000)
    assert download_progress("small.en", tmp_path) == (1000, 484_000_000)


@pytest.mark.parametrize("spec", ["base.en", "distil-small.en"])
def test_nothing_is_downloaded_without_asking(tmp_path, spec):
    """Resolving a model that is not here never fetches it: the app checks before it loads."""
    from interviewer_app.transcribe.models import resolve_model

    source = resolve_model(spec, tmp_path)
    assert source.path is None and source.download_name == spec
    assert not any(tmp_path.iterdir())
