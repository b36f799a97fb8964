"""Content signals: what an answer says beyond its structure — ownership, quantified results,
guardrails, edge cases, stakeholder trade-offs, escalation, decision points — and the habits that
weaken it: hypotheticals in a story, data used only to validate, jumping to features, hedging.

Every signal is defined once, in SIGNALS below (like the steps in core/steps.py): its title,
whether it is a strength (present = heard) or a concern (present = the problem shows), the guide
it comes from, a one-line tip, and the cue rules that detect it. Detection is explainable: a
sentence earns a sentence-level signal when its cue weights reach 1.0 (cues.py), negative cues
cancel keyword-only mentions, and each piece of evidence carries the sentence, its times, the cue
words and the reason. Answer-level concerns (hedging, "we" vs "I", hypotheticals, validate-only,
jumped to features) count things across the answer and say what they counted in `detail`.

Labelling rules the detectors aim at: docs/signals-labeling.md; measured by
benchmarks/signals_f1.py on tests/data/signals/.
"""

from __future__ import annotations

from dataclasses import dataclass

from interviewer_app.analysis.cues import (APPROX, FRACTION, NUM, NUM_WORD, PCT, Cue, CueHit,
                                           compiled, evidence, match, normalise, rx)
from interviewer_app.analysis.sentences import Sentence
from interviewer_app.analysis.structure import SentenceLabel, first_sentence_index, jumped_to_options
from interviewer_app.core.models import Evidence, Prompt

STRENGTH = "strength"
CONCERN = "concern"
MAX_EVIDENCE = 5


@dataclass(frozen=True)
class SignalSpec:
    """The definition of one signal (registry entry)."""

    key: str
    title: str
    kind: str  # STRENGTH or CONCERN
    guide: str  # guide number, e.g. "002" (core.steps.GUIDE_FILES maps it to the file)
    tip: str  # one line, in our words, citing the guide
    meaning: str  # what counts, in plain language
    cues: tuple[Cue, ...] = ()  # sentence-level rules; answer-level signals have their own counts


@dataclass(frozen=True)
class Signal:
    """One signal as found in an answer."""

    key: str
    title: str
    kind: str
    present: bool
    evidence: tuple[Evidence, ...]
    tip: str
    guide: str
    detail: str = ""  # what was counted, for answer-level signals ("'I' 2 times, 'we' 9 times")
    checked: bool = True  # False when the signal does not apply (e.g. hypotheticals, not behavioral)

    @property
    def is_problem(self) -> bool:
        """True when this signal needs attention: a concern shown, or a strength not heard."""
        return self.present if self.kind == CONCERN else not self.present

    def to_dict(self) -> dict:
        return {"key": self.key, "title": self.title, "kind": self.kind, "present": self.present,
                "evidence": [e.to_dict() for e in self.evidence], "tip": self.tip,
                "guide": self.guide, "detail": self.detail, "checked": self.checked}


# -- shared pattern pieces ---------------------------------------------------------------------
_METRIC = (r"(?:rates?|retention|churn|tickets?|complaints?|opt-?outs?|errors?|crash\w*|latency|"
           r"chargebacks?|fraud\w*|loss(?:es)?|cancell?ations?|refunds?|nps|csat|reviews?|ratings?|"
           r"quality|uninstalls?|downgrades?|no-?shows?|earnings|revenue|conversion|engagement|"
           r"satisfaction|usage|active (?:users|agents|teams|accounts)|returning users|"
           r"support (?:volume|contacts|load)|predictability|declines?|bounces?|switch-?backs?|"
           r"reports|unsubscribes?|spend|margins?|cost per \w+|visits|signups?|sign-ups|orders|"
           r"completion|cycle length|win rates?|trust|failures)")
_STOP = r"(?:stop|pause|roll(?:ing|ed)? (?:[a-z-]+ ){0,3}back|rollback|revert|switch(?:ing)? (?:[a-z-]+ ){0,3}back|turn(?:ing)? (?:[a-z-]+ ){0,3}(?:back on|off)|call(?:ing)? off|halt|freeze|kill|pull(?:ing)?|loosen)"
_LEADER = (r"(?:manager|managers|director|directors|vp|vps|vice president|head of \w+|cpo|cto|ceo|"
           r"leadership|exec team|execs|executives|gm|skip-level|my boss|their boss)")
_PARTY = (r"(?:users?|customers?|partners?|admins?|buyers?|sellers?|providers?|pros|suppliers?|"
          r"merchants?|drivers?|couriers?|agents?|clinics?|advertisers?|creators?|teams?|sales|"
          r"engineering|engineers|support|finance|marketing|legal|ops|security|leadership|ceo|"
          r"investors|the business|the company|accounts?|people|everyone|nobody|waitlist|reps|"
          r"design|designers|restaurants?|inspectors|shoppers|members|subscribers)")

