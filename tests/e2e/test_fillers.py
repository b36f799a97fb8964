"""Fillers Whisper hides (issue 22), on an answer of our own spoken by espeak-ng with 8 fillers:
the plain transcript writes none of them; `analyze --keep-fillers` asks Whisper to write them and the app counts them where they were said."""

import json
import re
import subprocess

import pytest

from tests.conftest import CLI


@pytest.fixture(scope="module")
def hesitant():
    from tests.fixtures.speech import synthesize

    return synthesize("hesitant_checkout")


def analyze(path, *args):
    result = subprocess.run([CLI, "analyze", str(path), "--json", *args], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def said(answer) -> list[str]:
    return re.findall(r"\b(um|uh)\b", answer.text.lower())


def test_keep_fillers_writes_the_fillers_plain_whisper_drops_where_they_were_said(hesitant):
    plain = analyze(hesitant.wav)
    kept = analyze(hesitant.wav, "--keep-fillers")
    spoken = said(hesitant)
    assert len(spoken) == 8
    assert plain["pacing"]["fillers"]["count"] < len(spoken) / 3  # the problem: Whisper writes clean text
    items = [f for f in kept["pacing"]["fillers"]["items"] if f["word"] in ("um", "uh")]
    assert len(items) >= 0.75 * len(spoken)
    for f in items:  # each one inside a sentence that holds a filler, not in a pause or after the end
        assert any(s.start - 0.5 <= f["start"] <= s.end + 0.5 for s in hesitant.sentences
                   if re.search(r"\b(um|uh)\b", s.text.lower())), f
    import jiwer

    strip = lambda d: " ".join(re.sub(r"\b(um|uh)\b|[^a-z ]", " ", d["transcript"].lower()).split())  # noqa: E731
    assert jiwer.wer(strip(plain), strip(kept)) <= 0.15  # the other words read (nearly) the same


