"""A mock interview's report as a page: the time of each phase against its budget (a timeline and a
table), each main answer with its structure and concerns, the follow-ups asked after it (why each
was asked and how it was answered, or why it was never asked), the habits of each phase, and the
self-score. The same page is shown in the app (mock_report_page.py, Qt's rich text) and exported
as a web page or PDF; Markdown carries the same sections. Built from `MockReport.to_dict()` only,
in the words the answers' own feedback uses (step and part titles, never keys or file names)."""

from __future__ import annotations

from interviewer_app.core.models import format_clock, plural
from interviewer_app.core.rubric import RUBRIC
from interviewer_app.core.steps import STEPS_BY_KEY
from interviewer_app.export.escape import html_text, md, md_lines
from interviewer_app.mock.report import (
    part_titles,
    reason_html,
    reason_words,
    signal_titles,
    step_titles,
    structure_words,
)

STATUS_WORDS = {"analysed": "analysed from a folder of answers", "finished": "finished and saved",
                "unfinished": "not finished yet", "abandoned": "left before the end"}
GOOD, BAD = "good", "bad"  # the states a time is shown in
# the page's colours on white paper (exports); the app passes its palette's (mock_report_page.py)
PAPER = {"text": "#222222", "muted": "#57606A", "good": "#1A7F37", "bad": "#CF222E", "good_bg": "#DDF4E4",
         "bad_bg": "#FBE0E0", "plain_bg": "#EEF0F2", "rule": "#DDDDDD", "gap": "#FFFFFF"}
GAP_WORDS = {True: "the gap was filled", False: "the gap is still open", None: "a twist: no gap to fill"}


def report_title(d: dict) -> str:
    name = d["plan"]["name"]
    title = name if name.lower().endswith("mock") else f"{name} mock"
    return title + (f" · session {d['session_id']}" if d.get("session_id") is not None else "")


def time_words(d: dict) -> tuple[str, str | None]:
    """The whole interview's time in words, and its state, GOOD or BAD (None: not measured)."""
    t = d["totals"]
    if t["used_s"] is None:
        return f"Time not measured (typed answers); {format_clock(t['answer_budget_s'])} to answer", None
    head = (f"{format_clock(t['used_s'])} answering of {format_clock(t['answer_budget_s'])} "
            f"({format_clock(t['interview_budget_s'])} with the phases not recorded)")
    if t["over_budget"]:
        return f"{head}: {format_clock(t['overtime_s'])} over", BAD
    return f"{head}: {format_clock(t['answer_budget_s'] - t['used_s'])} to spare", GOOD


def phase_used(r: dict) -> tuple[str, str, str | None]:
    """(used, over or left, state: GOOD, BAD or None) of one phase row."""
    if not r["takes_answer"]:
        return "—", "not recorded", None
    if r["used_s"] is None:
        return "—", r["note"] or "untimed", None
    if r["over_budget"]:
        return format_clock(r["used_s"]), f"{format_clock(r['overtime_s'])} over", BAD
    return format_clock(r["used_s"]), f"{format_clock(r['left_s'])} left", GOOD


def ran_out_words(r: dict) -> str:
    ran = r.get("ran_out") or {}
    if not ran:
        return ""
    step = STEPS_BY_KEY.get(ran.get("step") or "")
    return (f"time ran out {format_clock(ran['into_answer_s'])} into answer {ran['position']}"
            + (f", during {step.title}" if step else ""))


def follow_up_answer_words(f: dict) -> str:
    """How a follow-up was answered, or why it was never asked."""
    if not f["answered"]:
        return f"Not asked: {f.get('not_asked_because') or 'the interview moved on'}."
    ans = f["answer"] or {}
    length = f" ({format_clock(ans['duration_s'])})" if ans.get("duration_s") is not None else ""
    if ans.get("no_speech"):
        return f"Answered in answer {f['answer_position']}{length}: nothing was heard."
    heard = signal_titles((ans.get("signals") or {}).get("strengths_heard") or [])
    return (f"Answered in answer {f['answer_position']}{length}: {GAP_WORDS[f['addressed']]}"
            + (f"; heard {heard}" if heard else "") + ".")


