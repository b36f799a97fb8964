"""Correcting what Whisper misheard and scoring the answer again (issue 23): the corrected words
keep the recording's times, the prompt and budget are the answer's own, and what Whisper wrote is
kept beside the correction."""

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.core.budgets import BudgetBook
from interviewer_app.core.prompts import PromptBank
from interviewer_app.services.correction import corrected_analysis, retimed_transcript
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.storage.history import query
from tests.unit.timed import timed_transcript

PROMPT = PromptBank.load().get("onboarding-drop-after-redesign")
BUDGET = BudgetBook.load().format("sixty").budget(None)
# what tiny.en might write: "funnel" heard as "fun all", "risk" as "wrist"
HEARD = [("Let me map the fun all from sign up to first report.", 1.0),
         ("The biggest wrist is that invites annoy people.", 0.0)]
SAID = "Let me map the funnel from sign up to first report. The biggest risk is that invites annoy people."


def _heard_feedback() -> dict:
    return analyze(timed_transcript(HEARD, word_s=0.4), BUDGET, PROMPT).to_dict()


def test_the_corrected_words_keep_their_times_and_are_scored_again():
    before = _heard_feedback()
    assert not before["steps"]["map"]["heard"] and not before["steps"]["risks"]["heard"]
    feedback, extra = corrected_analysis(before, SAID, PromptBank.load(), BudgetBook.load())
    after = {**feedback.to_dict(), **extra}
    assert after["steps"]["map"]["heard"] and after["steps"]["map"]["first_s"] == before["segments"][0]["start"]
    assert after["steps"]["risks"]["heard"] and after["steps"]["risks"]["first_s"] == before["segments"][1]["start"]
    assert after["transcript"] == SAID and after["asr_transcript"] == before["transcript"]
    old_words = [w for s in before["segments"] for w in s["words"]]
    new_words = [w for s in after["segments"] for w in s["words"]]
    assert len(new_words) == len(old_words) - 1  # "fun all" became one word, over the time of both
    funnel = next(w for w in new_words if w["word"].strip() == "funnel")
    fun, all_ = (next(w for w in old_words if w["word"].strip() == t) for t in ("fun", "all"))
    assert (funnel["start"], funnel["end"]) == (fun["start"], all_["end"])
    risk, wrist = (next(w for w in ws if w["word"].strip() == t) for ws, t in ((new_words, "risk"), (old_words, "wrist")))
    assert (risk["start"], risk["end"]) == (wrist["start"], wrist["end"])
    assert after["budget_s"] == BUDGET.seconds and after["prompt"]["id"] == PROMPT.id
    assert after["duration_s"] == before["duration_s"]
    assert after["pacing"]["pauses"] == before["pacing"]["pauses"]  # only the words changed


def test_added_and_dropped_words_take_times_between_their_neighbours():
    before = _heard_feedback()
    t = retimed_transcript(before, "So let me map the whole funnel from sign up. The risk is that invites annoy people a lot.")
    words = t.words
    starts = [w.start for w in words]
    assert starts == sorted(starts) and words[0].start >= 0.0
    assert all(w.end >= w.start for w in words)
    assert words[-1].end <= before["segments"][-1]["end"]


def test_a_correction_is_stored_with_what_whisper_wrote_and_corrected_again_keeps_the_first(tmp_path):
    store = AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "recordings")
    attempt = store.save(analyze(timed_transcript(HEARD, word_s=0.4), BUDGET, PROMPT))
    assert "risks" in query(store)[0].missing_steps
    feedback, extra = corrected_analysis(store.feedback_json(attempt), SAID, PromptBank.load(), BudgetBook.load())
    store.replace_feedback(attempt, feedback, extra)
    stored = store.feedback_json(attempt)
    assert stored["corrected_by_user"] and "fun all" in stored["asr_transcript"]
    assert "risks" not in query(store)[0].missing_steps  # history counts the corrected answer
    again, extra = corrected_analysis(stored, SAID.replace("annoy", "really annoy"))
    assert "fun all" in extra["asr_transcript"]  # what Whisper wrote, not the first correction
    assert "really annoy" in again.transcript.text


def test_a_typed_answer_is_corrected_as_typed_text():
    from interviewer_app.analysis.feedback.answer import typed_transcript

    before = analyze(typed_transcript("Let me map the fun all from sign up to first report."), None, PROMPT).to_dict()
    feedback, extra = corrected_analysis(before, "Let me map the funnel from sign up to first report.")
    assert not feedback.transcript.timed and feedback.steps["map"].heard
    assert extra["asr_transcript"] == before["transcript"] and feedback.prompt.id == PROMPT.id
