"""Spoken transcripts are first-class input (issue 19): captions without punctuation are cut into
thoughts, fillers and restarts do not stop a cue from matching, talk addressed to the interviewer
is not evidence, and the evidence still quotes the words as said.

Every answer here is our own, written in the style real candidates speak (run-ons, "um", restarts,
lowercase captions); the real answers in ../shared/realanswers are only read by benchmarks."""

import json
from pathlib import Path

import pytest

from evaluation.harness import Counts
from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
from interviewer_app.analysis.structure.clauses import MIN_WORDS, cut_points
from interviewer_app.analysis.structure.sentences import split_sentences
from interviewer_app.analysis.structure.spoken import read
from interviewer_app.analysis.structure.steps import detect_steps, read_for_rules
from interviewer_app.core.models import Segment, Transcript, Word
from interviewer_app.core.steps import STEP_KEYS

DEV = Path(__file__).resolve().parents[1] / "data" / "structure" / "dev"

CAPTION = (
    "okay so um just to make sure i got it the number of saved playlists dropped by about eight "
    "percent last week right so first i'd want to know is this sudden or gradual and is it on ios "
    "android or both um and then i'd break the metric down into active users times saves per user "
    "so we can see which side moved does that make sense okay cool so if it's the saves per user "
    "side then i'd look at the new versus returning users and the app version")


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(typed_transcript(text))]


def test_captions_without_punctuation_are_cut_where_a_new_thought_starts():
    pieces = texts(CAPTION)
    assert len(pieces) >= 5
    assert all(len(p.split()) >= MIN_WORDS for p in pieces)
    assert " ".join(pieces) == CAPTION  # nothing lost or reordered
    starts = [p.split()[0] for p in pieces[1:]]
    assert set(starts) <= {"so", "okay", "um", "and", "if"}


def test_punctuated_text_and_short_runs_are_left_as_they_are():
    assert texts("We ship to ten percent first. Then we watch refunds so that nothing breaks.") == [
        "We ship to ten percent first.", "Then we watch refunds so that nothing breaks."]
    assert cut_points("so we start with the funnel and then we look at where it breaks".split()) == []


def test_timed_words_without_punctuation_are_cut_the_same_way():
    words = [Word(i * 0.3, i * 0.3 + 0.25, w) for i, w in enumerate(CAPTION.split())]
    timed = split_sentences(Transcript(segments=(Segment(0.0, words[-1].end, CAPTION, tuple(words)),)))
    assert [s.text for s in timed] == texts(CAPTION)
    assert timed[1].start == pytest.approx(words[len(timed[0].words)].start)


@pytest.mark.parametrize("text, pieces", [
    ("Option A vs. option B is the real choice. We pick A.", 2),
    ("It ranks No. 3 in the store. Then we ship.", 2),
    ("No. I think the drop is real.", 2),
    ("We watch the no. of sign-ups per day. Then the drop.", 2),
    ("Is there a deadline? The answer is no. So I'd scope it to web.", 3),
])
def test_abbreviations_do_not_end_a_sentence(text, pieces):
    assert len(texts(text)) == pieces


def test_fillers_restarts_and_asides_are_left_out_of_what_the_rules_read():
    reading = read("so um we we could uh maybe add a reminder you know does that make sense")
    assert reading.text == "so we could maybe add a reminder"
    start, end = reading.span(reading.text.index("we could"), reading.text.index("we could") + 8)
    assert "so um we we could uh maybe add a reminder"[start:end] == "we we could"


@pytest.mark.parametrize("said, read_as", [
    ("the the the the funnel", "the funnel"),
    ("we could we could add a reminder", "we could add a reminder"),
    ("ship it in 2 2 weeks", "ship it in 2 2 weeks"),  # a number said twice may be meant
    ("1 1 1 2", "1 1 1 2"),
])
def test_restarts_are_said_once(said, read_as):
    assert read(said).text == read_as


@pytest.mark.parametrize("sentence, step", [
    ("um what is the success metric here is it weekly active listeners", "restate"),
    ("so um we we could uh add a a reminder the day before the booking", "options"),
    ("i'd i'd probably um start with the geography cut and then the app version", "sequence"),
    ("and uh we're just talking about the android app right not the web", "scope"),
    ("um i'll assume we only mean uh paying customers here", "scope"),
    ("i won't go into pricing here", "scope"),
    ("constraints: none given so i'll assume mobile only", "scope"),
    ("visit -> sign up -> add to cart -> pay", "map"),
    ("effort: low. impact: high.", "prioritize"),
    ("the first thing i'd do is check if the logging changed and after that i'd look at the app version", "sequence"),
    ("and we'd watch the guard rail metrics like refunds and the novelty effect", "risks"),
    ("honestly i would not touch the pricing for now", "prioritize"),
    ("i think a better signal than clicks is whether they save the post because that means they liked it",
     "prioritize"),
    ("um so my initial hunch is the new android build", "bottleneck"),
    ("and my first guess would be the checkout page itself", "bottleneck"),
])
def test_steps_said_the_way_people_talk_are_heard(sentence, step):
    steps, _ = detect_steps(split_sentences(typed_transcript(sentence)))
    assert steps[step].heard, sentence


