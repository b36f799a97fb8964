"""Pacing from word times and voice activity: pauses, think time, words per minute, fillers, budget."""

import pytest

from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
from interviewer_app.analysis.pacing.fillers import find_fillers
from interviewer_app.core.models import Budget, Word
from tests.unit.timed import timed_transcript


def test_think_time_pauses_and_wpm():
    t = timed_transcript([("The goal is to grow retention for new teams.", 1.5),  # 9 words
                          ("We could add templates.", 5.0),                        # 4 words
                          ("I'd pick templates because they are cheap to reverse.", 0)],  # 9 words
                         start=3.0, word_s=0.3)
    p = analyze(t).pacing
    assert p.think_time_s == 3.0
    assert [(round(x.start, 2), round(x.duration, 2)) for x in p.pauses] == [(5.7, 1.5), (8.4, 5.0)]
    assert p.longest_pause_s == 5.0
    d = p.to_dict()
    assert d["long_pauses"] == 1 and d["pauses"][1]["long"] is True
    span = 22 * 0.3 + 6.5
    assert p.wpm == pytest.approx(22 / (span / 60))
    assert p.speaking_s == pytest.approx(22 * 0.3)


def test_voice_activity_overrides_stretched_word_times():
    # Whisper stretched the word before the pause; the audio says speech stopped at 2.0 s.
    t = timed_transcript([("one two three four five", 0.2), ("six seven", 0)], word_s=0.8,
                         speech=((0.3, 2.0), (4.4, 5.5)))
    p = analyze(t).pacing
    assert p.think_time_s == 0.3
    assert [(x.start, x.end) for x in p.pauses] == [(2.0, 4.4)]
    assert p.answer_end_s == 5.5


def test_over_budget_reports_the_moment_and_the_step_being_spoken():
    t = timed_transcript([("The goal is to lift activation for new teams this quarter.", 0.5),
                          ("We could add templates or an onboarding checklist for admins.", 0.5),
                          ("Guardrails are support tickets and opt outs.", 0)], word_s=0.5)
    budget = Budget(seconds=8.0)
    d = analyze(t, budget).to_dict()["pacing"]
    assert d["over_budget"] is True
    assert d["over_at_s"] == 8.0 and d["over_at_step"] == "options"
    assert d["overtime_s"] == pytest.approx(t.segments[-1].end - 8.0, abs=0.01)
    within = analyze(t, Budget(seconds=60)).to_dict()["pacing"]
    assert within["over_budget"] is False and within["overtime_s"] == 0
    assert analyze(t).to_dict()["pacing"]["over_budget"] is None


def test_typed_transcript_has_no_times_and_says_so():
    fb = analyze(typed_transcript("The goal is retention. Um, we could add emails."), Budget(seconds=60))
    d = fb.to_dict()
    assert d["pacing"]["wpm"] is None and d["pacing"]["overtime_s"] is None
    assert d["pacing"]["fillers"]["count"] == 1
    assert any("typed transcript" in w for w in d["warnings"])


def _words(text):
    return [Word(i * 0.5, i * 0.5 + 0.4, " " + tok) for i, tok in enumerate(text.split())]


@pytest.mark.parametrize("text, expected", [
    ("Um, so the goal is, uh, retention.", ["um", "uh"]),
    ("It was, like, a big drop, you know, for new users.", ["like", "you know"]),
    ("I would like to look at what users like. Do you know the numbers?", []),
    ("It looks like a logging bug. You know what I mean? I feel like we should test.", []),
    ("I mean, the retention is what matters.", ["i mean"]),
])
def test_fillers_are_found_without_catching_like_as_a_verb(text, expected):
    assert [f.text for f in find_fillers(_words(text))] == expected


def test_per_minute_rate_and_filler_times():
    t = timed_transcript([("um the goal is uh retention", 0)], word_s=1.0)
    p = analyze(t).to_dict()["pacing"]
    assert [(f["word"], f["start"]) for f in p["fillers"]["items"]] == [("um", 0.0), ("uh", 4.0)]
    assert p["fillers"]["per_min"] == pytest.approx(2 / (6 / 60))
    assert p["wpm_by_minute"][0]["words"] == 6


@pytest.mark.parametrize("text, expected", [
    ("we we should look at retention", ["we"]),
    ("the first step, the first step is to size it", ["the first step"]),
    ("we um we could ship it", ["we"]),  # a filler between the copies does not hide the restart
    ("I'd I'd start with the funnel and and the drop", ["i'd", "and"]),
    ("we need 2 two-week tests, maybe 2 2", []),  # a repeated number may be meant
    ("that is, that is what the data says", ["that is"]),
    ("the plan is clear and the plan works", []),  # said again later, not straight away
])
def test_restarts_are_words_said_again_straight_away(text, expected):
    from interviewer_app.analysis.pacing.restarts import find_restarts

    assert [r.text for r in find_restarts(_words(text))] == expected


def test_restarts_are_counted_apart_from_fillers_with_their_times():
    t = timed_transcript([("so we we um should size the the market", 0)], word_s=1.0)
    p = analyze(t).to_dict()["pacing"]
    assert p["restarts"]["count"] == 2 and p["fillers"]["count"] == 1
    assert [(r["words"], r["start"], r["end"]) for r in p["restarts"]["items"]] == [("we", 2.0, 3.0), ("the", 7.0, 8.0)]
    typed = analyze(typed_transcript("We we should size it.")).to_dict()["pacing"]
    assert typed["restarts"] == {"count": 1, "items": [{"words": "we", "start": None, "end": None}]}


