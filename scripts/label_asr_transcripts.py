"""Turn the spoken versions of the dev answers into labelled ASR training answers.

  .venv/bin/python benchmarks/structure_f1.py --split dev --audio   # speaks and transcribes (cached)
  .venv/bin/python scripts/label_asr_transcripts.py                 # writes tests/data/structure/dev-asr/

Each dev answer was spoken by espeak-ng and transcribed by the bundled tiny.en model, exactly as the
app transcribes a recording. The transcript is cut into sentences the way the app cuts it (its
punctuation and pauses, not the written answer's), and each of those sentences gets the steps of the
written sentences its words came from: the transcript's words are aligned to the written words
(difflib, on lower-case letters and digits; a misheard word between two words of one written
sentence belongs to it), and a written sentence counts when it supplies at least 3 of the
transcript sentence's words, or half of its own words. A transcript sentence that merged
two written ones (Whisper often joins them with a comma) carries both sets of steps.

These are dev data: the model learns what steps sound like after speech recognition ("I'd" heard as
"I", lost colons, misheard words). Never run this on the held-out split.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluation.harness import cached_audio_transcript, load_answers  # noqa: E402
from interviewer_app.analysis.structure.sentences import split_sentences  # noqa: E402

DEV = ROOT / "tests" / "data" / "structure" / "dev"
OUT = ROOT / "tests" / "data" / "structure" / "dev-asr"
MIN_WORDS = 3


def _token(word: str) -> str:
    return re.sub(r"[^a-z0-9]", "", word.lower())


def align_labels(written: list[dict], spoken: list[list[str]]) -> list[list[str]]:
    """Steps for each spoken sentence (its words), from the written sentences (text, steps)."""
    ref, owner = [], []
    for i, s in enumerate(written):
        for w in s["text"].split():
            ref.append(_token(w))
            owner.append(i)
    hyp, where = [], []
    for j, words in enumerate(spoken):
        for w in words:
            hyp.append(_token(w))
            where.append(j)
    source = [None] * len(hyp)
    for block in difflib.SequenceMatcher(None, ref, hyp, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            source[block.b + k] = owner[block.a + k]
    # a misheard word between two words of the same written sentence (or at the very start or end)
    # belongs to that sentence too
    before, after = _nearest(source), _nearest(source[::-1])[::-1]
    for k, (b, a) in enumerate(zip(before, after)):
        if source[k] is None and (b == a or b is None or a is None):
            source[k] = b if b is not None else a
    sizes = [len(s["text"].split()) for s in written]
    counts = [dict() for _ in spoken]
    for j, i in zip(where, source):
        if i is not None:
            counts[j][i] = counts[j].get(i, 0) + 1
    labels = []
    for c in counts:
        steps = []
        for i, n in sorted(c.items()):
            if n >= MIN_WORDS or n >= sizes[i] / 2:
                steps += [k for k in written[i]["steps"] if k not in steps]
        labels.append(steps)
    return labels


def _nearest(source: list) -> list:
    """For each place, the last aligned sentence at or before it (None before the first)."""
    out, last = [], None
    for i in source:
        last = i if i is not None else last
        out.append(last)
    return out


def main() -> None:
    if "heldout" in " ".join(sys.argv[1:]):
        sys.exit("only the dev split may be used for training")
    OUT.mkdir(parents=True, exist_ok=True)
    made = missing = 0
    for answer in load_answers(DEV):
        transcript = cached_audio_transcript("dev", answer["id"])
        if transcript is None:
            missing += 1
            continue
        sentences = split_sentences(transcript)
        labels = align_labels(answer["sentences"], [[w.word for w in s.words] for s in sentences])
        out = {"id": answer["id"] + "-asr", "prompt": answer["prompt"], "kind": answer.get("kind", ""),
               "source": f"dev/{answer['id']}.json spoken by espeak-ng, transcribed by {transcript.model}; "
                         "steps aligned from the written sentences (scripts/label_asr_transcripts.py)",
               "sentences": [{"text": s.text, "steps": steps} for s, steps in zip(sentences, labels)]}
        (OUT / f"{answer['id']}.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
        made += 1
    print(f"wrote {made} labelled transcripts to {OUT.relative_to(ROOT)}"
          + (f"; {missing} dev answers have no cached transcript (run benchmarks/structure_f1.py "
             "--split dev --audio)" if missing else ""))
    if missing:
        sys.exit(1)


if __name__ == "__main__":
    main()
