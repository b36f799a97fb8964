"""Fillers that Whisper hides (issue 22): how many um/uh/hmm/"you know" a way of transcribing
keeps, on real speech with verbatim references, next to what it costs on fluent real speech.

Run:  .venv/bin/python benchmarks/fillers_disfluent.py [VARIANT ...]   (no name: all)

For each variant, side by side in one run:
- ../shared/realspeech-disfluent (24 clips, 10 speakers, 53 fillers with times), scored by its own
  score_fillers.py (read from ../shared, not copied): recall matched by time within +-0.5 s,
  natural speech (34 fillers) apart from the deliberate ones in the MFA test utterances (19);
  precision = time-matched vocal fillers (um/uh/er/ah/hmm) / all vocal fillers written there;
- ../shared/realspeech (38 clips of fluent real speech, 16 fillers in its references): vocal
  fillers written beyond the reference's count per clip (false fillers), and WER with fillers
  removed from both sides (Whisper's normaliser drops um/uh/hmm), against the plain transcripts;
- transcription time of both sets, as a ratio to the plain variant measured in the same run.
Issue 22's targets: natural recall >= 0.70, precision >= 0.80 (false fillers on both sets
counted), WER no worse than plain + 0.5 point, time <= 1.15x plain.

Settings are never fitted to these clips: the prompts are written in a disfluent style of our
own, before looking at what the clips say.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from collections import Counter
from dataclasses import replace

from common import REALSPEECH, ROOT, corpus_wer, realspeech_rows, table

DISFLUENT = REALSPEECH.parent / "realspeech-disfluent"
DELIBERATE_PREFIX = ("mfa_uh", "mfa_um", "mfa_youknow", "mfa_crossword", "mfa_cutoff", "mfa_registershift")

# A short prompt written as people speak, fillers kept: Whisper imitates the style of its prompt.
PROMPT_UM = "Um, so, uh, I think, um, we should, uh, look at the, um, numbers first."  # the app's FILLER_PROMPT
PROMPT_HMM = "Hmm, okay. So, um, the, uh, the first thing, uh, I'd do is, um, you know, check it."

VARIANTS = {
    "plain": {},
    "prompt-um": {"initial_prompt": PROMPT_UM},
    "prompt-hmm": {"initial_prompt": PROMPT_HMM},
    "prompt-um, no previous text": {"initial_prompt": PROMPT_UM, "condition_on_previous_text": False},
    "prompt-um, first temperature only": {"initial_prompt": PROMPT_UM, "temperatures": (0.0,)},
    "plain, first temperature only": {"temperatures": (0.0,)},
    "prompt-um, token cap": {"initial_prompt": PROMPT_UM, "cap": True},
    "prompt-um, token cap, ladder 0/0.4/0.8": {"initial_prompt": PROMPT_UM, "cap": True,
                                               "temperatures": (0.0, 0.4, 0.8)},
    "prompt-um, repetition penalty 1.1": {"initial_prompt": PROMPT_UM, "repetition_penalty": 1.1},
    "prompt-um, repetition penalty 1.3": {"initial_prompt": PROMPT_UM, "repetition_penalty": 1.3},
    "prompt-um, no repeated 4-grams": {"initial_prompt": PROMPT_UM, "no_repeat_ngram_size": 4},
    "prompt-um, voice activity filter": {"initial_prompt": PROMPT_UM, "vad_filter": True},
    "prompt-um, skip silence in hallucinations": {"initial_prompt": PROMPT_UM, "hallucination_silence_s": 1.0},
}
TOKENS_PER_S = 8  # a token cap well above speech (about 4 tokens a second): a loop stops early


def scorer():
    path = DISFLUENT / "score_fillers.py"
    if not path.exists():
        sys.exit(f"realspeech-disfluent set not found at {DISFLUENT}")
    spec = importlib.util.spec_from_file_location("score_fillers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def transcribe_all(transcriber, options, files, cap: bool = False) -> tuple[dict, float]:
    from interviewer_app.audio.clip import SAMPLE_RATE, load_clip

    hyps, spent = {}, 0.0
    for cid, path in files:
        samples = load_clip(path).samples
        seconds = min(30.0, len(samples) / SAMPLE_RATE)
        these = replace(options, max_new_tokens=int(12 + TOKENS_PER_S * seconds)) if cap else options
        t0 = time.perf_counter()
        segments, _ = transcriber.decode(samples, options=these)
        spent += time.perf_counter() - t0
        words = [[w.word.strip(), w.start, w.end] for s in segments for w in s.words]
        hyps[cid] = {"text": " ".join(s.text for s in segments), "words": words}
    return hyps, spent


def is_natural(cid: str) -> bool:
    return not cid.startswith(DELIBERATE_PREFIX)


def lenient_matches(sf, ref, hyps) -> int:
    """Vocal fillers matched by time within +-0.5 s with um/uh/er/ah/hmm as one class (the
    scorer's lenient reading, which its README allows if said): a user hears "a filler"."""
    found = 0
    for cid, r in ref.items():
        written = [(a, b) for t, a, b in sf.hyp_fillers(hyps[cid]["words"]) if t not in sf.LEX]
        used = set()
        for t, _, span in r["fl"]:
            if span is None or t in sf.LEX:
                continue
            j = next((j for j, (a, b) in enumerate(written)
                      if j not in used and b >= span[0] - sf.TOL and a <= span[1] + sf.TOL), None)
            if j is not None:
                used.add(j)
                found += 1
    return found


def disfluent_figures(sf, ref, hyps) -> dict:
    rows, _ = sf.score(ref, hyps)
    out = Counter(lenient=lenient_matches(sf, ref, hyps))
    for cid, n_ref, _tok, time_matched, vocal, _surplus, false_time, *_ in rows:
        group = "natural" if is_natural(cid) else "deliberate"
        out[f"{group}_ref"] += n_ref
        out[f"{group}_found"] += int(time_matched or 0)
        out["vocal"] += vocal
        out["false"] += int(false_time or 0)
    return out


def realspeech_figures(sf, rows, hyps) -> tuple[int, float]:
    """(false vocal fillers, WER with fillers removed)."""
    false = 0
    for r in rows:
        h = hyps[r["file"]]
        said = Counter(t for t, _, _ in sf.hyp_fillers([(w, None, None) for w in r["reference_text"].split()]))
        written = Counter(t for t, _, _ in sf.hyp_fillers(h["words"]))
        false += sum(max(0, v - said.get(k, 0)) for k, v in written.items() if k not in sf.LEX)
    wer, _, _ = corpus_wer([(r["reference_text"], hyps[r["file"]]["text"]) for r in rows])
    return false, wer


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("variants", nargs="*", help=f"any of: {', '.join(VARIANTS)}")
    args = ap.parse_args()
    names = args.variants or list(VARIANTS)
    from interviewer_app.transcribe.engine import Transcriber

    sf = scorer()
    ref = sf.load_ref()
    disfluent_files = [(cid, DISFLUENT / r["file"]) for cid, r in ref.items()]
    fluent = realspeech_rows()
    fluent_files = [(r["file"], REALSPEECH / r["file"]) for r in fluent]
    transcriber = Transcriber(None, ROOT / ".bench-cache")
    transcriber.load()
    print(f"model {transcriber.model_name}, {transcriber.cpu_threads} threads; "
          f"{len(disfluent_files)} disfluent clips, {len(fluent_files)} fluent clips", file=sys.stderr)
    out, base_time = [], None
    for name in names:
        settings = dict(VARIANTS[name])
        cap = settings.pop("cap", False)
        options = replace(transcriber.options, **settings)
        d_hyps, d_time = transcribe_all(transcriber, options, disfluent_files, cap)
        f_hyps, f_time = transcribe_all(transcriber, options, fluent_files, cap)
        d = disfluent_figures(sf, ref, d_hyps)
        false_fluent, wer = realspeech_figures(sf, fluent, f_hyps)
        spent = d_time + f_time
        base_time = base_time or spent
        found = d["natural_found"] + d["deliberate_found"]
        precision = found / max(found + d["false"] + false_fluent, 1)
        lenient = d["lenient"] / max(d["vocal"] + false_fluent, 1)
        out.append([name,
                    f"{d['natural_found']}/{d['natural_ref']} = {d['natural_found'] / max(d['natural_ref'], 1):.2f}",
                    f"{d['deliberate_found']}/{d['deliberate_ref']}",
                    f"{found}/{found + d['false'] + false_fluent} = {precision:.2f}",
                    f"{d['lenient']}/{d['vocal'] + false_fluent} = {lenient:.2f}",
                    d["false"], false_fluent, f"{100 * wer:.2f}", f"{spent:.1f}", f"{spent / base_time:.2f}"])
        print(f"  {name}: done", file=sys.stderr)
    print(table(out, ["variant", "natural recall (time)", "deliberate recall", "precision (both sets)",
                      "precision, um/uh as one",
                      "false fillers, disfluent", "false fillers, fluent", "fluent WER % (no fillers)",
                      "time s", "x plain"]))
    print(f"\n(plain is run first; time is decoding only, both sets; {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