def test_the_review_lines_name_each_restart_and_older_answers_have_none():
    from interviewer_app.analysis.feedback.view import feedback_view

    d = analyze(timed_transcript([("so we we should size the market", 0)], word_s=1.0)).to_dict()
    lines = feedback_view(d).pacing.lines
    assert 'restarts (words said twice in a row): 1: "we" 0:02' in lines
    del d["pacing"]["restarts"]  # stored before restarts were counted
    assert not any(line.startswith("restarts") for line in feedback_view(d).pacing.lines)


def test_a_burst_of_fillers_says_what_set_it_off():
    """Bursts (3 or more fillers within 30 s) and their triggers, in an answer of our own: a
    nervous opening, a figure being recalled, and a stray filler that makes no burst."""
    t = timed_transcript([
        ("um so uh the goal here is um to grow weekly bookings", 2.0),       # 0-11 s: opening burst
        ("we know the funnel loses people at payment", 8.0),                  # 11-19 s
        ("last quarter it was um about uh twenty uh percent of carts", 10.0),  # 27-38 s: a number
        ("so we should uh test saved cards first", 0.0),                      # one filler: no burst
    ], word_s=1.0)
    d = analyze(t).to_dict()
    clusters = d["pacing"]["fillers"]["clusters"]
    assert [(c["count"], c["triggers"][0]) for c in clusters] == [(3, "opening"), (4, "number")]
    opening, number = clusters
    assert opening["start"] == 0.0 and opening["evidence"].startswith("um so uh")
    assert "twenty" in number["evidence"] and number["said"].startswith("while giving a number")
    from interviewer_app.analysis.feedback.view import feedback_view

    lines = feedback_view(d).pacing.lines
    assert any(line.startswith("filler burst: 3 fillers at 0:00") and "first 20 seconds" in line for line in lines)


def test_a_burst_as_a_new_step_begins_names_the_step():
    t = timed_transcript([
        ("The goal is to raise weekly active hosts, measured by hosts with a booking.", 30.0),
        ("Um, so, uh, one option is, um, to send reminders, and another option is a pricing tool.", 0.0),
    ], word_s=0.5)
    clusters = analyze(t).to_dict()["pacing"]["fillers"]["clusters"]
    assert len(clusters) == 1 and "new_step" in clusters[0]["triggers"]
    assert "options first heard at 0:37" in clusters[0]["evidence"].lower()


def test_fillers_spread_out_make_no_burst():
    t = timed_transcript([("um the goal is retention", 20.0), ("uh we should map the funnel", 20.0),
                          ("um then pick one option", 0.0)], word_s=1.0)
    assert analyze(t).to_dict()["pacing"]["fillers"]["clusters"] == []


def test_a_burst_that_opens_a_follow_up_answer_is_put_down_to_the_question():
    """In a mock, a burst at the start of the answer to a follow-up is 'right after a follow-up
    question', with the question and the first words as evidence; the same words answering a main
    question are a nervous opening."""
    from interviewer_app.core.models import Prompt
    from interviewer_app.mock.follow_ups import FollowUp, follow_up_prompt

    main = Prompt(id="p1", text="How would you grow weekly bookings?", category="growth", framework="",
                  hint="", source="")
    asked = FollowUp(question="Who pushed back on that, and when did you escalate?", rule="escalation",
                     because="no escalation was heard", guide="002", where="C.A.R.E.")
    t = timed_transcript([("um well uh I guess um the first pushback came from legal", 0.0)], word_s=1.0)
    [burst] = analyze(t, prompt=follow_up_prompt(main, asked)).to_dict()["pacing"]["fillers"]["clusters"]
    assert burst["triggers"] == ["follow_up"] and burst["said"] == "right after a follow-up question"
    assert burst["evidence"].startswith('asked "Who pushed back on that') and "um well uh" in burst["evidence"]
    [plain] = analyze(t, prompt=main).to_dict()["pacing"]["fillers"]["clusters"]
    assert plain["triggers"] == ["opening"]


@pytest.mark.parametrize("wpm, band, says", [
    (185.0, "fast", "185 words/min — fast: listeners follow 120–160 most comfortably"),
    (164.0, "a little fast", "164 words/min — a little fast: listeners follow 120–160"),
    (160.0, "comfortable", "160 words/min — a comfortable pace"),
    (120.0, "comfortable", "120 words/min — a comfortable pace"),
    (95.0, "slow", "95 words/min — slow: 120–160 is easier to follow"),
])
def test_pace_is_said_in_plain_words_against_the_range_listeners_follow(wpm, band, says):
    from interviewer_app.analysis.pacing.pace_words import pace_band, pace_words

    assert pace_band(wpm) == band and pace_words(wpm).startswith(says)
    assert pace_band(None) is None and pace_words(None) == ""


def test_the_review_lines_give_the_pace_in_plain_words():
    from interviewer_app.analysis.feedback.view import feedback_view

    fast = timed_transcript([("so the goal is to grow weekly bookings and we should look at the funnel first "
                              "then size each drop and pick the biggest one to fix", 0.0)], word_s=0.25)
    d = analyze(fast).to_dict()
    lines = feedback_view(d).pacing.lines
    pace = next(line for line in lines if line.startswith("pace: "))
    assert d["pacing"]["wpm"] > 180 and pace.startswith(f"pace: {d['pacing']['wpm']:.0f} words/min — fast:")
