"""A mock session run through MockInterview and reported: time per phase against its budget,
overtime per phase and for the whole interview, where a phase's time ran out, follow-ups and how
they were answered, habits per phase."""

import pytest

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.core.budgets import BudgetBook
from interviewer_app.core.errors import UsageError
from interviewer_app.core.prompts import PromptBank
from interviewer_app.mock.interview import MockInterview
from interviewer_app.mock.plan import plan_custom, plan_for_format
from interviewer_app.mock.report import build_report
from tests.unit.test_follow_ups import NO_RISKS, WE_STORY
from tests.unit.timed import timed_transcript

FOLLOW_UP_ANSWER = "I personally decided to cut saved cards, and checkout conversion went from 61% to 68% in a month."


def spoken(text: str, seconds: float):
    """A timed transcript of `text` lasting exactly `seconds` (words at an even pace, then 1 s of silence)."""
    sentences = [s.strip() + "." for s in text.split(". ") if s.strip()]
    words = sum(len(s.split()) for s in sentences)
    word_s = (seconds - 1.0) / words
    t = timed_transcript([(s.rstrip(".") + ".", 0.0) for s in sentences[:-1]] + [(sentences[-1], 1.0)],
                         word_s=word_s)
    assert t.duration_s == pytest.approx(seconds)
    return t


@pytest.fixture(scope="module")
def bank():
    return PromptBank.load()


def small_plan_of(bank):
    """Story 60 s, case 30 s, your questions 60 s (not recorded)."""
    return plan_custom([("Story", 60, "story"), ("Case", 30, "scenario"), ("Your questions", 60, "questions")],
                       bank.prompts, seed=4, chosen={"story": bank.get("launch-delayed-what-did-you-do"),
                                                     "case": bank.get("onboarding-drop-after-redesign")})


@pytest.fixture
def small_plan(bank):
    return small_plan_of(bank)


def answer(run, turn, text, seconds):
    return run.record(turn, analyze(spoken(text, seconds), turn.budget, turn.prompt))


def run_session(plan):
    """Story 40 s + one follow-up 30 s (10 s over a 60 s phase), case 25 s (within 30 s)."""
    run = MockInterview(plan)
    t = run.next_turn()
    assert (t.phase.key, t.is_follow_up) == ("story", False)
    main = answer(run, t, WE_STORY, 40)
    t = run.next_turn()
    assert t.is_follow_up and t.follow_up.rule == "ownership" and t.follow_up_of == main.position
    answer(run, t, FOLLOW_UP_ANSWER, 30)
    t = run.next_turn()  # 70 s used of 60: the interviewer moves on, the other follow-ups are not asked
    assert (t.phase.key, t.is_follow_up) == ("case", False)
    # the result follow-up is not asked: the ownership answer gave "61% to 68%"; the rest, time ran out
    assert sorted(why for _p, _f, why in run.not_asked) == ["an earlier follow-up answer already covered it",
                                                            "the phase's time ran out"]
    answer(run, t, NO_RISKS, 25)
    t = run.next_turn()  # a follow-up of the case answer, with 5 s left in the phase
    assert t.is_follow_up and t.follow_up.rule == "risks"
    run.skip(t)
    while (t := run.next_turn()) is not None and t.takes_answer:
        run.skip(t)
    assert t is not None and t.phase.key == "your-questions" and not t.takes_answer
    run.skip(t)
    assert run.next_turn() is None
    return run


def test_time_per_phase_overtime_and_whole_interview(small_plan):
    run = run_session(small_plan)
    d = build_report(small_plan, run.answers).to_dict()
    story, case, questions = d["phases"]
    assert (story["used_s"], story["budget_s"], story["overtime_s"], story["over_budget"]) == (70, 60, 10, True)
    assert story["left_s"] == -10 and (story["answers"], story["follow_up_answers"]) == (1, 1)
    assert (case["used_s"], case["overtime_s"], case["over_budget"], case["left_s"]) == (25, 0, False, 5)
    assert questions["takes_answer"] is False and questions["used_s"] is None and questions["note"] == "not recorded"
    t = d["totals"]
    assert (t["interview_budget_s"], t["answer_budget_s"], t["used_s"]) == (150, 90, 95)
    assert (t["overtime_s"], t["over_budget"], t["phase_overtime_s"], t["phases_over"]) == (5, True, 10, ["story"])