# -- the registry ------------------------------------------------------------------------------
SIGNALS: tuple[SignalSpec, ...] = (
    SignalSpec(
        "we_dominant", "Ownership: 'we' instead of 'I'", CONCERN, "002",
        "In a story, say what you decided and did — \"I cut…\", \"I escalated…\" — not only what "
        "\"we\" or \"the team\" did (guide 002).",
        "In a past story, 'we' / 'the team' is the main actor and the speaker's own decisions are "
        "rarely said as 'I' (counted: 'we' at least 3 times and at least twice as often as 'I')."),
    SignalSpec(
        "quantified_results", "Quantified results and baselines", STRENGTH, "002",
        "Put a number on the outcome and its starting point — \"from 62% to 79%\", \"tickets fell "
        "by a third\" (guide 002).",
        "A number for a metric's level or change: a result, a before → after, a baseline or a "
        "quantified target — not team size, dates, rollout percentages or the prompt's own figure.",
        cues=(
            Cue("from-to", rf"\bfrom {APPROX}{NUM}(?: ?(?:%|percent|points?|ms|milliseconds|seconds?|minutes?|hours?|days?|weeks?|stars?|x))?(?: [a-z']+){{0,5}}? (?:down |up )?to {APPROX}{NUM}\b",
                1.0, "gives a before → after"),
            Cue("change-by", rf"\b(?:increas|decreas|reduc|cut|drop|fell|fall|rose|rise|rising|grew|grow|improv|lift|rais|boost|lower|shr[ai]nk|climb|jump|declin|sav)\w*\b(?: [a-z'-]+){{0,8}}? by {APPROX}{PCT}",
                1.0, "says how much a metric moved"),
            Cue("moved-pct", rf"\b(?:increas|decreas|reduc|dropp|fell|rose|grew|improv|lift|climb|jump|declin)\w* {APPROX}{NUM} ?(?:%|percent|points?)",
                1.0, "says how much a metric moved"),
            Cue("pct-comparative", rf"\b{PCT} (?:higher|lower|more|fewer|less|faster|slower|better|worse|increase|decrease|drop|lift|reduction|improvement|growth|gain|uplift|jump)\b",
                1.0, "quantifies a change"),
            Cue("pct-of-did", rf"\b{PCT} of (?:[a-z'-]+ ){{1,3}}(?:created|used|converted|completed|returned|churned|adopted|activated|renewed|upgraded|came back|stayed|paid|finished|accepted|opened|clicked|booked|bought|failed|dropped|left)\b",
                1.0, "gives a share of users doing something"),
            Cue("pct-of-revenue", rf"\b{PCT} of (?:our |the |total |annual |their )?(?:arr|mrr|revenue|gmv|bookings|sales)\b",
                1.0, "sizes it against revenue"),
            Cue("level", rf"\b(?:is|was|were|are|sits?|sat|stands?|stood|runs?|ran|averag\w+|hover\w*|at)\s+{APPROX}{NUM} ?(?:%|percent)(?! of (?:[a-z]+ )?(?:users|traffic|signups|accounts|customers|trials))",
                1.0, "gives a metric's level"),
            Cue("on-average", rf"\b{NUM} (?:days?|hours?|minutes?|seconds?|weeks?) on average\b|\baverag\w+ (?:of )?{APPROX}{NUM} (?:days?|hours?|minutes?|seconds?|ms)\b",
                1.0, "gives a baseline"),
            Cue("took", rf"\b(?:took|ran|lasted) {APPROX}{NUM} (?:days?|hours?|minutes?)\b(?: [a-z]+){{0,4}} (?:from|before|every|each|per)\b",
                1.0, "gives how long it took (a baseline)"),
            Cue("one-in-n", r"\b(?:one|1|a) in (?:a |every )?(?:thousand|hundred|million|ten thousand|\d{2,})\b",
                1.0, "gives a rate"),
            Cue("share-affected", rf"\b(?:fail\w*|affect\w*|hit|broken|crash\w*)\b(?: [a-z]+){{0,2}} (?:for )?{APPROX}{PCT} of (?:[a-z]+ )?(?:users|customers|accounts|requests|orders|payments|sessions)\b",
                1.0, "sizes the problem"),
            Cue("multiplied", r"\b(?:doubled|tripled|quadrupled|halved|\d+x)\b", 0.7, "says a metric multiplied"),
            Cue("metric-noun", rf"\b{_METRIC}\b", 0.3, "about a metric"),
            Cue("zero", r"\b(?:lost|had|saw|dropped|missed) zero\b", 1.0, "gives a result"),
            Cue("estimate-vs-actual", rf"\bestimated (?:it )?at (?:{NUM} |a )?(?:days?|weeks?|months?) and (?:it )?took {NUM}\b", 1.0,
                "compares the estimate with what it took"),
            Cue("slip-instead", r"\b(?:late|slip\w*|delay\w*|behind|total)\b.{0,30}\binstead of\b", 1.0,
                "compares the result with the estimate"),
            Cue("frequency-target", rf"\b(?:at least|more than) (?:once|twice|{NUM} times) (?:a|per|every) (?:day|week|month)\b",
                1.0, "sets a quantified target"),
            Cue("target", rf"\b(?:target|goal) (?:of|like|is|was|of about)? ?{APPROX}{PCT}", 1.0, "sets a quantified target"),
            Cue("rollout", r"\b(?:phase (?:one|two|three|\d)|rollout|roll(?:ing)? (?:it |this |that )?out|ramp\w*|go(?:ing)? to|expand(?:ing)? to|in waves|of traffic)\b",
                -1.0, "rollout percentages are not results"),
            Cue("threshold", r"\b(?:if|only if|unless)\b.{0,60}\b(?:above|below|more than|less than|exceeds?|pass(?:es|ed)?|cross(?:es|ed)?|at least)\b",
                -1.0, "a stop/go threshold is a decision point, not a result"),
            Cue("counts-of-things", rf"\bfrom {NUM} (?:questions|fields|steps|screens|pages|clicks|features|items|options|engineers|people|squads|teams|tiers)\b",
                -1.0, "a change in how many things there are is scope, not a result"),
        )),
    SignalSpec(
        "guardrails", "Guardrail metrics", STRENGTH, "000",
        "Name the metric that must not get worse while you chase the goal, and the line that makes "
        "you stop (guide 000).",
        "A specific metric that must not get worse: called a guardrail, 'without hurting X', 'X "
        "must hold', or watched because it could go wrong.",
        cues=(
            Cue("guardrail", r"\bguard ?rails?\b|\bcounter-?metrics?\b|\bhealth metrics?\b", 0.6, "names guardrails"),
            Cue("metric", rf"\b{_METRIC}\b", 0.5, "names a metric"),
            Cue("without-hurting", r"\bwithout (?:[a-z']+ ){0,2}(?:hurting|harming|losing|loosening|buying|tanking|sacrificing|degrading|breaking|raising|increasing|a (?:spike|drop|rise|jump|dip) in)\b",
                0.6, "protects something while chasing the goal"),
            Cue("without-dropping", r"\bwithout (?:[a-z']+ ){1,2}(?:dropping|going up|falling|spiking|getting worse)\b",
                0.6, "protects something while chasing the goal"),
            Cue("must-hold", r"\b(?:has to|have to|must|needs? to|should) (?:hold|stay|remain)\b|\bflat or better\b|\bno worse\b|\bhold (?:up )?on\b|\b(?:up|down) no more than\b|\b(?:don't|doesn't|do not|does not|didn't|won't|can't|shouldn't) (?:go up|rise|drop|fall|increase|spike|get worse|regress|sink|climb)\b",
                0.6, "says a metric must hold"),
            Cue("watch", r"\b(?:watch|watching|watched|monitor|monitoring|keep an eye|track|tracking|looked at every day|get looked at)\b",
                0.35, "watches a metric"),
            Cue("harm-reason", r"\b(?:because|since|in case|goes? wrong|bite|at risk|careful|nervous|danger|the catch|while (?:we|any|the|it)|so (?:that )?(?:we|nobody|no one)|sinks?|spikes?|gets? worse|what i don't want|we lose|los(?:e|ing) (?:[a-z]+ )?(?:users|customers|orders|people))\b",
                0.3, "because it could go wrong"),
            Cue("stop-threshold", rf"\bif\b(?:(?!\bif\b).){{0,60}}\b{_METRIC}\b.{{0,70}}\b{_STOP}|\b{_STOP}\b.{{0,50}}\bif\b.{{0,50}}\b{_METRIC}\b",
                1.0, "stops if a metric crosses a line"),
            Cue("bar", r"\b(?:launch|quality) bar\b", 0.5, "sets a quality bar"),
            Cue("no-guardrails", r"\b(?:no|don't need|without|skip(?:ping)?) (?:any )?guard ?rails?\b", -2.0,
                "declining guardrails is not naming one"),
        )),
    SignalSpec(
        "edge_cases", "Edge cases and failure modes", STRENGTH, "003",
        "Say how the plan could break or be abused — fake accounts, an outage, data that doesn't "
        "migrate — and how you'd handle it (guide 003, mistake #4).",
        "A specific way things could break, be abused or hurt someone at the edges: abuse and "
        "fraud, outages and failure states, data errors, overload, a group hurt by accident.",
        cues=(
            Cue("abuse", r"\b(?:fraud\w*|fake (?:accounts?|users|reviews|signups)|bots?|spam\w*|gaming|game the|gam(?:e|ed) (?:it|the system)|abus\w+|farm(?:ing|ed)? (?:rewards|credits|bonuses|the)|stolen(?:-| )cards?|chargebacks?|coupon sites|collu\w+|scrap(?:e|ing|ers)|hold off accepting|account takeover|reselling)\b",
                1.0, "names abuse"),
            Cue("failure", r"\b(?:outages?|goes down|went down|falls? over|fell over|time ?outs?|crash(?:es|ing|ed)\b|\bcrash\b(?! (?:rate|fix|fixes|logs?|reports?|free))|single point of failure|data loss|los(?:e|ing) (?:[a-z']+ )?data|wip(?:e|ing) out|didn't migrate|doesn't migrate|don't convert cleanly|corrupt\w*|duplicat\w+ (?:charges|events|orders|payments|entries)|leak(?:s|ing|ed)? (?:across|between|data|customer)|data leak\w*|hallucinat\w+|overload\w*|flooded|swamped|slammed|at scale|peak (?:load|traffic)|rate limits?|race conditions?|no signal|double[- ]charg\w+|memory leaks?|breach\w*|misconfigur\w+|fails? silently|blow(?:s|ing)? up|(?:data|menu|entry|input|billing|sync|transcription|migration) errors?)\b",
                1.0, "names a failure state"),
            Cue("named-edge", r"\b(?:edge|corner) cases?\b(?=.{0,15}\b(?:like|such as|where|when|e\.g\.|for example|including)\b)|\b(?:edge|corner) cases?:",
                1.0, "names an edge case"),
            Cue("edge-word", r"\b(?:edge cases?|failure modes?|corner cases?)\b", 0.4, "talks about edge cases"),
            Cue("let-through", r"\blets? (?:[a-z']+ ){0,2}(?:bad|fraudulent|stolen|fake) [a-z]+ through\b", 1.0,
                "names what the fix could let through"),
            Cue("hurt-group", r"\b(?:legit\w*|real|honest|genuine)\b(?: [a-z']+){0,4} (?:users|customers|people|referrers|buyers|sellers|first orders|merchants|drivers|friends)\b.{0,50}\b(?:punish\w*|hurt\w*|drop(?:s|ping)? off|lose|los(?:e|ing)|block\w*|annoy\w*|slow\w*|notice|mind|penali[sz]\w*)\b|\b(?:punish\w*|hurt\w*|block\w*|annoy\w*|lock(?:ing)? out|penali[sz]\w*)\b(?: [a-z']+){0,3} (?:legit\w*|real|honest|genuine)\b",
                1.0, "names who the fix could hurt by accident"),
            Cue("wrong-output", r"\b(?:wrong|bad|incorrect|off-tone|made-up) (?:answers?|summar\w+|repl\w+|suggestions?|auto-repl\w+)\b",
                1.0, "names a bad output reaching users"),
            Cue("showing-late", r"\bshowing up late\b|\bnot showing up\b", 1.0, "names a failure state"),
            Cue("gaming", r"\bthrowaway (?:accounts|teammates|emails|users)\b|\bjust to get (?:through|past)\b", 1.0, "names a way to game it"),
            Cue("side-effect", r"\b(?:could|would|will|might)? ?means? worse\b|\bcould mean (?:worse|lower|less|fewer)\b", 1.0,
                "names what the fix could make worse"),
            Cue("measurement", r"\b(?:instrumentation|tracking|logging|event (?:still )?fires|the (?:open|completion) event)\b", -1.0,
                "a measurement check is diagnosis, not an edge case"),
            Cue("no-risks", r"\b(?:no|not any|don't (?:really )?see any|not really any|nothing specific|the usual ones?|always there|as they come up|not worried about)\b.{0,25}\b(?:risks?|edge cases?|failure modes?)\b|\b(?:risks?|edge cases?|failure modes?)\b.{0,40}\b(?:the usual ones|as they come up|always there|nothing specific|don't really see any)\b",
                -2.0, "no edge case is named"),
        )),
    SignalSpec(
        "stakeholder_tradeoffs", "Stakeholder trade-offs", STRENGTH, "003",
        "Say who gains and who pays for your choice — users, a big customer, sales, engineering — "
        "and why that's the right balance (guide 003, mistake #5).",
        "Two or more parties and what one gains or gives up against the other.",
        cues=(
            Cue("one-customer", r"\bfor (?:one|a single) (?:logo|customer|account|client)\b|\bacross (?:the|our) (?:customer )?base\b", 1.0,
                "weighs one customer against the rest"),
            Cue("trade", r"\b(?:at the (?:expense|cost) of|pays? for it|pay(?:s)? the (?:price|cost)|bears? the (?:cost|brunt)|who (?:benefits|pays|is harmed|gets hurt|loses|wins)|trade-?offs? (?:between|for|against)|balanc\w+|precedent|opportunity cost|disappoint\w*|(?:doesn't|does not|won't|wouldn't|didn't|don't) (?:really )?(?:hurt|punish|cost|annoy|slow|mind)|hurts?|harm(?:s|ed|ing)?|punish\w*|gains? from|benefits? from|protects? the relationship|kept control|keep control|in exchange|give up|lose out|costs? (?:us|them|real|the team)|would tank|buy-in|(?:can't|won't) go live without|won't choose|nobody (?:misses|will miss)|no (?:launch )?(?:customer|partner) (?:has )?asked|worth (?:more|less|little)|expensive for|(?:nicest|best|better|worse|worst|safest|fairest) for|pulling on|without pulling|pay for|paying the full|(?:isn't|not) worth|danger|downside|means (?:longer|more work|fewer|less|worse|slower|higher)|(?:worried|concerned) (?:about|that)|(?:requested|wanted|loved|asked for) by|say no|not this quarter|(?:they've|they have) (?:got )?a workaround|comes? (?:before|first))\b",
                0.6, "says what one side gains or gives up"),
            Cue("party", rf"\b{_PARTY}\b", 0.4, "names who is affected"),
            Cue("two-parties", rf"\b{_PARTY}\b.{{0,80}}\b(?:but|while|whereas|vs\.?|versus|against|instead of|rather than)\b.{{0,80}}\b{_PARTY}\b",
                0.3, "sets one party against another"),
        )),
    SignalSpec(
        "escalation_path", "Escalation path", STRENGTH, "002",
        "Say when a blocker or risk goes up and to whom — \"if we can't agree by Friday, it goes "
        "to both directors\" — after trying to resolve it yourself (guide 002).",
        "When and to whom a blocker, slip, risk or disagreement goes up (a leader, legal/security "
        "on a risk, an incident with on-call) — not routine updates, and not straight to the CEO.",
        cues=(
            Cue("escalate-to", rf"\bescalat\w*\b.{{0,50}}\b(?:{_LEADER}|legal|security|compliance|lead|leads|on-?call|incident)\b",
                1.0, "escalates to someone who can decide"),
            Cue("goes-up-to", rf"\b(?:take|takes|took|taking|bring|brings|brought|go|goes|went|going|raise[ds]?|flag(?:ged)?|get|got)\b(?: [a-z']+){{0,4}} to (?:my |our |their |the |both |a )?(?:[a-z]+ ){{0,2}}{_LEADER}\b",
                1.0, "takes it up to a leader"),
            Cue("told-manager", r"\b(?:told|tell|telling|inform\w*|warn\w*|own(?:ed)? it with|flag(?:ged)? it to|went to)\b.{0,20}\b(?:my|our|the) (?:[a-z]+ )?(?:manager|director|vp|boss|head of \w+)\b",
                0.6, "tells their manager"),
            Cue("promptly", r"\b(?:right away|same day|straight away|immediately|that day|that afternoon|before (?:they|she|he) heard)\b",
                0.5, "raises it promptly"),
            Cue("authority-on-risk", r"\b(?:need|needs|needed|get|got|ask|asked|have|had|bring|brought|loop|looped|pull|pulled)\b(?: [a-z]+){0,2} (?:legal|security|compliance|privacy|the risk team|our risk team)(?: team)? (?:to )?(?:sign off|sign-off|signoff|approve|review)\b.{0,60}\b(?:data|privacy|risk|compliance|pci|customer)\b",
                1.0, "takes a risk to an authority"),
            Cue("loop-in-if", rf"\b(?:loop|looped|bring|pull|get)\w* in (?:[a-z]+ ){{0,3}}(?:security|legal|compliance|leadership|{_LEADER})\b.{{0,40}}\bif\b",
                1.0, "brings in an authority when a condition is met"),
            Cue("incident", r"\b(?:open|opens|opened|declare\w*|becomes?|raise) (?:an |a )?incident\b|\bpull in (?:the )?(?:[a-z]+ )?(?:engineer )?on[- ]call\b|\bincident with (?:engineering )?on[- ]call\b",
                1.0, "escalates into an incident"),
            Cue("straight-to-lead", r"\b(?:straight|directly) to (?:the |their |our )?(?:team lead|tech lead|manager|director|on-?call)\b",
                1.0, "routes blockers to someone who can act"),
            Cue("over-escalation", r"\b(?:straight|directly|immediately|right away|on day one|at once)\b.{0,40}\b(?:ceo|exec\w*|c-suite|founders?)\b|\b(?:ceo|exec\w*)\b.{0,30}\b(?:immediately|right away|straight away|on day one)\b",
                -2.0, "going straight to the CEO is over-escalating (guide 000)"),
        )),
    SignalSpec(
        "decision_points", "Decision points and rollback criteria", STRENGTH, "000",
        "Set the moment and the rule for deciding — \"at the end of week two we keep it, trim it or "
        "roll it back; we roll back if errors pass 1%\" (guide 000).",
        "A dated decide / go-no-go, a launch gate with criteria, or a condition that triggers stop, "
        "rollback, pause or continue — not 'roll back if needed'.",
        cues=(
            Cue("gate-word", r"\b(?:decision point|decision gate|launch gate|launch bar|go/no-go|go[- ]no[- ]go|go or no[- ]go|kill criteria|launch criteria|exit criteria|rollback (?:rule|trigger|condition|criteria)|success thresholds?|blocks? (?:the )?launch)\b",
                1.0, "sets a decision point"),
            Cue("decide", r"\b(?:decide|decides|decided|deciding|make the call|makes the call|final call|severity call|revisit|reassess|re-evaluate|a call on)\b",
                0.6, "says a decision will be made"),
            Cue("decide-whether", r"\b(?:decide|call on|choose|review|see) whether\b|\bwhether to (?:keep|stop|continue|ship|roll|expand|go|pause|kill|invest)\b",
                0.5, "says what will be decided"),
            Cue("when", rf"\b(?:by|on|at|after|in|within|end of|then)\s+(?:the )?(?:end of )?(?:(?:week|day|month|sprint|phase) {NUM}|{NUM} (?:weeks?|days?|months?)|(?:[a-z]+-)?(?:week|day|month) mark|monday|tuesday|wednesday|thursday|friday|noon|next quarter's|a date|week (?:one|two|three|four|five|six)|the first (?:day|week|hour))\b|\b(?:then|that day|by friday)\b|\b(?:week|day|month|sprint|phase) (?:one|two|three|four|five|six|seven|eight|\d+)\b",
                0.5, "says when"),
            Cue("if-then-stop", rf"\bif\b(?:(?!\bif (?:needed|necessary)\b).){{0,100}}\b(?:we|i|i'd|we'd|it|that|they)?\s*(?:'d |would |will |should |can |could )?(?:{_STOP}|ship|expand|go to (?:everyone|all)|roll (?:it )?out|tighten|turn (?:them|it) back on|goes up to|the response is|cut|hotfix|fail(?:ing)? over|(?:it )?goes (?:out|to))\b",
                1.0, "says what triggers a stop, rollback or go"),
            Cue("stop-if", rf"\b(?:{_STOP}|call off|extend|go(?:ing)? to (?:all|everyone)|expand\w*)\b.{{0,60}}\bif\b", 1.0, "says when to stop"),
            Cue("either-or", r"\b(?:we|i) (?:either|will either)\b.{0,60}\bor\b", 0.5, "names the two outcomes of a decision"),
            Cue("means-branch", r"\b(?:a|an)\s+[a-z]+ (?:problem|issue|regression) means\b", 1.0, "ties each branch to an action"),
            Cue("the-moment", r"\bthe moment (?:supply|it|they|that)\b|\bas soon as (?:supply|it|errors|the)\b.{0,30}\b(?:recovers|catches up|is back|stabili\w+)",
                1.0, "says what triggers the next move"),
            Cue("if-needed", r"\bif (?:needed|necessary|required|something goes wrong|anything goes wrong|things go wrong|it's bad)\b|\bsee how it goes\b|\bsee what happens\b",
                -2.0, "no condition is given"),
        )),
    SignalSpec(
        "hypotheticals", "Hypotheticals in a story", CONCERN, "002",
        "This question asks what you did: tell a real story in the past tense — \"I did X\" — "
        "instead of \"I would do X\" (guide 002).",
        "For a behavioral prompt, most of the action is told as what the speaker would do rather "
        "than what they did (reflections like 'next time I would' do not count)."),
    SignalSpec(
        "validate_only", "Data only to validate", CONCERN, "003",
        "Use data to find the problem and choose what to build, not only to confirm a solution "
        "afterwards (guide 003, mistake #6).",
        "Data or tests appear only to confirm a chosen solution or measure it after launch, never "
        "to find where the problem is, choose between options or stop an idea early."),
    SignalSpec(
        "jumped_to_features", "Jumped to features", CONCERN, "003",
        "Frame the problem before the fixes: goal, scope and system first, then options (guide "
        "003, mistake #1).",
        "Options were proposed before the goal was restated, the problem scoped or the system "
        "mapped (the jumped-to-options check of the step detector)."),
    SignalSpec(
        "hedging", "Hedging", CONCERN, "004",
        "Trade \"maybe\", \"I guess\", \"kind of\" for a clear call and its reason — a strong answer "
        "ends with a recommendation (guide 004).",
        "Hedges ('maybe', 'I guess', 'kind of', 'probably', 'I think', …) come often enough to blur "
        "the commitments: at least 3, and one every three sentences or 2 per 100 words."),
)
SIGNALS_BY_KEY: dict[str, SignalSpec] = {s.key: s for s in SIGNALS}
SIGNAL_KEYS: tuple[str, ...] = tuple(s.key for s in SIGNALS)

