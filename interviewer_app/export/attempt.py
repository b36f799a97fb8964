"""One attempt as Markdown or HTML: prompt, transcript with step highlights, checklist, pacing,
content signals and suggested scores (export/content.py), self-score and notes. Laid out from the
presentation model of the stored feedback JSON (analysis/feedback/view.py), so old attempts export
the same way and every export says what the review says."""

from __future__ import annotations

from interviewer_app.analysis.feedback.view import TIPS_HEADING, FeedbackView, feedback_view
from interviewer_app.core.models import local_time
from interviewer_app.core.rubric import RUBRIC
from interviewer_app.core.steps import STEP_COLORS, STEPS
from interviewer_app.export.content import content_html, content_markdown
from interviewer_app.export.escape import html_text, md, md_lines


def _tint(step: str, alpha: float = 0.3) -> str:
    """A see-through step colour that both browsers and Qt's PDF renderer read the same way."""
    c = STEP_COLORS[step].lstrip("#")
    r, g, b = (int(c[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha})"


def _facts(v: FeedbackView, meta: dict) -> list[str]:
    return [f"date {local_time(meta.get('created_at'))}", *v.facts, *v.pacing.lines]


def _structure_md(v: FeedbackView) -> list[str]:
    s = v.structure
    out = ["", f"## Structure: {s.summary}", ""]
    for r in s.rows:
        if r.heard:
            when = f" at {r.when}" if r.when else ""
            out.append(f"- [x] **{md(r.title)}**{when} — \"{md(r.cue)}\"")
        else:
            out.append(f"- [ ] **{md(r.title)}**")
    if s.jumped:
        out += ["", f"> {md(s.jumped)}"]
    if s.lead:
        out += ["", f"*{md(s.lead)}*"]
    if s.tips:
        out += ["", f"### {TIPS_HEADING}", ""] + [f"- {md(t.line)}" for t in s.tips]
    elif s.message:
        out += ["", md(s.message)]
    return out


def to_markdown(fb: dict, meta: dict, scores: dict[str, int], notes: str) -> str:
    v = feedback_view(fb)
    out = [f"# {md(v.title)}", ""] + [f"- {md(f)}" for f in _facts(v, meta)]
    out += _structure_md(v)
    out += content_markdown(v)
    if v.notes:
        out += ["", "## Notes", ""] + [f"- {md(n)}" for n in v.notes]
    out += ["", "## Transcript", ""]
    for s in v.sentences:
        when = f"`{s.when}` " if s.when else ""
        tags = f" *({md(', '.join(s.steps))})*" if s.steps else ""
        out.append(f"{when}{md(s.text)}{tags}  ")
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


def _structure_html(v: FeedbackView) -> list[str]:
    e = html_text
    s = v.structure
    parts = [f"<h2>Structure: {e(s.summary)}</h2><ul>"]
    for r in s.rows:
        if r.heard:
            when = f" at {r.when}" if r.when else ""
            parts.append(f"<li>&#10003; <b style='color:{STEP_COLORS[r.key]}'>{e(r.title)}</b>{when}"
                         f" — “{e(r.cue)}”</li>")
        else:
            parts.append(f"<li class='miss'>&#10007; <b>{e(r.title)}</b></li>")
    parts.append("</ul>")
    if s.jumped:
        parts.append(f"<p><b>&#9888; {e(s.jumped)}</b></p>")
    if s.lead:
        parts.append(f"<p><i>{e(s.lead)}</i></p>")
    if s.tips:
        parts.append(f"<h3>{e(TIPS_HEADING)}</h3><ul>" + "".join(f"<li>{e(t.line)}</li>" for t in s.tips) + "</ul>")
    elif s.message:
        parts.append(f"<p>{e(s.message)}</p>")
    return parts


def to_html(fb: dict, meta: dict, scores: dict[str, int], notes: str) -> str:
    e = html_text
    v = feedback_view(fb)
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{e(v.title)}</title><style>",
        "body{font-family:sans-serif;max-width:52em;margin:2em auto;line-height:1.45;color:#222}",
        ".s{padding:1px 3px;border-radius:3px} .t{color:#777;font-size:.85em;margin-right:.4em}",
        "li.miss{color:#a33} .legend span{display:inline-block;margin:0 .6em .3em 0;padding:0 .4em}",
        "</style></head><body>",
        f"<h1>{e(v.title)}</h1><ul>" + "".join(f"<li>{e(f)}</li>" for f in _facts(v, meta)) + "</ul>",
    ]
    parts += _structure_html(v)
    parts += content_html(v)
    if v.notes:
        parts.append("<h2>Notes</h2><ul>" + "".join(f"<li>{e(n)}</li>" for n in v.notes) + "</ul>")
    # a legend chip never breaks inside ("5 / Generate options"); in a PDF no heading is left
    # alone at a page's foot (export/pdf.py)
    parts.append("<h2>Transcript</h2><p class='legend'>" + "".join(
        f"<span class='s' style='background:{_tint(s.key)}'>&nbsp;{s.number}&nbsp;"
        f"{e(s.title).replace(' ', '&nbsp;')}&nbsp;</span> "
        for s in STEPS) + "</p><p>")
    for s in v.sentences:
        when = f"<span class='t'>{s.when}</span>&nbsp;" if s.when else ""
        style = f" style='background:{_tint(s.steps[0])}'" if s.steps and s.steps[0] in STEP_COLORS else ""
        parts.append(f"{when}<span class='s'{style}>{e(s.text)}</span> ")
    parts.append("</p>")
    if scores or notes:
        parts.append("<h2>Self-score</h2><ul>" + "".join(
            f"<li>{e(d.title)}: {scores[d.key]}/5</li>" for d in RUBRIC if d.key in scores) + "</ul>")
        if notes:
            parts.append(f"<p>{e(notes)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
