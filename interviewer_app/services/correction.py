"""The user corrects what Whisper misheard, and the answer is scored again on their words
(issue 23: tiny.en's slips, "churn" heard as "turn", drive much of the wrong feedback).

The corrected text keeps the recording's timing: its words are aligned to the transcribed words
(difflib on words without case or punctuation), a kept or replaced word takes the time of the word
it stands for, an added word shares the time of its neighbours. The answer's own prompt, budget
and pauses (from the stored pacing) are used again, so only the words change. The feedback keeps
what Whisper wrote in `asr_transcript` (the first one, however often the text is corrected)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from interviewer_app.analysis.feedback.answer import AnswerFeedback, analyze
from interviewer_app.core.models import Budget, Prompt, Segment, Transcript, Word

_TOKEN = re.compile(r"[^\w']+")


def corrected_analysis(fb: dict, text: str, prompts=None, budgets=None) -> tuple[AnswerFeedback, dict]:
    """The answer analysed again on `text` (AnswerFeedback), and what to add to its feedback JSON."""
    transcript = retimed_transcript(fb, text)
    feedback = analyze(transcript, _budget(fb, budgets), _prompt(fb, prompts))
    return feedback, {"asr_transcript": fb.get("asr_transcript") or fb.get("transcript") or "",
                      "corrected_by_user": True}


def retimed_transcript(fb: dict, text: str) -> Transcript:
    """`text` as a Transcript timed like the stored one (typed answers stay untimed)."""
    old = [Word(w["start"], w["end"], w["word"]) for s in fb.get("segments") or () for w in s.get("words") or ()]
    tokens = text.split()
    if not old or any(w.start is None for w in old):
        from interviewer_app.analysis.feedback.answer import typed_transcript
        return typed_transcript(text)
    a, b = [_norm(w.word) for w in old], [_norm(t) for t in tokens]
    times: list[tuple[float, float] | None] = [None] * len(tokens)
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for k in range(j2 - j1):
                times[j1 + k] = (old[i1 + k].start, old[i1 + k].end)
        elif op == "replace":  # n words said as m: spread them over the span of the n
            start, end = old[i1].start, old[i2 - 1].end
            step = (end - start) / (j2 - j1)
            for k in range(j2 - j1):
                times[j1 + k] = (start + k * step, start + (k + 1) * step)
    _fill_gaps(times, old)
    words = [Word(round(s, 3), round(e, 3), " " + t) for t, (s, e) in zip(tokens, times)]
    segments = _segments(words, fb)
    speech = _speech(fb, words)
    return Transcript(segments=segments, model=fb.get("model"), duration_s=fb.get("duration_s"), timed=True,
                      warnings=tuple(fb.get("audio_warnings") or ()), speech=speech)


def _norm(token: str) -> str:
    return _TOKEN.sub("", token.lower())


def _fill_gaps(times: list, old: list[Word]) -> None:
    """Added words: spread between the times of the words around them (at the edges, at the
    first or last word's time)."""
    n, j = len(times), 0
    while j < n:
        if times[j] is not None:
            j += 1
            continue
        r = next((k for k in range(j, n) if times[k] is not None), n)  # the run j..r-1 has no time
        start = times[j - 1][1] if j > 0 else (times[r][0] if r < n else old[0].start)
        end = times[r][0] if r < n else (times[j - 1][1] if j > 0 else old[-1].end)
        step = max(0.0, end - start) / (r - j)
        for i, k in enumerate(range(j, r)):
            times[k] = (start + i * step, start + (i + 1) * step)
        j = r


def _segments(words: list[Word], fb: dict) -> tuple[Segment, ...]:
    """The words grouped as the stored segments were (by time), so pauses fall where they did."""
    bounds = [(s["start"], s["end"]) for s in fb.get("segments") or () if s.get("start") is not None]
    groups: list[list[Word]] = [[] for _ in bounds] or [[]]
    for w in words:
        k = max([i for i, (s, _e) in enumerate(bounds) if s <= w.start + 1e-6] or [0])
        groups[k].append(w)
    return tuple(Segment(g[0].start, g[-1].end, " ".join(w.word.strip() for w in g), tuple(g))
                 for g in groups if g)


def _speech(fb: dict, words: list[Word]) -> tuple[tuple[float, float], ...] | None:
    """Voice activity as it was measured: from the first to the last word of speech, less the
    pauses the stored pacing found (the audio itself is not read again)."""
    p = fb.get("pacing") or {}
    first, last = p.get("think_time_s"), p.get("answer_end_s")
    if first is None or last is None or not words:
        return None
    regions, at = [], first
    for pause in sorted(p.get("pauses") or (), key=lambda x: x["start"]):
        if pause["start"] > at:
            regions.append((at, pause["start"]))
        at = max(at, pause["start"] + pause["duration"])
    if last > at:
        regions.append((at, last))
    return tuple(regions)


def _prompt(fb: dict, prompts) -> Prompt | None:
    p = fb.get("prompt")
    if not p:
        return None
    if prompts is not None:
        try:
            found = prompts.get(p["id"])
            if found.text == p.get("text"):
                return found
            from dataclasses import replace
            return replace(found, text=p.get("text") or found.text, is_follow_up=True)  # a mock's follow-up
        except Exception:  # a prompt since removed from the user's file
            pass
    return Prompt(id=p["id"], text=p.get("text") or "", category="", framework=p.get("framework") or "",
                  hint="", source="")


def _budget(fb: dict, budgets) -> Budget | None:
    b, seconds = fb.get("budget"), fb.get("budget_s")
    if not b or seconds is None:
        return None
    if budgets is not None and b.get("format") not in (None, "custom"):
        try:
            found = budgets.format(b["format"]).budget(b.get("phase"))
            if found.seconds == seconds:
                return found
        except Exception:  # a format since removed from budgets.toml
            pass
    return Budget(seconds=float(seconds), format_key=b.get("format") or "custom", source=b.get("source"))
