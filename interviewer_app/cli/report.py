"""The readable report `analyze` prints without --json (and the one way commands print JSON).
Both are safe on a terminal: the report goes through `terminal.safe`, JSON escapes control characters."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from interviewer_app.analysis.feedback.answer import AnswerFeedback
from interviewer_app.analysis.feedback.view import SUGGESTED_NOTE, TIPS_HEADING, FeedbackView, feedback_view
from interviewer_app.cli.terminal import safe


def text_report(fb: AnswerFeedback, source: Path) -> str:
    return view_report(feedback_view(fb.to_dict()), source.name)


def view_report(v: FeedbackView, name: str) -> str:
    """The feedback as plain text, every line from the presentation model."""
    out = [f"Interviewer feedback for {name}"]
    if v.title != "Free answer":
        out.append(f"Prompt   {v.title}")
    out.append("         " + " · ".join(v.facts))
    s = v.structure
    if v.no_speech:
        out += ["", "No speech was heard.", f"Structure: {s.summary}. {s.message}", f"Signals: {v.signals.summary}",
                *[f"  ! {w}" for w in v.notes]]
        return "\n".join(out) + "\n"
    out += ["", f"Structure: {s.summary}" + (" (for reference; a story is coached on C.A.R.E.)" if s.story else "")]
    for r in s.rows:
        if r.heard:
            out.append(f"  [x] {r.number} {r.title:<22} {r.when:>6}  \"{r.cue}\" ({r.rule})")
        else:
            out.append(f"  [ ] {r.number} {r.title:<22}         not heard")
    if s.jumped:
        out.append(f"  ! {s.jumped}")
    out += ["", "Pacing"] + [f"  {line}" for line in v.pacing.lines]
    out += _content_sections(v)
    if s.lead:
        out += ["", s.lead]
    if s.tips:
        out += ["", TIPS_HEADING] + [f"  - {t.line}" for t in s.tips]
    elif s.message:
        out += ["", s.message]
    if v.notes:
        out += ["", "Notes"] + [f"  ! {w}" for w in v.notes]
    out += ["", "Transcript"]
    for sentence in v.sentences:
        when = f"[{sentence.when}] " if sentence.when else ""
        tags = f"  <{', '.join(sentence.steps)}>" if sentence.steps else ""
        out.append(f"  {when}{sentence.text}{tags}")
    return "\n".join(out) + "\n"


def _cue(evidence) -> str:
    if not evidence:
        return ""
    ev = evidence[0]
    return f"  {ev.when + ' ' if ev.when else ''}\"{ev.cue}\""


def _content_sections(v: FeedbackView) -> list[str]:
    """Signals heard, the prompt's framework parts and the suggested rubric scores."""
    out = []
    g = v.signals
    if g.any:
        out += ["", f"Signals: {g.summary}"]
        for s in g.concerns:
            out.append(f"   !  {s.title}" + (f" ({s.detail})" if s.detail else "") + _cue(s.evidence))
            out.append(f"        {s.tip}")
        for s in g.strengths:
            out.append(f"  [x] {s.title}{_cue(s.evidence)}")
        for s in g.to_add:
            out.append(f"  [ ] {s.title}")
            out.append(f"        {s.tip}")
        if g.clear:
            out.append(f"  Not found: {', '.join(s.title for s in g.clear)}")
    fw = v.framework
    if fw:
        out += ["", f"Framework: {fw.line}"]
        for part in ([] if fw.is_steps else fw.parts):  # the steps are listed above
            out.append(f"  [x] {part.title}{_cue(part.evidence)}" if part.heard else f"  [ ] {part.title}")
        for levels in fw.metric_levels:
            out.append(f"  {levels.name}: {', '.join(levels.named) or 'none named'} (guide {levels.source})")
    if v.scores:
        out += ["", "Suggested scores", f"  {SUGGESTED_NOTE}"]
        for row in v.scores:
            reasons = "; ".join(row.reasons[:3]) or "nothing heard for this dimension"
            out.append(f"  {row.title:<18} {row.score}/5  {reasons}")
    return out


def print_json(value) -> None:
    """The one way commands print JSON: indented, ending with a newline."""
    json.dump(value, sys.stdout, indent=2)
    sys.stdout.write("\n")


def print_result(result: dict, feedback: AnswerFeedback, source: Path, as_json: bool) -> None:
    """The one way `analyze` and `practice` print: one JSON object, or the readable report."""
    if as_json:
        print_json(result)
    else:
        sys.stdout.write(safe(text_report(feedback, source)))  # transcript and file name: no escapes
