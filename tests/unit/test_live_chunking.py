"""The pure parts of live transcription: where pending audio is cut, how decoded words are split
at a cut, how voice activity from chunks is merged, and how live lag is measured."""

from dataclasses import replace

import pytest

from interviewer_app.core.models import Segment, Word
from interviewer_app.transcribe.live_cuts import latest_gap, merge_regions, split_at, word_cut
from interviewer_app.transcribe.live_lag import lag_summary, word_lags


def seg(*words):
    ws = tuple(Word(s, e, f" {t}") for t, s, e in words)
    return Segment(ws[0].start, ws[-1].end, "".join(w.word for w in ws).strip(), ws)


def test_latest_gap_is_the_middle_of_the_last_silence_that_leaves_audio_pending():
    regions = [(0.5, 3.0), (3.4, 6.0), (6.6, 9.5)]
    assert latest_gap(regions, pending_s=9.6) == pytest.approx(6.3)
    assert latest_gap(regions, pending_s=7.0) == pytest.approx(3.2)  # 6.3 would leave < 1 s
    assert latest_gap([(0.0, 9.0)], pending_s=9.5) is None


def test_a_word_belongs_to_the_side_of_the_cut_holding_its_middle():
    s = seg(("we", 10.0, 10.2), ("should", 10.2, 10.6), ("segment", 10.6, 11.4), ("users", 11.5, 11.9))
    done, rest = split_at([s], cut_abs=11.05)
    assert [d.text for d in done] == ["we should segment"]
    assert [r.text for r in rest] == ["users"]
    assert done[0].start == 10.0 and done[0].end == 11.4 and rest[0].start == 11.5


def test_without_a_silence_the_cut_follows_the_last_word_ending_in_time():
    s = seg(("a", 10.0, 10.5), ("b", 10.5, 11.8), ("c", 11.8, 13.0))
    assert word_cut([s], offset=10.0, limit=2.0) == pytest.approx(1.8)
    assert word_cut([s], offset=10.0, limit=0.2) is None


def test_regions_from_neighbouring_chunks_join_when_they_touch():
    assert merge_regions([(5.0, 6.0), (0.5, 2.0), (2.0, 3.0)]) == [(0.5, 3.0), (5.0, 6.0)]


def test_lag_is_measured_from_a_words_end_to_the_first_decode_showing_it():
    words = [Word(1.0, 1.4, "goal"), Word(5.0, 5.5, "funnel"), Word(9.0, 9.2, "never")]
    shown = [(2.5, ((0.9, 1.5),)), (6.0, ((1.0, 1.4), (4.9, 5.6)))]
    lags = word_lags(words, shown)
    assert lags == pytest.approx([1.1, 0.5])  # the third word was never shown live
    summary = lag_summary(lags)
    assert summary["words"] == 2 and summary["max_s"] == pytest.approx(1.1)
    assert lag_summary([]) == {"words": 0, "median_s": None, "p95_s": None, "max_s": None}


def test_live_decoding_settings_reach_whisper_as_options():
    """LiveConfig's decoding settings are laid over the transcriber's own for live decodes only."""
    from interviewer_app.transcribe.engine import TranscribeOptions
    from interviewer_app.transcribe.live import LiveTranscriber
    from interviewer_app.transcribe.live_config import LiveConfig

    class Options:  # a transcriber that is not loaded: only its settings are read
        options = TranscribeOptions(beam_size=5, hotwords="churn")

    assert "temperature" not in Options.options.kwargs()  # faster-whisper's fallback ladder
    live = LiveTranscriber(Options(), LiveConfig(final_temperatures=(0.0, 0.4), beam_size=2))
    final, provisional = live._options(final=True), live._options(final=False)
    assert final.kwargs()["temperature"] == [0.0, 0.4] and final.beam_size == 2 and final.hotwords == "churn"
    assert provisional.kwargs()["temperature"] == [0.0]  # the default: provisional words keep the first try
    # the app's settings: final decodes are the transcriber's own; provisional ones skip the ladder,
    # are greedy, look at a window cut to the audio plus 3 s of silence (less makes tiny.en loop)
    # and leave out a segment that repeats itself (issue 21)
    default = LiveTranscriber(Options())
    assert default._options(final=True) == Options.options
    assert default._options(final=False, seconds=7.5) == replace(Options.options, temperatures=(0.0,), beam_size=1,
                                                                 window_s=11, skip_loops=True,
                                                                 max_new_tokens=72)
    assert default._options(final=False, seconds=29.0).window_s == 30  # never past Whisper's own window
    assert default._options(final=False, seconds=7.5).kwargs()["chunk_length"] == 11
    assert "skip_loops" not in default._options(final=False).kwargs()  # ours, not faster-whisper's


def test_live_decodes_never_use_the_filler_prompt():
    """Settings › Write down "um" and "uh" is for the full pass after Stop: a live decode with the
    disfluent prompt loops on "um um um" (benchmarks/fillers_disfluent.py)."""
    from interviewer_app.transcribe.engine import TranscribeOptions
    from interviewer_app.transcribe.live import LiveTranscriber

    class Options:
        options = TranscribeOptions(keep_fillers=True)

    assert Options.options.kwargs()["initial_prompt"]  # the full pass asks for fillers
    live = LiveTranscriber(Options())
    for final in (True, False):
        assert not live._options(final=final).keep_fillers
        assert live._options(final=final).kwargs()["initial_prompt"] is None
