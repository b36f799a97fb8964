"""The parts of the prompt's own framework that an answer covered, with evidence: C.A.R.E.
(guide 002), METER, CAUSE and VALUE (guide 004), or the eight steps (guide 000, taken from step
detection). Metric levels are reported for any answer that talks about metrics: north star /
top-line / supporting (guide 001) and input / output / outcome / quality (guide 000).

Each framework and its parts are defined once, in FRAMEWORK_SPECS below; each part has cue rules
(cues.py: weights reaching 1.0, negative cues cancel) and some reuse what is already detected —
C.A.R.E.'s Result takes the quantified-results signal, its Escalation the escalation-path signal.
Labelling rules: docs/signals-labeling.md; measured by benchmarks/signals_f1.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from interviewer_app.analysis.content.signals import Signal
from interviewer_app.analysis.structure.cues import NUM, Cue, CueHit, compiled, evidence, match, normalise
from interviewer_app.analysis.structure.steps import SentenceLabel
from interviewer_app.core.models import Evidence, Prompt, StepResult
from interviewer_app.core.prompts import FRAMEWORKS
from interviewer_app.core.steps import STEPS

MAX_EVIDENCE = 3
DEFAULT_FRAMEWORK = "8-step"  # when no prompt is known: the structure for almost every execution answer (000)


@dataclass(frozen=True)
class PartSpec:
    key: str
    title: str
    meaning: str
    cues: tuple[Cue, ...] = ()


@dataclass(frozen=True)
class FrameworkSpec:
    key: str
    name: str
    source: str  # guide number
    parts: tuple[PartSpec, ...]


@dataclass(frozen=True)
class FrameworkPart:
    key: str
    title: str
    heard: bool
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict:
        return {"key": self.key, "title": self.title, "heard": self.heard,
                "evidence": [e.to_dict() for e in self.evidence]}


@dataclass(frozen=True)
class FrameworkResult:
    key: str
    name: str
    parts: tuple[FrameworkPart, ...]
    source: str  # guide number, e.g. "004"

    @property
    def heard(self) -> list[str]:
        return [p.key for p in self.parts if p.heard]

    @property
    def missing(self) -> list[str]:
        return [p.key for p in self.parts if not p.heard]

    def part(self, key: str) -> FrameworkPart:
        return next(p for p in self.parts if p.key == key)

    def to_dict(self) -> dict:
        return {"key": self.key, "name": self.name, "source": self.source,
                "heard": len(self.heard), "of": len(self.parts),
                "parts": [p.to_dict() for p in self.parts]}


@dataclass(frozen=True)
class FrameworkReport:
    """The prompt's framework (or the 8 steps when no prompt is known) and, when the answer
    talks about metrics, which metric levels it named."""

    framework: FrameworkResult
    from_prompt: bool
    metric_levels: tuple[FrameworkResult, ...]

    def to_dict(self) -> dict:
        return {**self.framework.to_dict(), "from_prompt": self.from_prompt,
                "metric_levels": [m.to_dict() for m in self.metric_levels]}


# -- shared pattern pieces ---------------------------------------------------------------------
_SEGMENT_BY = (r"\bby (?:[a-z]+ )?(?:platform|app version|versions?|country|countries|geo\w*|region|"
               r"channel|acquisition \w+|cohort|tenure|device|os|plan|tier|payment method|processor|"
               r"card (?:type|network|brand)|decline code|error code|notification type|type|"
               r"lifecycle stage|metro|city|category|segment|endpoint|company size|user type)\b|"
               r"\b(?:which phones|which countries|which app version|ios versus android|"
               r"mobile versus desktop|new versus (?:returning|tenured|invited)|new vs\.? returning|"
               r"invited versus self-serve)\b")
_FUNNEL = (r"\b(?:funnel|(?:user's |user |customer )?journey|the flow|a chain|the chain|the path|"
           r"trip|step-by-step|each (?:of those )?steps?|every step|each link|which step|first step|"
           r"which of those (?:rates|steps)|the steps are|where in the|at each (?:of those )?steps?)\b")
# three or more short items in a comma list; a word is at most 50 letters or hyphens, so a long
# hyphenated token ("a-b-c-…", 100,000 characters) is not rescanned from each of its words
_STEP_LIST = r"(?:\b[a-z-]{1,50}(?: [a-z-]{1,50}){0,3}, ){3,}"
_METRIC_CONTEXT = Cue("metric-context", r"\b(?:rates?|metrics?|measure\w*|track\w*|watch\w*|guard ?rails?|"
                      r"goal|target|success|%|percent|number|numbers|drop\w*|fell|fall\w*|rose|rise|"
                      r"went (?:up|down)|kpis?|count\w*|share|how many|per|baseline|grow\w*|lift|"
                      r"improv\w*|reduc\w*|increas\w*|decreas\w*|doubled|back to|protect|hold)\b",
                      0.3, "in a sentence about measuring")

# What to add when a story misses a C.A.R.E. part (guide 002): the tips of a behavioral answer, in
# place of the 8 steps' tips, which are for plans.
CARE_TIPS: dict[str, str] = {
    "context": "Set the scene in a sentence or two: the goal, the deadline and who was involved.",
    "action": "Say what you decided and did (\"I cut…\", \"I moved two engineers…\"), not only what "
              "the team did.",
    "result": "Say how it turned out, with a number and where it started (\"from 71% to 84%\", \"five "
              "days late instead of three weeks\").",
    "escalation": "Say when you brought in leadership or another team, and why at that moment.",
}

FRAMEWORK_SPECS: dict[str, FrameworkSpec] = {
    "care": FrameworkSpec("care", "C.A.R.E.", "002", (
        PartSpec("context", "Context", "The project's goal, timeline and stakeholders, set up briefly.", (
            Cue("setting", r"\b(?:last (?:year|spring|summer|fall|autumn|winter|quarter|month)|at (?:my|a|an|our) (?:last |previous |former )?(?:[a-z-]+ ){0,2}(?:company|job|startup|employer)|(?:we|i) (?:needed|had) to (?:ship|launch|build|deliver|add|migrate|get)|in (?:q[1-4] )?(?:19|20)\d\d|(?:i|we) (?:was|were) (?:the pm|building|launching|migrating|working on|rebuilding)|i (?:led|owned|ran|was responsible for) (?:the|a|an|our|planning)|there was this (?:one )?project|the (?:clearest|one that comes to mind))\b",
                1.0, "sets the scene"),
            Cue("stakes", r"\b(?:deadline|due (?:on|by|before)|hard date|launch date|timeline|stakeholders|the goal was|what mattered was|the (?:whole )?point was|we were after|we wanted|promised|trying to hit|behind|this quarter|this year|(?:in|by|before) (?:january|february|march|april|may|june|july|august|september|october|november|december))\b",
                0.6, "names the goal or timeline"),
            Cue("size", rf"\b{NUM} (?:weeks?|months?|engineers|pods|squads|teams)\b|\b(?:engineering pods|squads|designers?)\b", 0.5, "names team or time"),
        )),
        PartSpec("action", "Action", "The speaker's own specific decisions — 'I cut…', not 'we fixed…'.", (
            Cue("i-did", r"\bi (?:also |then |first |quickly |immediately |personally |sort of |eventually )?(?:cut|moved|pulled|split|escalated|set|introduced|stopped|ran|hired|mapped|pushed|chose|went with|decided|agreed|took|told|drew|checked|sat|laid|got|created|built|wrote|negotiated|reprioriti[sz]ed|started|reset|dropped|kept|proposed|asked|called|organized|brought|put|made|changed|replaced|removed|added|shipped|launched|triaged|rewrote|designed|scoped|reassigned|offered|convinced|partnered|assigned|defined|tracked|talked|went through|insisted|traded|ruled out|deferred|paused|rolled back)\b",
                1.0, "says what the speaker did"),
        )),
        PartSpec("result", "Result", "The outcome, ideally with before/after numbers.", (
            Cue("outcome", r"\b(?:we|i|it) (?:shipped|launched|delivered|went live|hit|met|missed|landed|reached|recovered)\b.{0,50}\b(?:on time|early|late|date|target|goal|weeks?|days?|later|it)\b|\b(?:in the end|ended up|as a result|the result was|what went well|went from|dropped (?:about|by|from)|fell (?:by|from|about)|rose|improved|got (?:really )?(?:positive|good|great) feedback|numbers went up|passed their|big success|got back on track|lost zero|landed within)\b",
                1.0, "says how it turned out"),
        )),
        PartSpec("escalation", "Escalation", "When and how leadership or an authority was engaged."),
    )),
    "meter": FrameworkSpec("meter", "METER", "004", (
        PartSpec("metric", "Metric definition", "Numerator, denominator, source, time window — or which definition.", (
            Cue("define", r"\b(?:defin\w+|counts? as|counting as|counted as|measured as|numerator|denominator|divided by|out of everyone who|which exact action|what (?:[a-z]+ )?means here|what (?:[a-z]+ )?counts|what do we (?:actually )?want|(?:any|an) app open)\b",
                1.0, "defines the metric"),
            Cue("share-of", r"\b(?:percent|share|fraction|proportion) of (?:[a-z]+ ){1,2}(?:that|who|which|with)\b|\b(?:paid |completed )?orders (?:out of|over|divided by)\b",
                1.0, "says what the metric counts"),
            Cue("which-one", r"\bis it (?:[a-z']+ ){1,5}or (?:is it |just )?(?:[a-z']+ ){0,5}(?:activat|finish|purchase|click|open|session|action)\w*", 1.0,
                "asks which definition"),
        )),
        PartSpec("evidence", "Evidence it's real", "Instrumentation, logging, dashboard or pipeline checks.", (
            Cue("is-real", r"\b(?:instrumentation|tracking (?:broke|changed)|check tracking|logging (?:change|changed|outage)|event logs?|raw (?:event|server)|pipeline|dashboard (?:bug|query|was wrong)|(?:event|it) (?:still )?fires|renamed|is (?:it|this|the [a-z]+) (?:even )?real|(?:confirm|check|verify|make sure)\b.{0,40}\breal\b|backend records|processor's own reports|stopped counting|measuring wrong|session counts|only the app events|did logging change|tracking changed)\b",
                1.0, "checks the change is real"),
            Cue("measurement-not", r"\bdashboard with the data team\b", -1.0, "a vague dashboard check"),
        )),
        PartSpec("segments", "Time and segments", "When it started; cuts by platform, version, geography, channel, cohort.", (
            Cue("by-segment", _SEGMENT_BY, 1.0, "cuts by segment"),
            Cue("when-started", r"\bwhen (?:did )?(?:it|the drop|this) (?:start|began|begin)|\bwhen it started\b|\bover the (?:past|last) (?:few |\w+ )?days\b|\bsince (?:last|the release)\b|\b(?:tuesday's|yesterday's|last week's) (?:\w+ )?(?:build|release)\b|\bsame (?:date|window)\b|\bbefore and after\b",
                1.0, "asks when it started"),
        )),
        PartSpec("funnel", "Experience funnel", "Where in the user journey or funnel it appears.", (
            Cue("funnel", _FUNNEL, 1.0, "follows the funnel"),
            Cue("step-list", _STEP_LIST, 0.5, "lists the steps"),
            Cue("then", r"\b(?:then|and then)\b", 0.5, "in order"),
        )),
        PartSpec("response", "Response", "Mitigation, rollback or fix, owners, experiments, follow-up alerts.", (
            Cue("mitigate", r"\b(?:roll(?:ing)? (?:[a-z-]+ ){0,3}back|rollback|revert\w*|hotfix|fail(?:ing)? over|failover|mitigat\w+|flag(?:ged)? off|behind a flag|halt\w*|pull(?:ing)? (?:that|the) build|skippable|skip button|retries|alerts?|pages? someone|owner|owns|on-?call|engineering fix|cut that type's|stop the bleed\w*|simplify it|(?:let(?:ting)?|make) (?:people|users) skip|optional|route around|undo|reversal|try the card again)\b",
                1.0, "responds"),
            Cue("if-needed", r"\bif (?:needed|necessary)\b|\brespond quickly\b", -2.0, "no concrete response"),
        )),
    )),
    "cause": FrameworkSpec("cause", "CAUSE", "004", (
        PartSpec("confirm", "Confirm the symptom", "Is it real, reproducible and material?", (
            Cue("confirm", r"\b(?:is (?:it|this|the [a-z]+) (?:even )?real|reproduc\w+|material|make sure (?:the [a-z]+|it) is real|is the (?:jump|spike|drop) real|confirm (?:the )?(?:symptom|spike|drop|jump|problem)|instrumentation|tracking|logging|server logs|(?:actual|real) [a-z]+ (?:failures|errors) in our logs|how many users actually)\b",
                1.0, "confirms the symptom"),
        )),
        PartSpec("area", "Area of concentration", "Where it happens most.", (
            Cue("concentrated", r"\bconcentrat\w+\b|\bsits? mostly\b|\bmost of the damage\b|\bwhich (?:type|kind)s?\b|\bagainst the kind of\b|\bwhich [a-z]+ (?:people|users) had\b",
                1.0, "finds where it concentrates"),
            Cue("by-segment", _SEGMENT_BY, 1.0, "cuts by segment"),
        )),
        PartSpec("journey", "User journey step", "Which journey step first deviates.", (
            Cue("funnel", _FUNNEL, 1.0, "follows the journey"),
            Cue("step-list", _STEP_LIST, 0.5, "lists the steps"),
            Cue("then", r"\b(?:then|and then|or)\b", 0.5, "in order"),
        )),
        PartSpec("change", "System or surface change", "What changed recently.", (
            Cue("changed", r"\b(?:what changed|changed in|recent(?:ly)? (?:[a-z]+ )?(?:release|change|deploy|update|launch)|after (?:we|the|our) (?:[a-z]+ )?(?:launched|shipped|release|update|redesign|deploy|digest)|config (?:push|change|flags?)|rule (?:update|change)|dependency upgrade|change ?log|deploys?|new (?:build|release|version|contact form)|went out)\b",
                1.0, "checks what changed"),
        )),
        PartSpec("evidence", "Evidence and experiment", "The comparison or test that would prove the cause.", (
            Cue("test", r"\bcompar\w+\b.{0,80}\b(?:against|with|versus|vs)\b|\btest (?:that|it|the hypothesis)\b|\bprove\b|\bwould confirm\b|\ba/?b\b|\bholdout\b|\bcontrol (?:group|city)\b|\bwith and without\b|\bline (?:up )?each\b|\bcheck (?:that|this) by\b|\btried on a slice\b|\bwhether that changed\b|\bmatch the [a-z]+ trend\b",
                1.0, "tests the cause"),
        )),
    )),
    "value": FrameworkSpec("value", "VALUE", "004", (
        PartSpec("value", "Value created", "User, business or learning value at stake.", (
            Cue("value", r"\b(?:value|worth (?:it|more|less|little|having)|is worth|lives or dies|what (?:we're|we are) there for|(?:we|i) (?:actually |really )?care about|what matters|what i'd want out of|creates? (?:real )?value|the point (?:of|is)|investors care|revenue|renew\w*|credibility|coming back|come back)\b",
                1.0, "names the value at stake"),
        )),
        PartSpec("affected", "Affected users", "Who benefits and who is harmed.", (
            Cue("who", r"\b(?:who (?:the [a-z]+ )?(?:hurts|benefits|pays|is harmed|came back less|gets hurt|exactly came back)|(?:which|what) (?:kinds? of )?(?:people|users|customers|group|segment)|the people on|(?:new|existing|power|paying|heavy|brand-new) users|other (?:customers|accounts)|(?:users|customers|people) (?:would )?(?:pay|gain|lose|benefit)|the harm sits|harm sits in|a segment (?:we|that)|one group|everyone else|everyone except|largest customers|enterprise base|people who (?:then )?left)\b",
                1.0, "says who is affected"),
        )),
        PartSpec("levers", "Levers and alternatives", "Ship, delay, partial, phased, experiment, rollback.", (
            Cue("levers", r"\b(?:options? (?:are|is)|options:|choices are|the choices|paths?:|(?:four|three|two|a few) (?:paths|ways|options)|ways to go|(?:could|can) (?:ship|delay|launch|give|build|rework|drop|tweak)|ship (?:it )?(?:to|only|as is)|delay (?:everything|it|the launch)|phased|staged|capped experiment|or (?:drop|decline|say no)|build it (?:now|later|fully|as asked)|smaller version|general(?:ized)? version|or (?:rework|drop)|say no)\b",
                1.0, "lays out the alternatives"),
        )),
        PartSpec("uncertainty", "Uncertainty and risk", "Reversibility, brand, safety, compliance, reliability.", (
            Cue("risk", r"\b(?:reversib\w+|irreversib\w+|(?:hard|easy|impossible) to (?:undo|reverse|claw back|take back)|take the damage back|claw back|compounds?|risk|precedent|novelty|is the (?:dip|drop|gap) (?:even )?real|how big the test|uncertain\w*|compliance|privacy|safety|at risk of|brand|rarely come back|for good|persists?|shrinking as the test runs|fades|wears off)\b",
                1.0, "weighs risk and reversibility"),
        )),
        PartSpec("evaluation", "Evaluation plan", "Metrics, guardrails, a decision date, an owner.", (
            Cue("evaluate", r"\b(?:judge (?:it |them )?on|guard ?rails?|decide (?:then|by|on)|make the call|the call (?:with|on)|keep (?:the )?(?:current )?test running|another [a-z]+ weeks|owns? the|owner|review (?:it )?(?:with|every|weekly)|every (?:two |other )?(?:days|weeks)|decision (?:date|deadline)|readout|has to hold|before it goes to everyone|we stop)\b",
                1.0, "says how the choice is judged"),
        )),
    )),
}

METRIC_LEVELS = FrameworkSpec("metric-levels", "Metric levels (north star, top-line, supporting)", "001", (
    PartSpec("north_star", "North star", "The one long-term value metric, called the north star.", (
        Cue("north-star", r"\bnorth[- ]star\b|\bthe one metric\b|\bone metric that matters\b", 1.0, "names the north star"),
        Cue("no-north-star", r"\b(?:no|without a) north[- ]star\b", -2.0, "no north star named"),
    )),
    PartSpec("top_line", "Top-line", "Business health: revenue, retention, total active users.", (
        Cue("top-line", r"\b(?:revenue|arr|mrr|gmv|arpu|ltv|retention|churn|churned|renewals?|dau|mau|wau|daily active users|weekly active users|monthly active users|weekly returning users|net revenue retention|ad revenue)\b",
            1.0, "names a top-line metric"),
        Cue("top-line-soft", r"\b(?:active users|returning users|retain\w*|keep(?:s)? coming back|coming back|come back|still (?:active|paying|using)|paying us|customers we already have|stick around|leave|leaving)\b",
            0.7, "names a top-line metric"),
        _METRIC_CONTEXT,
    )),
    PartSpec("supporting", "Supporting", "A specific user action or funnel step: click-through, invites sent, step conversion.", (
        Cue("supporting", r"\b(?:click-?through(?: rate)?|ctr|open rates?|invites? sent|messages sent|step conversion|conversion (?:at|for|of) each|step-by-step conversion|(?:step|setup|checklist|profile-step) (?:completion|conversion)|acceptance (?:rate|time)|switch-?back (?:rate|button)|delivery rates?|permission rate|session length|add[- ]to[- ]cart|signup completion|data-connection rate|login success(?: rate)?|adoption(?: rate)?|upgrade rate|time spent after)\b",
            1.0, "names a supporting metric"),
        Cue("supporting-soft", r"\b(?:clicks?|taps?|opens|onboarding completion|completion|first (?:action|quote|order|project)|response time|switch-?offs?|(?:zero|no) views|share of [a-z]+ (?:who|with|that)|(?:percent|share) of (?:[a-z-]+ ){0,3}(?:who|that|with)|accept or (?:lightly )?edit|use it|used it|signups? from)\b",
            0.7, "names a supporting metric"),
        _METRIC_CONTEXT,
    )),
))
METRIC_TYPES = FrameworkSpec("metric-types", "Metric types (input, output, outcome, quality)", "000", (
    PartSpec("input", "Input", "A leading driver the team moves directly: sends, awareness, click-through, supply.", (
        Cue("input", r"\b(?:sends per user|how many we send|send volume|notifications delivered|awareness(?: rate)?|impressions|entry[- ]point|setup start\w*|leading indicator|click-?through|active pros|couriers (?:actually )?available|open requests to|requests came in|weekly active agents|(?:seen|see) the entry point)\b",
            1.0, "names an input metric"),
        Cue("input-soft", r"\b(?:sends|volume|clicks|taps|supply|providers? (?:active|registered)|how many accounts|accept or (?:lightly )?edit|routing)\b",
            0.7, "names an input metric"),
        _METRIC_CONTEXT,
    )),
    PartSpec("output", "Output", "What ships: on a date, live, migrated, delivered.", (
        Cue("output", r"\b(?:ship(?:ped)? (?:the [a-z ]{0,25})?by (?:june|the end|end of|march|april|may|\w+day)|launched it|it's live|on schedule|everyone (?:is )?on the new|everybody on the new|delete the legacy|features? (?:shipped|delivered)|commitments (?:we )?(?:actually )?delivered|didn't slip|shipped (?:a week )?early|launch an ai feature this quarter|ship the ai assistant|ship the feature)\b",
            1.0, "names an output"),
        Cue("on-time", r"\b(?:on time|by the end of the quarter)\b", 0.7, "names an output"),
        Cue("goal-or-success", r"\b(?:goal|success|target|measure\w*|judged?|metric)\b", 0.3, "as the measure"),
    )),
    PartSpec("outcome", "Outcome", "The user or business result: activation, retention, conversion, revenue, time saved.", (
        Cue("outcome", r"\b(?:activation|retention|conversion|revenue|success rate|handle time|completed orders|paid orders|trial-to-paid|time (?:saved|to value)|fix time|planning time|onboarding time|first meaningful action|search conversion|week-one activation|net revenue retention)\b",
            1.0, "names an outcome metric"),
        Cue("outcome-soft", r"\b(?:activat\w+|convert\w*|booked|bookings|come back|coming back|returning|paying|drafting replies|renewal|retain\w*|adoption|open a ticket|second order|ordering|engagement|finish\w* (?:a full report|setup|onboarding)|switching off|time (?:\w+ ){0,3}spen[dt]|looked at a bug|picked up|merchants? (?:\w+ ){0,3}taking|appointments? (?:\w+ ){0,3}booked|stick around|still using|churn)\b",
            0.7, "names an outcome metric"),
        _METRIC_CONTEXT,
    )),
    PartSpec("quality", "Quality", "Health and guardrails: errors, crashes, tickets, complaints, fraud, opt-outs.", (
        Cue("quality", r"\b(?:error rates?|crash rates?|latency|support (?:tickets|contacts|volume|complaints)|chargebacks?(?: rate)?|opt-?out rates?|opt-?outs|cancell?ations|uninstall rate|one-star reviews|no-?show rates?|bug threshold|switch-?back rate|decline rate|fraud (?:loss|rate|rates|exposure)|fraudulent [a-z]+ (?:staying|under)|tickets? (?:per|about)|complaints|guard ?rails? (?:are|is)|quality ratings|quote quality|downgrades|disputes|lost zero)\b",
            1.0, "names a quality metric"),
        Cue("quality-soft", r"\b(?:errors?|crash\w*|tickets?|fraud\w*|bugs?|incidents?|quality|ratings?|reviews|no worse|menu errors|usage dropping|without (?:[a-z]+ ){0,2}dropping)\b",
            0.7, "names a quality metric"),
        _METRIC_CONTEXT,
    )),
))


def detect_framework(key: str, labels: list[SentenceLabel], steps: dict[str, StepResult],
                     signals: list[Signal], category: str | None = None) -> FrameworkResult:
    """The parts of framework `key` (a key of core.prompts.FRAMEWORKS) heard in the answer."""
    if key == "8-step":
        parts = tuple(FrameworkPart(s.key, s.title, steps[s.key].heard,
                                    tuple(steps[s.key].evidence[:MAX_EVIDENCE])) for s in STEPS)
        return FrameworkResult("8-step", "8-step answer structure", parts, "000")
    spec = FRAMEWORK_SPECS[key]
    texts = [normalise(lab.sentence.text) for lab in labels]
    by_signal = {s.key: s for s in signals}
    no_story = key == "care" and "hypotheticals" in by_signal and by_signal["hypotheticals"].present
    parts = []
    for part in spec.parts:
        if no_story:  # a story question answered with what one would do: no story to take apart
            ev = []
        elif key == "care" and part.key == "escalation":
            ev = list(by_signal["escalation_path"].evidence) if "escalation_path" in by_signal else []
        else:
            ev = _part_evidence(spec, part, labels, texts, category)
            if key == "care" and part.key == "result" and "quantified_results" in by_signal:
                ev = _merge(list(by_signal["quantified_results"].evidence), ev)
        parts.append(FrameworkPart(part.key, part.title, bool(ev), tuple(ev[:MAX_EVIDENCE])))
    return FrameworkResult(spec.key, spec.name, tuple(parts), spec.source)


def detect_metric_levels(labels: list[SentenceLabel], signals: list[Signal] = ()) -> tuple[FrameworkResult, ...]:
    """Metric levels (001) and types (000) named; () when the answer names no metric at all.
    Two reuse rules: a metric named as a guardrail is a quality metric (guardrails signal), and a
    restated goal that talks about measuring is the outcome the work is for (restate step)."""
    texts = [normalise(lab.sentence.text) for lab in labels]
    guardrails = next((s for s in signals if s.key == "guardrails" and s.present), None)
    out = []
    for spec in (METRIC_LEVELS, METRIC_TYPES):
        parts = []
        for part in spec.parts:
            ev = _part_evidence(spec, part, labels, texts, None)
            if part.key == "quality" and guardrails is not None:
                ev = _merge(ev, list(guardrails.evidence))
            if part.key == "outcome":
                ev = _merge(ev, _restated_outcome(labels, texts))
            parts.append(FrameworkPart(part.key, part.title, bool(ev), tuple(ev[:MAX_EVIDENCE])))
        out.append(FrameworkResult(spec.key, spec.name, tuple(parts), spec.source))
    return tuple(out) if any(r.heard for r in out) else ()


def analyze_framework(prompt: Prompt | None, labels: list[SentenceLabel],
                      steps: dict[str, StepResult], signals: list[Signal]) -> FrameworkReport:
    key = prompt.framework if prompt is not None and prompt.framework in FRAMEWORKS else DEFAULT_FRAMEWORK
    category = prompt.category if prompt is not None else None
    return FrameworkReport(detect_framework(key, labels, steps, signals, category),
                           from_prompt=prompt is not None, metric_levels=detect_metric_levels(labels, signals))


def _part_evidence(spec: FrameworkSpec, part: PartSpec, labels: list[SentenceLabel], texts: list[str],
                   category: str | None) -> list[Evidence]:
    cues = part.cues
    if spec.key == "care" and part.key == "action" and category != "behavioral":
        cues = cues + (_WOULD_DO,)  # a how-do-you question: "I'd…" decisions are the action
    ev, table = [], compiled(cues)
    for index, (label, text) in enumerate(zip(labels, texts)):
        if spec.key == "care" and part.key == "context" and index > max(2, len(texts) // 2):
            break  # context is set up at the start (002: "in under 60 seconds")
        hits = match(text, table)
        if hits:
            ev.append(evidence(label.sentence, hits))
    return ev


_WOULD_DO = Cue("i-would-do", r"\b(?:i|i'd|i would|i'll|i will)(?: also| first| then| just| honestly)? (?:cut|move|pull|split|escalate|set|introduce|stop|run|map|push|choose|go with|decide|agree|take|tell|write down|ask|put|pick|prioriti[sz]e|start|drop|keep|bring|give|say|offer|assign|schedule|block|actually write)\b|\bgoes first\b",
                1.0, "says what the speaker would decide")


def _restated_outcome(labels: list[SentenceLabel], texts: list[str]) -> list[Evidence]:
    ev = []
    for label, text in zip(labels, texts):
        if "restate" in label.steps and not match(text, METRIC_TYPES.parts[1].cues):  # not an output goal
            hit = label.steps["restate"][0]
            ev.append(evidence(label.sentence, [CueHit(Cue("goal", "", 1.0, ""), hit.start, hit.end)],
                               rule="the restated goal is the outcome the work is for"))
    return ev


def _merge(first: list[Evidence], second: list[Evidence]) -> list[Evidence]:
    seen, out = set(), []
    for e in sorted(first + second, key=lambda e: (e.start is None, e.start or 0.0)):
        if e.text not in seen:
            seen.add(e.text)
            out.append(e)
    return out
