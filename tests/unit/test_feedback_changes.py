"""When a full pass replaces a live answer's feedback, the user is told what the verdict now says
differently (issue 21: "what you see at Stop is what is stored, or the review says what changed").
Two transcripts of the same answer, as the live path and the full pass might write them."""

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.analysis.feedback.changes import what_changed
from interviewer_app.core.budgets import custom_budget
from interviewer_app.core.prompts import PromptBank
from interviewer_app.services.answer_session import refined_note, words_changed
from tests.unit.timed import timed_transcript

LIVE = [("The goal is more weekly active teams.", 0.5),
        ("We only have one quarter and two engineers, so the scope is the web app.", 0.5),
        ("I'd look at the funnel by platform to find where teams drop.", 0)]
# the full pass heard the second sentence differently: the constraints are gone from it
FULL = [("The goal is more weekly active teams.", 0.5),
        ("We own the half won corner into engineers so this cope is the web app.", 0.5),
        ("I'd look at the funnel by platform to find where teams drop.", 0)]


def _fb(parts, prompt=None, budget=None):
    return analyze(timed_transcript(parts), budget, prompt).to_dict()


def test_a_step_no_longer_heard_is_named_with_what_the_new_transcript_reads():
    live, full = _fb(LIVE), _fb(FULL)
    assert live["steps"]["scope"]["heard"] and not full["steps"]["scope"]["heard"]
    changes = what_changed(live, full)
    assert changes[0] == ("Scope and constraints: no longer heard — the new transcript reads “We own the half "
                          "won corner into engineers so this cope is the web …”")
    # the misheard words can earn another step by accident: that is said too ("own the": an owner)
    assert all(c.split(":")[0] in {"Scope and constraints", "Risks and cadence"} for c in changes)
    back = what_changed(full, live)
    assert back[0].startswith("Scope and constraints: now heard at 0:0")
    assert "“" in back[0]


def test_the_same_verdict_says_so():
    live = _fb(LIVE)
    assert what_changed(live, _fb(LIVE)) == []
    assert refined_note([]) == "Transcript refined with a full pass over the recording; the feedback is the same."
    assert refined_note(["Scope and constraints: now heard"]).endswith(": Scope and constraints: now heard.")
    assert refined_note([], 3) == ("Transcript refined with a full pass over the recording (3 words corrected); "
                                   "the feedback is the same.")


def test_words_changed_counts_what_a_second_transcript_reads_differently():
    assert words_changed("We would scope this to web.", "we would scope this to web") == 0  # case, punctuation
    assert words_changed("won corner into engineers", "one quarter and two engineers") == 4  # "into" -> "and two"
    assert words_changed("the drop is real", "the drop is really real") == 1  # a word added
    assert words_changed("", "") == 0


def test_a_story_is_compared_on_its_care_parts_and_time_on_its_budget():
    story = PromptBank.load().get("project-off-track-recovery")
    told = [("Last spring I led the billing migration with two engineers, due in March.", 0.5),
            ("I cut the export feature and moved one engineer to the data cleanup.", 0)]
    with_result = told + [("Invoice errors went from nine percent to two percent in a month.", 0)]
    before, after = _fb(told, story, custom_budget(12)), _fb(with_result, story, custom_budget(12))
    changes = what_changed(before, after)
    assert "Result: now heard" in " ".join(changes)
    assert not any(c.startswith(("Restate", "Scope", "Map")) for c in changes)  # a story is not coached on steps
    assert any(c.startswith("Time: over time by") for c in changes)  # the longer answer ran past 12 s


def test_words_changed_aligns_answers_that_repeat_themselves():
    """A spoken answer often says the same thing twice; difflib's longest-block matching paired a
    repeated passage with its later copy and counted 858 words changed of 596 (three-minute answer)."""
    para = ("first I would check the instrumentation and then segment the drop by platform and by "
            "country and then I would look at the funnel step by step ")
    live = para * 3 + "to close the guardrails are tickets and fraud"
    full = para + para.replace("segment", "segments") + para + "to close the guard rails are tickets and fraud"
    assert words_changed(live, full) == 3  # segment -> segments; guardrails -> guard rails (1 replaced + 1 added)
    assert words_changed(para * 3, para * 2) == len(para.split())  # a dropped repetition
