"""Two attempts at a prompt side by side (issue 24): what each measured, and a one-line verdict
of what changed ("Scope and constraints now heard; 40 s shorter; fillers halved"). Pure
computation over two stored feedback dicts, the older first."""

from __future__ import annotations

from dataclasses import dataclass

from interviewer_app.analysis.feedback.view import feedback_view
from interviewer_app.core.models import format_clock

MIN_SECONDS = 5.0  # a change in length smaller than this is not worth saying
MIN_WPM = 15.0


@dataclass(frozen=True)
class Comparison:
    rows: tuple[tuple[str, str, str], ...]  # (what, before, after)
    verdict: str

    def to_dict(self) -> dict:
        return {"verdict": self.verdict,
                "rows": [{"what": w, "before": b, "after": a} for w, b, a in self.rows]}


def compare(before: dict, after: dict) -> Comparison:
    old, new = feedback_view(before), feedback_view(after)
    story = new.structure.story and old.framework is not None and new.framework is not None
    pairs = (list(zip(old.framework.parts, new.framework.parts)) if story
             else list(zip(old.structure.rows, new.structure.rows)))
    rows = [("Structure", old.structure.summary, new.structure.summary)]
    rows += [(now.title, "heard" if was.heard else "missed", "heard" if now.heard else "missed") for was, now in pairs]
    bp, ap = (before.get("pacing") or {}), (after.get("pacing") or {})
    rows += [
        ("Length", _clock(before.get("duration_s")), _clock(after.get("duration_s"))),
        ("Over time", _over(bp), _over(ap)),
        ("Fillers", str((bp.get("fillers") or {}).get("count", 0)), str((ap.get("fillers") or {}).get("count", 0))),
        ("Pace", _wpm(bp), _wpm(ap)),
        ("Think time", _secs(bp.get("think_time_s")), _secs(ap.get("think_time_s"))),
        ("Recommendation", _call(old), _call(new)),
        ("Strengths heard", str(len(old.signals.strengths)), str(len(new.signals.strengths))),
        ("Concerns", str(len(old.signals.concerns)), str(len(new.signals.concerns))),
    ]
    return Comparison(tuple(rows), _verdict(pairs, before, after, bp, ap, _late(old), _late(new)))


def _verdict(pairs, before: dict, after: dict, bp: dict, ap: dict, ra: bool | None, rb: bool | None) -> str:
    parts = [f"{now.title} now heard" for was, now in pairs if now.heard and not was.heard]
    parts += [f"{now.title} no longer heard" for was, now in pairs if was.heard and not now.heard]
    a, b = before.get("duration_s"), after.get("duration_s")
    if a is not None and b is not None and abs(b - a) >= MIN_SECONDS:
        parts.append(f"{round(abs(b - a))} s {'shorter' if b < a else 'longer'}")
    if bp.get("over_budget") is not None and ap.get("over_budget") is not None and bp["over_budget"] != ap["over_budget"]:
        parts.append("on time now" if not ap["over_budget"] else "over time now")
    fa, fb = (bp.get("fillers") or {}).get("count", 0), (ap.get("fillers") or {}).get("count", 0)
    if fa >= 2 and fb <= fa / 2:
        parts.append("fillers halved" if fb else "no fillers now")
    elif fb >= 2 and fb >= 2 * max(fa, 1):
        parts.append("fillers doubled" if fa else f"{fb} fillers now")
    if ra is True and rb is False:
        parts.append("your call now by the halfway mark")
    elif ra is False and rb is True:
        parts.append("your call now after the halfway mark")
    wa, wb = bp.get("wpm"), ap.get("wpm")
    if wa is not None and wb is not None and abs(wb - wa) >= MIN_WPM:
        parts.append(f"pace {wa:.0f} → {wb:.0f} words/min")
    if not parts:
        return "About the same as the attempt before."
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _late(v) -> bool | None:
    """Whether a whole plan's first recommendation came after its budget's halfway mark (None:
    not judged, or an answer saved before the check)."""
    r = v.pacing.recommendation
    return None if r is None else r.late


def _call(v) -> str:
    """When the first recommendation came: '1:12 (by half)', '2:41 (after half)', 'none heard'."""
    r = v.pacing.recommendation
    if r is None:
        return "—"
    if not r.stated:
        return "none heard"
    if r.at.value is None:
        return "stated"
    return r.at.text + ("" if r.late is None else " (after half)" if r.late else " (by half)")


def _clock(seconds) -> str:
    return "—" if seconds is None else format_clock(seconds)


def _secs(seconds) -> str:
    return "—" if seconds is None else f"{seconds:.1f} s"


def _wpm(p: dict) -> str:
    return "—" if p.get("wpm") is None else f"{p['wpm']:.0f} words/min"


def _over(p: dict) -> str:
    if p.get("over_budget") is None:
        return "no budget"
    return f"+{format_clock(p.get('overtime_s') or 0)}" if p["over_budget"] else "on time"
