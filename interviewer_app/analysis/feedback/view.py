"""The one presentation model of an answer's feedback: every row, tip, warning, group, framework
line and number (with its unit) the user is told. Front ends only lay it out, so the review, the
CLI report, the exports and the mock report cannot drift apart.

Built from the feedback dict (`AnswerFeedback.to_dict()`, or one stored years ago: keys added
later are optional), so an old attempt is told the same things as a new one.

Coaching rules, each from the guides in ../shared/guides:
- a plan is coached on the eight steps (guide 000); a behavioral story prompt on C.A.R.E. (guide
  002), whose missing parts are its tips; the steps are then shown for reference only;
- options before restate/scope/map is "jumping to options" (guide 003, mistake #1), said for plans;
- a pause is a silence of PAUSE_S or more, flagged from LONG_PAUSE_S (analysis/pacing/measure.py);
- a plan ends on a recommendation (guide 004); in a timed answer it should first be said by the
  budget's halfway mark (answer first), or running out of time cuts it: a later one is a tip.
"""

from __future__ import annotations

from dataclasses import dataclass

from interviewer_app.analysis.content.frameworks import CARE_TIPS, FRAMEWORK_SPECS
from interviewer_app.analysis.feedback.view_values import Evidence, Quantity, Tip, clock
from interviewer_app.analysis.pacing.measure import LONG_PAUSE_S, PAUSE_S
from interviewer_app.analysis.pacing.pace_words import pace_words, pause_words, think_words
from interviewer_app.core.models import format_clock, plural
from interviewer_app.core.rubric import RUBRIC
from interviewer_app.core.steps import JUMPED_TO_OPTIONS_TIP, STEP_KEYS, STEPS

# The version of the feedback JSON (`feedback_version`): 2 added the field itself and the tips
# decided here; dicts without it are version 1 and are read the same way.
FEEDBACK_VERSION = 2

CONCERN = "concern"
NO_SPEECH_STEPS = "Nothing was heard, so no steps could be found."
NO_SPEECH_SIGNALS = "Nothing was heard, so no content signals could be found."
OLD_ANSWER_SIGNALS = "This answer was saved before content signals existed, so none are shown."
ALL_STEPS_HEARD = "All eight steps were heard."
ALL_CARE_HEARD = "All four parts were heard: context, action, result and escalation."
STORY_LEAD = ("A story question: it is told with C.A.R.E. (guide 002); the eight steps are for "
              "plans and are shown for reference.")
TIPS_HEADING = "To add next time"
SUGGESTED_NOTE = "Suggested from what was heard: a second opinion, not your self-score."


def _seconds(value: float | None) -> Quantity:
    return Quantity(value, "s", clock(value))


def _evidence(items) -> tuple[Evidence, ...]:
    return tuple(Evidence(e.get("cue") or "", e.get("rule") or "", e.get("text") or "", e.get("start"),
                          e.get("cue_start", e.get("start"))) for e in items or ())


@dataclass(frozen=True)
class StepRow:
    key: str
    number: int
    title: str
    summary: str
    heard: bool
    first_s: float | None
    evidence: tuple[Evidence, ...]
    tip: str  # what to add; shown for a missed step of a plan

    @property
    def when(self) -> str:
        return clock(self.first_s)

    @property
    def cue(self) -> str:
        return self.evidence[0].cue if self.evidence else ""

    @property
    def rule(self) -> str:
        return self.evidence[0].rule if self.evidence else ""


@dataclass(frozen=True)
class StructureView:
    rows: tuple[StepRow, ...]
    story: bool  # coached on C.A.R.E.: the rows are for reference, the tips are C.A.R.E. parts
    jumped: str | None  # the jumping-to-options warning, when it applies
    tips: tuple[Tip, ...]
    message: str | None  # instead of tips: nothing heard, everything heard
    lead: str | None  # a story's explanation of why the steps are not its coaching
    focus: tuple[str, ...] = ()  # a focus drill's steps: the rows are only those

    @property
    def heard(self) -> int:
        return sum(r.heard for r in self.rows)

    @property
    def of(self) -> int:
        return len(self.rows)

    @property
    def summary(self) -> str:
        return f"{self.heard} of {self.of} {'focus ' if self.focus else ''}steps heard"

    @property
    def missing(self) -> list[str]:
        return [r.key for r in self.rows if not r.heard]