def habit_words(h: dict) -> str:
    """A phase's habits in a sentence, with titles."""
    out = []
    never = h.get("never_heard") or {}
    if never.get("steps"):
        out.append("steps never heard: " + step_titles(never["steps"]))
    if never.get("care"):
        out.append("C.A.R.E. parts never heard: " + part_titles("care", never["care"]))
    if h.get("wpm"):
        out.append(f"{h['wpm']:.0f} words/min")
    if h.get("fillers_per_min") is not None:
        out.append(f"{h['fillers_per_min']:.1f} fillers/min")
    if h.get("concerns"):
        out.append("concerns: " + signal_titles(list(h["concerns"])))
    return "; ".join(out) or "nothing to note"


def _mains(d: dict) -> list[tuple[dict, list[dict]]]:
    """Each main answer with the follow-ups chosen after it (asked or not), in order."""
    out = []
    for a in d["answers"]:
        if not a["is_follow_up"]:
            out.append((a, [f for f in d["follow_ups"] if f["after"] == a["position"]]))
    return out


def _phase_names(d: dict) -> dict[str, str]:
    return {p["key"]: p["name"] for p in d["phases"]}


def _timeline_html(d: dict, colors: dict) -> str:
    """One bar: each phase as wide as its budget, tinted green within it, red when over."""
    total = sum(p["budget_s"] for p in d["phases"]) or 1
    cells = []
    for r in d["phases"]:
        width = max(4, round(r["budget_s"] / total * 100))
        used, left, color = phase_used(r)
        tint = colors[{GOOD: "good_bg", BAD: "bad_bg"}.get(color, "plain_bg")]
        cells.append(f"<td width='{width}%' style='background-color:{tint};padding:4px;border:1px solid "
                     f"{colors['gap']}'><b>{html_text(r['name'])}</b><br><span style='color:{colors[color or 'muted']}'>"
                     f"{html_text(used)} of {format_clock(r['budget_s'])} · {html_text(left)}</span></td>")
    return "<table width='100%' cellspacing='0' cellpadding='0'><tr>" + "".join(cells) + "</tr></table>"


def to_html(d: dict, colors: dict | None = None) -> str:
    """The page; `colors` (keys of PAPER) fit it to the app's light or dark palette."""
    colors = {**PAPER, **(colors or {})}
    e = html_text
    names = _phase_names(d)
    time_text, color = time_words(d)
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{e(report_title(d))}</title><style>",
        f"body{{font-family:sans-serif;max-width:56em;margin:2em auto;line-height:1.4;color:{colors['text']}}}",
        f"table.p{{border-collapse:collapse}} table.p td, table.p th{{border-bottom:1px solid {colors['rule']};"
        f"padding:3px 8px;text-align:left}} .why{{color:{colors['muted']}}} .q{{font-weight:bold}}",
        "</style></head><body>",
        f"<h1>{e(report_title(d))} · report</h1>",
        f"<p>Status: {e(STATUS_WORDS.get(d['status'], d['status']))}<br>",
        f"<b style='color:{colors[color]}'>{e(time_text)}</b></p>" if color else f"{e(time_text)}</p>",
        "<h2>Time by phase</h2>", _timeline_html(d, colors),
        "<table class='p' cellspacing='0' cellpadding='3'><tr><th>Phase</th><th>Budget</th><th>Used</th>"
        "<th>Over or left</th><th>Answers</th><th>Where time ran out</th></tr>",
    ]
    for r in d["phases"]:
        used, left, c = phase_used(r)
        count = (f"{plural(r['answers'], 'answer')}, {plural(r['follow_up_answers'], 'follow-up')}"
                 if r["takes_answer"] else "—")
        parts.append(f"<tr valign='top'><td>{e(r['name'])}</td><td>{format_clock(r['budget_s'])}</td><td>{e(used)}</td>"
                     f"<td><span style='color:{colors[c or 'muted']}'>{e(left)}</span></td><td>{e(count)}</td>"
                     f"<td>{e(ran_out_words(r))}</td></tr>")
    parts.append("</table>")
    parts.append("<h2>Answers and follow-ups</h2>")
    for a, follow_ups in _mains(d):
        length = format_clock(a["duration_s"]) if a["duration_s"] is not None else "untimed"
        parts.append(f"<h3>{a['position']}. {e(names.get(a['phase'], a['phase']))} · {e(length)}</h3>")
        parts.append(f"<p class='q'>“{e(a['question'])}”</p>")
        if a["no_speech"]:
            parts.append("<p>Nothing was heard in this answer.</p>")
        else:
            concerns = signal_titles(a["signals"]["concerns"])
            heard = signal_titles(a["signals"]["strengths_heard"])
            parts.append("<ul><li>" + e(structure_words(a)) + "</li>"
                         + (f"<li>Heard: {e(heard)}</li>" if heard else "")
                         + (f"<li style='color:{colors['bad']}'>Concerns: {e(concerns)}</li>" if concerns else "") + "</ul>")
        if follow_ups:
            parts.append("<p><b>Follow-ups</b></p><ol>")
            for f in follow_ups:
                parts.append(f"<li><span class='q'>“{e(f['question'])}”</span><br>"
                             f"<span class='why'>Why asked: {reason_html(f['reason'])}</span><br>"
                             f"{e(follow_up_answer_words(f))}</li>")
            parts.append("</ol>")
    parts.append("<h2>Habits by phase</h2><ul>")
    for h in d["habits"]:
        parts.append(f"<li><b>{e(h['name'])}</b>: {e(habit_words(h))}</li>")
    parts.append("</ul>")
    parts += _score_html(d)
    parts.append("</body></html>")
    return "\n".join(parts)


