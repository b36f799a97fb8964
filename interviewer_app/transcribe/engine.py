"""Transcriber: loads the Whisper model lazily, once, and turns audio into timed words.

faster-whisper computes the log-mel features of its whole input at once (about 15 bytes of
temporaries per sample), so a recording longer than ONE_PASS_S is transcribed in windows of at
most SLICE_S, cut at quiet moments (the same limits and cuts as the voice activity measurement,
audio/activity.py), each decoded afresh; an answer of normal length is one call, exactly as
before."""

from __future__ import annotations

import functools
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from interviewer_app.audio.activity import ONE_PASS_S, SLICE_S, quiet_slices, speech_regions
from interviewer_app.audio.clip import (
    CLIPPED_WARNING,
    SAMPLE_RATE,
    is_clipped,
    is_silent,
    release_freed_memory,
    to_float,
)
from interviewer_app.core.errors import ModelError
from interviewer_app.core.models import Segment, Transcript, Word
from interviewer_app.transcribe.models import ModelSource, download, resolve_model

NO_SPEECH_WARNING = ("no speech was heard: the recording is silent or too quiet; check that the "
                     "right microphone is selected and not muted")
NOISE_WARNING = ("no speech was heard: the recording holds only noise (hiss, hum or rumble), not "
                 "silence; check that the right microphone is selected and that you speak into it")
UNCLEAR_WARNING = ("much of the audio was hard to make out (noise, distance from the microphone or "
                   "very fast speech); the transcript and feedback may be incomplete")

LOOP_RATIO = 2.4  # Whisper's compression-ratio threshold: above it, a decode repeats itself
# Written in the team's own words as people speak, fillers kept; never fitted to the clips it is
# measured on (benchmarks/fillers_disfluent.py, "prompt-um").
FILLER_PROMPT = "Um, so, uh, I think, um, we should, uh, look at the, um, numbers first."
# Threads for the live path's decodes. CTranslate2's threads wait for each other at every step;
# when another program holds a core, a two-thread decode waits on a descheduled thread at every
# token. In the app on 2 cores with one kept busy (benchmarks/live_in_app.py --busy), the live
# lag's 95th percentile was 5.4 s with the model's threads and 1.6 s with one thread.
LIVE_THREADS = 1


def default_threads() -> int:
    """Threads for a full pass: one per core, at most 4. CTranslate2's own default (4 threads
    whatever the machine) oversubscribes a 2-core laptop: on a 1-minute answer, 3.4 s and 4.4
    CPU-s against 2.5 s and 3.6 CPU-s with 2 threads."""
    return max(1, min(4, os.cpu_count() or 1))

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TranscribeOptions:
    """Decoding settings. Defaults match the measured baseline (beam 5, English) plus word
    timestamps; see benchmarks/wer_realspeech.py for why the others are what they are."""

    beam_size: int = 5
    word_timestamps: bool = True
    vad_filter: bool = False
    hotwords: str | None = None
    initial_prompt: str | None = None
    condition_on_previous_text: bool = True
    # Whisper re-decodes a segment at the next temperature when a try looks like a hallucination
    # (repetition, low confidence); None is faster-whisper's ladder 0.0, 0.2, ... 1.0, and (0.0,)
    # keeps the first try. Each step costs a whole decode.
    temperatures: tuple[float, ...] | None = None
    # Whisper's window in seconds (None: its 30 s). A shorter window is also all the encoder sees
    # (faster-whisper pads every window to 30 s; the short-window handle does not), so a decode of
    # a few seconds costs a fraction of a 30-s one. It needs 3-4 s of silence after the speech
    # (less and tiny.en loops on "Word. Word. Word."): the live path's provisional decodes use
    # the audio's length + 3 s (see benchmarks/live_transcription.py --window-probe).
    window_s: int | None = None
    # Leave out a segment whose text repeats itself (gzip compression ratio above Whisper's 2.4)
    # instead of keeping it: for decodes with one temperature, which cannot retry.
    skip_loops: bool = False
    # At most this many tokens per window (None: Whisper's 448). A decode that loops otherwise runs
    # on to 448 tokens: 2-3 s of CPU for a few seconds of audio.
    max_new_tokens: int | None = None
    # Ask Whisper to write fillers down: a prompt in a disfluent style it imitates (issue 22). On
    # real speech (benchmarks/fillers_disfluent.py) it keeps 27 of 34 natural fillers instead of 3,
    # at the same WER, but writes some that were not said (precision 0.62) and takes about 2.5x
    # as long (loops of "um um um" send windows up Whisper's temperature ladder). Opt-in.
    keep_fillers: bool = False
    # CTranslate2's guards against a decode repeating itself (1.0 and 0: off, Whisper's default).
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    # faster-whisper's hallucination_silence_threshold: skip silence longer than this when a
    # segment looks like a hallucination (None: off)
    hallucination_silence_s: float | None = None

    def kwargs(self) -> dict:
        extra = {} if self.temperatures is None else {"temperature": list(self.temperatures)}
        if self.repetition_penalty != 1.0:
            extra["repetition_penalty"] = self.repetition_penalty
        if self.no_repeat_ngram_size:
            extra["no_repeat_ngram_size"] = self.no_repeat_ngram_size
        if self.hallucination_silence_s is not None:
            extra["hallucination_silence_threshold"] = self.hallucination_silence_s
        if self.window_s is not None:
            extra["chunk_length"] = int(self.window_s)
        if self.max_new_tokens is not None:
            extra["max_new_tokens"] = int(self.max_new_tokens)
        return dict(beam_size=self.beam_size, language="en", word_timestamps=self.word_timestamps,
                    vad_filter=self.vad_filter, hotwords=self.hotwords,
                    initial_prompt=self.initial_prompt or (FILLER_PROMPT if self.keep_fillers else None),
                    condition_on_previous_text=self.condition_on_previous_text, **extra)