# -- answer-level rules --------------------------------------------------------------------------
HEDGE_MIN = 3
HEDGE_PER_SENTENCE = 0.3
HEDGE_PER_100_WORDS = 2.0
_HEDGE = (
    r"\b(?:maybe|perhaps|probably|possibly|presumably|hopefully|i guess|i suppose|i think|i feel like|"
    r"kind of|sort of|kinda|sorta|somewhat|i'm not (?:totally |really |entirely |100% )?sure|"
    r"not (?:totally |really )?sure|i don't know|i believe|i'd imagine|more or less|should be (?:fine|ok|okay)|should probably)\b")
_NOT_HEDGE_BEFORE = r"(?:what|which|this|that|the|a|any|every|some|one|same|other|no|all|these|those|right|new|different) $"

WE_MIN = 3
WE_RATIO = 2.0
_I_AGENT = r"\b(?:i|i'd|i'm|i've|i'll)\b(?! (?:think|guess|mean|suppose|feel|believe|remember|don't (?:know|remember|think)|'d say|would say|am not sure|'m not sure))"
_WE_AGENT = r"\b(?:we|we'd|we're|we've|we'll)\b|\b(?:the|our) (?:whole )?(?:team|engineers|engineering team|developers)\b(?= \w+(?:ed|d)\b| (?:did|made|built|took|ran|cut|got|had|handled|decided|shipped|worked|fixed))|\bengineering (?:handled|fixed|did|built|took care)\b"
_PAST = (
    r"\b(?:i|we|the team|our team)\s+(?:also |then |just |finally |eventually |really |actually |quickly |immediately |all )?"
    r"(?:\w+ed|was|were|had|did|led|ran|made|took|got|went|built|cut|set|put|sat|told|found|chose|"
    r"shipped|brought|drew|kept|lost|saw|spent|wrote|thought|knew|pushed|moved|launched|hired|"
    r"introduced|agreed|decided|began|came|gave|held|left|met|paid|sent|sold|spoke|stood|"
    r"taught|understood|won|owned|drove|felt|learned|could've|didn't|couldn't|wasn't|weren't)\b")
