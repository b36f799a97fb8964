"""The one path from an answer to feedback, shared by the CLI and the desktop app (no Qt):
audio file or typed transcript -> transcript -> structure + pacing -> optional save."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Callable

from interviewer_app.analysis.feedback.answer import AnswerFeedback, analyze, typed_transcript
from interviewer_app.audio.clip import AudioClip, load_clip
from interviewer_app.core.budgets import BudgetBook
from interviewer_app.core.errors import AudioError, InterviewerError
from interviewer_app.core.models import Budget, Prompt
from interviewer_app.core.paths import AppPaths, app_paths
from interviewer_app.core.prompts import PromptBank
from interviewer_app.transcribe.engine import TranscribeOptions, Transcriber
from interviewer_app.transcribe.live import LiveTranscriber

TEXT_SUFFIXES = (".txt", ".md")
# The largest typed transcript analysed (about 150,000 words, 15 hours of speech): analysis is
# linear in the text: the worst 1 MB (500,000 one-letter words) takes 12 s and 270 MB.
MAX_TRANSCRIPT_BYTES = 1_000_000


@dataclass
class AppContext:
    """Everything long-lived, built on first use: paths, prompt bank, budgets, model, database."""

    paths: AppPaths = field(default_factory=app_paths)
    model: str | None = None
    options: TranscribeOptions = field(default_factory=TranscribeOptions)
    report: Callable[[str], None] = lambda _m: None
    _store: object = field(default=None, init=False, repr=False, compare=False)
    _store_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)

    @cached_property
    def prompts(self) -> PromptBank:
        return PromptBank.load(self.paths.user_prompts)

    @cached_property
    def budgets(self) -> BudgetBook:
        return BudgetBook.load(self.paths.user_budgets)

    @cached_property
    def transcriber(self) -> Transcriber:
        return Transcriber(self.model, self.paths.models_dir, options=self.options, report=self.report)

    def write_fillers(self, on: bool) -> None:
        """Ask Whisper to write "um" and "uh" down in the answers' full passes from now on (issue
        22, TranscribeOptions.keep_fillers: slower, and some it writes were not said). The model
        is not loaded again; live decodes never use it."""
        self.options = replace(self.options, keep_fillers=on)
        built = self.__dict__.get("transcriber")  # not built yet: it is made with self.options
        if built is not None:
            built.options = replace(built.options, keep_fillers=on)

    def use_model(self, spec: str | None) -> None:
        """Transcribe with another speech model from now on (None: the bundled one). The next
        load opens it; an answer under way keeps the transcriber it started with."""
        self.model = spec
        self.__dict__.pop("transcriber", None)  # the cached property is built again on next use

    @property
    def store(self):
        """The history database, opened on first use (it may migrate, or move a damaged file aside
        and start fresh: said through `report`). Safe from several threads: opened once."""
        with self._store_lock:
            if self._store is None:
                from interviewer_app.storage.attempts import AttemptStore
                from interviewer_app.storage.database import open_database

                opened = open_database(self.paths.database)
                self._store = AttemptStore(opened, self.paths.recordings_dir)  # may add a notice (unsaved audio)
                for notice in opened.notices:
                    self.report(notice)
            return self._store


@dataclass
class AnalyzedAnswer:
    feedback: AnswerFeedback
    clip: AudioClip | None  # decoded audio, when it was needed (not kept for live answers)
    source: Path

    @property
    def audio_path(self) -> Path | None:
        return None if self.source.suffix.lower() in TEXT_SUFFIXES else self.source


def analyze_file(ctx: AppContext, path: Path, *, prompt: Prompt | None = None,
                 budget: Budget | None = None, on_progress: Callable[[float], None] | None = None,
                 cancel: threading.Event | None = None) -> AnalyzedAnswer:
    path = Path(path)
    if path.suffix.lower() in TEXT_SUFFIXES:
        return AnalyzedAnswer(analyze(_read_text(path), budget, prompt), None, path)
    clip = load_clip(path)
    transcript = ctx.transcriber.transcribe(clip.pcm, on_progress=on_progress, cancel=cancel)
    if clip.warnings:  # what is wrong with the file itself (cut short) comes first
        transcript = replace(transcript, warnings=clip.warnings + transcript.warnings)
    return AnalyzedAnswer(analyze(transcript, budget, prompt), clip, path)


def finish_live_answer(ctx: AppContext, live: LiveTranscriber, recording: Path, *,
                       prompt: Prompt | None = None, budget: Budget | None = None) -> AnalyzedAnswer:
    """Feedback on an answer transcribed while it was spoken: only the unfinished tail is decoded.
    If the live path cannot finish (a decode failed), the whole recording is transcribed instead."""
    recording = Path(recording)
    try:
        transcript = live.finish(lambda: load_clip(recording).samples)
    except InterviewerError:
        raise
    except Exception as exc:  # never lose the answer to a live-path problem: do a full pass
        ctx.report(f"live transcript could not be finished ({exc}); transcribing the whole answer")
        return analyze_file(ctx, recording, prompt=prompt, budget=budget)
    return AnalyzedAnswer(analyze(transcript, budget, prompt), None, recording)


def refine_answer(ctx: AppContext, answer: AnalyzedAnswer,
                  cancel: threading.Event | None = None) -> AnalyzedAnswer:
    """One full pass over a live answer's recording. Whisper is more accurate with whole 30 s
    windows than with the live path's chunks (benchmarks/live_transcription.py), so the app shows
    the live feedback at Stop and swaps this in when it is ready."""
    fb = answer.feedback
    return analyze_file(ctx, answer.source, prompt=fb.prompt, budget=fb.budget, cancel=cancel)


def save_answer(ctx: AppContext, answer: AnalyzedAnswer) -> int:
    samples = answer.clip.pcm if answer.clip is not None else None  # 16-bit, saved as it is
    return ctx.store.save(answer.feedback, source_path=answer.source, samples=samples)


def _read_text(path: Path):
    from interviewer_app.core.datafile import FileProblem, FileTooBig, read_bounded

    try:
        text = read_bounded(path, MAX_TRANSCRIPT_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise AudioError(f"transcript file not found: {path}") from None
    except FileTooBig as exc:
        raise AudioError(f"{path} {exc}: a typed transcript can have up to about 150,000 words; "
                         "split it into answers") from None
    except FileProblem as exc:
        raise AudioError(f"{path} {exc}") from None
    except UnicodeDecodeError:
        raise AudioError(f"{path} is not UTF-8 text; save it as UTF-8 or give an audio file") from None
    except OSError as exc:
        raise AudioError(f"cannot read {path} ({exc.strerror})") from None
    return typed_transcript(text.replace("\r\n", "\n").replace("\r", "\n"))  # as text mode reads it