@pytest.mark.parametrize("sentence", [
    "does that make sense",
    "is that okay with you",
    "let me take a second to gather my thoughts",
    "let me walk you through my approach",
    "should i keep going or do you want me to go deeper",
    "do you want me to split this up further or go to solutions",
    "does that make sense so far or should i go deeper on the risks",
    "should i talk about the risks now or move on",
    "so should i go into the options",
])
def test_talk_addressed_to_the_interviewer_is_not_evidence(sentence):
    steps, _ = detect_steps(split_sentences(typed_transcript(sentence)))
    assert not [k for k, r in steps.items() if r.heard], sentence


@pytest.mark.parametrize("sentence, step", [
    ("so is this on ios or android or is it everywhere", "options"),
    ("the other possibilities are a new competitor or a holiday", "options"),
    ("i'd look at impact and effort", "prioritize"),
    ("i like to start with the mission of the company", "sequence"),
    ("you might send them a message from the profile page", "options"),
    ("the seller is the owner of the apartment and she lists it", "risks"),
    ("novelty like is this something people have not seen", "risks"),
    ("so let me take maybe a minute to write the goals down", "options"),
    ("honestly i can't really bucket these into groups", "map"),
    ("so what kind of a store is this is it groceries or is it electronics", "restate"),
    ("so what's the size of the market we would go after", "restate"),
    # words that name a step in another sense (session 14)
    ("say we were to grow retention for new hosts", "restate"),
    ("so is it up to me to decide whether the feature sits in the main app", "sequence"),
    ("maybe a feedback loop in the pricing model would catch it", "risks"),
    ("and the call button would sit right on the monitor", "risks"),
    ("the group classes give people a sense of accountability", "risks"),
    ("the top of our funnel, people opening the app, looks fine", "map"),
    ("and then we compare the average between two groups", "map"),
    ("we cannot say it's the search that got worse", "bottleneck"),
    ("if the numbers are tiny we won't get into the scooter business at all", "scope"),
    # kinds of sentence the learned model misread on real answers (session 14): an agenda, a
    # question about where the problem sits or what else moved, a guardrail, a story of one's own
    ("so first i want to discuss the company's purpose and then who uses it", "restate"),
    ("so first i want to discuss the company's purpose and then who uses it", "sequence"),
    ("and after that we can come up with the target", "restate"),
    ("so is the problem more on the sending side or on the accepting side", "restate"),
    ("was it a sudden drop on one day or more of a gradual thing", "restate"),
    ("did any other metric move that week", "restate"),
    ("i'd keep the refund rate as the guardrail", "restate"),
    ("i had one time where i was in lisbon and the host never showed up", "restate"),
    ("i had one time where i was in lisbon and the host never showed up", "options"),
    ("i would probably start with country or device", "options"),
    ("i would probably start with country or device", "scope"),
    ("so my first step is to define the success metric", "sequence"),
    ("we might look at it then, i'm assuming um like yeah", "scope"),
    ("so is that up to me to decide, the main app or its own app", "restate"),
    # "or" between two facts of a complaint, nothing proposed (session 15): the learned model's
    # heaviest options word read 0.85-0.89 here
    ("If you want to move your trip, the app doesn't let you pick a new date or you have to pay a big fee.",
     "options"),
    ("when you try to change your booking they make you call support or you have to cancel and pay a fee",
     "options"),
    ("if your card fails the page just spins or it kicks you back to the cart to start over", "options"),
])
def test_surface_words_without_the_step_do_not_count(sentence, step):
    steps, _ = detect_steps(split_sentences(typed_transcript(sentence)))
    assert not steps[step].heard, sentence


@pytest.mark.parametrize("sentence", [
    "so we either pull the release or patch the one screen",
    "or maybe the host gets a reminder the night before",
    "a one-day pass, a cheaper monthly plan, or a free week for friends",
    "and if it's the payment step then we show the total up front or we cut the fee",
    "A small deposit for new guests, or a call from the host the day before.",
])
def test_an_or_between_alternatives_still_lets_the_model_judge(sentence):
    """The 'or between facts' veto leaves alone what is shaped like a choice: 'either', a list,
    a sentence that starts with 'or', the tail of a list cut off by the recogniser (", or"), a
    fix for one cause, a proposal word."""
    assert "options" not in read_for_rules(sentence).vetoed, sentence