STORY_MIN_PAST = 3
HYPO_MIN = 2
_HYPOTHETICAL = r"\b(?:i|we)(?:'d| would| will|'ll| am going to|'m going to| should| could)\b|\bif (?:my|our|i|we) [a-z]+ (?:was|were|had)\b"
_REFLECTION = (
    r"\b(?:next time|looking back|in hindsight|in retrospect|if i (?:did|had|could|were to do) (?:it|that|this)?\s*(?:again|over)|"
    r"would have|would've|'d have|i'd say|i would say|what i'd do differently|do it again|"
    r"would (?:never|always) have)\b")

_VALIDATE = (
    Cue("validate", r"\b(?:a/?b test|ab test|experiment|test|survey|dashboard|data|numbers|metrics|results|feedback|readout)\b.{0,50}\b(?:to (?:validate|confirm|prove|show)|validat\w+ (?:that|it|the|whether)|confirm(?:s)? (?:it|that|the)|(?:it|they|the \w+) work(?:s|ed)?\b|show the impact)",
        1.0, "uses data to confirm the chosen fix"),
    Cue("validate-phrases", r"\b(?:a/?b test everything|see what works|see what happens|users will tell us|(?:they|customers|people|users) will (?:love|tell)|once it's live,? (?:we'd |we )?(?:look|check|measure)|afterwards?,? (?:we'd |we )?(?:look|check|run|measure|survey)|run a survey after\w*|track the metrics|data-driven decisions|to show the impact|if the numbers confirm)\b",
        1.0, "uses data only after the fact"),
)
_DIAGNOSE = (
    Cue("segment", r"\b(?:segment\w*|slic\w+|split\w*|break\w* (?:it |this |that |them |the [a-z-]+ )?(?:down|out)|broken (?:down|out)|cut (?:it|this|the data)|compare\w*|comparing|bucket\w*|line (?:it |them |each [a-z-]+ )?up)\b.{0,40}\b(?:by|across|per|against|with|before|versus|vs)\b",
        1.0, "segments or compares to find the problem"),
    Cue("where", r"\b(?:where|which step|what step|which (?:[a-z]+ )?(?:segment|group|type|kind|stage)|at what point|first step)\b.{0,60}\b(?:drop\w*|break\w*|fall\w*|fell|stall\w*|stuck|concentrat\w*|deviat\w*|lose|los(?:es|ing)|leak\w*|bail|diverg\w*|bunched|fails?|failing|problem|gap|weakest)",
        1.0, "looks for where it breaks"),
    Cue("is-it-real", r"\b(?:instrumentation|tracking|logging|event logs?|raw (?:event|server)|data pipeline|pipeline|tracking broke|event still fires|is (?:it|this|the [a-z]+) (?:even )?real|confirm (?:the )?(?:drop|spike|jump|change|it) is real|make sure (?:that number|the [a-z]+|it) is real|stopped counting)\b",
        1.0, "checks the problem is real"),
    Cue("evidence", r"\b(?:root cause|churn reasons|exit surveys|session recordings|recordings|user interviews|interview\w*|tickets|logs|usage logs|lost-deal|sales calls|asking for|ask(?:ing)? (?:the|them|customers)|sit (?:down )?with|watch(?:ed)? (?:a dozen|some|recordings)|pull\w* (?:the|conversion|numbers|data|accounts|churn)|count\w* how many|look\w* at (?:which|whether|how many|who)|find out|figure out|dig\w* (?:into|up))\b",
        1.0, "gathers evidence to find the cause"),
    Cue("hypothesis", r"\b(?:my (?:hypothesis|guess|hunch|bet|suspicion)|i suspect|i bet|my going-in|points to|that tells me|if one \w+ dwarfs|test that|check that by|validate (?:it|that) (?:by|with)|before we build)\b",
        1.0, "tests a hypothesis about the cause"),
    Cue("gate", r"\b(?:launch gate|go/no-go|go or no-go|evaluation set|offline evaluation|kill it|stop spending)\b", 1.0,
        "uses data to stop an idea early"),
)


