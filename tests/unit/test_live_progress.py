"""The live view's step checklist: the same as analysing the transcript so far, while a growing
transcript costs only its new sentences."""

from unittest import mock

from interviewer_app.analysis.feedback.live_progress import LiveProgress
from interviewer_app.analysis.structure import steps as structure
from interviewer_app.analysis.structure.sentences import split_sentences
from interviewer_app.analysis.structure.steps import detect_steps
from interviewer_app.core.models import Segment, Word
from interviewer_app.transcribe.live import LiveSnapshot

SENTENCES = ["The goal is more teams finishing onboarding in their first week.",
             "We have one quarter and two engineers.",
             "The journey is sign up, invite teammates, connect a tool and send a first report.",
             "The biggest risk is that the new invite email annoys people, so I would watch unsubscribes."]


def _segment(text: str, start: float) -> Segment:
    words, t = [], start
    for token in text.split():
        words.append(Word(t, t + 0.3, " " + token))
        t += 0.35
    return Segment(words[0].start, words[-1].end, text, tuple(words))


def _snapshot(version: int, final: int, provisional: int) -> LiveSnapshot:
    segs = [_segment(text, 5.0 * i) for i, text in enumerate(SENTENCES[:final + provisional])]
    return LiveSnapshot(version=version, final=tuple(segs[:final]), provisional=tuple(segs[final:]),
                        received_s=5.0 * len(segs), committed_s=5.0 * final,
                        last_speech_end_s=segs[-1].end, live=True, notice=None)


def test_each_update_labels_only_new_sentences_and_matches_a_full_analysis():
    progress = LiveProgress()
    real = structure.label_sentence
    with mock.patch.object(structure, "label_sentence", side_effect=real) as spy:
        progress.update(_snapshot(1, 2, 1))
        assert spy.call_count == 3
        view = progress.update(_snapshot(2, 3, 1))
        assert spy.call_count == 4  # only the fourth sentence was new
    full_steps, _labels = detect_steps(split_sentences(_snapshot(2, 3, 1).transcript()))
    assert {k: r.heard for k, r in view.steps.items()} == {k: r.heard for k, r in full_steps.items()}
    assert view.steps["risks"].heard and view.steps["map"].heard
    assert view.first_shown_s["risks"] == 20.0 and view.first_shown_s["restate"] == 15.0


def test_the_live_view_counts_fillers_as_they_are_heard():
    segs = [_segment("Um, so the goal is, uh, more teams finishing onboarding.", 0.0),
            _segment("I would, um, look at the invite step first.", 5.0)]
    progress = LiveProgress()
    first = LiveSnapshot(version=1, final=(segs[0],), provisional=(), received_s=5.0, committed_s=5.0,
                         last_speech_end_s=segs[0].end, live=True, notice=None)
    assert progress.update(first).fillers == 2
    both = LiveSnapshot(version=2, final=(segs[0],), provisional=(segs[1],), received_s=10.0, committed_s=5.0,
                        last_speech_end_s=segs[1].end, live=True, notice=None)
    assert progress.update(both).fillers == 3


STORY = ["Last spring our iOS team slipped two weeks on the payments update, with three squads on it.",
         "I mapped the dependency and moved two engineers onto the payments work.",
         "When it slipped again I escalated to the engineering managers and our director.",
         "We shipped behind a feature flag, only three days late, and checkout errors fell from 4% to 1%."]


def test_a_story_prompt_is_tracked_live_on_its_care_parts_as_the_review_judges_them():
    from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
    from interviewer_app.core.prompts import PromptBank

    prompt = PromptBank.load().get("handle-blocked-dependency")  # C.A.R.E., not in "behavioral"
    segs = [_segment(text, 6.0 * i) for i, text in enumerate(STORY)]
    progress = LiveProgress(prompt)
    for n in range(1, len(segs) + 1):
        snap = LiveSnapshot(version=n, final=tuple(segs[:n]), provisional=(), received_s=6.0 * n,
                            committed_s=6.0 * n, last_speech_end_s=segs[n - 1].end, live=True, notice=None)
        view = progress.update(snap)
        review = analyze(typed_transcript(" ".join(STORY[:n])), prompt=prompt).to_dict()["framework"]
        assert view.story_parts == {p["key"]: p["heard"] for p in review["parts"]}
    assert list(view.story_parts) == ["context", "action", "result", "escalation"] and all(view.story_parts.values())
    assert LiveProgress().update(snap).story_parts is None  # no prompt: a plan, the 8 steps


def test_a_plan_is_told_at_its_halfway_mark_until_its_call_is_heard():
    """Answer first, live: with a 30 s budget the call is due from 15 s; once "I'd recommend…" is
    said the live view keeps when (from the words' own times)."""
    from interviewer_app.core.prompts import PromptBank

    plan_prompt = PromptBank.load().get("onboarding-drop-after-redesign")
    call = "So I'd recommend we ship the shorter invite email first."
    segs = [_segment(SENTENCES[0], 0.0), _segment(SENTENCES[1], 5.0), _segment(SENTENCES[2], 10.0),
            _segment(SENTENCES[3], 15.0), _segment(call, 20.0)]

    def snap(n: int, received: float) -> LiveSnapshot:
        return LiveSnapshot(version=n, final=tuple(segs[:n]), provisional=(), received_s=received,
                            committed_s=received, last_speech_end_s=segs[n - 1].end, live=True, notice=None)

    progress = LiveProgress(plan_prompt, 30.0)
    assert not progress.update(snap(2, 10.0)).call_due  # before the halfway mark
    view = progress.update(snap(4, 19.0))
    assert view.call_due and view.call_at_s is None
    view = progress.update(snap(5, 24.0))
    assert not view.call_due and view.call_at_s == 20.0
    # no budget, or a story prompt: never nudged
    assert not LiveProgress(plan_prompt).update(snap(4, 19.0)).call_due
    story = PromptBank.load().get("launch-delayed-what-did-you-do")
    assert not LiveProgress(story, 30.0).update(snap(4, 19.0)).call_due