class Transcriber:
    """One instance per app; `load()` is safe to call from any thread and loads only once.

    Two lanes: full passes run on the model loaded with `cpu_threads`; the live path
    (`decode(..., live=True)`) on its own instance of the same model with `live_threads`, so a
    live decode never waits on a thread another program has taken, and a full pass of the last
    answer never queues behind the next answer's live decodes. The second instance costs the
    model's memory once more (tiny.en: about 40 MB)."""

    def __init__(self, model: str | None, models_dir: Path, *, options: TranscribeOptions | None = None,
                 compute_type: str = "int8", cpu_threads: int | None = None,
                 live_threads: int = LIVE_THREADS,
                 report: Callable[[str], None] = lambda _m: None):
        self.model_spec = model
        self.models_dir = models_dir
        self.options = options or TranscribeOptions()
        self.compute_type = compute_type
        self.cpu_threads = default_threads() if cpu_threads is None else cpu_threads
        self.live_threads = live_threads
        self.report = report
        self._source: ModelSource | None = None
        self._model = None
        self._live_model = None
        self._lock = threading.Lock()
        self._window_lock = threading.Lock()
        self._windowed_model = None
        self.last_rtf: float | None = None  # seconds of work per second of audio, last full pass

    @property
    def model_name(self) -> str:
        return self._resolve().name

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def _resolve(self) -> ModelSource:
        if self._source is None:
            self._source = resolve_model(self.model_spec, self.models_dir)
        return self._source

    def load(self, *, live: bool = False):
        """The model for full passes, or with `live` the live path's instance (loading the first
        if needed: a missing model is downloaded and reported once)."""
        with self._lock:
            if self._model is None:
                self._model = self._open(self.cpu_threads)
            if not live:
                return self._model
            if self._live_model is None:
                self._live_model = self._model if self.live_threads == self.cpu_threads \
                    else self._open(self.live_threads)
            return self._live_model

    def _open(self, threads: int):
        source = self._resolve()
        path = download(source, self.models_dir, self.report)
        log.info("loading speech model %s (%s, %d threads)", source.name, self.compute_type, threads)
        started = time.monotonic()
        try:
            from faster_whisper import WhisperModel

            model = WhisperModel(str(path), device="cpu", compute_type=self.compute_type,
                                 cpu_threads=threads)
        except Exception as exc:
            log.warning("speech model %s failed to load", source.name, exc_info=True)
            raise ModelError(f"the speech model in {path} failed to load ({exc}); reinstall it "
                             "or choose another model") from None
        log.info("speech model %s loaded in %.1f s", source.name, time.monotonic() - started)
        return model

    def transcribe(self, samples: np.ndarray, *, on_progress: Callable[[float], None] | None = None,
                   cancel: threading.Event | None = None) -> Transcript:
        """Transcribe 16 kHz mono audio, float32 or 16-bit (a long recording's `AudioClip.pcm`,
        converted a window at a time). Silence gives an empty transcript with a warning."""
        duration = len(samples) / SAMPLE_RATE
        if duration == 0 or is_silent(samples):
            return Transcript(segments=(), model=self.model_name, duration_s=duration,
                              warnings=(NO_SPEECH_WARNING,))
        started = time.monotonic()
        if duration <= ONE_PASS_S:
            segments, unclear = self.decode(samples, on_progress=on_progress, cancel=cancel)
        else:
            segments, unclear = self._decode_windows(samples, on_progress, cancel)
        if not (cancel is not None and cancel.is_set()):
            self.last_rtf = (time.monotonic() - started) / duration  # the model dialog's speed estimate
        if on_progress is not None:
            on_progress(1.0)
        return self.build_transcript(segments, unclear, samples, fillers_written=self.options.keep_fillers)

    def _decode_windows(self, samples: np.ndarray, on_progress: Callable[[float], None] | None,
                        cancel: threading.Event | None) -> tuple[list[Segment], int]:
        """A long recording, window by window: features are never computed for the whole file and
        time grows linearly with its length. Each window starts afresh, with no prompt: on real
        speech (../shared/realspeech clips joined into 7.5 and 15 minutes) giving each window the
        text before it as its prompt raised WER from 9.99 / 10.17 % to 11.07 / 13.58 % (one call
        over the whole file: 9.39 / 10.65 %), as an error carried into the prompt repeats."""
        total = len(samples)
        segments: list[Segment] = []
        unclear = 0
        for start, end in quiet_slices(samples, SLICE_S):
            if cancel is not None and cancel.is_set():
                break
            progress = None if on_progress is None else \
                (lambda f, a=start, b=end: on_progress((a + f * (b - a)) / total))
            got, bad = self.decode(samples[start:end], offset=start / SAMPLE_RATE,
                                   on_progress=progress, cancel=cancel)
            segments += got
            unclear += bad
            release_freed_memory()
        return segments, unclear

    def decode(self, samples: np.ndarray, *, offset: float = 0.0, prompt: str | None = None,
               on_progress: Callable[[float], None] | None = None,
               cancel: threading.Event | None = None,
               options: TranscribeOptions | None = None,
               live: bool = False) -> tuple[list[Segment], int]:
        """Whisper on a stretch of audio: its segments with times shifted by `offset` seconds, and
        how many of them were hard to make out. `prompt` is earlier text given as context;
        `options` replaces the transcriber's own decoding settings for this call; `live` runs it
        on the live path's instance of the model."""
        options = options or self.options
        if options.window_s is not None and options.window_s < 30:
            with self._window_lock:  # one short-window decode at a time on the windowed handle
                return self._decode(self._windowed(), samples, offset, prompt, on_progress, cancel, options)
        return self._decode(self.load(live=live), samples, offset, prompt, on_progress, cancel, options)

    def _windowed(self):
        """A handle on the live instance with its own feature extractor: faster-whisper's
        `chunk_length` rewrites the extractor it is given for good, so a short window must never
        touch the one 30-s decodes use. The model itself is shared, not loaded again. Its encoder
        sees only the window, not the window padded to 30 s (CTranslate2 takes any length up to
        30 s). Short windows are for the live path only."""
        model = self.load(live=True)
        with self._lock:
            if self._windowed_model is None:
                import copy

                handle = copy.copy(model)
                handle.feature_extractor = copy.copy(model.feature_extractor)
                handle.encode = functools.partial(_encode_window, handle)
                self._windowed_model = handle
            return self._windowed_model

    def _decode(self, model, samples, offset, prompt, on_progress, cancel, options):
        samples = to_float(samples)
        kwargs = options.kwargs()
        if prompt and not kwargs["initial_prompt"]:
            kwargs["initial_prompt"] = prompt
        duration = len(samples) / SAMPLE_RATE
        segments_iter, _info = model.transcribe(samples, **kwargs)
        segments, unclear = [], 0
        for seg in segments_iter:
            if cancel is not None and cancel.is_set():
                break
            words = tuple(Word(_r(w.start + offset), _r(w.end + offset), w.word, _r(w.probability))
                          for w in (seg.words or ()))
            text = seg.text.strip()
            if options.skip_loops and seg.compression_ratio > LOOP_RATIO:
                continue
            if any(c.isalnum() for c in text):  # on hiss Whisper may write only ". . . ." : no speech
                segments.append(Segment(_r(seg.start + offset), _r(seg.end + offset), text, words))
                unclear += seg.avg_logprob < -1.0
            if on_progress is not None and duration:
                on_progress(min(1.0, seg.end / duration))
        return segments, unclear

    def build_transcript(self, segments: list[Segment], unclear: int, samples: np.ndarray | None,
                         *, duration_s: float | None = None,
                         speech: tuple[tuple[float, float], ...] | None = None,
                         fillers_written: bool = False) -> Transcript:
        """The final transcript with its warnings; voice activity is measured on `samples` unless
        `speech` is given (the live path has measured it already)."""
        warnings = []
        if not segments:
            noise = samples is not None and samples.size and not is_silent(samples)
            warnings.append(NOISE_WARNING if noise else NO_SPEECH_WARNING)
        elif unclear / len(segments) > 0.5:
            warnings.append(UNCLEAR_WARNING)
        if samples is not None and is_clipped(samples):
            warnings.append(CLIPPED_WARNING)
        if duration_s is None:
            duration_s = len(samples) / SAMPLE_RATE
        if speech is None:
            speech = speech_regions(samples) if segments else ()
        return Transcript(segments=tuple(segments), model=self.model_name, duration_s=duration_s,
                          warnings=tuple(warnings), speech=speech if segments else (),
                          fillers_written=fillers_written)


def _encode_window(handle, features: np.ndarray):
    """WhisperModel.encode on the window only: faster-whisper pads each window's features to
    3000 frames (30 s); a short window's encoder pass then costs as much as a whole one."""
    frames = handle.feature_extractor.nb_max_frames
    if features.shape[-1] > frames:
        features = features[..., :frames]
    return type(handle).encode(handle, features)


def _r(x) -> float:
    return round(float(x), 3)
