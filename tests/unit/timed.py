"""Build timed transcripts by hand for analysis tests: words laid out at a fixed pace."""

from interviewer_app.core.models import Segment, Transcript, Word


def timed_transcript(parts: list[tuple[str, float]], start: float = 0.0, word_s: float = 0.4,
                     speech=None) -> Transcript:
    """parts: (sentence, silence after it in seconds). Each word lasts word_s."""
    segments, t = [], start
    for text, pause in parts:
        words = []
        for token in text.split():
            words.append(Word(round(t, 3), round(t + word_s, 3), " " + token))
            t += word_s
        segments.append(Segment(words[0].start, words[-1].end, text, tuple(words)))
        t += pause
    return Transcript(segments=tuple(segments), model="test", duration_s=t, speech=speech)