@dataclass(frozen=True)
class BudgetView:
    label: str
    over: bool | None  # None: no times (typed), so not measured
    overtime: Quantity
    over_at: Quantity
    over_at_step: str | None
    spare: Quantity

    @property
    def line(self) -> str:
        if self.over:
            during = f", during '{self.over_at_step}'" if self.over_at_step else ""
            return (f"over time by {self.overtime.text}: the {self.label} budget ran out at "
                    f"{self.over_at.text}{during}")
        if self.over is False:
            return f"within the {self.label} budget ({self.spare.text} to spare)"
        return f"{self.label} budget: not measured without times"


@dataclass(frozen=True)
class RecommendationView:
    """When the answer first committed to a call (analysis/structure/recommendation.py)."""
    stated: bool
    said: str  # the call as said, from its first committing words
    at: Quantity  # when the sentence that states it began; empty without times
    midpoint: Quantity  # half the budget; empty without one
    late: bool | None  # None: not judged (no times, no budget or no recommendation)
    budget: Quantity

    @property
    def line(self) -> str:
        if not self.stated:
            return "recommendation: none heard (a plan ends on a clear call, guide 004)"
        said = f'"{self.said}"'
        if self.at.value is None:
            return f"recommendation first stated: {said}"
        if self.late is None:
            return f"recommendation first stated at {self.at.text}: {said}"
        where = "after" if self.late else "before"
        return (f"recommendation first stated at {self.at.text}, {where} the halfway mark "
                f"({self.midpoint.text}) of the budget: {said}")

    @property
    def tip(self) -> Tip | None:
        if not self.late:
            return None
        return Tip("Recommendation", f"it first came at {self.at.text}, past the halfway mark ({self.midpoint.text}) "
                   f"of the {self.budget.text} budget; say your call early as a working answer, back it "
                   "up, and end on it again, so running out of time cannot cut it", "004", "recommendation")


@dataclass(frozen=True)
class FillerItem:
    word: str
    start: float | None

    @property
    def when(self) -> str:
        return clock(self.start)


@dataclass(frozen=True)
class PacingView:
    timed: bool
    speaking: Quantity
    pace: Quantity
    think_time: Quantity
    pauses: Quantity  # how many silences of PAUSE_S or more
    longest_pause: Quantity
    long_pauses: Quantity  # how many of LONG_PAUSE_S or more
    restated_at: Quantity
    fillers: Quantity
    fillers_per_min: Quantity
    filler_items: tuple[FillerItem, ...]
    budget: BudgetView | None
    restart_items: tuple[FillerItem, ...] = ()  # words said again straight away ("we we"), with when
    filler_bursts: tuple[str, ...] = ()  # one plain line per burst of fillers: when, how many, what set it off
    pause_s: float = PAUSE_S
    long_pause_s: float = LONG_PAUSE_S
    recommendation: RecommendationView | None = None  # for a whole plan only, not a story or drill
    fillers_note: str = ""  # how far to trust the filler count: fillers_note()

    @property
    def lines(self) -> list[str]:
        """Pacing in plain lines: speaking, pauses, restate, fillers, budget."""
        out = []
        if self.pace.value is not None:
            out.append(f"speaking {self.speaking.text}; think time: {think_words(self.think_time.value)}")
            out.append(f"pace: {self.pace.text}")
            out.append("pauses: " + pause_words(int(self.pauses.value or 0), int(self.long_pauses.value or 0),
                                                self.longest_pause.value, self.pause_s, self.long_pause_s))
        if self.restated_at.value is not None:
            out.append(f"goal restated at {self.restated_at.text}")
        items = ", ".join(f.word + (f" {f.when}" if f.when else "") for f in self.filler_items[:8])
        rate = f" ({self.fillers_per_min.text})" if self.fillers_per_min.value is not None else ""
        note = f"; {self.fillers_note}" if self.fillers_note else ""
        out.append(f"fillers: {self.fillers.text}{rate}{note}" + (f": {items}" if items else ""))
        out += [f"filler burst: {line}" for line in self.filler_bursts]
        if self.restart_items:
            said = ", ".join(f'"{r.word}"' + (f" {r.when}" if r.when else "") for r in self.restart_items[:8])
            out.append(f"restarts (words said twice in a row): {len(self.restart_items)}: {said}")
        if self.budget is not None:
            out.append(self.budget.line)
        if self.recommendation is not None:
            out.append(self.recommendation.line)
        return out


