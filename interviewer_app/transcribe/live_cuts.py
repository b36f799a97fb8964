"""Where live transcription cuts its pending audio and words (transcribe/live.py): at the latest
short gap between speech regions, or after the last word before a limit when there is no gap;
segments split word by word at a time; speech regions merged. Pure functions on times in seconds.
"""

from __future__ import annotations

from interviewer_app.audio.activity import Region
from interviewer_app.core.models import Segment, Word


def latest_gap(regions, pending_s: float, keep_s: float = 1.0) -> float | None:
    """Middle of the latest silence between two speech regions that leaves `keep_s` pending."""
    gaps = [(a_end + b_start) / 2 for (_a, a_end), (b_start, _b) in zip(regions, regions[1:])
            if (a_end + b_start) / 2 <= pending_s - keep_s]
    return gaps[-1] if gaps else None


def word_cut(segments, offset: float, limit: float) -> float | None:
    """Where to cut (relative seconds) when there is no silence: after the last word ending
    before `limit`."""
    ends = [w.end - offset for s in segments for w in s.words if w.end is not None and w.end - offset <= limit]
    return max(ends) if ends else None


def split_at(segments, cut_abs: float) -> tuple[list[Segment], list[Segment]]:
    """Split segments at a time, word by word (a word belongs where its middle is)."""
    done, rest = [], []
    for seg in segments:
        before = tuple(w for w in seg.words if (w.start + w.end) / 2 < cut_abs)
        after = tuple(w for w in seg.words if (w.start + w.end) / 2 >= cut_abs)
        if not seg.words:
            (done if (seg.end or 0) <= cut_abs else rest).append(seg)
            continue
        if before:
            done.append(_segment(before))
        if after:
            rest.append(_segment(after))
    return done, rest


def _segment(words: tuple[Word, ...]) -> Segment:
    return Segment(words[0].start, words[-1].end, "".join(w.word for w in words).strip(), words)


def merge_regions(regions, gap: float = 0.01) -> list[Region]:
    """Speech regions that overlap or nearly touch (within `gap` seconds) joined into one."""
    merged: list[list[float]] = []
    for a, b in sorted(regions):
        if merged and a <= merged[-1][1] + gap:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(round(a, 3), round(b, 3)) for a, b in merged]