def detect_signals(labels: list[SentenceLabel], prompt: Prompt | None = None,
                   jumped: bool | None = None) -> list[Signal]:
    """Every signal of SIGNALS, in registry order, for an answer's labelled sentences."""
    sentences = [lab.sentence for lab in labels]
    texts = [normalise(s.text) for s in sentences]
    prompt_text = normalise(prompt.text) if prompt is not None else ""
    category = prompt.category if prompt is not None else None
    out = []
    for spec in SIGNALS:
        if spec.cues:
            found = _sentence_signal(spec, sentences, texts, prompt_text)
        elif spec.key == "hedging":
            found = _hedging(sentences, texts)
        elif spec.key == "we_dominant":
            found = _we_dominant(sentences, texts, category)
        elif spec.key == "hypotheticals":
            found = _hypotheticals(sentences, texts, category)
        elif spec.key == "validate_only":
            found = _validate_only(sentences, texts)
        elif spec.key == "jumped_to_features":
            found = _jumped(labels, jumped, category)
        else:  # pragma: no cover - every registry entry is handled above
            raise KeyError(spec.key)
        present, ev, detail = found[:3]
        checked = found[3] if len(found) > 3 else True
        out.append(Signal(spec.key, spec.title, spec.kind, present, tuple(ev[:MAX_EVIDENCE]),
                          spec.tip, spec.guide, detail, checked))
    return out