@dataclass(frozen=True)
class SignalRow:
    key: str
    title: str
    kind: str
    present: bool
    checked: bool
    detail: str
    tip: str
    guide: str
    evidence: tuple[Evidence, ...]

    @property
    def when(self) -> str:
        return self.evidence[0].when if self.evidence else ""


@dataclass(frozen=True)
class SignalGroups:
    concerns: tuple[SignalRow, ...]  # concerns found
    strengths: tuple[SignalRow, ...]  # strengths heard
    to_add: tuple[SignalRow, ...]  # strengths not heard
    clear: tuple[SignalRow, ...]  # concerns looked for and not found
    not_checked: tuple[SignalRow, ...]  # did not apply to this answer
    summary: str

    @property
    def any(self) -> bool:
        return bool(self.concerns or self.strengths or self.to_add or self.clear or self.not_checked)


@dataclass(frozen=True)
class PartRow:
    key: str
    title: str
    heard: bool
    evidence: tuple[Evidence, ...]

    @property
    def when(self) -> str:
        return self.evidence[0].when if self.evidence else ""

    @property
    def cue(self) -> str:
        return self.evidence[0].cue if self.evidence else ""


@dataclass(frozen=True)
class MetricLevels:
    name: str
    source: str
    named: tuple[str, ...]


@dataclass(frozen=True)
class FrameworkView:
    key: str
    name: str
    source: str
    parts: tuple[PartRow, ...]
    metric_levels: tuple[MetricLevels, ...]

    @property
    def is_steps(self) -> bool:
        return self.key == "8-step"

    @property
    def heard(self) -> int:
        return sum(p.heard for p in self.parts)

    @property
    def missed(self) -> list[str]:
        return [p.title for p in self.parts if not p.heard]

    @property
    def line(self) -> str:
        what = "steps" if self.is_steps else "parts"
        return (f"{self.name} (guide {self.source}): {self.heard} of {len(self.parts)} {what} heard"
                + (f"; missed: {', '.join(self.missed)}" if self.missed else ""))

    @property
    def metrics_named(self) -> str:
        named = [n.lower() for m in self.metric_levels for n in m.named]
        return ", ".join(dict.fromkeys(named)) or "none"


@dataclass(frozen=True)
class ScoreRow:
    key: str
    title: str
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class SentenceRow:
    start: float | None
    text: str
    steps: tuple[str, ...]

    @property
    def when(self) -> str:
        return clock(self.start)


@dataclass(frozen=True)
class FeedbackView:
    version: int  # of the feedback it was built from
    title: str  # the prompt, or "Free answer"
    facts: tuple[str, ...]  # model, length, budget
    no_speech: bool
    structure: StructureView
    pacing: PacingView
    signals: SignalGroups
    framework: FrameworkView | None
    scores: tuple[ScoreRow, ...]
    notes: tuple[str, ...]  # pacing and recording notes ("2 long pauses", "went 12 s over")
    audio_notes: tuple[str, ...]  # what is wrong with the recording itself
    sentences: tuple[SentenceRow, ...]

    @property
    def tip_lines(self) -> list[str]:
        """Everything to do next time, in order, as the JSON's `tips` carries it."""
        return ([self.structure.jumped] if self.structure.jumped else []) + [t.line for t in self.structure.tips]


def feedback_view(d: dict) -> FeedbackView:
    """The presentation of one feedback dict (new or stored)."""
    call = _recommendation(d)  # said in the pacing, and a tip when late
    return FeedbackView(
        version=int(d.get("feedback_version") or 1),
        title=(d.get("prompt") or {}).get("text") or "Free answer",
        facts=tuple(_facts(d)),
        no_speech=bool(d.get("no_speech")),
        structure=_structure(d, call),
        pacing=_pacing(d, call),
        signals=_signals(d),
        framework=_framework(d.get("framework")),
        scores=_scores(d.get("rubric_suggestion") or {}),
        notes=tuple(d.get("warnings") or ()),
        audio_notes=tuple(d.get("audio_warnings") or ()),
        sentences=tuple(SentenceRow(s.get("start"), s.get("text") or "", tuple(s.get("steps") or ()))
                        for s in d.get("sentences") or ()),
    )


