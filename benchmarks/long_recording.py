"""Long recordings through `interviewer-app analyze`: peak memory (RSS) and wall time per audio
minute, for 10 minutes up to 2 hours of speech, each length in a fresh CLI process.

The recordings are made here: the espeak-ng answers from tests/fixtures repeated with pauses
until the length is reached, written block by block as 22.05 kHz 16-bit WAV under /tmp (2 hours
is 318 MB). Peak RSS is the kernel's maximum resident set of the CLI process (as /usr/bin/time
-v reports it).

With --real the recording is real human speech instead: the 38 clips of ../shared/realspeech
(381.7 s, 16 kHz) one after the other with PAUSE_S between them, again and again, whole clips
only; their reference texts, joined the same way, give the long recording's word error rate,
printed beside the WER of the same clips transcribed one by one (the per-clip figure of
benchmarks/transcription.py). With --source, both the new and the old code run on each file.

Run:  .venv/bin/python benchmarks/long_recording.py [--minutes 10 30 60 120] [--save] [--source DIR]
      .venv/bin/python benchmarks/long_recording.py --real --minutes 15 30 [--source DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
CLI = str(Path(sys.executable).parent / "interviewer-app")
PAUSE_S = 2.0


def make_long_wav(minutes: float, out: Path) -> Path:
    """A WAV of `minutes` of real speech: the espeak-ng test answers said again and again with
    PAUSE_S of silence between them; written in blocks, so making 2 hours needs little memory."""
    import numpy as np
    import soundfile as sf

    from tests.fixtures.speech import synthesize

    if out.exists() and abs(sf.info(str(out)).duration - minutes * 60) < 1:
        return out
    parts = []
    rate = None
    for name in ("strong_onboarding", "jump_to_options"):
        audio, rate = sf.read(str(synthesize(name).wav), dtype="int16")
        parts.append(audio)
        parts.append(np.zeros(int(PAUSE_S * rate), dtype=np.int16))
    cycle = np.concatenate(parts)
    total = int(minutes * 60 * rate)
    tmp = out.with_suffix(".part.wav")
    with sf.SoundFile(str(tmp), "w", samplerate=rate, channels=1, subtype="PCM_16", format="WAV") as f:
        written = 0
        while written < total:
            block = cycle[: total - written]
            f.write(block)
            written += block.size
    tmp.replace(out)
    return out


def make_real_wav(minutes: float, out: Path) -> tuple[Path, str]:
    """A WAV of at least `minutes` of real speech (whole realspeech clips with PAUSE_S between
    them, repeated) and its reference text."""
    import numpy as np
    import soundfile as sf
    from common import REALSPEECH, realspeech_rows

    rows = realspeech_rows()
    clips = [sf.read(str(REALSPEECH / r["file"]), dtype="int16") for r in rows]
    rate = clips[0][1]
    assert all(r == rate for _a, r in clips), "realspeech clips share one sample rate"
    pause = np.zeros(int(PAUSE_S * rate), dtype=np.int16)
    refs, total = [], 0
    tmp = out.with_suffix(".part.wav")
    with sf.SoundFile(str(tmp), "w", samplerate=rate, channels=1, subtype="PCM_16", format="WAV") as f:
        while total < minutes * 60 * rate:
            for row, (audio, _r) in zip(rows, clips):
                f.write(audio)
                f.write(pause)
                refs.append(row["reference_text"])
                total += audio.size + pause.size
                if total >= minutes * 60 * rate:
                    break
    tmp.replace(out)
    return out, " ".join(refs)


def run_cli(args: list[str], env: dict[str, str], source: Path | None = None,
            stdout: Path | None = None) -> tuple[int, float, float, str]:
    """(exit code, wall seconds, peak RSS in MB, last stderr line). The peak is the kernel's own
    count for that process (wait4's ru_maxrss), so no short spike is missed between polls.
    `source`: run the interviewer_app found in that folder (e.g. an old commit, for before/after);
    `stdout`: keep what the command printed in this file."""
    command = [CLI, *args]
    if source is not None:
        command = [sys.executable, "-m", "interviewer_app", *args]
        env = dict(env, PYTHONPATH=str(source))
    out = open(stdout, "wb") if stdout is not None else subprocess.DEVNULL
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err, env=env,
                                cwd=source)  # `-m` puts the working folder first on sys.path
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode(errors="replace").strip().splitlines()
    if stdout is not None:
        out.close()
    return proc.returncode, wall, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def main_real(args) -> None:
    """Real speech: WER and peak memory of long recordings, new code (and old, with --source)."""
    import json

    from common import corpus_wer

    codes = [("now", None)] + ([("before", args.source)] if args.source else [])
    rows = []
    for minutes in args.minutes:
        wav, reference = make_real_wav(minutes, args.dir / f"real-{minutes:g}min.wav")
        for label, source in codes:
            with tempfile.TemporaryDirectory() as home:
                env = dict(os.environ, INTERVIEWER_HOME=home)
                printed = Path(home) / "out.json"
                code, wall, peak, err = run_cli(["analyze", str(wav), "--json"], env, source, printed)
                hyp = json.loads(printed.read_text())["transcript"] if code == 0 else ""
            wer, errors, words = corpus_wer([(reference, hyp)])
            rows.append((minutes, label, code, wall, peak, wer, words))
            print(f"{minutes:g} min real speech, {label}: exit {code}, {wall:.0f} s, peak RSS {peak:.0f} MB, "
                  f"WER {100 * wer:.2f} % of {words} words" + (f"  ({err})" if code else ""), flush=True)
    print()
    print("| real speech | code | exit | s per audio minute | peak RSS | WER |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for minutes, label, code, wall, peak, wer, _words in rows:
        print(f"| {minutes:g} min | {label} | {code} | {wall / minutes:.1f} | {peak:.0f} MB | {100 * wer:.2f} % |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, nargs="+", default=[10, 30, 60, 120])
    ap.add_argument("--save", action="store_true", help="also keep the attempt (writes the FLAC)")
    ap.add_argument("--source", type=Path, help="run the interviewer_app in this folder instead "
                    "(e.g. `git archive OLD | tar -x -C /tmp/old` for a before/after comparison)")
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "interviewer-long")
    ap.add_argument("--real", action="store_true", help="real speech from ../shared/realspeech, "
                    "with its word error rate")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    if args.real:
        main_real(args)
        return
    rows = []
    for minutes in args.minutes:
        wav = make_long_wav(minutes, args.dir / f"long-{minutes:g}min.wav")
        with tempfile.TemporaryDirectory() as home:
            env = dict(os.environ, INTERVIEWER_HOME=home)
            cli_args = ["analyze", str(wav), "--json"] + (["--save"] if args.save else [])
            code, wall, peak, err = run_cli(cli_args, env, args.source)
        rows.append((minutes, code, wall, peak, err))
        print(f"{minutes:g} min: exit {code}, {wall:.0f} s, {wall / minutes:.1f} s per audio minute, "
              f"peak RSS {peak:.0f} MB" + (f"  ({err})" if code else ""), flush=True)
    print()
    print("| audio | exit | wall time | s per audio minute | peak RSS |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for minutes, code, wall, peak, _err in rows:
        print(f"| {minutes:g} min | {code} | {wall:.0f} s | {wall / minutes:.1f} | {peak:.0f} MB |")


if __name__ == "__main__":
    main()