def test_where_the_phase_time_ran_out(small_plan):
    run = run_session(small_plan)
    d = build_report(small_plan, run.answers).to_dict()
    ran = d["phases"][0]["ran_out"]
    assert ran["position"] == 2 and ran["into_answer_s"] == 20  # 40 s main answer, then 20 s into the follow-up
    assert d["phases"][1]["ran_out"] is None
    habit = d["habits"][0]
    assert habit["over_budget"] is True and "1:10 of 1:00" in habit["summary"] and "0:10 over" in habit["summary"]
    assert "within budget" in d["habits"][1]["summary"]


def test_follow_ups_asked_why_and_how_they_were_answered(small_plan):
    run = run_session(small_plan)
    d = build_report(small_plan, run.answers).to_dict()
    main, follow, case = d["answers"]
    assert [f["rule"] for f in main["follow_ups"]] == ["ownership", "result", "prompt-twist"]
    own = main["follow_ups"][0]
    assert own["answered"] and own["answer_position"] == 2 and own["addressed"] is True
    assert "quantified_results" in own["answer"]["signals"]["strengths_heard"]
    assert "'we' and 'the team' did most of the acting" in own["reason"]
    assert [f["answered"] for f in main["follow_ups"]] == [True, False, False]
    assert follow["is_follow_up"] and follow["follow_up_of"] == 1 and follow["rule"] == "ownership"
    assert "'we' and 'the team' did most of the acting" in follow["asked_because"]
    assert case["missing_steps"] == ["risks"] and case["follow_ups"][0]["rule"] == "risks"
    assert "*risks and cadence*" in case["follow_ups"][0]["reason"]
    assert len(d["follow_ups"]) == 6  # three after each main answer


def test_steps_and_signals_per_answer_and_habits(small_plan):
    run = run_session(small_plan)
    d = build_report(small_plan, run.answers).to_dict()
    story, _follow, case = d["answers"]
    assert "we_dominant" in story["signals"]["concerns"] and story["framework"]["key"] == "care"
    assert case["steps_heard"] == 7 and "guardrails" in case["signals"]["strengths_missing"]
    case_habit = d["habits"][1]
    assert case_habit["never_heard"] == {"steps": ["risks"]}
    assert case_habit["wpm"] > 0 and "steps never heard: Risks and cadence" in case_habit["summary"]
    story_habit = d["habits"][0]
    # a story is judged by C.A.R.E.; the follow-up answer ("I personally decided…") gave the action
    assert story_habit["never_heard"] == {"care": ["escalation"]}
    assert "C.A.R.E. parts never heard: Escalation" in story_habit["summary"]
    assert story_habit["concerns"] == {"we_dominant": 1} and "'we' instead of 'I'" in story_habit["summary"]


def test_text_report(small_plan):
    run = run_session(small_plan)
    text = build_report(small_plan, run.answers, session_id=3).text()
    assert "session 3" in text
    assert "1:35 answering of 1:30" in text and "OVER by 0:05" in text
    assert "OVER by 0:10" in text  # the story phase
    assert "What did you personally decide, rather than the team?" in text
    assert "gap filled" in text and "not recorded" in text


def test_untimed_typed_answers_are_reported_as_untimed(bank):
    from interviewer_app.analysis.feedback.answer import typed_transcript

    plan = plan_for_format(BudgetBook.load().format("google"), bank.prompts, 2)
    run = MockInterview(plan)
    run.record(run.main_turn("story"), analyze(typed_transcript(WE_STORY), plan.budget("story")))
    d = build_report(plan, run.answers).to_dict()
    story = d["phases"][1]
    assert story["used_s"] is None and story["untimed_answers"] == 1 and story["over_budget"] is None
    assert d["phases"][2]["used_s"] == 0 and d["phases"][2]["note"] == "no answer recorded"
    assert d["totals"]["untimed_answers"] == 1
    assert "not measured" in build_report(plan, run.answers).text()