def _score_html(d: dict) -> list[str]:
    scores, notes = d.get("self_score") or {}, d.get("notes") or ""
    if not scores and not notes:
        return []
    out = ["<h2>Self-score</h2><ul>"]
    out += [f"<li>{html_text(r.title)}: {scores[r.key]}/5</li>" for r in RUBRIC if scores.get(r.key)]
    out.append("</ul>")
    if notes:
        out.append(f"<p>{html_text(notes)}</p>")
    return out


def to_markdown(d: dict) -> str:
    names = _phase_names(d)
    time_text, _color = time_words(d)
    out = [f"# {md(report_title(d))} · report", "",
           f"Status: {md(STATUS_WORDS.get(d['status'], d['status']))}  ", md(time_text), "",
           "## Time by phase", "", "| Phase | Budget | Used | Over or left | Answers | Where time ran out |",
           "|---|---|---|---|---|---|"]
    for r in d["phases"]:
        used, left, _c = phase_used(r)
        count = (f"{plural(r['answers'], 'answer')}, {plural(r['follow_up_answers'], 'follow-up')}"
                 if r["takes_answer"] else "—")
        out.append(f"| {md(r['name'])} | {format_clock(r['budget_s'])} | {used} | {left} | {count} | "
                   f"{md(ran_out_words(r))} |")
    out += ["", "## Answers and follow-ups"]
    for a, follow_ups in _mains(d):
        length = format_clock(a["duration_s"]) if a["duration_s"] is not None else "untimed"
        out += ["", f"### {a['position']}. {md(names.get(a['phase'], a['phase']))} · {length}", "",
                f"**“{md(a['question'])}”**", ""]
        if a["no_speech"]:
            out.append("Nothing was heard in this answer.")
        else:
            out.append(f"- {md(structure_words(a))}")
            if a["signals"]["strengths_heard"]:
                out.append(f"- Heard: {md(signal_titles(a['signals']['strengths_heard']))}")
            if a["signals"]["concerns"]:
                out.append(f"- Concerns: {md(signal_titles(a['signals']['concerns']))}")
        if follow_ups:
            out += ["", "Follow-ups:", ""]
            for i, f in enumerate(follow_ups, 1):
                out.append(f"{i}. **“{md(f['question'])}”**  ")
                out.append(f"   Why asked: {md(reason_words(f['reason']).removeprefix('asked because '))}  ")
                out.append(f"   {md(follow_up_answer_words(f))}")
    out += ["", "## Habits by phase", ""] + [f"- **{md(h['name'])}**: {md(habit_words(h))}" for h in d["habits"]]
    scores, notes = d.get("self_score") or {}, d.get("notes") or ""
    if scores or notes:
        out += ["", "## Self-score", ""] + [f"- {md(r.title)}: {scores[r.key]}/5" for r in RUBRIC if scores.get(r.key)]
        if notes:
            out += ["", *md_lines(notes)]
    return "\n".join(out).rstrip() + "\n"


MOCK_FORMATS = {"html": "Web page", "pdf": "PDF", "md": "Markdown", "json": "JSON"}


def render_mock_report(d: dict, fmt: str) -> bytes:
    """A mock report's export in `fmt` (a key of MOCK_FORMATS)."""
    import json

    if fmt == "json":
        return (json.dumps(d, indent=2) + "\n").encode()
    if fmt == "md":
        return to_markdown(d).encode()
    if fmt == "html":
        return to_html(d).encode()
    if fmt == "pdf":
        from interviewer_app.export.pdf import html_to_pdf_bytes

        return html_to_pdf_bytes(to_html(d))
    raise ValueError(f"unknown export format {fmt!r}")
