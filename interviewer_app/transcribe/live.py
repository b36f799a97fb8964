"""Live transcription: transcribe an answer while it is spoken, so feedback is ready at Stop.

Audio arrives in blocks (`feed`, from the recorder's writer thread or a file replay). One worker
measures voice activity on the newest audio and decodes:
- *provisional* words, shown at once: only the newest few seconds (from an anchor that moves on at
  short gaps; the words before it stay as shown), greedy, with Whisper's encoder cut to that
  window, and only within a CPU budget (`cpu_share` CPU-s per audio second). Never kept;
- *final* words: when the pending audio - everything after the last committed point - ends in a
  pause (voice activity, not Whisper's times), all of it is decoded with the full settings and
  committed, and the pending audio restarts after the pause; when it grows past `max_pending_s`
  with no such pause, the words before the latest short gap are committed, so no word is cut;
- at Stop only what is still pending is decoded; usually nothing, as people pause before Stop.

Whisper pays for its whole window's encoder on every decode, so provisional decodes are kept
short and cheap, and the worker waits while people are silent. When the budget holds words back
the snapshot says so (the machine is busy: fewer updates, no word lost); if pending audio still
grows past `give_up_s`, or a decode fails, live decoding stops with a notice and the rest is
transcribed after Stop. Recording is never affected. The pause and backlog indicators come from
the audio (voice activity, audio not yet covered), not from the words. No Qt: the owner polls
`snapshot()`.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np

from interviewer_app.audio.activity import Region, speech_regions
from interviewer_app.audio.clip import SAMPLE_RATE, is_silent
from interviewer_app.core.models import Segment, Transcript
from interviewer_app.transcribe.live_config import LiveConfig
from interviewer_app.transcribe.live_cuts import latest_gap, merge_regions, split_at, word_cut

VAD_REDO_S = 2.0  # voice activity: the newest seconds measured again when more audio arrives
BEHIND_NOTICE = ("this computer cannot keep up with live transcription; the rest of the answer "
                 "will be transcribed after you stop (this takes a little longer)")
BUSY_NOTICE = ("this computer is busy, so the live transcript updates less often; every word is "
               "still transcribed")
BUSY_SAY_S = 6.0  # the transcript held back this far behind the audio says why
SLOW_NOTICE = "live transcript is running {lag:.0f} s behind on this computer; feedback may take a moment after Stop"


@dataclass(frozen=True)
class LiveSnapshot:
    """What to show now. Times are seconds from the start of the recording (the audio clock)."""

    version: int
    final: tuple[Segment, ...]
    provisional: tuple[Segment, ...]
    received_s: float
    committed_s: float
    last_speech_end_s: float | None  # where the voice detector last heard speech end
    live: bool  # False once live decoding has stopped (fell behind or failed)
    notice: str | None
    heard_to_s: float = 0.0  # the voice detector has measured the audio up to here
    shown_to_s: float = 0.0  # the transcript shown covers the audio up to here

    @property
    def pause_s(self) -> float:
        """The silence since the speaker last spoke, from the audio's own voice activity (never
        longer than what the detector has measured)."""
        if self.last_speech_end_s is None:
            return 0.0
        return max(0.0, self.heard_to_s - self.last_speech_end_s)

    @property
    def behind_s(self) -> float:
        """How much of the audio the transcript does not show yet."""
        return max(0.0, self.received_s - self.shown_to_s) if self.live else 0.0

    @property
    def segments(self) -> tuple[Segment, ...]:
        return self.final + self.provisional

    def transcript(self) -> Transcript:
        return Transcript(segments=self.segments, duration_s=self.received_s)


@dataclass
class LiveStats:
    decodes: int = 0
    provisional_decodes: int = 0
    skipped: int = 0  # provisional decodes left out to stay within the CPU budget
    cpu_s: float = 0.0  # CPU spent decoding (cpu_clock)
    provisional_cpu_s: float = 0.0  # ...of which on provisional decodes (what the budget limits)
    commits: int = 0
    cuts: list[float] = field(default_factory=list)  # where pending audio was committed (s)
    decode_s: list[float] = field(default_factory=list)
    # (audio clock when shown, word spans in that decode): what `word_lags` (live_lag.py) measures from
    shown: list[tuple[float, tuple[tuple[float, float], ...]]] = field(default_factory=list)


@dataclass
class _Decode:
    start: int  # sample where the decoded audio starts
    end: int  # sample where it ends
    segments: list[Segment]
    unclear: int
    final: bool = True  # decoded with the full settings, so it may be kept as final


class LiveTranscriber:
    """Feed audio from any thread; decode on `start()`'s worker thread or by calling `pump()`."""

    def __init__(self, transcriber, config: LiveConfig | None = None,
                 clock: Callable[[], float] = time.perf_counter,
                 audio_clock: Callable[[], float] | None = None,
                 cpu_clock: Callable[[], float] = time.process_time):
        """`clock` times decodes; `audio_clock` says where the recording is now (default: the
        audio received so far), which is when a decode's words count as shown; `cpu_clock`
        measures the CPU a decode costs (the process's, so other threads' work counts too: the
        budget errs on the side of less)."""
        self.transcriber = transcriber
        self.config = config or LiveConfig()
        self.clock = clock
        self.cpu_clock = cpu_clock
        self.audio_clock = audio_clock or (lambda: self._received / SAMPLE_RATE)
        self.stats = LiveStats()
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._blocks: list[np.ndarray] = []  # pending audio, from sample `_committed`
        self._received = 0  # samples fed so far
        self._committed = 0  # samples before this point are final
        self._decoded_upto = 0  # received count at the last decode (or silence check)
        self._final: list[Segment] = []
        self._provisional: list[Segment] = []
        self._speech: list[Region] = []  # voice activity in the committed audio
        self._last_speech_end: float | None = None
        # Voice activity of the pending audio, measured as it arrives (only the newest seconds
        # are measured again): what chunks are cut at, and what the pause indicator reads.
        self._vad: list[Region] = []  # absolute seconds, from the committed point on
        self._vad_upto = 0  # sample up to which voice activity is measured
        self._shown_upto = 0  # sample up to which the transcript shown covers the audio
        self._held_back = False  # the CPU budget skipped the latest provisional decode
        self._unclear = 0
        self._last: _Decode | None = None
        self._anchor = 0  # sample where provisional decodes start (>= _committed)
        self._frozen: list[Segment] = []  # provisional words before `_anchor`, shown as they were
        self._provisional_cpu: float | None = None  # what a provisional decode costs lately (CPU-s)
        self._live = True
        self._notice: str | None = None
        self._version = 0
        self._stop = False
        self._thread: threading.Thread | None = None

    # -- input ------------------------------------------------------------------------------------
    def feed(self, block: np.ndarray) -> None:
        """Append 16 kHz mono float32 audio. Cheap; safe from any thread but PortAudio's callback
        should still hand audio over through a queue (the recorder's writer thread calls this)."""
        with self._lock:
            self._received += len(block)
            if self._live:
                self._blocks.append(np.asarray(block, dtype=np.float32))
            self._wake.notify()

    # -- worker -----------------------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="live-transcriber", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                if self._stop:
                    return
            if not self.pump():
                with self._lock:
                    if not self._stop:
                        self._wake.wait(0.05)

    def pump(self) -> bool:
        """Do one unit of work if there is any. Returns True if a decode ran."""
        cfg = self.config
        with self._lock:
            if not self._live:
                return False
            new_s = (self._received - self._decoded_upto) / SAMPLE_RATE
            if new_s < cfg.min_new_audio_s:
                return False
            start, received = self._committed, self._received
            pending = self._pending()
        pending_s = len(pending) / SAMPLE_RATE
        if pending_s > cfg.give_up_s:
            self._stop_live(BEHIND_NOTICE)
            return False
        try:
            return self._step(pending, start, received)
        except Exception as exc:  # a failed decode never stops the recording
            self._stop_live(f"live transcription stopped ({_short(exc)}); the answer will be "
                            "transcribed after you stop")
            return False

    def _step(self, pending: np.ndarray, start: int, received: int) -> bool:
        cfg = self.config
        pending_s = len(pending) / SAMPLE_RATE
        offset = start / SAMPLE_RATE
        regions = self._voice_activity(pending, start)
        if not regions:
            if is_silent(pending):  # silence since the last commit: move past it, decode nothing
                with self._lock:
                    self._decoded_upto = self._shown_upto = received
                    if pending_s > 2 * cfg.keep_margin_s:
                        self._advance(start + _samples(pending_s - cfg.keep_margin_s))
                        self._provisional = []
                        self._publish_locked()
                return False
            # Sound the voice detector does not call speech (whispering, a very quiet voice, or
            # noise): let it build up and give it to Whisper, as one pass over the file would.
            if pending_s < cfg.max_pending_s:
                with self._lock:
                    self._decoded_upto = received
                return False
            regions = [(0.0, pending_s)]
        speech_end = regions[-1][1]
        trailing = pending_s - speech_end
        last = self._last
        ends_in_pause = trailing >= cfg.pause_s and pending_s >= cfg.min_chunk_s  # all final
        too_long = pending_s >= cfg.max_pending_s  # final up to the latest gap
        final = ends_in_pause or too_long
        if not final:
            return self._provisional_step(pending, start, received, regions)
        reuse = (last is not None and last.start == start and last.final
                 and last.end >= start + _samples(speech_end + 0.05))
        decoded = False
        if reuse:
            segments = last.segments
        else:
            t0, c0 = self.clock(), self.cpu_clock()
            segments, unclear = self.transcriber.decode(pending, offset=offset, prompt=self._context(),
                                                        options=self._options(final=True, seconds=pending_s),
                                                        live=True)
            elapsed, cpu = self.clock() - t0, self.cpu_clock() - c0
            decoded = True
            self._last = _Decode(start, start + len(pending), segments, unclear, True)
            self._count(elapsed, cpu, segments, provisional=False)
        with self._lock:
            self._decoded_upto = received
            self._shown_upto = max(self._shown_upto, start + len(pending))
            if ends_in_pause:
                cut = speech_end + min(trailing / 2, cfg.pause_s)
                self._commit(segments, self._last.unclear, regions, offset, cut)
            else:  # too long: final up to the latest gap
                cut = latest_gap(regions, pending_s)
                if cut is None:  # no gap at all: keep the last 1.5 s of words pending
                    cut = word_cut(segments, offset, pending_s - 1.5)
                if cut is not None and cut > 0:
                    done, rest = split_at(segments, offset + cut)
                    self._commit(done, 0, regions, offset, cut)
                    self._provisional = rest
                else:
                    self._frozen, self._anchor = [], start
                    self._provisional = list(segments)
            self._publish_locked()
        return decoded

    def _provisional_step(self, pending: np.ndarray, start: int, received: int, regions) -> bool:
        """Show the newest words: decode from the anchor to the end of the audio, quickly (greedy,
        the encoder cut to the window), within the CPU budget. The words are never kept as final."""
        cfg = self.config
        with self._lock:
            anchor = max(self._anchor, start) if cfg.tail_s is not None else start
            frozen = list(self._frozen) if anchor > start else []
        head = (anchor - start) / SAMPLE_RATE
        tail_regions = [(max(a, head) - head, b - head) for a, b in regions if b > head]
        tail = pending[anchor - start:]
        last = self._last
        if not tail_regions:  # nothing said since the anchor: what is shown stays
            with self._lock:
                self._decoded_upto = self._shown_upto = received
            return False
        speech_end = tail_regions[-1][1]
        if last is not None and last.start == anchor and last.end >= anchor + _samples(speech_end + 0.05):
            with self._lock:  # the last decode already covers every word said
                self._decoded_upto = self._shown_upto = received
            return False
        if not self._may_spend(received):
            with self._lock:  # over the CPU budget: the words stay as shown until it allows more
                self._decoded_upto = received
                self._held_back = True
            self.stats.skipped += 1
            return False
        offset = anchor / SAMPLE_RATE
        tail_s = len(tail) / SAMPLE_RATE
        t0, c0 = self.clock(), self.cpu_clock()
        segments, unclear = self.transcriber.decode(tail, offset=offset, prompt=self._context(),
                                                    options=self._options(final=False, seconds=tail_s), live=True)
        elapsed, cpu = self.clock() - t0, self.cpu_clock() - c0
        self._last = _Decode(anchor, anchor + len(tail), segments, unclear, False)
        self._count(elapsed, cpu, segments, provisional=True)
        with self._lock:
            self._decoded_upto = received
            if self._committed != start:  # committed meanwhile (finish): this decode is stale
                return True
            self._shown_upto = max(self._shown_upto, anchor + len(tail))
            self._held_back = False
            self._provisional = frozen + list(segments)
            if cfg.tail_s is not None and tail_s > cfg.tail_s:
                gap = latest_gap(tail_regions, tail_s, keep_s=cfg.tail_keep_s)
                if gap is not None and gap > 0:
                    done, _rest = split_at(segments, offset + gap)
                    self._frozen = frozen + done
                    self._anchor = anchor + _samples(gap)
            self._publish_locked()
        return True

    def _count(self, elapsed: float, cpu: float, segments, provisional: bool) -> None:
        self.stats.decodes += 1
        self.stats.provisional_decodes += provisional
        self.stats.cpu_s += cpu
        if provisional:
            self.stats.provisional_cpu_s += cpu
            self._provisional_cpu = cpu if self._provisional_cpu is None else 0.5 * (self._provisional_cpu + cpu)
        self.stats.decode_s.append(elapsed)
        self.stats.shown.append((self.audio_clock(), _spans(segments)))
        if self._live:  # a slow decode earns a notice that goes once decodes are quick again
            self._notice = SLOW_NOTICE.format(lag=elapsed) if elapsed > self.config.slow_decode_s else None

    def _voice_activity(self, pending: np.ndarray, start: int) -> list[Region]:
        """Speech regions of the pending audio (seconds from its start). Only the audio after
        `VAD_REDO_S` before the last measured point is measured again; what came before stays."""
        end = start + len(pending)
        redo = max(start, self._vad_upto - _samples(VAD_REDO_S))
        redo_s = redo / SAMPLE_RATE
        kept = [(a, min(b, redo_s)) for a, b in self._vad if a < redo_s]
        fresh = [(a + redo_s, b + redo_s) for a, b in speech_regions(pending[redo - start:])]
        regions = merge_regions(kept + fresh, gap=0.2) if kept and fresh else kept + fresh
        with self._lock:
            self._vad = regions
            self._vad_upto = end
            if regions:
                self._last_speech_end = regions[-1][1]
        offset = start / SAMPLE_RATE
        return [(round(a - offset, 3), round(b - offset, 3)) for a, b in regions]

    def _commit(self, segments, unclear: int, regions, offset: float, cut: float) -> None:
        self._final.extend(segments)
        self._unclear += unclear
        self._speech.extend((offset + a, offset + min(b, cut)) for a, b in regions if a < cut)
        self._provisional = []
        self._advance(self._committed + _samples(cut))
        self._frozen, self._anchor = [], self._committed
        self._last = None
        self.stats.commits += 1
        self.stats.cuts.append(round(self._committed / SAMPLE_RATE, 3))

    def _advance(self, to_sample: int) -> None:
        drop = to_sample - self._committed
        if drop <= 0:
            return
        pending = self._pending()[drop:]
        self._blocks = [pending] if pending.size else []
        self._committed = to_sample
        cut = to_sample / SAMPLE_RATE
        self._vad = [(max(a, cut), b) for a, b in self._vad if b > cut]
        self._shown_upto = max(self._shown_upto, to_sample)
        if self._anchor < to_sample:
            self._anchor, self._frozen = to_sample, []

    def _pending(self) -> np.ndarray:
        if len(self._blocks) > 1:
            self._blocks = [np.concatenate(self._blocks)]
        return self._blocks[0] if self._blocks else np.zeros(0, dtype=np.float32)

    def _may_spend(self, received: int) -> bool:
        """May a provisional decode run now without the live path's CPU going over its budget?"""
        cfg = self.config
        if cfg.cpu_share is None:
            return True
        allowed = cfg.cpu_burst_s + cfg.cpu_share * received / SAMPLE_RATE
        expected = self._provisional_cpu if self._provisional_cpu is not None else 0.0
        return self.stats.provisional_cpu_s + expected <= allowed

    def _options(self, final: bool, seconds: float = 30.0):
        base = getattr(self.transcriber, "options", None)
        if base is None:
            return None
        cfg = self.config
        if final:  # the filler prompt is for the full pass after Stop (AnswerSession.refine)
            return replace(base, temperatures=cfg.final_temperatures, beam_size=cfg.beam_size or base.beam_size,
                           keep_fillers=False)
        window = min(30, math.ceil(seconds) + cfg.window_margin_s) if cfg.provisional_window else None
        # never the filler prompt: with one temperature it loops on "um um um" (fillers_disfluent.py)
        return replace(base, temperatures=cfg.provisional_temperatures, beam_size=cfg.provisional_beam_size,
                       window_s=window, skip_loops=True, max_new_tokens=_token_cap(seconds),
                       keep_fillers=False)

    def _context(self) -> str | None:
        if self.config.context_words <= 0:
            return None
        with self._lock:
            words = " ".join(s.text for s in self._final[-6:]).split()
        return " ".join(words[-self.config.context_words:]) or None

    def _publish_locked(self) -> None:
        self._version += 1

    def _stop_live(self, notice: str) -> None:
        with self._lock:
            self._live = False
            self._notice = notice
            self._provisional = []
            self._blocks = []
            self._publish_locked()

    # -- output -----------------------------------------------------------------------------------
    def snapshot(self) -> LiveSnapshot:
        with self._lock:
            notice = self._notice
            if notice is None and self._live and self._held_back \
                    and (self._received - self._shown_upto) / SAMPLE_RATE >= BUSY_SAY_S:
                notice = BUSY_NOTICE  # degraded, not given up: say so
            return LiveSnapshot(version=self._version, final=tuple(self._final),
                                provisional=tuple(self._provisional),
                                received_s=self._received / SAMPLE_RATE,
                                committed_s=self._committed / SAMPLE_RATE,
                                last_speech_end_s=self._last_speech_end, live=self._live,
                                notice=notice, heard_to_s=self._vad_upto / SAMPLE_RATE,
                                shown_to_s=self._shown_upto / SAMPLE_RATE)

    def close(self) -> None:
        """Stop the worker (it finishes the decode it is in)."""
        with self._lock:
            self._stop = True
            self._wake.notify()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def finish(self, full_audio: Callable[[], np.ndarray] | None = None) -> Transcript:
        """Stop the worker and make the final transcript: decode what is still pending, or, if
        live decoding stopped, everything after the last commit from `full_audio()`."""
        self.close()
        with self._lock:
            live, start = self._live, self._committed
            pending = self._pending()
            duration = self._received / SAMPLE_RATE
        if live:
            remainder = pending
        elif full_audio is not None:
            remainder = np.asarray(full_audio(), dtype=np.float32)[start:]
        else:
            raise ValueError("live decoding stopped early; finish() needs the full audio")
        if remainder.size:
            self._finish_tail(remainder, start, reuse=live)
        speech = tuple(merge_regions(self._speech))
        return self.transcriber.build_transcript(self._final, self._unclear, None,
                                                 duration_s=duration, speech=speech)

    def _finish_tail(self, remainder: np.ndarray, start: int, reuse: bool) -> None:
        offset = start / SAMPLE_RATE
        regions = speech_regions(remainder)
        if not regions:
            if is_silent(remainder):
                return
            regions = [(0.0, len(remainder) / SAMPLE_RATE)]  # quiet or unusual speech: decode it
        last = self._last
        if reuse and last is not None and last.start == start and last.final \
                and last.end >= start + _samples(regions[-1][1] + 0.05):
            segments, unclear = last.segments, last.unclear  # already decoded: reuse it
        else:
            segments, unclear = self.transcriber.decode(remainder, offset=offset,
                                                        prompt=self._context(),
                                                        options=self._options(final=True), live=True)
        with self._lock:
            self._commit(segments, unclear, regions, offset, len(remainder) / SAMPLE_RATE)
            self._publish_locked()


# -- helpers (pure) --------------------------------------------------------------------------------
def _samples(seconds: float) -> int:
    return max(0, int(round(seconds * SAMPLE_RATE)))


def _token_cap(seconds: float) -> int:
    """Tokens enough for the fastest speech in `seconds` of audio (~4 words a second, ~1.3 tokens
    a word, plus timestamps), so a decode that loops stops early."""
    return int(12 + 8 * seconds)


def _spans(segments) -> tuple[tuple[float, float], ...]:
    return tuple((w.start, w.end) for s in segments for w in s.words if w.start is not None)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
