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


# Think time and pauses in plain words. The guides say nothing on either, so, as for pace, from
# coaching: Stephen Cognetta (Exponent), "The Perfect Structure for Every Product Management
# Interview Question" (2018), sees answers improve when candidates pause 10-15 s to plan before
# speaking; Quantified, "The Power of Pause", puts the long pauses of conversation at about 1.5 s
# and says a speaker who stops to find their thread is not held to account for up to about 5 s.
THINK_PLAN = (10, 15)  # seconds of planning before the first word that coaches recommend
THINK_LONG = 30  # a silence this long before starting needs saying out loud
THINK_SOURCE = "Stephen Cognetta (Exponent), “The Perfect Structure for Every PM Interview Question” (2018)"
PAUSE_SOURCE = "Quantified, “The Power of Pause”"


def think_words(seconds: float | None) -> str:
    """'3.0 s before the first word — …'; '' without a figure."""
    if seconds is None:
        return ""
    low, high = THINK_PLAN
    figure = f"{seconds:.1f} s before the first word"
    if seconds >= THINK_LONG:
        return (f"{figure} — a long silence: say “let me take a moment to structure this” so it reads "
                "as planning, and keep it under half a minute")
    if seconds >= 3:
        return f"{figure} — time to plan, as coaches advise ({low}–{high} s is fine)"
    return (f"{figure} — you started straight away; taking {low}–{high} s to plan the structure "
            "usually makes a better answer")


def pause_words(count: int, long_count: int, longest: float | None, pause_s: float, long_s: float,
                longest_at: str = "") -> str:
    """The pauses of a timed answer in plain words (`longest_at`: when the longest began, "0:32")."""
    at = f" at {longest_at}" if longest_at else ""
    if not count:
        return (f"none over {pause_s:g} s — a pause of a second or two between steps helps each one "
                "land")
    said = f"{count} over {pause_s:g} s"
    if long_count:
        return (f"{said}, {long_count} of {long_s:g} s or more (longest {longest:.1f} s{at}) — a pause of 1–3 s "
                "lets a point land; a longer one mid-answer can sound like a lost thread: say “let me "
                "think for a second” instead")
    return f"{said}, none long (longest {longest:.1f} s{at}) — pauses that help the listener keep up"
