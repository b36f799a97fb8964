"""Coaching notes: what each interview-prep guide the feedback cites says, in our own words, one
passage per thing the app cites ("guide 003, mistake #1", "guide 000" for a step, "guide 002" for
a C.A.R.E. part, "guide 004" for the recommendation). The guides themselves are not shipped; these
notes carry their facts, written for the app, and the app's own definitions (the eight steps, the
rubric, the frameworks' parts) are reused as they are written elsewhere.

`cited_anchor(citation)` finds the passage a citation points to; `notes_html()` is the page the
Help menu and every linked citation open; `link_citations(html)` turns citations in already
escaped text into links ("guide:003#mistake-1").
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from interviewer_app.analysis.content.frameworks import FRAMEWORK_SPECS, METRIC_LEVELS
from interviewer_app.core.rubric import RUBRIC
from interviewer_app.core.steps import GUIDE_TITLES, STEPS


@dataclass(frozen=True)
class Note:
    guide: str
    anchor: str
    title: str
    text: str


MISTAKES_003 = (
    ("Treating execution as brainstorming features",
     "Jumping to fixes before the goal, the constraints and the weak point are known. Find where the "
     "problem is (discovery, activation, retention…) before proposing anything."),
    ("Thin metrics thinking",
     "Vanity metrics, success never defined, trade-offs between metrics not foreseen. Tie the metric to "
     "the business outcome and name what it could cost elsewhere."),
    ("No technical depth at all",
     "You need not code, but reason about APIs, system limits and how data flows, so engineers can trust "
     "the plan."),
    ("Edge cases left out",
     "Owners think about abuse, what happens when things fail, and what breaks at scale — say it before "
     "being asked."),
    ("Stakeholder trade-offs glossed over",
     "Execution means balancing user value, engineering cost and business priorities out loud, and saying "
     "why this balance."),
    ("Data used only to confirm",
     "Use data to find the problem, to choose between options and to stop a bad idea early — not only to "
     "measure a solution after launch."),
    ("Frameworks learned, never practised live",
     "Memorised frameworks break at the first follow-up; practise answering out loud, under time, with "
     "follow-ups."),
)

MISTAKES_004 = (
    "Opening with a feature idea instead of a diagnosis.",
    "Treating a metric move as real before checking the instrumentation.",
    "Asking clarifying questions without ever forming a plan.",
    "Listing every segment without choosing where to look first.",
    "Optimising a vanity metric and forgetting the guardrails.",
    "Never making a recommendation.",
    "Treating all risks as equal instead of by severity and reversibility.",
    "Forgetting the other functions: engineering, data, design, legal, support, operations, go-to-market.",
)


def notes() -> list[Note]:
    """Every passage, in guide order."""
    specs, levels = FRAMEWORK_SPECS, METRIC_LEVELS
    out = [Note("000", "guide-000", "A practical answer structure: eight steps",
                "A plan answer walks through eight steps, roughly in order; interviewers look for each one.")]
    out += [Note("000", f"step-{s.key}", f"{s.number}. {s.title}", f"{s.summary} {s.tip}") for s in STEPS]
    out.append(Note("000", "rubric", "How answers are scored: seven dimensions",
                    " ".join(f"{r.title}: strong means {r.strong[:1].lower()}{r.strong[1:]}" for r in RUBRIC)))
    out.append(Note("000", "metric-types", "Kinds of metric",
                    "Input metrics are what the team does, output metrics what users do, outcome metrics "
                    "what the business gets, and quality metrics (guardrails) what must not get worse. A "
                    "good plan names an outcome and at least one guardrail."))
    out.append(Note("001", "guide-001", "The product execution interview",
                    "It tests whether you can take a goal to a shipped, measured result: define success, "
                    "find what blocks it, choose, and follow through."))
    out.append(Note("001", "metric-levels", levels.name,
                    " ".join(f"{p.title}: {p.meaning}" for p in levels.parts)))
    care = specs["care"]
    out.append(Note("002", "guide-002", "The execution round at top companies",
                    "It looks at how you delivered in the past — when a timeline slipped, a team was blocked "
                    "or a metric fell — and at how you handle a live scenario; answers are scored on "
                    "ownership, prioritisation, problem solving, communication and the use of data."))
    out.append(Note("002", "care", "Stories told with C.A.R.E.",
                    "A past-project question is answered with a true story in four parts. Say \"I\" for what "
                    "you decided, give the result in numbers, and say when you escalated."))
    out += [Note("002", f"care-{p.key}", p.title, p.meaning) for p in care.parts]
    out.append(Note("002", "ownership", "Ownership and past behaviour",
                    "The most common reason for a rejection is an answer where \"we\" or \"the team\" did "
                    "everything. Say what you did, as something you did (\"I cut…\"), not what you would do."))
    out.append(Note("002", "timings", "Stages and timings by company",
                    "Amazon: about 5 minutes of set-up, a 30-minute deep dive, 10 minutes of questions. "
                    "Google: 10 minutes of introduction, a 25-minute story, a 10-minute scenario. Meta: two "
                    "stories of about 20 minutes. Stripe: a 60-minute deep dive with a live scenario. "
                    "Going over time costs points everywhere."))
    out.append(Note("003", "guide-003", "Seven mistakes that sink strong candidates",
                    "Execution rounds test whether you can be trusted to ship under constraints."))
    out += [Note("003", f"mistake-{i}", f"Mistake #{i}: {title}", text)
            for i, (title, text) in enumerate(MISTAKES_003, 1)]
    out.append(Note("004", "guide-004", "Frameworks for root-cause, metric-drop and trade-off questions",
                    "Use a framework to find a path, not to recite: define the metric, find where the problem "
                    "lives, tie it to a likely cause, weigh options, and recommend."))
    for key in ("meter", "cause", "value"):
        spec = specs[key]
        out.append(Note("004", key, spec.name, " ".join(f"{p.title}: {p.meaning}" for p in spec.parts)))
    out.append(Note("004", "recommendation", "End on a recommendation",
                    "A strong answer does not hide from the decision: it says what you would do and why "
                    "(\"I'd choose B: it fixes the biggest confirmed drop, ships in two days and can be "
                    "undone\"). In a timed answer, say the call early as a working answer and end on it "
                    "again, so running out of time cannot cut it."))
    out.append(Note("004", "scorecard", "A light prioritisation scorecard",
                    "Weigh options by impact, confidence, speed, risk and strategic fit, then decide in plain "
                    "words instead of presenting a matrix."))
    out.append(Note("004", "mistakes-004", "Mistakes that weaken execution answers",
                    " ".join(MISTAKES_004)))
    return out


_CITATION = re.compile(r"\bguide (\d{3})(?:,? (?:mistake|Mistake) #(\d)| #(\d))?")


def cited_anchor(guide: str, mistake: str | None = None, context: str = "") -> str:
    """The passage a citation points to: a numbered mistake of guide 003, a step or C.A.R.E. part
    when the words around it name one, else the guide's opening."""
    if mistake and guide == "003":
        return f"mistake-{mistake}"
    low = context.lower()
    if guide == "004" and "recommend" in low:
        return "recommendation"
    if guide == "000":
        for s in STEPS:
            if s.title.lower() in low:
                return f"step-{s.key}"
    return f"guide-{guide}"