# -- sentence-level signals -------------------------------------------------------------------
def sentence_hits(key: str, text: str, prompt_text: str = "", table=None) -> list[CueHit]:
    """The hits that earn signal `key` in one normalised sentence ([] when it is not earned)."""
    hits = match(text, table if table is not None else SIGNALS_BY_KEY[key].cues)
    if hits and prompt_text:
        hits = _drop_prompt_echo(key, hits, text, prompt_text)
    return hits


def _sentence_signal(spec: SignalSpec, sentences: list[Sentence], texts: list[str], prompt_text: str):
    ev, table = [], compiled(spec.cues)
    for sentence, text in zip(sentences, texts):
        hits = sentence_hits(spec.key, text, prompt_text, table)
        if hits:
            ev.append(evidence(sentence, hits))
    detail = f"heard in {len(ev)} sentence{'s' * (len(ev) != 1)}" if ev else ""
    return bool(ev), ev, detail


_NUMBER = (rf"\d+(?:[.,]\d+)?|{NUM_WORD}|{FRACTION}|doubled|tripled|halved")
_WORD_VALUE = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_WORD_VALUE.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
                    "eighty": "80", "ninety": "90", "hundred": "100", "a hundred": "100"})


_ABUSE_PROMPT = r"\b(?:fraud\w*|abus\w+|attack\w*|spam\w*|fake)\b"


