"""One mock interview as it happens: which question comes next, the follow-ups chosen after each
main answer, and every answer so far. Qt-free; the CLI drives it from the terminal or a folder of
recordings, and the desktop app can drive it from its answer screen.

    run = MockInterview(plan)
    turn = run.next_turn()                 # a phase without an answer, a question or a follow-up
    while turn is not None:
        if not turn.takes_answer:          # introductions / your questions: timed, not recorded
            run.skip(turn)
        else:
            feedback = analyze(...)        # pipeline.analyze_file(ctx, path, prompt=turn.prompt, budget=turn.budget)
            answer = run.record(turn, feedback)   # follow-ups are chosen here for main answers
        turn = run.next_turn()

A phase's follow-ups are offered only while the phase has time left (the interviewer moves on
when its budget is spent); those not asked are kept in `not_asked` with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interviewer_app.core.errors import UsageError
from interviewer_app.core.models import Budget, Prompt
from interviewer_app.mock.follow_ups import AnswerGaps, FollowUp, FollowUpPicker, addressed, follow_up_prompt, norm
from interviewer_app.mock.plan import MockAnswer, MockPhase, MockPlan

ASKED_BY_YOU = "asked"  # rule of a follow-up question the rules did not choose (given in a manifest)


@dataclass(frozen=True)
class Turn:
    """What the interviewer does next."""

    phase: MockPhase
    text: str  # what to show or say
    budget: Budget
    prompt: Prompt | None = None  # what the answer is analysed against; None: no answer is taken
    question_key: str | None = None
    follow_up: FollowUp | None = None
    follow_up_of: int | None = None  # position of the main answer it follows

    @property
    def takes_answer(self) -> bool:
        return self.prompt is not None

    @property
    def is_follow_up(self) -> bool:
        return self.follow_up is not None


@dataclass
class MockInterview:
    plan: MockPlan
    picker: FollowUpPicker = field(default_factory=FollowUpPicker)
    answers: list[MockAnswer] = field(default_factory=list)
    not_asked: list[tuple[int, FollowUp, str]] = field(default_factory=list)  # (main position, follow-up, why)
    _passed_phases: set[str] = field(default_factory=set)
    _skipped_questions: set[str] = field(default_factory=set)
    _skipped_follow_ups: set[tuple[int, str]] = field(default_factory=set)

    @classmethod
    def resume(cls, plan: MockPlan, answers: list[MockAnswer]) -> "MockInterview":
        """Carry on a session cut short (MockSessionStore.get(id).plan and .answers): the phases
        before the last answer's are passed, and no question already chosen is asked again."""
        run = cls(plan, answers=list(answers))
        run.picker.asked += [f["question"] for a in answers for f in a.follow_ups]
        run.picker.asked += [a.follow_up["question"] for a in answers if a.is_follow_up]
        if answers:
            keys = [p.key for p in plan.phases]
            last = keys.index(answers[-1].phase_key)
            run._passed_phases.update(keys[:last])
        return run

    # -- the guided flow ----------------------------------------------------------------------
    def next_turn(self) -> Turn | None:
        for phase in self.plan.phases:
            if phase.key in self._passed_phases:
                continue
            budget = self.plan.budget(phase.key)
            if not phase.takes_answer:
                return Turn(phase, phase.note, budget)
            for q in phase.questions:
                main = self.main_answer(q.key)
                if main is None:
                    if q.key in self._skipped_questions:
                        continue
                    return Turn(phase, q.prompt.text, budget, q.prompt, q.key)
                follow_up = self._next_follow_up(main, phase)
                if follow_up is not None:
                    return Turn(phase, follow_up.question, budget, follow_up_prompt(q.prompt, follow_up),
                                q.key, follow_up, main.position)
            self._passed_phases.add(phase.key)
        return None

    def record(self, turn: Turn, feedback, *, source: str | None = None,
               attempt_id: int | None = None) -> MockAnswer:
        """Keep the answer to a turn (an AnswerFeedback); after a main answer, choose its follow-ups
        (at most the phase's max_follow_ups, none repeating a question already asked)."""
        if not turn.takes_answer:
            raise UsageError(f"'{turn.phase.name}' takes no answer")
        position = len(self.answers) + 1
        if turn.is_follow_up:
            answer = MockAnswer(position, turn.phase.key, turn.question_key, turn.follow_up.question,
                                feedback.to_dict(), follow_up=turn.follow_up.to_dict(),
                                follow_up_of=turn.follow_up_of, source=source, attempt_id=attempt_id)
        else:
            if self.main_answer(turn.question_key) is not None:
                raise UsageError(f"question '{turn.question_key}' was already answered in this session")
            follow_ups = self.picker.choose(AnswerGaps.from_feedback(feedback), turn.phase.max_follow_ups)
            answer = MockAnswer(position, turn.phase.key, turn.question_key, turn.text, feedback.to_dict(),
                                follow_ups=[f.to_dict() for f in follow_ups], source=source,
                                attempt_id=attempt_id)
        self.answers.append(answer)
        return answer

    def skip(self, turn: Turn) -> None:
        """Move on without an answer: a phase without answers, a question, or a follow-up."""
        if not turn.takes_answer:
            self._passed_phases.add(turn.phase.key)
        elif turn.is_follow_up:
            self._skipped_follow_ups.add((turn.follow_up_of, norm(turn.follow_up.question)))
            self.not_asked.append((turn.follow_up_of, turn.follow_up, "skipped"))
        else:
            self._skipped_questions.add(turn.question_key)

    def end_phase(self, phase_key: str) -> None:
        """The interviewer moves on: the rest of this phase is not asked."""
        self._passed_phases.add(self.plan.phase(phase_key).key)

    # -- answers in any order (a folder of recordings) ------------------------------------------
    def main_turn(self, question_key: str) -> Turn:
        """The turn of a plan's question, asked out of the guided order."""
        question = self.plan.question(question_key)
        phase = self.plan.phase_of(question_key)
        return Turn(phase, question.prompt.text, self.plan.budget(phase.key), question.prompt, question_key)

    def follow_up_turn(self, main_position: int, question: str | None = None) -> Turn:
        """A follow-up to the main answer at `main_position`: to `question` if given (one the rules
        chose, or one the interviewer asked that they did not), else the next chosen one not yet
        answered."""
        main = self._answer_at(main_position)
        if main.is_follow_up:
            raise UsageError(f"answer {main_position} is itself a follow-up; follow-ups follow a main answer")
        chosen = [FollowUp.from_dict(f) for f in main.follow_ups]
        if question is not None:
            follow_up = next((f for f in chosen if norm(f.question) == norm(question)), None)
            if follow_up is None:
                follow_up = FollowUp(question.strip(), ASKED_BY_YOU, "the interviewer asked it (not chosen "
                                     "by the rules)", "002", '"Interview Stages / Process" (2-3 follow-up '
                                     "questions)")
                self.picker.asked.append(follow_up.question)
        else:
            answered = {norm(a.follow_up["question"]) for a in self.answers if a.follow_up_of == main_position}
            follow_up = next((f for f in chosen if norm(f.question) not in answered), None)
            if follow_up is None:
                where = f" ({main.source})" if main.source else ""
                raise UsageError(f"answer {main_position}{where} has {len(chosen)} follow-up(s) chosen and "
                                 "all are answered; name the question asked to add another")
        phase = self.plan.phase(main.phase_key)
        question_obj = self.plan.question(main.question_key)
        return Turn(phase, follow_up.question, self.plan.budget(phase.key),
                    follow_up_prompt(question_obj.prompt, follow_up), main.question_key, follow_up, main_position)

    def main_answer(self, question_key: str) -> MockAnswer | None:
        return next((a for a in self.answers if a.question_key == question_key and not a.is_follow_up), None)

    def phase_used_s(self, phase_key: str) -> float:
        """Recorded time in a phase so far (answers without times count 0)."""
        return sum(a.duration_s or 0.0 for a in self.answers if a.phase_key == phase_key)

    def _answer_at(self, position: int) -> MockAnswer:
        if not 1 <= position <= len(self.answers):
            raise UsageError(f"there is no answer {position} in this session yet")
        return self.answers[position - 1]

    def _next_follow_up(self, main: MockAnswer, phase: MockPhase) -> FollowUp | None:
        answered = {norm(a.follow_up["question"]) for a in self.answers if a.follow_up_of == main.position}
        pending = [FollowUp.from_dict(f) for f in main.follow_ups
                   if norm(f["question"]) not in answered
                   and (main.position, norm(f["question"])) not in self._skipped_follow_ups]
        # a gap an earlier follow-up answer already filled is not asked about again ("What was the
        # measurable result?" right after "62% to 68%")
        replies = [AnswerGaps.from_dict(a.feedback) for a in self.answers if a.follow_up_of == main.position]
        for f in list(pending):
            if any(addressed(f, reply) for reply in replies):
                pending.remove(f)
                self._skipped_follow_ups.add((main.position, norm(f.question)))
                self.not_asked.append((main.position, f, "an earlier follow-up answer already covered it"))
        if not pending:
            return None
        if self.phase_used_s(phase.key) >= phase.seconds:
            for f in pending:
                self._skipped_follow_ups.add((main.position, norm(f.question)))
                self.not_asked.append((main.position, f, "the phase's time ran out"))
            return None
        return pending[0]
