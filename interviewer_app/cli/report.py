"""The readable report `analyze` prints without --json (and the one way commands print JSON).
Both are safe on a terminal: the report goes through `terminal.safe`, JSON escapes control characters."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from interviewer_app.analysis.feedback import AnswerFeedback
from interviewer_app.cli.terminal import safe
from interviewer_app.core.models import format_clock
from interviewer_app.core.rubric import RUBRIC
from interviewer_app.core.steps import STEPS


def text_report(fb: AnswerFeedback, source: Path) -> str:
    d = fb.to_dict()
    p = d["pacing"]
    out = [f"Interviewer feedback for {source.name}"]
    if fb.prompt:
        out.append(f"Prompt   {fb.prompt.text}")
    facts = [f"model {d['model'] or 'none (typed transcript)'}"]
    if d["duration_s"] is not None:
        facts.append(f"length {format_clock(d['duration_s'])}")
    if fb.budget:
        facts.append(f"budget {fb.budget.label}")
    out.append("         " + " · ".join(facts))
    if fb.no_speech:
        out += ["", "No speech was heard.", *[f"  ! {w}" for w in d["warnings"]]]
        return "\n".join(out) + "\n"

    out += ["", f"Structure: {d['steps_heard']} of 8 steps heard"]
    for step in STEPS:
        r = d["steps"][step.key]
        if r["heard"]:
            ev = r["evidence"][0]
            when = format_clock(r["first_s"]) if r["first_s"] is not None else "    "
            out.append(f"  [x] {step.number} {step.title:<22} {when:>6}  \"{ev['cue']}\" ({ev['rule']})")
        else:
            out.append(f"  [ ] {step.number} {step.title:<22}         not heard")
    if d["jumped_to_options"]:
        out.append("  ! Jumped to options before restating the goal, scoping or mapping the system.")

    out += ["", "Pacing"]
    if p["wpm"] is not None:
        out.append(f"  speaking {format_clock(p['speaking_s'])} at {p['wpm']:.0f} words/min; "
                   f"think time before the first word {p['think_time_s']:.1f} s")
        out.append(f"  pauses over 1.2 s: {len(p['pauses'])} (longest {p['longest_pause_s']:.1f} s, "
                   f"{p['long_pauses']} over 4 s)")
        if p["time_to_restate_s"] is not None:
            out.append(f"  goal restated at {format_clock(p['time_to_restate_s'])}")
    fillers = p["fillers"]
    items = ", ".join(f"{f['word']}" + (f" {format_clock(f['start'])}" if f["start"] is not None else "")
                      for f in fillers["items"][:8])
    rate = f" ({fillers['per_min']:.1f}/min)" if fillers["per_min"] is not None else ""
    out.append(f"  fillers: {fillers['count']}{rate}" + (f": {items}" if items else ""))
    if p["over_budget"]:
        during = f", during '{p['over_at_step']}'" if p["over_at_step"] else ""
        out.append(f"  OVER TIME by {format_clock(p['overtime_s'])}: the budget ran out at "
                   f"{format_clock(p['over_at_s'])}{during}")
    elif p["over_budget"] is False:
        left = fb.budget.seconds - (p["answer_end_s"] or 0)
        out.append(f"  within budget ({format_clock(left)} to spare)")

    out += _content_sections(d)

    tips = d["tips"]
    if tips:
        out += ["", "Next time"] + [f"  - {t}" for t in tips]
    if d["warnings"]:
        out += ["", "Notes"] + [f"  ! {w}" for w in d["warnings"]]
    out += ["", "Transcript"]
    for s in d["sentences"]:
        when = f"[{format_clock(s['start'])}] " if s["start"] is not None else ""
        tags = f"  <{', '.join(s['steps'])}>" if s["steps"] else ""
        out.append(f"  {when}{s['text']}{tags}")
    return "\n".join(out) + "\n"


def _when(ev: dict) -> str:
    start = ev.get("cue_start", ev.get("start"))
    return format_clock(start) if start is not None else ""


def _cue(signal: dict) -> str:
    if not signal["present"] or not signal["evidence"]:
        return ""
    ev = signal["evidence"][0]
    when = _when(ev)
    return f"  {when + ' ' if when else ''}\"{ev['cue']}\""


def _content_sections(d: dict) -> list[str]:
    """Signals heard, the prompt's framework parts and the suggested rubric scores."""
    out = []
    signals = d.get("signals") or []
    if signals:
        out += ["", "Signals"]
        for s in signals:
            if s["kind"] == "strength":
                out.append(f"  [{'x' if s['present'] else ' '}] {s['title']}{_cue(s)}")
                if not s["present"]:
                    out.append(f"        {s['tip']}")
        for s in signals:
            if s["kind"] == "concern" and s["present"]:
                detail = f" ({s['detail']})" if s.get("detail") else ""
                out.append(f"   !  {s['title']}{detail}{_cue(s)}")
                out.append(f"        {s['tip']}")
        clear = [s["title"] for s in signals
                 if s["kind"] == "concern" and not s["present"] and s.get("checked", True)]
        if clear:
            out.append(f"  Not found: {', '.join(clear)}")
    fw = d.get("framework")
    if fw:
        out += ["", f"Framework: {fw['name']} ({fw['heard']} of {fw['of']} parts heard, guide {fw['source']})"]
        for part in ([] if fw["key"] == "8-step" else fw["parts"]):  # the steps are listed above
            if part["heard"]:
                ev = part["evidence"][0] if part["evidence"] else None
                when = _when(ev) if ev else ""
                cue = f"  {when + ' ' if when else ''}\"{ev['cue']}\"" if ev else ""
                out.append(f"  [x] {part['title']}{cue}")
            else:
                out.append(f"  [ ] {part['title']}")
        for levels in fw.get("metric_levels") or []:
            named = [p["title"] for p in levels["parts"] if p["heard"]]
            out.append(f"  {levels['name']}: {', '.join(named) if named else 'none named'} (guide {levels['source']})")
    suggestion = d.get("rubric_suggestion") or {}
    if suggestion:
        out += ["", "Suggested scores (from what was heard; your own self-score stays yours)"]
        for dim in RUBRIC:
            if dim.key in suggestion:
                s = suggestion[dim.key]
                reasons = "; ".join(s["reasons"][:3]) or "nothing heard for this dimension"
                out.append(f"  {dim.title:<18} {s['score']}/5  {reasons}")
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
