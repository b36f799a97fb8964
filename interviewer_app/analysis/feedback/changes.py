"""Two feedback versions of the same answer compared: what the full pass after the live
transcript (or after a corrected transcript) says differently from the first, so the user is told.
Read from the two feedback views (analysis/feedback/view.py).
"""

from __future__ import annotations

from interviewer_app.analysis.feedback.view import FeedbackView, feedback_view

QUOTE_WORDS = 14  # words of a sentence quoted when a step is no longer heard


def what_changed(before: dict, after: dict) -> list[str]:
    """What a second analysis of the same answer says differently from the first (the full pass
    after the live transcript): each step — or, for a story, each C.A.R.E. part — now heard or no
    longer heard, with the words that count or what the new transcript reads there; the
    jumping-to-options warning; going over time. Empty when the verdict is the same, so the user
    is never told one thing and then silently shown another."""
    old, new = feedback_view(before), feedback_view(after)
    out = []
    if new.structure.story and old.framework and new.framework:
        pairs = zip(old.framework.parts, new.framework.parts)
    else:
        pairs = zip(old.structure.rows, new.structure.rows)
    for was, now in pairs:
        if now.heard and not was.heard:
            where = f" at {now.evidence[0].when}" if now.evidence and now.evidence[0].when else ""
            out.append(f"{now.title}: now heard{where} (“{now.evidence[0].cue}”)" if now.evidence
                       else f"{now.title}: now heard")
        elif was.heard and not now.heard:
            said = _said_near(new, was.evidence[0].start if was.evidence else None)
            out.append(f"{now.title}: no longer heard" + (f" — the new transcript reads “{said}”" if said else ""))
    if bool(old.structure.jumped) != bool(new.structure.jumped):
        out.append("Jumping to options: " + ("now flagged" if new.structure.jumped else "no longer flagged"))
    was_over = old.pacing.budget.over if old.pacing.budget else None
    now_over = new.pacing.budget.over if new.pacing.budget else None
    if was_over is not None and now_over is not None and was_over != now_over:
        out.append(f"Time: {new.pacing.budget.line}")
    return out


def _said_near(v: FeedbackView, start: float | None) -> str:
    """The sentence of the new transcript said at `start` (where the old evidence was), shortened."""
    if start is None:
        return ""
    here = [s for s in v.sentences if s.start is not None and s.start <= start + 0.5]
    if not here:
        return ""
    words = here[-1].text.split()
    return " ".join(words[:QUOTE_WORDS]) + (" …" if len(words) > QUOTE_WORDS else "")
