"""How late live transcription showed each word: from the final words and `LiveStats.shown` (when
each decode was shown, and the word spans it covered), as the live benchmarks and the replay of a
recorded answer (services/live_replay.py) report it.
"""

from __future__ import annotations

import statistics

from interviewer_app.core.models import Word


def word_lags(words: list[Word], shown) -> list[float]:
    """Seconds from the end of each final word to the first decode that showed speech there."""
    lags = []
    for w in words:
        if w.start is None:
            continue
        mid = (w.start + w.end) / 2
        for at, spans in shown:
            if any(s - 0.15 <= mid <= e + 0.15 for s, e in spans):
                lags.append(max(0.0, at - w.end))
                break
    return lags


def lag_summary(lags: list[float]) -> dict:
    if not lags:
        return {"words": 0, "median_s": None, "p95_s": None, "max_s": None}
    ordered = sorted(lags)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"words": len(lags), "median_s": round(statistics.median(ordered), 2),
            "p95_s": round(p95, 2), "max_s": round(ordered[-1], 2)}
