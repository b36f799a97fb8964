"""The short "Content" section of an attempt export: strengths heard and concerns found (with the
time of their first evidence and the tip for each concern), strengths to add, the prompt's
framework parts, the metrics named and the suggested scores with their first reasons. Laid out
from the presentation model (analysis/feedback/view.py); answers saved before signals existed get
no section."""

from __future__ import annotations

from interviewer_app.analysis.feedback.view import SUGGESTED_NOTE, FeedbackView, SignalRow
from interviewer_app.export.escape import html_text, md

REASONS = 2  # reasons per suggested score in an export


def _when(s: SignalRow) -> str:
    return f" ({s.when})" if s.when else ""


def content_markdown(v: FeedbackView) -> list[str]:
    g = v.signals
    if not g.any:
        return []
    out = ["", "## Content", "", f"*{md(g.summary)}*", ""]
    out.append("- Strengths heard: " + (md(", ".join(s.title + _when(s) for s in g.strengths)) or "none"))
    out.append("- Concerns found: " + ("" if g.concerns else "none"))
    out += [f"  - **{md(s.title)}**{_when(s)} — {md(s.tip)}" for s in g.concerns]
    if g.to_add:
        out.append("- To add next time: " + md(", ".join(s.title for s in g.to_add)))
    if v.framework:
        out.append(f"- Framework: {md(v.framework.line)}")
        out.append(f"- Metrics named: {md(v.framework.metrics_named)}")
    if v.scores:
        out += ["", "### Suggested scores", "", f"*{SUGGESTED_NOTE}*", ""]
        out += [f"- {md(r.title)}: {r.score}/5" + (f" — {md('; '.join(r.reasons[:REASONS]))}" if r.reasons else "")
                for r in v.scores]
    return out


def content_html(v: FeedbackView) -> list[str]:
    g = v.signals
    if not g.any:
        return []
    e = html_text
    items = [f"<li><b>Strengths heard:</b> {e(', '.join(s.title + _when(s) for s in g.strengths) or 'none')}</li>",
             "<li><b>Concerns found:</b> " + ("none" if not g.concerns else "<ul>" + "".join(
                 f"<li class='miss'><b>{e(s.title)}</b>{e(_when(s))} — {e(s.tip)}</li>"
                 for s in g.concerns) + "</ul>") + "</li>"]
    if g.to_add:
        items.append(f"<li><b>To add next time:</b> {e(', '.join(s.title for s in g.to_add))}</li>")
    if v.framework:
        items.append(f"<li><b>Framework:</b> {e(v.framework.line)}</li>")
        items.append(f"<li><b>Metrics named:</b> {e(v.framework.metrics_named)}</li>")
    out = [f"<h2>Content</h2><p><i>{e(g.summary)}</i></p><ul>" + "".join(items) + "</ul>"]
    if v.scores:
        out.append(f"<h3>Suggested scores</h3><p><i>{e(SUGGESTED_NOTE)}</i></p><ul>" + "".join(
            f"<li>{e(r.title)}: {r.score}/5" + (f" — {e('; '.join(r.reasons[:REASONS]))}" if r.reasons else "")
            + "</li>" for r in v.scores) + "</ul>")
    return out