def test_stripe_asks_the_live_scenario_after_the_story_and_its_follow_ups(bank):
    plan = plan_for_format(BudgetBook.load().format("stripe"), bank.prompts, 3)
    run = MockInterview(plan)
    t = run.next_turn()
    assert t.question_key == "deep-dive" and not t.is_follow_up
    answer(run, t, WE_STORY, 30)
    follow_ups = []
    while (t := run.next_turn()).is_follow_up:
        follow_ups.append(t.follow_up.question)
        answer(run, t, FOLLOW_UP_ANSWER, 10)
    # the answer to the first follow-up gave the result ("61% to 68%"): that one is not asked
    assert len(follow_ups) == 2 and not any("result" in q.lower() for q in follow_ups)
    assert [why for _p, _f, why in run.not_asked] == ["an earlier follow-up answer already covered it"]
    assert t.question_key == "deep-dive-2" and t.prompt.category == "incident-response"
    report = build_report(plan, run.answers)
    d = report.to_dict()
    assert d["phases"][0]["used_s"] == 50 and d["phases"][0]["follow_up_answers"] == 2
    assert "not asked: an earlier follow-up answer already covered it" in report.text()


def test_follow_ups_out_of_order_and_named_questions(small_plan):
    run = MockInterview(small_plan)
    main = run.record(run.main_turn("story"), analyze(spoken(WE_STORY, 20), small_plan.budget("story"),
                                                      small_plan.question("story").prompt))
    second = run.follow_up_turn(main.position, main.follow_ups[1]["question"])
    assert second.follow_up.rule == "result"
    mine = run.follow_up_turn(main.position, "What would your manager say about it?")
    assert mine.follow_up.rule == "asked" and "not chosen by the rules" in mine.follow_up.reason
    run.record(mine, analyze(spoken(FOLLOW_UP_ANSWER, 8), mine.budget, mine.prompt))
    d = build_report(small_plan, run.answers).to_dict()
    assert any(f["rule"] == "asked" and f["answered"] for f in d["follow_ups"])
    with pytest.raises(UsageError, match="already answered"):
        run.record(run.main_turn("story"), analyze(spoken(WE_STORY, 20)))
    with pytest.raises(UsageError, match="itself a follow-up"):
        run.follow_up_turn(2)


def test_the_report_page_and_its_exports_say_it_in_titles_with_every_follow_up(small_plan, tmp_path):
    """The designed page (export/mock_report.py): the app shows it and exports it as HTML, PDF,
    Markdown and JSON; steps and parts by their titles, reasons without markup, no file names."""
    import json
    import subprocess

    from interviewer_app.export.mock_report import render_mock_report, to_html, to_markdown

    run = run_session(small_plan)
    report = build_report(small_plan, run.answers, status="finished", session_id=7,
                          self_score={"goal_clarity": 3}, notes="Slow start.")
    d = report.to_dict()
    page = to_html(d)
    assert "<h1>Custom mock · session 7 · report</h1>" in page and "Time by phase" in page
    assert "Story" in page and "1:10 of 1:00 · 0:10 over" in page  # 40 s + 30 s in a 60 s phase
    assert "time ran out 0:20 into answer 2" in page
    asked, skipped = [f for f in d["follow_ups"] if f["answered"]], [f for f in d["follow_ups"] if not f["answered"]]
    assert asked and skipped
    for f in d["follow_ups"]:
        assert f["question"].replace("'", "&#x27;") in page
    assert "Answered in answer 2 (0:30): the gap was filled" in page
    assert "Not asked: an earlier follow-up answer already covered it." in page
    assert "Goal clarity: 3/5" in page and "goal_clarity" not in page and "*" not in page
    assert "Escalation" in page and ".flac" not in page
    text = to_markdown(d)
    assert "## Time by phase" in text and "| Story | 1:00 | 1:10 | 0:10 over |" in text
    assert "Why asked:" in text and "*risks*" not in text
    assert json.loads(render_mock_report(d, "json"))["session_id"] == 7
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render_mock_report(d, "pdf"))
    said = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Time by phase" in said and "Answers and follow-ups" in said
    # the CLI's text report: titles and words, not keys
    plain = report.text()
    assert "Self-score: Goal clarity 3/5" in plain and "goal_clarity" not in plain