def link_citations(escaped: str, context: str = "") -> str:
    """Citations in already escaped HTML as links to their passage."""
    def link(m: re.Match) -> str:
        mistake = m.group(2) or m.group(3)
        anchor = cited_anchor(m.group(1), mistake, context or escaped)
        return f"<a href='guide:{m.group(1)}#{anchor}'>{m.group(0)}</a>"
    return _CITATION.sub(link, escaped)


def notes_html(highlight: str = "") -> str:
    """The coaching notes as one page, a section per guide, an anchor per passage; the passage
    `highlight` names (the one a citation opened) is marked."""
    parts = ["<h2>Coaching notes</h2><p>What the interview-prep guides behind the feedback say, in short. "
             "A citation such as “guide 003, mistake #1” in the feedback opens its passage here.</p>"]
    current = None
    for n in notes():
        if n.guide != current:
            current = n.guide
            parts.append(f"<h3>Guide {n.guide}: {html.escape(GUIDE_TITLES.get(n.guide, ''))}</h3>")
        mark = " style='background-color:#FFF3C4;color:#222'" if n.anchor == highlight else ""
        parts.append(f"<p{mark}><a name='{n.anchor}'></a><b>{html.escape(n.title)}</b><br>{html.escape(n.text)}</p>")
    return "\n".join(parts)
