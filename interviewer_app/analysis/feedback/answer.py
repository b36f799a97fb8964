"""Put transcript, structure, pacing, content signals, framework parts and the suggested rubric
scores together into one result: the CLI's JSON, the UI's review and what storage keeps all come
from `AnswerFeedback.to_dict()`."""

from __future__ import annotations

from dataclasses import dataclass, field

from interviewer_app.analysis.content.frameworks import FrameworkReport, analyze_framework
from interviewer_app.analysis.content.rubric_assist import RubricSuggestion, suggest_scores
from interviewer_app.analysis.content.signals import Signal, detect_signals
from interviewer_app.analysis.feedback.view import FEEDBACK_VERSION, feedback_view
from interviewer_app.analysis.pacing.measure import LONG_PAUSE_S, Pacing, measure_pacing
from interviewer_app.analysis.structure.recommendation import Recommendation, find_recommendation
from interviewer_app.analysis.structure.sentences import split_sentences
from interviewer_app.analysis.structure.steps import SentenceLabel, detect_steps, jumped_to_options
from interviewer_app.core.drills import focus_of
from interviewer_app.core.models import Budget, Prompt, StepResult, Transcript, is_story_prompt
from interviewer_app.core.steps import STEP_KEYS

TYPED_TRANSCRIPT_WARNING = ("typed transcript: there are no times, so pacing, pauses and overtime "
                            "are not measured")


@dataclass
class AnswerFeedback:
    transcript: Transcript
    steps: dict[str, StepResult]
    labels: list[SentenceLabel]
    jumped_to_options: bool
    pacing: Pacing
    budget: Budget | None
    prompt: Prompt | None
    warnings: list[str]
    signals: list[Signal] = field(default_factory=list)
    framework: FrameworkReport | None = None
    rubric_suggestion: RubricSuggestion | None = None
    recommendation: Recommendation | None = None

    @property
    def missing_steps(self) -> list[str]:
        return [k for k in STEP_KEYS if not self.steps[k].heard]

    @property
    def steps_heard(self) -> int:
        return sum(r.heard for r in self.steps.values())

    @property
    def no_speech(self) -> bool:
        return not self.transcript.text.strip()

    @property
    def focus(self) -> tuple[str, ...] | None:
        """A focus drill's steps (core/drills.py), the only ones checked; None for a whole answer
        (and for a story, which is coached on C.A.R.E. whatever its budget)."""
        return None if self.story else focus_of(self.budget)

    @property
    def story(self) -> bool:
        """A prompt with C.A.R.E. as its framework asks for a past story, whatever its category:
        guide 002 answers "How do you handle a blocked dependency?" and "How do you decide what to
        cut?" with stories too. The 8 steps frame a plan (guide 000), so a story is coached on
        C.A.R.E. instead."""
        return is_story_prompt(self.prompt)

    def tips(self) -> list[str]:
        """What to do next time, as every front end tells it (analysis/feedback/view.py decides)."""
        return self.to_dict()["tips"]

    def to_dict(self) -> dict:
        t = self.transcript
        d = {
            "feedback_version": FEEDBACK_VERSION,
            "transcript": t.text,
            "duration_s": None if t.duration_s is None else round(t.duration_s, 2),
            "model": t.model,
            "fillers_written": t.fillers_written,
            "prompt": None if self.prompt is None else {"id": self.prompt.id, "text": self.prompt.text,
                                                        "framework": self.prompt.framework},
            "budget_s": None if self.budget is None else self.budget.seconds,
            "budget": None if self.budget is None else {
                "format": self.budget.format_key, "phase": self.budget.phase_key,
                "label": self.budget.label, "source": self.budget.source},
            "segments": [{"start": s.start, "end": s.end, "text": s.text,
                          "words": [{"start": w.start, "end": w.end, "word": w.word} for w in s.words]}
                         for s in t.segments],
            "sentences": [{"start": lab.sentence.start, "end": lab.sentence.end,
                           "text": lab.sentence.text, "steps": list(lab.steps)} for lab in self.labels],
            "steps": {k: self.steps[k].to_dict() for k in STEP_KEYS},
            "steps_heard": self.steps_heard,
            "missing_steps": self.missing_steps,
            "jumped_to_options": self.jumped_to_options,
            "story": self.story,
            "focus": None if self.focus is None else list(self.focus),
            "pacing": self.pacing.to_dict(),
            "no_speech": self.no_speech,
            "tips": [],  # filled in below, from the presentation of this very dict
            "warnings": list(self.warnings),
            # what is wrong with the recording itself (cut short, clipped, noise, unclear), apart
            # from the pacing notes above: the review shows these beside the transcript
            "audio_warnings": list(self.transcript.warnings),
            "signals": [s.to_dict() for s in self.signals],
            "framework": None if self.framework is None else self.framework.to_dict(),
            "rubric_suggestion": {} if self.rubric_suggestion is None else self.rubric_suggestion.to_dict(),
            # the first call the answer committed to, and whether a timed answer left it past the
            # budget's halfway mark (answer first); the view shows it for whole plans only
            "recommendation": None if self.recommendation is None else self.recommendation.to_dict(),
        }
        d["tips"] = feedback_view(d).tip_lines
        return d


def analyze(transcript: Transcript, budget: Budget | None = None,
            prompt: Prompt | None = None) -> AnswerFeedback:
    sentences = split_sentences(transcript)
    steps, labels = detect_steps(sentences)
    pacing = measure_pacing(transcript, labels, None if budget is None else budget.seconds,
                            steps["restate"].first_s,
                            follow_up=prompt.text if prompt is not None and prompt.is_follow_up else None)
    warnings = list(transcript.warnings)
    if not transcript.timed:
        warnings.append(TYPED_TRANSCRIPT_WARNING)
    long_pauses = [p for p in pacing.pauses if p.duration >= LONG_PAUSE_S]
    if long_pauses:
        warnings.append(f"{len(long_pauses)} long pause(s) over {LONG_PAUSE_S:g} s, the longest "
                        f"{pacing.longest_pause_s:g} s")
    if pacing.over_budget:
        warnings.append(f"went {pacing.overtime_s:.0f} s over the {budget.label} budget")
    jumped = jumped_to_options(labels)
    signals = detect_signals(labels, prompt, jumped=jumped)
    fb = AnswerFeedback(transcript=transcript, steps=steps, labels=labels, jumped_to_options=jumped,
                        pacing=pacing, budget=budget, prompt=prompt, warnings=warnings, signals=signals,
                        framework=analyze_framework(prompt, labels, steps, signals),
                        recommendation=find_recommendation(labels, None if budget is None else budget.seconds))
    fb.rubric_suggestion = suggest_scores(fb)
    return fb


def typed_transcript(text: str) -> Transcript:
    """A transcript the user typed or pasted: text only, no times."""
    from interviewer_app.core.models import Segment

    text = text.strip()
    return Transcript(segments=(Segment(None, None, text),) if text else (), model=None,
                      duration_s=None, timed=False)
