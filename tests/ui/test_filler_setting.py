"""Settings › Write down "um" and "uh" (issue 22): the app's opt-in for the filler prompt, on an
answer of our own spoken by espeak-ng with 8 fillers, transcribed by the real bundled model."""

import pytest


@pytest.fixture(scope="module")
def hesitant():
    from tests.fixtures.speech import synthesize

    return synthesize("hesitant_checkout")


def test_the_app_setting_writes_fillers_down_in_the_full_pass(hesitant, make_window, qtbot):
    """Settings › Write down "um" and "uh": the same answer analysed in the app, with real Whisper,
    before and after the setting is switched on; it is kept for the next start."""
    window = make_window()
    assert not window.fillers_action.isChecked()

    def fillers_heard(written: bool) -> int:
        with qtbot.waitSignal(window.session.analyzed, timeout=180000) as done:
            window._analyze_path(hesitant.wav)
        d = done.args[0].answer.feedback.to_dict()
        assert d["fillers_written"] is written  # kept with the attempt: habits compare alike only
        return sum(f["word"] in ("um", "uh") for f in d["pacing"]["fillers"]["items"])

    plain = fillers_heard(False)
    window.fillers_action.setChecked(True)
    assert window.ctx.transcriber.options.keep_fillers  # the loaded model is kept, its decoding changes
    kept = fillers_heard(True)
    assert plain < 8 / 3 and kept >= 0.75 * 8, (plain, kept)
    again = make_window()  # the next start reads the saved choice
    assert again.fillers_action.isChecked() and again.ctx.transcriber.options.keep_fillers
