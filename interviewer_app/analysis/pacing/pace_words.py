"""Pace in plain words: what a words-per-minute figure means to the person listening.

The guides (../shared/guides) say nothing about speaking rate, so the range comes from speaking
coaching: VirtualSpeech, "Average Speaking Rate and Words per Minute" (D. Barnard, 2022) puts
conversation at about 120-150 words a minute and presentations at 100-150, and coaches commonly
advise 120-160 for a talk people must follow. An interview answer is a talk the interviewer takes
notes on, so COMFORTABLE is that range. The app's figure counts pauses in (words over the time from
the first word to the last), as a listener experiences it.
"""

from __future__ import annotations

COMFORTABLE = (120, 160)  # words per minute a listener follows most easily
FAST = 180  # above it, clearly fast; between COMFORTABLE's top and this, a little fast
PACE_SOURCE = "VirtualSpeech, “Average Speaking Rate and Words per Minute” (2022)"


def pace_band(wpm: float | None) -> str | None:
    """'slow', 'comfortable', 'a little fast' or 'fast'; None without a figure."""
    if wpm is None:
        return None
    low, high = COMFORTABLE
    return ("slow" if wpm < low else "comfortable" if wpm <= high else "a little fast" if wpm <= FAST
            else "fast")


def pace_words(wpm: float | None) -> str:
    """'185 words/min — fast: listeners follow 120–160 most comfortably; slow down so each step
    lands'; '' without a figure."""
    band = pace_band(wpm)
    if band is None:
        return ""
    low, high = COMFORTABLE
    figure = f"{wpm:.0f} words/min"
    if band in ("fast", "a little fast"):
        return (f"{figure} — {band}: listeners follow {low}–{high} most comfortably; slow down so each "
                "step lands and the interviewer can take notes")
    if band == "slow":
        return (f"{figure} — slow: {low}–{high} is easier to follow; long gaps inside sentences "
                "sound unsure, so pause between steps rather than within them")
    return f"{figure} — a comfortable pace (listeners follow {low}–{high} most easily)"