def _numbers(text: str) -> set[str]:
    return {_WORD_VALUE.get(n, n) for n in rx(_NUMBER).findall(text)}


def _drop_prompt_echo(key: str, hits: list[CueHit], text: str, prompt_text: str) -> list[CueHit]:
    """Negative rules that need the prompt: a figure the prompt already gave is not the speaker's
    result (quantified_results), and the prompt's own problem is not an edge case (edge_cases)."""
    if key == "quantified_results":
        prompt_numbers = _numbers(prompt_text)
        kept = [h for h in hits if h.cue.name == "metric-noun"
                or not _numbers(text[h.start:h.end]) <= prompt_numbers]
        if not any(h.cue.weight >= 0.7 for h in kept) or sum(h.cue.weight for h in kept) < 1.0:
            return []
        return kept
    if key == "edge_cases":
        about_abuse = rx(_ABUSE_PROMPT).search(prompt_text) is not None
        kept = [h for h in hits if text[h.start:h.end].split()[0] not in prompt_text
                and not (about_abuse and h.cue.name == "abuse")]
        return kept if sum(h.cue.weight for h in kept) >= 1.0 else []
    return hits


# -- answer-level signals -------------------------------------------------------------------------
def _hedging(sentences: list[Sentence], texts: list[str]):
    count, ev, words = 0, [], 0
    for sentence, text in zip(sentences, texts):
        words += len(text.split())
        found = [m for m in rx(_HEDGE).finditer(text) if not rx(_NOT_HEDGE_BEFORE).search(text[:m.start()])]
        if found:
            count += len(found)
            hits = [CueHit(Cue("hedge", "", 1.0, "hedge"), m.start(), m.end()) for m in found]
            quoted = ", ".join(f"'{text[m.start():m.end()]}'" for m in found)
            ev.append(evidence(sentence, hits, rule=f"hedges: {quoted}"))
    per_100 = 100 * count / words if words else 0.0
    per_sentence = count / len(sentences) if sentences else 0.0
    present = count >= HEDGE_MIN and (per_sentence >= HEDGE_PER_SENTENCE or per_100 >= HEDGE_PER_100_WORDS)
    detail = f"{count} hedge{'s' * (count != 1)} in {len(sentences)} sentences ({per_100:.1f} per 100 words)"
    ev.sort(key=lambda e: -e.rule.count("'"))  # the most hedged sentences first
    return present, ev, detail


