"""One attempt as Markdown or HTML: prompt, transcript with step highlights, checklist, pacing,
content signals and suggested scores (export/content.py), self-score and notes. Built from the
stored feedback JSON, so old attempts export the same way."""

from __future__ import annotations

from interviewer_app.core.models import format_clock
from interviewer_app.core.rubric import RUBRIC
from interviewer_app.core.steps import STEP_COLORS, STEPS
from interviewer_app.export.content import content_html, content_markdown
from interviewer_app.export.escape import html_text, md, md_lines


def _tint(step: str, alpha: float = 0.3) -> str:
    """A see-through step colour that both browsers and Qt's PDF renderer read the same way."""
    c = STEP_COLORS[step].lstrip("#")
    r, g, b = (int(c[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha})"


def _facts(fb: dict, meta: dict) -> list[str]:
    p = fb["pacing"]
    facts = [f"Date: {meta.get('created_at', '-')}", f"Model: {fb.get('model') or 'typed transcript'}"]
    if fb.get("duration_s") is not None:
        facts.append(f"Length: {format_clock(fb['duration_s'])}")
    if fb.get("budget"):
        over = p.get("over_budget")
        state = ("over by " + format_clock(p["overtime_s"]) +
                 (f", ran out during {p['over_at_step']}" if p.get("over_at_step") else "")) if over else "within budget"
        facts.append(f"Budget: {fb['budget']['label']} — {state}")
    if p.get("wpm") is not None:
        facts.append(f"Pace: {p['wpm']:.0f} words/min, think time {p['think_time_s']:.1f} s, "
                     f"{len(p['pauses'])} pauses over 1.2 s (longest {p['longest_pause_s']:.1f} s)")
    facts.append(f"Fillers: {p['fillers']['count']}")
    return facts


def to_markdown(fb: dict, meta: dict, scores: dict[str, int], notes: str) -> str:
    prompt = (fb.get("prompt") or {}).get("text") or "Free answer"
    out = [f"# {md(prompt)}", ""] + [f"- {md(f)}" for f in _facts(fb, meta)]
    out += ["", f"## Structure: {fb['steps_heard']} of 8 steps heard", ""]
    for step in STEPS:
        r = fb["steps"][step.key]
        if r["heard"]:
            when = f" at {format_clock(r['first_s'])}" if r["first_s"] is not None else ""
            out.append(f"- [x] **{md(step.title)}**{when} — \"{md(r['evidence'][0]['cue'])}\"")
        else:
            out.append(f"- [ ] **{md(step.title)}** — {md(step.tip)}")
    if fb.get("jumped_to_options"):
        out += ["", "> Jumped to options before restating the goal, scoping or mapping (guide 003)."]
    out += content_markdown(fb)
    out += ["", "## Transcript", ""]
    for s in fb.get("sentences", []):
        when = f"`{format_clock(s['start'])}` " if s.get("start") is not None else ""
        tags = f" *({md(', '.join(s['steps']))})*" if s["steps"] else ""
        out.append(f"{when}{md(s['text'])}{tags}  ")
    out += _score_lines_md(scores, notes)
    return "\n".join(out).rstrip() + "\n"


def _score_lines_md(scores: dict[str, int], notes: str) -> list[str]:
    if not scores and not notes:
        return []
    out = ["", "## Self-score", ""]
    out += [f"- {md(d.title)}: {scores[d.key]}/5" for d in RUBRIC if d.key in scores]
    if notes:
        out += ["", *md_lines(notes)]
    return out


def to_html(fb: dict, meta: dict, scores: dict[str, int], notes: str) -> str:
    e = html_text
    prompt = (fb.get("prompt") or {}).get("text") or "Free answer"
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{e(prompt)}</title><style>",
        "body{font-family:sans-serif;max-width:52em;margin:2em auto;line-height:1.45;color:#222}",
        ".s{padding:1px 3px;border-radius:3px} .t{color:#777;font-size:.85em;margin-right:.4em}",
        "li.miss{color:#a33} .legend span{display:inline-block;margin:0 .6em .3em 0;padding:0 .4em}",
        "</style></head><body>",
        f"<h1>{e(prompt)}</h1><ul>" + "".join(f"<li>{e(f)}</li>" for f in _facts(fb, meta)) + "</ul>",
        f"<h2>Structure: {fb['steps_heard']} of 8 steps heard</h2><ul>",
    ]
    for step in STEPS:
        r = fb["steps"][step.key]
        if r["heard"]:
            when = f" at {format_clock(r['first_s'])}" if r["first_s"] is not None else ""
            parts.append(f"<li>&#10003; <b style='color:{STEP_COLORS[step.key]}'>{e(step.title)}</b>{when}"
                         f" — “{e(r['evidence'][0]['cue'])}”</li>")
        else:
            parts.append(f"<li class='miss'>&#10007; <b>{e(step.title)}</b> — {e(step.tip)}</li>")
    parts.append("</ul>")
    if fb.get("jumped_to_options"):
        parts.append("<p><b>Jumped to options</b> before restating the goal, scoping or mapping "
                     "the system (guide 003, mistake #1).</p>")
    parts += content_html(fb)
    parts.append("<h2>Transcript</h2><p class='legend'>" + "".join(
        f"<span class='s' style='background:{_tint(s.key)}'>&nbsp;{s.number} {e(s.title)}&nbsp;</span>&nbsp; "
        for s in STEPS) + "</p><p>")
    for s in fb.get("sentences", []):
        when = f"<span class='t'>{format_clock(s['start'])}</span>&nbsp;" if s.get("start") is not None else ""
        style = f" style='background:{_tint(s['steps'][0])}'" if s["steps"] else ""
        parts.append(f"{when}<span class='s'{style}>{e(s['text'])}</span> ")
    parts.append("</p>")
    if scores or notes:
        parts.append("<h2>Self-score</h2><ul>" + "".join(
            f"<li>{e(d.title)}: {scores[d.key]}/5</li>" for d in RUBRIC if d.key in scores) + "</ul>")
        if notes:
            parts.append(f"<p>{e(notes)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