def _facts(d: dict) -> list[str]:
    facts = [f"transcribed by {d['model']}" if d.get("model") else "typed, not spoken"]
    if d.get("corrected_by_user"):
        facts.append("transcript corrected by you")
    if d.get("duration_s") is not None:
        facts.append(f"length {format_clock(d['duration_s'])}")
    if d.get("budget"):
        facts.append(f"budget {d['budget']['label']}")
    return facts


def _structure(d: dict, call: RecommendationView | None = None) -> StructureView:
    steps = d.get("steps") or {}
    rows = tuple(StepRow(s.key, s.number, s.title, s.summary, bool((steps.get(s.key) or {}).get("heard")),
                         (steps.get(s.key) or {}).get("first_s"),
                         _evidence((steps.get(s.key) or {}).get("evidence")), s.tip) for s in STEPS)
    # stored before the framework decided (a C.A.R.E. prompt outside "behavioral"): a story too
    story = bool(d.get("story")) or (d.get("prompt") or {}).get("framework") == "care"
    no_speech = bool(d.get("no_speech"))
    focus = tuple(k for k in (d.get("focus") or ()) if k in STEP_KEYS) if not story else ()
    if focus:  # a drill on one or two steps: only those are checked, and it is no whole answer
        rows = tuple(r for r in rows if r.key in focus)
    jumped = (JUMPED_TO_OPTIONS_TIP if d.get("jumped_to_options") and not story and not no_speech and not focus
              else None)
    if no_speech:
        tips, message = (), NO_SPEECH_STEPS
    elif story:
        parts = (d.get("framework") or {}).get("parts") or []
        titles = {p.key: p.title for p in FRAMEWORK_SPECS["care"].parts}
        tips = tuple(Tip(titles[p["key"]], CARE_TIPS[p["key"]], "002", f"care-{p['key']}") for p in parts
                     if not p.get("heard") and p.get("key") in CARE_TIPS)
        message = None if tips else ALL_CARE_HEARD
    else:
        tips = tuple(Tip(r.title, r.tip, "000", f"step-{r.key}") for r in rows if not r.heard)
        if call is not None and call.tip is not None:
            tips += (call.tip,)
        message = None if tips else ALL_STEPS_HEARD
    return StructureView(rows, story, jumped, tips, message, STORY_LEAD if story else None, focus)


def burst_line(c: dict) -> str:
    """A burst of fillers in plain words: '4 fillers at 0:03-0:19, in the first 20 seconds of the
    answer ("Um, so, uh, the goal")'."""
    evidence = f" ({c['evidence']})" if c.get("evidence") else ""
    return f"{c['count']} fillers at {clock(c['start'])}–{clock(c['end'])}, {c['said']}{evidence}"


def _recommendation(d: dict) -> RecommendationView | None:
    """The answer-first line of a whole plan (None for a story, a focus drill, silence, or an
    answer saved before the check existed)."""
    r = d.get("recommendation")
    story = bool(d.get("story")) or (d.get("prompt") or {}).get("framework") == "care"
    if not r or story or d.get("focus") or d.get("no_speech"):
        return None
    return RecommendationView(bool(r.get("stated")), r.get("quote") or r.get("cue") or "", _seconds(r.get("first_s")),
                              _seconds(r.get("midpoint_s")), r.get("late"), _seconds(d.get("budget_s")))


FILLERS_LEFT_OUT = "the speech model leaves most \u201cum\u201d and \u201cuh\u201d out"
FILLERS_WRITTEN = "\u201cum\u201d and \u201cuh\u201d written down: a few may not have been said"


def fillers_note(d: dict) -> str:
    """How far to trust an answer's filler count, in a few words: a plain transcript keeps few of
    the fillers said (3 of 34 on real speech), one made with them written down (Settings) most,
    with some that were not said (benchmarks/fillers_disfluent.py). Nothing for a typed answer."""
    if (d.get("pacing") or {}).get("wpm") is None:
        return ""
    return FILLERS_WRITTEN if d.get("fillers_written") else FILLERS_LEFT_OUT