def test_evidence_quotes_the_words_as_said_with_their_times():
    said = "so um we we could uh add a reminder the day before"
    words = [Word(i * 0.4, i * 0.4 + 0.3, w) for i, w in enumerate(said.split())]
    fb = analyze(Transcript(segments=(Segment(0.0, words[-1].end, said, tuple(words)),)))
    ev = fb.steps["options"].evidence[0]
    assert ev.cue in said and "we could" in ev.cue.replace("we we", "we")
    assert ev.cue_start == pytest.approx(words[2].start) and ev.cue_end <= words[-1].end


def _own_spoken_answers() -> list[dict]:
    answers = [json.loads(p.read_text()) for p in sorted(DEV.glob("rs-*.json"))]
    assert len(answers) >= 20, "the team's real-style answers (tests/data/structure/dev/rs-*) are missing"
    return answers


def test_our_own_real_style_answers_read_as_one_pasted_transcript():
    """The rs-* answers joined into one text, as a user pastes a caption transcript, cut by the
    app itself: the checklist agrees with the labels at least at the real-answer target of issue 19
    (0.80), captions and punctuated alike: a floor that catches a regression in the spoken path."""
    for style in ("captions", "punctuated"):
        counts = {k: Counts() for k in STEP_KEYS}
        answers = [a for a in _own_spoken_answers() if a.get("style") == style]
        assert answers
        for a in answers:
            fb = analyze(typed_transcript(" ".join(s["text"] for s in a["sentences"])))
            truth = {k for s in a["sentences"] for k in s["steps"]}
            for k in STEP_KEYS:
                counts[k].add(fb.steps[k].heard, k in truth)
        macro = sum(c.f1 for c in counts.values()) / len(counts)
        assert macro >= 0.80, (style, {k: round(c.f1, 2) for k, c in counts.items()})


# -- how the bundled recogniser writes the steps down (issue 19, session 14): classes seen in the
# dev answers' transcripts (tests/data/structure/dev-asr); every sentence here is our own.

def test_a_recognised_sentence_with_commas_is_not_cut_before_its_full_stop():
    said = ("If the import is the problem, we could retry failed rows overnight, show which rows "
            "failed and why, and then let people fix them in place, or just drop the size limit.")
    assert texts(said) == [said]  # 30 words, punctuated by the recogniser: one sentence
    caption = said.replace(",", "").replace(".", "")
    assert len(texts(caption)) > 1  # the same words as an unpunctuated caption are still cut


@pytest.mark.parametrize("said, read_as", [
    ("so i de -do the cheap fix first", "so id do the cheap fix first"),
    ("honestly i de -rank them by revenue", "honestly id rank them by revenue"),
    ("i decided to wait", "i decided to wait"),
    ("i de-risk it", "i de-risk it"),
])
def test_an_id_written_as_i_de_is_read_as_id(said, read_as):
    assert read(said).text == read_as


@pytest.mark.parametrize("sentence, step", [
    # a colon written as a comma or a full stop
    ("The signup path goes, download the app, enter a phone number, pick a plan, and pay.", "map"),
    ("The steps are, open the cart, add a coupon, choose delivery, and confirm.", "map"),
    ("Ideas, a reminder the night before, a one-tap reschedule, and a small deposit.", "options"),
    # "we could" heard as "we can", "by" as "my", "three" as "free"
    ("If it's the reminder timing, we can move it earlier, add a second one, or let people pick the hour.",
     "options"),
    ("I'd split my region, device type, and account age, and see where the drop sits.", "bottleneck"),
    ("I see free paths here, a discount, a longer trial, or a guided setup.", "options"),
    # "aim" heard as "name", "is" as "in", a lost "what"
    ("So my name is to get repeat orders back to where they were before the change.", "restate"),
    ("I name for fewer refunds per thousand orders.", "restate"),
    ("The goal in every new shop taking a first order inside a week.", "restate"),
    ("Well, I really care about is people coming back the next week.", "restate"),
    ("I de -do the cheap reminder first, because it ships this week and costs almost nothing.", "prioritize"),
    ("Retention and refunds become guard railed for the next version.", "risks"),
])
def test_steps_as_the_recogniser_writes_them_are_heard(sentence, step):
    steps, _ = detect_steps(split_sentences(typed_transcript(sentence)))
    assert steps[step].heard, sentence


@pytest.mark.parametrize("sentence, step", [
    ("Hi, my name is Dana and I run the payments team.", "restate"),
    ("I'd split my time between the two teams, the web app, and support.", "bottleneck"),
    ("We can see the drop in Brazil, Mexico, or Chile.", "options"),
    ("We have a free plan, a team plan, and an enterprise plan.", "options"),
    ("It works, but it's slow, and people complain, a lot.", "map"),
])
def test_recogniser_style_cues_need_their_context(sentence, step):
    assert step not in read_for_rules(sentence).earned, sentence
