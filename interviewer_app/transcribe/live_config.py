"""The settings of live transcription (transcribe/live.py): when pending audio is decoded and
committed, with which decoding settings, and within what CPU budget.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LiveConfig:
    pause_s: float = 0.5  # a silence this long at the end of pending audio closes a chunk
    min_chunk_s: float = 10.0  # ...once the chunk is this long: Whisper is less accurate on less
    min_new_audio_s: float = 0.4  # decode again only once this much new audio has arrived
    max_pending_s: float = 24.0  # past this, commit early at the latest short gap (window: 30 s)
    give_up_s: float = 45.0  # pending audio beyond this: stop live decoding
    slow_decode_s: float = 3.0  # a decode slower than this earns a notice
    # Committed words passed to Whisper as a prompt: off. Measured on a 3.8-minute answer, a
    # 40-word prompt made tiny.en repeat and drop text (WER 87 % against 12 % without).
    context_words: int = 0
    keep_margin_s: float = 0.3  # silence kept in front of the pending audio
    # Whisper's temperature ladder (None: faster-whisper's 0.0, 0.2 ... 1.0; each step is a whole
    # new decode) for decodes whose words stay provisional, and for decodes that commit words as
    # final. Replaying recorded in-app answers showed why provisional decodes keep the first try:
    # the first second or two of a new chunk often "fails" Whisper's quality checks and climbs
    # the whole ladder (six decodes, 1.4-2.8 s of CPU for 1 s of audio), and one long chunk took
    # 9.4 s, so the words after it appeared 10-14 s late. Final decodes keep the ladder.
    provisional_temperatures: tuple[float, ...] | None = (0.0,)
    final_temperatures: tuple[float, ...] | None = None
    beam_size: int | None = None  # None: the transcriber's own setting (final decodes)
    # Issue 21: the live path's CPU. Decodes whose words stay provisional are greedy (beam 1) over a
    # window cut to the audio (about 0.5 CPU-s each instead of 0.8-1.2), and they run only while
    # the CPU spent on live decoding stays within `cpu_share` CPU-seconds per second of audio
    # (plus a `cpu_burst_s` start-up allowance). Final decodes (a chunk that ends in a pause, or
    # one grown too long) always run, with the full settings, so the kept transcript is as good
    # as before; a provisional decode is never kept as final.
    provisional_beam_size: int = 1
    provisional_window: bool = True
    cpu_share: float | None = 0.18  # None: no budget (decode whenever there is new audio)
    cpu_burst_s: float = 1.5
    # A provisional decode covers only the newest words: once what it covers is longer than
    # `tail_s`, the words before the latest short gap that leaves `tail_keep_s` after it stay as
    # shown (still provisional) and the next decode starts at that gap. With the encoder cut to
    # the window (the audio + `window_margin_s` of silence), a decode of a few seconds costs
    # 0.15-0.25 CPU-s instead of 0.5-1.0, so words can be shown about every second on the budget.
    # None: every provisional decode covers all the pending audio (before session 11).
    tail_s: float | None = 6.0
    tail_keep_s: float = 2.0
    window_margin_s: int = 3