def _pacing(d: dict, call: RecommendationView | None = None) -> PacingView:
    p = d.get("pacing") or {}
    fillers = p.get("fillers") or {}
    wpm, per_min = p.get("wpm"), fillers.get("per_min")
    count = int(fillers.get("count") or 0)
    budget = None
    if d.get("budget"):
        end, limit = p.get("answer_end_s"), (d.get("budget_s") or p.get("budget_s"))
        spare = None if end is None or limit is None else max(0.0, limit - end)
        budget = BudgetView(d["budget"]["label"], p.get("over_budget"), _seconds(p.get("overtime_s")),
                            _seconds(p.get("over_at_s")), p.get("over_at_step"), _seconds(spare))
    pauses = p.get("pauses") or []
    longest = p.get("longest_pause_s")
    return PacingView(
        timed=wpm is not None,
        speaking=_seconds(p.get("speaking_s")),
        pace=Quantity(wpm, "words/min", pace_words(wpm)),
        think_time=Quantity(p.get("think_time_s"), "s",
                            "" if p.get("think_time_s") is None else f"{p['think_time_s']:.1f} s"),
        pauses=Quantity(len(pauses), "count", str(len(pauses))),
        longest_pause=Quantity(longest, "s", "" if longest is None else f"{longest:.1f} s"),
        long_pauses=Quantity(p.get("long_pauses") or 0, "count", str(p.get("long_pauses") or 0)),
        restated_at=_seconds(p.get("time_to_restate_s")),
        fillers=Quantity(count, "count", str(count)),
        fillers_per_min=Quantity(per_min, "per min", "" if per_min is None else f"{per_min:.1f}/min"),
        filler_items=tuple(FillerItem(f.get("word") or "", f.get("start")) for f in fillers.get("items") or ()),
        budget=budget,
        filler_bursts=tuple(burst_line(c) for c in fillers.get("clusters") or ()),
        fillers_note=fillers_note(d),
        restart_items=tuple(FillerItem(r.get("words") or "", r.get("start"))
                            for r in (p.get("restarts") or {}).get("items") or ()),  # none in older answers
        recommendation=call,
    )


def _signals(d: dict) -> SignalGroups:
    rows = [SignalRow(s["key"], s["title"], s["kind"], bool(s["present"]), bool(s.get("checked", True)),
                      s.get("detail") or "", s.get("tip") or "", s.get("guide") or "", _evidence(s.get("evidence")))
            for s in d.get("signals") or ()]
    checked = [s for s in rows if s.checked]
    concerns = tuple(s for s in checked if s.kind == CONCERN and s.present)
    strengths = tuple(s for s in checked if s.kind != CONCERN and s.present)
    if d.get("no_speech"):
        summary = NO_SPEECH_SIGNALS
    elif not rows:
        summary = OLD_ANSWER_SIGNALS
    else:
        found = plural(len(concerns), "concern") + " found" if concerns else "no concerns found"
        summary = f"{plural(len(strengths), 'strength')} heard · {found}"
    return SignalGroups(concerns=concerns, strengths=strengths,
                        to_add=tuple(s for s in checked if s.kind != CONCERN and not s.present),
                        clear=tuple(s for s in checked if s.kind == CONCERN and not s.present),
                        not_checked=tuple(s for s in rows if not s.checked), summary=summary)


def _framework(fw: dict | None) -> FrameworkView | None:
    if not fw:
        return None
    parts = tuple(PartRow(p["key"], p["title"], bool(p.get("heard")), _evidence(p.get("evidence")))
                  for p in fw.get("parts") or ())
    levels = tuple(MetricLevels(m["name"], m.get("source") or "", tuple(p["title"] for p in m.get("parts") or ()
                                                                      if p.get("heard")))
                   for m in fw.get("metric_levels") or ())
    return FrameworkView(fw["key"], fw["name"], fw.get("source") or "", parts, levels)


def _scores(rs: dict) -> tuple[ScoreRow, ...]:
    return tuple(ScoreRow(dim.key, dim.title, rs[dim.key]["score"], tuple(rs[dim.key].get("reasons") or ()))
                 for dim in RUBRIC
                 if isinstance(rs.get(dim.key), dict) and rs[dim.key].get("score") is not None)
