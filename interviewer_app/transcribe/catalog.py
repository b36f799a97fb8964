"""The speech models a user can choose (Settings › Speech model, `interviewer-app models`): what
each costs to download and to run, whether it is on this computer, and how far a download has got.

Only the bundled tiny.en is ever used without a click. Every other English model is fetched by
faster-whisper's own downloader (`transcribe/models.download`) into the app's models folder, in
a separate process the app can stop (`fetch_command`), and only when the user asks for it.

Sizes are the download sizes of the faster-whisper (CTranslate2) model files; the running cost is
relative to tiny.en, estimated from each model's size and number of decoder layers (the distilled
models keep two decoder layers, which is most of the work on a CPU): not measured on this machine,
where no model but tiny.en can be fetched. The dialog turns it into seconds with the speed tiny.en
(or the model in use) really had on this computer.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from interviewer_app.transcribe.models import DEFAULT_MODEL

ANSWER_S = 180  # the expected time is said for a 3-minute answer
# the files faster-whisper's downloader takes from a model's repository (faster_whisper.utils)
FETCHED = ("config.json", "preprocessor_config.json", "model.bin", "tokenizer.json", "vocabulary.*")


@dataclass(frozen=True)
class ModelChoice:
    name: str
    size_mb: int
    cost: float  # compute per second of audio, relative to tiny.en
    note: str

    @property
    def bundled(self) -> bool:
        return self.name == DEFAULT_MODEL


CHOICES: tuple[ModelChoice, ...] = (
    ModelChoice(DEFAULT_MODEL, 75, 1.0, "bundled: works offline from the first start; the fastest, and the "
                "least accurate (it mishears metric names and drops most fillers)"),
    ModelChoice("base.en", 145, 2.0, "about twice tiny.en's work; fewer misheard words"),
    ModelChoice("distil-small.en", 336, 3.5, "a distilled small model: most of small.en's accuracy at "
                "about half its cost"),
    ModelChoice("small.en", 484, 6.0, "clearly more accurate than tiny.en; slow on a laptop without a GPU"),
    ModelChoice("distil-medium.en", 789, 8.0, "a distilled medium model; for fast computers"),
    ModelChoice("medium.en", 1530, 18.0, "the most accurate English model offered; minutes per answer on a CPU"),
)
CHOICES_BY_NAME = {c.name: c for c in CHOICES}


def expected_seconds(cost: float, measured_rtf: float | None, measured_cost: float = 1.0,
                     answer_s: float = ANSWER_S) -> float | None:
    """Seconds to transcribe `answer_s` of speech with a model of relative `cost`, from the
    real-time factor a model of cost `measured_cost` had on this computer (None when nothing was
    measured yet)."""
    if not measured_rtf:
        return None
    return answer_s * measured_rtf * cost / measured_cost


def repo_folder(name: str, models_dir: Path) -> Path:
    """Where faster-whisper's downloader keeps a named model inside the models folder."""
    from faster_whisper.utils import _MODELS

    repo = _MODELS.get(name, name)
    return models_dir / ("models--" + repo.replace("/", "--"))


def is_downloaded(name: str, models_dir: Path) -> bool:
    """A complete copy is in the models folder (asked of faster-whisper, without any network)."""
    from interviewer_app.transcribe.models import _cached_model

    return name == DEFAULT_MODEL or _cached_model(name, models_dir) is not None


def download_progress(name: str, models_dir: Path) -> tuple[int, int | None]:
    """(bytes on disk, bytes expected) for a download under way or stopped part way. The total is
    the file list the downloader saved before it began (its `trees/*.json`), else the catalogue's
    size, else None."""
    folder = repo_folder(name, models_dir)
    done = 0
    blobs = folder / "blobs"
    if blobs.is_dir():
        for f in blobs.iterdir():
            try:
                done += f.stat().st_size
            except OSError:  # renamed from .incomplete while we looked
                pass
    total = None
    for tree in sorted((folder / "trees").glob("*.json")) if (folder / "trees").is_dir() else ():
        try:
            data = json.loads(tree.read_text())
            files = data.get("files", data) if isinstance(data, dict) else {}
            total = sum(e["size"] for name, e in files.items()
                        if any(fnmatch(name, pattern) for pattern in FETCHED)
                        and isinstance(e, dict) and isinstance(e.get("size"), int)) or None
        except (OSError, ValueError, AttributeError, TypeError):
            total = None
    if total is None and name in CHOICES_BY_NAME:
        total = CHOICES_BY_NAME[name].size_mb * 1_000_000
    return done, total


def fetch_command(name: str, models_dir: Path) -> list[str]:
    """The command that downloads a model in its own process (so a download can be stopped): the
    app's own `models download`, in the frozen bundle too."""
    args = ["models", "download", name, "--into", str(models_dir)]
    if getattr(sys, "frozen", False):
        return [sys.executable, *args]
    return [sys.executable, "-m", "interviewer_app", *args]


def fetch_environment() -> dict[str, str]:
    """The download process's environment: the Hub's telemetry and progress bars off."""
    from interviewer_app.core.offline import TELEMETRY_OFF

    env = dict(os.environ)
    env.update(TELEMETRY_OFF, HF_HUB_DISABLE_PROGRESS_BARS="1", DO_NOT_TRACK="1")
    return env


def unavailable(spec: str, models_dir: Path) -> str | None:
    """Why a saved model choice cannot be used offline right now, in one line (None: it can). The
    app then starts on the bundled model: it never downloads without a click."""
    if spec == DEFAULT_MODEL:
        return None
    if _is_name(spec):
        if is_downloaded(spec, models_dir):
            return None
        return (f"The speech model {spec} is no longer on this computer, so the bundled {DEFAULT_MODEL} is "
                "used. Settings › Speech model can download it again.")
    if not (Path(spec).expanduser() / "model.bin").is_file():
        return (f"The speech model folder {spec} is missing or has no model.bin, so the bundled "
                f"{DEFAULT_MODEL} is used. Settings › Speech model can choose another.")
    return None


def model_title(spec: str | None) -> str:
    """How a model is named on screen: its name, or a folder's last part."""
    spec = spec or DEFAULT_MODEL
    return spec if _is_name(spec) else Path(spec).name


def _is_name(spec: str) -> bool:
    """A model named for the downloader ("base.en"), not a folder path."""
    return spec in CHOICES_BY_NAME or ("/" not in spec and "\\" not in spec)
