"""How many spoken fillers survive Whisper? Counts um/uh/er/hmm in the human references of
../shared/realspeech and what the app finds in tiny.en's transcripts of the same clips.

Run:  .venv/bin/python benchmarks/fillers_realspeech.py
"""

from __future__ import annotations

import re

from common import REALSPEECH, ROOT, realspeech_rows, table

FILLER = re.compile(r"\b(um+|uh+|uhm|erm|er|hmm+|mm+|y'?know|you know)\b")


def main() -> None:
    from interviewer_app.analysis.pacing.fillers import find_fillers
    from interviewer_app.audio.clip import load_clip
    from interviewer_app.transcribe.engine import Transcriber

    rows = [r for r in realspeech_rows() if FILLER.search(r["reference_text"].lower())]
    transcriber = Transcriber(None, ROOT / ".bench-cache")
    out, total_ref, total_found = [], 0, 0
    for r in rows:
        said = len(FILLER.findall(r["reference_text"].lower()))
        transcript = transcriber.transcribe(load_clip(REALSPEECH / r["file"]).samples)
        found = find_fillers(transcript.words)
        total_ref += said
        total_found += len(found)
        out.append([r["file"].split("/")[-1], said, len(found), " ".join(f.text for f in found) or "-"])
    print(table(out, ["clip", "fillers in reference", "found by app", "which"]))
    print(f"\nfillers kept by tiny.en: {total_found} of {total_ref} "
          f"({100 * total_found / max(total_ref, 1):.0f}%) in {len(rows)} clips with fillers")


if __name__ == "__main__":
    main()
