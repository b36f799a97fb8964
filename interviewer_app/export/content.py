"""The short "Content" section of an attempt export: strengths heard and concerns found (with the
time of their first evidence and the tip for each concern), strengths to add, the prompt's
framework parts, the metrics named and the suggested scores with their first reasons. Built from
the stored feedback JSON; answers saved before signals existed get no section."""

from __future__ import annotations

from interviewer_app.core.models import format_clock
from interviewer_app.core.rubric import RUBRIC
from interviewer_app.export.escape import html_text, md

REASONS = 2  # reasons per suggested score in an export
SUGGESTED_NOTE = "Suggested from what was heard: a second opinion, not your self-score."


def _when(s: dict) -> str:
    ev = s.get("evidence") or []
    return f" ({format_clock(ev[0]['start'])})" if ev and ev[0].get("start") is not None else ""


def _groups(fb: dict) -> tuple[list, list, list]:
    checked = [s for s in fb.get("signals") or [] if s.get("checked", True)]
    strengths = [s for s in checked if s["kind"] != "concern" and s["present"]]
    concerns = [s for s in checked if s["kind"] == "concern" and s["present"]]
    missed = [s for s in checked if s["kind"] != "concern" and not s["present"]]
    return strengths, concerns, missed


def _framework_line(fb: dict) -> str | None:
    fw = fb.get("framework")
    if not fw:
        return None
    missed = [p["title"] for p in fw.get("parts") or [] if not p.get("heard")]
    what = "steps" if fw.get("key") == "8-step" else "parts"
    return (f"{fw['name']} (guide {fw['source']}): {fw['heard']} of {fw['of']} {what} heard"
            + (f"; missed: {', '.join(missed)}" if missed else ""))


def _metrics_named(fb: dict) -> str:
    named = [p["title"].lower() for r in (fb.get("framework") or {}).get("metric_levels") or []
             for p in r.get("parts") or [] if p.get("heard")]
    return ", ".join(dict.fromkeys(named)) or "none"


def _suggested(fb: dict) -> list[tuple[str, int, list[str]]]:
    rs = fb.get("rubric_suggestion") or {}
    return [(d.title, rs[d.key]["score"], list(rs[d.key].get("reasons") or [])[:REASONS])
            for d in RUBRIC if isinstance(rs.get(d.key), dict) and rs[d.key].get("score") is not None]


def content_markdown(fb: dict) -> list[str]:
    if not fb.get("signals"):
        return []
    strengths, concerns, missed = _groups(fb)
    out = ["", "## Content", ""]
    out.append("- Strengths heard: " + (md(", ".join(s["title"] + _when(s) for s in strengths)) or "none"))
    out.append("- Concerns found: " + ("" if concerns else "none"))
    out += [f"  - **{md(s['title'])}**{_when(s)} — {md(s['tip'])}" for s in concerns]
    if missed:
        out.append("- To add next time: " + md(", ".join(s["title"] for s in missed)))
    framework = _framework_line(fb)
    if framework:
        out.append(f"- Framework: {md(framework)}")
        out.append(f"- Metrics named: {md(_metrics_named(fb))}")
    suggested = _suggested(fb)
    if suggested:
        out += ["", "### Suggested scores", "", f"*{SUGGESTED_NOTE}*", ""]
        out += [f"- {md(title)}: {score}/5" + (f" — {md('; '.join(reasons))}" if reasons else "")
                for title, score, reasons in suggested]
    return out


def content_html(fb: dict) -> list[str]:
    if not fb.get("signals"):
        return []
    e = html_text
    strengths, concerns, missed = _groups(fb)
    items = [f"<li><b>Strengths heard:</b> {e(', '.join(s['title'] + _when(s) for s in strengths) or 'none')}</li>",
             "<li><b>Concerns found:</b> " + ("none" if not concerns else "<ul>" + "".join(
                 f"<li class='miss'><b>{e(s['title'])}</b>{e(_when(s))} — {e(s['tip'])}</li>"
                 for s in concerns) + "</ul>") + "</li>"]
    if missed:
        items.append(f"<li><b>To add next time:</b> {e(', '.join(s['title'] for s in missed))}</li>")
    framework = _framework_line(fb)
    if framework:
        items.append(f"<li><b>Framework:</b> {e(framework)}</li>")
        items.append(f"<li><b>Metrics named:</b> {e(_metrics_named(fb))}</li>")
    out = ["<h2>Content</h2><ul>" + "".join(items) + "</ul>"]
    suggested = _suggested(fb)
    if suggested:
        out.append(f"<h3>Suggested scores</h3><p><i>{e(SUGGESTED_NOTE)}</i></p><ul>" + "".join(
            f"<li>{e(title)}: {score}/5" + (f" — {e('; '.join(reasons))}" if reasons else "") + "</li>"
            for title, score, reasons in suggested) + "</ul>")
    return out
