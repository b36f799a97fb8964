"""Every content signal defined once (like the steps in core/steps.py): its title, whether it is
a strength (present = heard) or a concern (present = the problem shows), the guide it comes
from, a one-line tip, what counts, and the sentence-level cue rules that detect it. Detection
lives in signals.py."""

from __future__ import annotations

from dataclasses import dataclass

from interviewer_app.analysis.structure.cues import APPROX, NUM, PCT, Cue
from interviewer_app.core.models import Evidence

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
