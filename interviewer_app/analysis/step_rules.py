"""Cue rules for the eight steps. Each rule is a phrase pattern, a weight and a plain-language
reason shown to the user as the evidence. A sentence counts as a step when the weights of the
rules it matches reach 1.0; negative rules cancel keyword-only mentions.

Labeling rules that these aim at: docs/structure-labeling.md. Step meanings: guide 000,
"A practical answer structure"; the pitfalls (vanity goals, "check the data", naming RICE without
using it) from guides 003 and 004.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

THRESHOLD = 1.0


@dataclass(frozen=True)
class Rule:
    step: str
    name: str
    pattern: re.Pattern
    weight: float
    reason: str


def _rule(step: str, name: str, pattern: str, weight: float, reason: str) -> Rule:
    return Rule(step, name, re.compile(pattern), weight, reason)


_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a couple of|a few)"
_METRIC = (r"(?:activation|retention|conversion|engagement|adoption|revenue|churn|completion|dau|mau|"
           r"wau|daily active|weekly active|monthly active|active users|nps|csat|ltv|arpu|gmv|"
           r"time to value|success rate|take rate|trial-to-paid|paid conversion|click-through)")
_SEGMENT = (r"(?:platforms?|segments?|cohorts?|geograph(?:y|ies)|geos?|countr(?:y|ies)|regions?|devices?|"
            r"(?:app )?versions?|channels?|browsers?|user types?|plans?|tiers?|markets?|"
            r"acquisition (?:source|channel)s?|new (?:vs\.?|versus|and) returning|"
            r"payment methods?|error codes?|languages?|os|operating systems?|ios|android)")

RULES: tuple[Rule, ...] = (
    # 1 restate: the goal and its success metric
    _rule("restate", "goal-is", r"\b(?:the|our|my|main|real|primary|business|overall) (?:goal|objective|aim|outcome)s? (?:here |really |i care about |we care about |we're after )?(?:is|are|would be|should be|=)\b", 1.0,
          "states the goal"),
    _rule("restate", "success-means", r"\bsuccess (?:here |for (?:this|us) )?(?:means|looks like|is|would be|would look like)\b", 1.0,
          "says what success means"),
    _rule("restate", "success-metric", r"\b(?:success|north[- ]star|primary|target|key|headline|top-line|topline) metric\b", 1.0,
          "names the success metric"),
    _rule("restate", "north-star", r"\bnorth[- ]star\b", 0.8, "names the north star"),
    _rule("restate", "optimize-for", r"\b(?:optimi[sz]e|optimi[sz]ing|solving|aiming) for\b", 0.8,
          "says what we optimize for"),
    _rule("restate", "clarify-goal", r"\b(?:clarify|confirm|pin down|define|align on|understand|ask) (?:what |which |the |our )?(?:goal|objective|metric|success|outcome|target)", 1.0,
          "clarifies the goal or metric"),
    _rule("restate", "which-metric", rf"\b(?:is|are) (?:the )?(?:target|goal|we (?:trying|optimi[sz]ing|going))\b.{{0,40}}{_METRIC}", 1.0,
          "asks which outcome matters"),
    _rule("restate", "trying-to", rf"\b(?:we're|we are|i'm|i am|we want|i want) (?:really )?(?:trying |aiming |looking )?to (?:improve|increase|reduce|grow|recover|lift|protect|restore|get back|raise|cut|drive)\b.{{0,50}}{_METRIC}", 1.0,
          "states the outcome to move"),
    _rule("restate", "measured-by", rf"\b(?:measured|tracked|judged|defined) (?:by|as|through|with|in terms of)\b", 0.6,
          "says how success is measured"),
    _rule("restate", "metric-definition", r"\b(?:numerator|denominator|how (?:we|is it|it's|is) defin|definition of)\b", 1.0,
          "defines the metric"),
    _rule("restate", "tie-to-business", r"\b(?:tie|tied|ties|connect|ladder|laddering)s? (?:this |it |that )?(?:back )?(?:up )?to (?:the )?(?:business|revenue|retention|company)", 0.9,
          "ties the work to a business outcome"),
    _rule("restate", "vanity-goal", r"\b(?:goal|objective|success) (?:is|would be) (?:to |just to )?(?:ship|launch|build|release|add|deliver|finish|get)\b(?!.{0,40}\b(?:rate|retention|conversion|activation|%|percent))", -1.2,
          "an output (shipping something) is not a goal"),

    # 2 scope: constraints and assumptions that bound the problem
    _rule("scope", "assume", r"\b(?:i'll|i will|let me|let's|i'm going to|i'd|i am going to|i'm) (?:just )?(?:assume|assuming|scope|focus on|limit|constrain|narrow|bound)\b", 1.0,
          "sets scope or an assumption"),
    _rule("scope", "scope-word", r"\b(?:in scope|out of scope|scope (?:this|it|the problem|to)|scoping|the scope)\b", 1.0,
          "talks about scope"),
    _rule("scope", "constraint", r"\bconstraints?\b", 0.7, "names a constraint"),
    _rule("scope", "resources", rf"\b{_NUM} (?:weeks?|months?|engineers?|squads?|sprints?|quarters?|designers?|pms?|developers?|people|days?)\b", 0.5,
          "names time or team size"),
    _rule("scope", "capacity-words", r"\b(?:timeline|deadline|time ?frame|capacity|headcount|team size|quality bar|budget|bandwidth|resourc(?:e|es|ing))\b", 0.5,
          "names time, capacity or quality limits"),
    _rule("scope", "cannot-change", r"\b(?:can't|cannot|can not|won't|will not|not allowed to|don't) (?:change|touch|move|modify|alter)\b|\boff the table\b|\bnon-negotiable\b", 1.0,
          "says what cannot change"),
    _rule("scope", "platform-only", r"\b(?:web|ios|android|mobile|desktop|us|enterprise|consumer|smb)(?:[- ]only| only)\b|\bonly (?:on|for) (?:web|ios|android|mobile|desktop)\b", 1.0,
          "limits the platform or market"),
    _rule("scope", "legal", r"\b(?:legal|regulatory|compliance|contractual|policy) (?:constraints?|limits?|requirements?|review)\b", 0.6,
          "names an operational or legal limit"),
    _rule("scope", "we-have", rf"\b(?:we|i) (?:only )?(?:have|got|get) (?:only )?{_NUM} ", 0.6, "states available resources"),

    # 3 map: the funnel, journey or driver tree
    _rule("map", "map-verb", r"\b(?:map|mapping|sketch|lay|laying|walk|walking|draw) (?:out )?(?:the |this |a |our )?(?:funnel|journey|flow|system|steps|driver tree|metric tree|tree|user path|process)", 1.0,
          "maps the system"),
    _rule("map", "tree", r"\b(?:driver tree|metric tree|hypothesis tree|issue tree|causal tree)\b", 1.0, "builds a driver tree"),
    _rule("map", "funnel-word", r"\b(?:funnel|user journey|customer journey|journey)\b", 0.5, "mentions the funnel"),
    _rule("map", "break-into", r"\b(?:break|breaking|split|splitting|decompose|decomposing|bucket|bucketing|divide|dividing|group|grouping|separate|separating)s? (?:it |this |that |the (?:problem|drop|metric|causes|question) |causes |things |the possibilities )?(?:down )?(?:up )?into\b", 1.0,
          "breaks the problem into parts"),
    _rule("map", "product-of", r"\b(?:equals|is the product of|multiplied by|times)\b.{0,60}\b(?:times|multiplied by|×)\b|\b\w+ = \w+", 1.0,
          "writes the metric as a product of drivers"),
    _rule("map", "stages", r"\b(?:the|its|four|three|five|main|key) (?:steps|stages|phases) (?:are|of the (?:funnel|journey|flow))\b|\b(?:goes|flows|moves) from\b.{0,80}\bto\b", 0.9,
          "names the stages"),
    _rule("map", "buckets", r"\b(?:categories|buckets|families|kinds|types|sources) of (?:causes|reasons|explanations|problems|issues|drivers)\b|\bcauses (?:fall|fit) into\b", 1.0,
          "groups the possible causes"),
    _rule("map", "sequence-of-steps", r"(?:\w+ (?:→|->|to|then) ){3,}", 0.6, "lists the steps in order"),

    # 4 bottleneck: where it breaks and what evidence finds it
    _rule("bottleneck", "segment-by", rf"\b(?:segment|segmenting|segmented|slice|slicing|cut|cutting|break(?:ing)? (?:it |this |that |the \w+ )?down|split(?:ting)?|compare|comparing|look(?:ing)? at (?:it|this|the \w+)) (?:it |this |the data |the drop |users |that )?(?:by|across|per)\b.{{0,40}}{_SEGMENT}", 1.2,
          "segments the data to find where it breaks"),
    _rule("bottleneck", "by-segment", rf"\b(?:by|per|across|for each) {_SEGMENT}\b", 0.7, "looks per segment"),
    _rule("bottleneck", "is-it-real", r"\b(?:instrumentation|tracking|logging|telemetry|event (?:firing|definition)|dashboard (?:bug|query)|data pipeline|measurement (?:issue|problem|error|change))\b|\b(?:is|confirm|check|make sure|verify|validate) (?:that )?(?:the |this |it )?(?:drop |change |problem |decline )?(?:is )?real\b", 1.0,
          "checks the problem is real"),
    _rule("bottleneck", "where-it-breaks", r"\b(?:where|which step|what step|at what point)\b.{0,30}\b(?:drop|drops|break|breaks|fall|falls|leak|leaks|stall|stalls|lose|losing|stuck|deviat)", 1.0,
          "asks where users drop off"),
    _rule("bottleneck", "bottleneck-word", r"\b(?:bottleneck|constraint is|biggest leak|drop-?off|choke ?point|root cause|the culprit)\b", 0.8,
          "names the bottleneck"),
    _rule("bottleneck", "no-bottleneck", r"\b(?:no|not a|not the|isn't a|isn't the|there's no|there is no|without a|don't see a|don't think there's a) (?:real |big |obvious )?(?:bottleneck|constraint|root cause)\b", -2.0,
          "saying there is no bottleneck is not finding one"),
    _rule("bottleneck", "evidence-sources", r"\b(?:session (?:recordings|replays)|user interviews|support tickets|error (?:logs|rates?|codes)|crash (?:logs|rate)|logs|funnel data|cohort (?:data|analysis)|heatmaps|surveys?)\b", 0.5,
          "names evidence to inspect"),
    _rule("bottleneck", "inspect", r"\b(?:inspect|investigate|diagnose|dig into|drill into|look into|pull (?:the )?(?:data|numbers))\b", 0.4,
          "investigates"),
    _rule("bottleneck", "hypothesis", r"\b(?:my hypothesis|i suspect|likely (?:cause|culprit)|my guess is|most likely)\b", 0.7,
          "states a hypothesis about the cause"),
    _rule("bottleneck", "recent-change", r"\b(?:what changed|recent (?:release|change|deploy|launch)|release (?:regression|notes)|coincid(?:e|es|ed) with)\b", 0.8,
          "checks what changed"),
    _rule("bottleneck", "validate-assumption", r"\b(?:validate|test|check) (?:that |this |the |my )?(?:assumption|hypothesis)\b", 0.8,
          "validates an assumption"),

    # 5 options: candidate actions across levers
    _rule("options", "options-word", r"\b(?:options?|levers?|alternatives|possible (?:fixes|solutions|approaches|interventions)|solution ideas|a few ideas|some ideas|a few things we could)\b", 0.8,
          "lists options"),
    _rule("options", "one-option", r"\b(?:one|another|a second|a third|the first|the second|the third|the other) (?:option|idea|lever|approach|path|fix)\b|\boption (?:a|b|c|one|two|three|1|2|3)\b", 1.0,
          "names an option"),
    _rule("options", "we-could", r"\b(?:we|i|you) (?:could|might|can) (?:also )?(?:add|build|try|introduce|launch|change|run|offer|send|create|improve|redesign|simplify|remove|test|give|use|move|make|ship|roll|raise|lower|shorten|personali[sz]e|pause|bundle|show|hire|bring)\b", 1.0,
          "proposes something we could do"),
    _rule("options", "could-also", r"\b(?:we could|could also|or we could|alternatively|another thing|or maybe)\b", 0.7, "offers an alternative"),
    _rule("options", "lever-kinds", r"\b(?:product|process|communication|messaging|tooling|staffing|pricing|ops|operational) (?:change|fix|lever|side|levers|changes)\b", 0.7,
          "names a kind of lever"),
    _rule("options", "i-would-build", r"\b(?:i'd|i would|let's|we should|we'd) (?:add|build|launch|introduce|create|redesign|send|offer|give|run|try)\b", 0.6,
          "proposes an action"),

    # 6 prioritize: choose and say why
    _rule("prioritize", "choose", r"\b(?:i'd|i would|i'm going to|i will|i'll|let's|we should|i'd rather) (?:pick|choose|go with|bet on|prioriti[sz]e|lead with|double down on)\b", 1.0,
          "chooses an option"),
    _rule("prioritize", "start-with-because", r"\b(?:start with|focus on|first)\b.{0,80}\bbecause\b", 0.8, "chooses a starting point and says why"),
    _rule("prioritize", "criteria", r"\b(?:impact|confidence|effort|reversib\w*|cost of delay|time to learn|learning value|roi|leverage|upside|downside|dependency risk|dependencies|speed to)\b", 0.4,
          "weighs impact, confidence, effort or reversibility"),
    _rule("prioritize", "comparison", r"\b(?:higher|lower|bigger|smaller|faster|cheaper|less|more|fewer) (?:impact|effort|risk|upside|cost|confidence|dependencies|reversible|learning)\b|\b(?:over|rather than|instead of|ahead of|beats|outweighs)\b", 0.5,
          "compares options"),
    _rule("prioritize", "cut", r"\b(?:cut|deprioriti[sz]e|defer|drop|descope|de-scope|park|punt|push (?:it|that|this) to|not do|won't do|say no to)\b", 0.6,
          "decides what not to do"),
    _rule("prioritize", "framework-applied", r"\b(?:rice|ice|moscow|scorecard|score)\b.{0,60}\b(?:because|since|highest|lowest|wins|scores|came out|comes out|ranked|ranks)\b", 0.8,
          "applies a scoring framework"),
    _rule("prioritize", "prioritize-word", r"\bpriorit\w*\b", 0.5, "talks about priority"),
    _rule("prioritize", "framework-name-only", r"\b(?:i'd|i would|we'd|we would|let's) (?:just )?use (?:rice|ice|moscow|a framework)\b(?!.{0,60}\b(?:because|since|highest|scores?))", -0.8,
          "naming a framework is not using it"),

    # 7 sequence: order in time, decision points
    _rule("sequence", "time-box", rf"\b(?:week|day|month|sprint|phase|quarter|stage|milestone) (?:one|two|three|four|five|1|2|3|4|5)\b|\b(?:in|by|within|over) (?:the )?(?:first|next|second|third) {_NUM}? ?(?:days?|weeks?|months?|sprints?|quarters?)\b|\b(?:day|days|weeks?) {_NUM}(?: to | through |-){_NUM}\b", 1.0,
          "puts work on a timeline"),
    _rule("sequence", "in-n-days", rf"\b(?:in|within|by|after|over) (?:the )?(?:next |first )?{_NUM} (?:days|weeks|months|sprints|hours)\b|\b(?:30|60|90)[- ]day\b", 0.8,
          "sets a time frame"),
    _rule("sequence", "decision-point", r"\b(?:decision point|decision gate|go/no-go|go no-go|go or no-go|checkpoint|milestones?|then decide|decide whether|revisit|re-evaluate|reassess)\b", 1.0,
          "sets a decision point"),
    _rule("sequence", "rollout-stages", r"\b(?:roll(?:ing)? (?:it |this )?out|ramp(?:ing)?(?: up)?|expand(?:ing)?|go) to \d+ ?(?:%|percent)|\b\d+ ?(?:%|percent)(?: of (?:users|traffic|accounts))?,? then\b|\b(?:staged|phased|gradual|incremental) (?:rollout|release|launch)\b|\b(?:beta|pilot|dogfood\w*|canary)\b", 0.9,
          "stages the rollout"),
    _rule("sequence", "then-next", r"\b(?:then|after that|once that's|once that is|once we|next,|next we|following that|afterwards|in parallel|meanwhile|finally|by the end of)\b", 0.4,
          "orders the work"),
    _rule("sequence", "first-step", r"\b(?:first|initial|immediate|near-term|short-term|quick) (?:step|ship|release|milestone|thing i'd do|move|action|fix|mitigation)\b|\b(?:step one|step two|first thing)\b", 0.8,
          "names the first step"),
    _rule("sequence", "follow-up", r"\b(?:follow-up|follow up|v2|second phase|longer[- ]term|long-term fix|next quarter)\b", 0.5,
          "plans a follow-up"),

    # 8 risks: guardrails, rollback, owners, cadence
    _rule("risks", "guardrail", r"\bguard ?rails?\b|\bcounter-?metrics?\b|\bhealth metrics?\b", 1.0, "names guardrails"),
    _rule("risks", "rollback", r"\b(?:roll ?back|rollback|kill switch|revert|feature flag|back out)\b", 1.0, "plans a rollback"),
    _rule("risks", "risk-word", r"\b(?:risks?|risky|downside risk|failure modes?|what could go wrong|edge cases?|worst case)\b", 0.8, "names risks"),
    _rule("risks", "abuse", r"\b(?:fraud|abuse|spam|gaming|cannibali[sz]\w*|privacy|security|trust and safety|legal exposure)\b", 0.5, "names abuse or trust risks"),
    _rule("risks", "owners", r"\b(?:owners?|owns|ownership|accountab\w*|dri|raci|point person)\b", 0.6, "assigns owners"),
    _rule("risks", "cadence", r"\b(?:daily|weekly|biweekly|bi-weekly|regular|monthly) (?:sync|syncs|review|reviews|standups?|check-?ins?|readouts?|updates?)\b|\bcadence\b|\bstakeholder (?:sync|update|review)s?\b", 0.9,
          "sets an operating cadence"),
    _rule("risks", "escalation", r"\bescalat\w*\b", 0.8, "plans escalation"),
    _rule("risks", "criteria", r"\b(?:launch|exit|rollback|success|go/no-go|kill) criteria\b|\bthresholds?\b", 0.8, "sets launch or rollback criteria"),
    _rule("risks", "watch-harm", r"\b(?:watch|monitor|keep an eye on|protect|make sure|ensure|check)\b.{0,50}\b(?:don't|doesn't|do not|does not|isn't|aren't|not) (?:hurt|regress|drop|spike|increase|go up|tank|degrade|harm|break)\b", 0.9,
          "watches for harm"),
    _rule("risks", "monitor", r"\b(?:monitor\w*|alert\w*|dashboards?)\b", 0.4, "monitors"),
    _rule("risks", "stop-if", r"\b(?:stop|pause|halt|roll back|pull back|revert)\b.{0,40}\bif\b|\bif\b.{0,60}\b(?:exceeds?|drops? below|goes above|spikes?|crosses|more than)\b", 0.7,
          "says when to stop"),
)


def rules_for(step: str) -> list[Rule]:
    return [r for r in RULES if r.step == step]