def is_story(texts: list[str]) -> tuple[bool, int]:
    """Is the answer told as a past story? (sentences with 'I/we + past-tense verb')"""
    past = sum(1 for t in texts if rx(_PAST).search(t))
    return past >= STORY_MIN_PAST and past >= 0.4 * len(texts), past


def _we_dominant(sentences: list[Sentence], texts: list[str], category: str | None):
    i_count = sum(len(rx(_I_AGENT).findall(t)) for t in texts)
    we_count = sum(len(rx(_WE_AGENT).findall(t)) for t in texts)
    story, past = is_story(texts)
    counts = f"'I' {i_count} time{'s' * (i_count != 1)}, 'we'/'the team' {we_count} time{'s' * (we_count != 1)}"
    if category != "behavioral" and not story:
        return False, [], f"{counts}; only checked when the answer tells a past story", False
    present = we_count >= WE_MIN and we_count >= WE_RATIO * i_count
    ev = []
    if present:
        for sentence, text in zip(sentences, texts):
            found = rx(_WE_AGENT).search(text)
            if found and not rx(_I_AGENT).search(text):
                hit = CueHit(Cue("we", "", 1.0, ""), found.start(), found.end())
                ev.append(evidence(sentence, [hit], rule="the team is the actor, not you"))
    why = "behavioral prompt" if category == "behavioral" else f"told as a past story ({past} sentences)"
    return present, ev, f"{counts} ({why})"


def _hypotheticals(sentences: list[Sentence], texts: list[str], category: str | None):
    if category != "behavioral":
        return False, [], "only checked for behavioral prompts", False
    ev, past = [], 0
    for sentence, text in zip(sentences, texts):
        if rx(_PAST).search(text):
            past += 1
        found = rx(_HYPOTHETICAL).search(text)
        if found and not rx(_REFLECTION).search(text):
            hit = CueHit(Cue("would", "", 1.0, ""), found.start(), found.end())
            ev.append(evidence(sentence, [hit], rule="says what you would do, not what you did"))
    present = len(ev) >= HYPO_MIN and len(ev) > past
    return present, ev, f"{len(ev)} sentence{'s' * (len(ev) != 1)} of what you would do, {past} of what was done"


def _validate_only(sentences: list[Sentence], texts: list[str]):
    validate, diagnose = [], 0
    diagnose_table, validate_table = compiled(_DIAGNOSE), compiled(_VALIDATE)
    for sentence, text in zip(sentences, texts):
        if match(text, diagnose_table):
            diagnose += 1
            continue
        hits = match(text, validate_table)
        if hits:
            validate.append(evidence(sentence, hits))
    present = bool(validate) and diagnose == 0
    detail = (f"data used to confirm in {len(validate)} sentence{'s' * (len(validate) != 1)}, "
              f"to diagnose or decide in {diagnose}")
    return present, (validate if present else []), detail


def _jumped(labels: list[SentenceLabel], jumped: bool | None, category: str | None):
    if category == "behavioral":
        return False, [], "not checked for behavioral prompts: a story is not framed with the 8 steps", False
    present = jumped_to_options(labels) if jumped is None else jumped
    if not present:
        return False, [], ""
    index = first_sentence_index(labels, "options")
    label = next(lab for lab in labels if lab.sentence.index == index)
    hit = label.steps["options"][0]
    ev = evidence(label.sentence, [CueHit(Cue("options", "", 1.0, ""), hit.start, hit.end)],
                  rule="options proposed before the goal, scope or system were framed")
    return True, [ev], ""
