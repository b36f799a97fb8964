"""A 3-minute spoken answer through the whole app path: real-time factor, time from "stop" to
feedback, and peak memory. Each measurement runs in a fresh child process so the memory figure is
the app's alone.

Run:  .venv/bin/python benchmarks/long_answer.py
"""

from __future__ import annotations

import json
import subprocess
import sys

from common import ROOT, table

CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from benchmarks.common import peak_rss_mb
start = time.perf_counter()
from interviewer_app.services.pipeline import AppContext, analyze_file
from pathlib import Path
ctx = AppContext()
t0 = time.perf_counter(); ctx.transcriber.load(); load_s = time.perf_counter() - t0
t1 = time.perf_counter()
answer = analyze_file(ctx, Path(sys.argv[2]))
work_s = time.perf_counter() - t1
fb = answer.feedback
print(json.dumps({"load_s": load_s, "work_s": work_s, "audio_s": answer.clip.duration_s,
                  "steps_heard": fb.steps_heard, "words": fb.pacing.word_count,
                  "peak_rss_mb": peak_rss_mb()}))
"""


def three_minute_script() -> dict:
    from tests.fixtures.speech import load_script

    sentences = []
    for name in ("strong_onboarding", "jump_to_options"):
        sentences += load_script(name)["sentence"]
    vocab = [ln.strip() for ln in (ROOT / "benchmarks/data/interview_vocabulary.txt").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    sentences += [{"text": v, "pause_after": 0.8} for v in vocab]
    sentences += load_script("strong_onboarding")["sentence"]
    return {"lead_in": 2.0, "sentence": sentences}


def main() -> None:
    from tests.fixtures.speech import synthesize

    spoken = synthesize("three-minute-answer", three_minute_script())
    runs = []
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(spoken.wav)], check=True,
                             capture_output=True, text=True, env={"INTERVIEWER_HOME": str(ROOT / ".bench-cache"),
                                                                  "PATH": "/usr/bin:/bin"})
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    rows = [[i + 1, f"{r['audio_s']:.1f}", f"{r['load_s']:.2f}", f"{r['work_s']:.1f}",
             f"{r['work_s'] / r['audio_s']:.3f}", f"{r['peak_rss_mb']:.0f}", r["steps_heard"]]
            for i, r in enumerate(runs)]
    print(f"3-minute answer ({spoken.duration_s:.0f} s, espeak-ng voice), tiny.en int8, 2 cores, fresh process per run")
    print(table(rows, ["run", "audio s", "model load s", "stop -> feedback s", "real-time factor",
                       "peak RSS MB", "steps heard"]))


if __name__ == "__main__":
    main()
