"""Mock interview plans: every company format of budgets.toml (guide 002), custom phases, seeds."""

import pytest

from interviewer_app.core.budgets import BudgetBook
from interviewer_app.core.errors import DataFileError, UsageError
from interviewer_app.core.prompts import PromptBank
from interviewer_app.mock.plan import MockPlan, parse_phase_spec, plan_custom, plan_for_format, prompt_pool


@pytest.fixture(scope="module")
def book():
    return BudgetBook.load()


@pytest.fixture(scope="module")
def bank():
    return PromptBank.load()


def plan(book, bank, company, seed=1, **kw):
    return plan_for_format(book.format(company), bank.prompts, seed, **kw)


def layout(p):
    return [(ph.key, ph.seconds, ph.asks, [q.asks for q in ph.questions]) for ph in p.phases]


def test_amazon_is_setup_deep_dive_and_qa_with_one_story(book, bank):
    p = plan(book, bank, "amazon")
    assert layout(p) == [("setup", 300, ("intro",), []), ("deep-dive", 1800, ("story",), ["story"]),
                         ("qa", 600, ("questions",), [])]
    assert (p.total_s, p.answer_s) == (2700, 1800)  # 45 minutes in all, 30 of them answering
    assert p.phase("deep-dive").max_follow_ups == 2  # "1-2 LP-aligned follow-ups"
    assert not p.phase("qa").takes_answer and "not recorded" in p.phase("qa").note
    assert p.phase("deep-dive").questions[0].prompt.framework == "care"
    assert "Ownership" in p.focus


def test_google_is_intro_story_and_scenario(book, bank):
    p = plan(book, bank, "google")
    assert layout(p) == [("intro", 600, ("intro",), []), ("story", 1500, ("story",), ["story"]),
                         ("scenario", 600, ("scenario",), ["scenario"])]
    assert (p.total_s, p.answer_s) == (2700, 2100)
    story, scenario = p.questions
    assert story.prompt.framework == "care"
    assert scenario.prompt.framework != "care" and scenario.prompt.category != "behavioral"
    assert [ph.max_follow_ups for ph in p.answer_phases] == [3, 3]


def test_meta_is_two_different_twenty_minute_stories(book, bank):
    for seed in range(20):
        p = plan(book, bank, "meta", seed)
        assert layout(p) == [("story-1", 1200, ("story",), ["story"]), ("story-2", 1200, ("story",), ["story"])]
        first, second = p.questions
        assert first.prompt.id != second.prompt.id
        assert {first.prompt.framework, second.prompt.framework} == {"care"}
    assert p.total_s == p.answer_s == 2400


def test_stripe_is_one_hour_deep_dive_with_a_live_scenario(book, bank):
    p = plan(book, bank, "stripe")
    assert layout(p) == [("deep-dive", 3600, ("story", "live-scenario"), ["story", "live-scenario"])]
    story, live = p.questions
    assert (story.key, live.key) == ("deep-dive", "deep-dive-2")
    assert live.prompt.category == "incident-response"  # e.g. an outage three days before launch
    assert p.phase_of("deep-dive-2").key == "deep-dive"
    assert p.budget("deep-dive").seconds == 3600  # both questions share the phase's hour


def test_every_company_in_budgets_toml_makes_a_plan_with_its_budgets(book, bank):
    companies = [f for f in book.formats if f.kind == "company"]
    assert {f.key for f in companies} == {"amazon", "google", "meta", "stripe"}
    for fmt in companies:
        p = plan_for_format(fmt, bank.prompts, 5)
        assert [ph.seconds for ph in p.phases] == [ph.seconds for ph in fmt.phases]
        assert p.total_s == sum(ph.seconds for ph in fmt.phases)
        assert p.answer_phases, fmt.key
        b = p.budget(p.answer_phases[0].key)
        assert (b.format_key, b.phase_key, b.source) == (fmt.key, p.answer_phases[0].key, fmt.source)


def test_the_same_seed_gives_the_same_questions_and_seeds_differ(book, bank):
    ids = lambda p: [q.prompt.id for q in p.questions]  # noqa: E731
    assert ids(plan(book, bank, "google", 42)) == ids(plan(book, bank, "google", 42))
    assert len({tuple(ids(plan(book, bank, "google", s))) for s in range(12)}) > 3
    p = plan_for_format(book.format("google"), bank.prompts, None)
    assert p.seed > 0 and ids(plan(book, bank, "google", p.seed)) == ids(p)  # a drawn seed repeats


