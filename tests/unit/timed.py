"""Build timed transcripts by hand for analysis tests: words laid out at a fixed pace."""

from evaluation.harness import paced_transcript
from interviewer_app.core.models import Transcript


def timed_transcript(parts: list[tuple[str, float]], start: float = 0.0, word_s: float = 0.4,
                     speech=None) -> Transcript:
    """parts: (sentence, silence after it in seconds). Each word lasts word_s."""
    return paced_transcript(parts, start=start, word_s=word_s, speech=speech, model="test")