def test_a_pinned_prompt_is_used_and_not_drawn_again(book, bank):
    pinned = bank.get("project-off-track-recovery")
    for seed in range(15):
        p = plan(book, bank, "meta", seed, chosen={"story-1": pinned})
        assert p.question("story-1").prompt == pinned
        assert p.question("story-2").prompt.id != pinned.id
    with pytest.raises(UsageError, match="no question 'lunch'"):
        plan(book, bank, "meta", chosen={"lunch": pinned})


def test_drills_are_not_interviews(book, bank):
    for drill in ("practice", "sixty", "mock"):
        with pytest.raises(UsageError, match="is a drill, not an interview format"):
            plan(book, bank, drill)


def test_custom_phases(bank):
    p = plan_custom([("Warm-up", 120, "intro"), ("Story", 900, "story"),
                     ("Case", 600, ("scenario", "live-scenario")), ("Your questions", 300, "questions")],
                    bank.prompts, seed=3)
    assert p.format_key == "custom-mock"
    assert layout(p) == [("warm-up", 120, ("intro",), []), ("story", 900, ("story",), ["story"]),
                         ("case", 600, ("scenario", "live-scenario"), ["scenario", "live-scenario"]),
                         ("your-questions", 300, ("questions",), [])]
    assert (p.total_s, p.answer_s) == (1920, 1500)
    assert len({q.prompt.id for q in p.questions}) == 3


@pytest.mark.parametrize("phases, words", [
    ([], "at least one phase"),
    ([("Story", 600, "story"), ("story", 300, "scenario")], "two phases are called"),
    ([("Story", 0, "story")], "between 1 and"),
    ([("Story", 600, "lunch")], "asks must be one of .*got 'lunch'"),
    ([("Hello", 600, "intro")], "no phase that takes an answer"),
])
def test_bad_custom_phases_say_what_is_wrong(bank, phases, words):
    with pytest.raises(UsageError, match=words):
        plan_custom(phases, bank.prompts, 1)


def test_phase_spec_from_the_command_line():
    assert parse_phase_spec("Deep dive:60:story+live-scenario") == ("Deep dive", 3600, ("story", "live-scenario"))
    assert parse_phase_spec("Story:2.5:story") == ("Story", 150, ("story",))
    for bad in ("Story:20", "Story:twenty:story", ":20:story"):
        with pytest.raises(UsageError, match="--phase"):
            parse_phase_spec(bad)


def test_a_bank_too_small_for_the_plan_says_so(bank):
    stories = prompt_pool(bank.prompts, "story")
    phases = [(f"Story {i}", 600, "story") for i in range(len(stories) + 1)]
    with pytest.raises(UsageError, match="no story prompt left"):
        plan_custom(phases, bank.prompts, 1)


def test_plan_round_trips_through_its_dict(book, bank):
    p = plan(book, bank, "stripe", 9)
    assert MockPlan.from_dict(p.to_dict()) == p


def test_user_company_format_without_asks_is_inferred_and_bad_asks_named(tmp_path, bank):
    user = tmp_path / "budgets.toml"
    user.write_text('[[format]]\nkey = "acme"\nname = "Acme"\nkind = "company"\nphases = [\n'
                    '  { key = "intro", name = "Intro", seconds = 300 },\n'
                    '  { key = "deep-dive", name = "Deep dive", seconds = 1200 },\n'
                    '  { key = "case-scenario", name = "Case", seconds = 600 },\n'
                    '  { key = "questions", name = "Your questions", seconds = 300 },\n]\n')
    p = plan_for_format(BudgetBook.load(user).format("acme"), bank.prompts, 1)
    assert [ph.asks for ph in p.phases] == [("intro",), ("story",), ("scenario",), ("questions",)]
    user.write_text('[[format]]\nkey = "acme"\nname = "Acme"\nkind = "company"\n'
                    'phases = [ { key = "a", name = "A", seconds = 60, asks = "lunch" } ]\n')
    with pytest.raises(DataFileError, match=r":5: .*asks must be one or a list of"):
        BudgetBook.load(user)
    user.write_text('[[format]]\nkey = "acme"\nname = "Acme"\nkind = "company"\n'
                    'phases = [ { key = "a", name = "A", seconds = 60, asks = "story", follow_ups = 9 } ]\n')
    with pytest.raises(DataFileError, match="follow_ups must be a whole number from 0 to 3"):
        BudgetBook.load(user)
