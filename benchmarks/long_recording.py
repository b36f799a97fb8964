"""Long recordings through `interviewer-app analyze`: peak memory (RSS) and wall time per audio
minute, for 10 minutes up to 2 hours of speech, each length in a fresh CLI process.

The recordings are made here: the espeak-ng answers from tests/fixtures repeated with pauses
until the length is reached, written block by block as 22.05 kHz 16-bit WAV under /tmp (2 hours
is 318 MB). Peak RSS is the kernel's maximum resident set of the CLI process (as /usr/bin/time
-v reports it).

Run:  .venv/bin/python benchmarks/long_recording.py [--minutes 10 30 60 120] [--save] [--source DIR]
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


def run_cli(args: list[str], env: dict[str, str], source: Path | None = None) -> tuple[int, float, float, str]:
    """(exit code, wall seconds, peak RSS in MB, last stderr line). The peak is the kernel's own
    count for that process (wait4's ru_maxrss), so no short spike is missed between polls.
    `source`: run the interviewer_app found in that folder (e.g. an old commit, for before/after)."""
    command = [CLI, *args]
    if source is not None:
        command = [sys.executable, "-m", "interviewer_app", *args]
        env = dict(env, PYTHONPATH=str(source))
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, env=env,
                                cwd=source)  # `-m` puts the working folder first on sys.path
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode(errors="replace").strip().splitlines()
    return proc.returncode, wall, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, nargs="+", default=[10, 30, 60, 120])
    ap.add_argument("--save", action="store_true", help="also keep the attempt (writes the FLAC)")
    ap.add_argument("--source", type=Path, help="run the interviewer_app in this folder instead "
                    "(e.g. `git archive OLD | tar -x -C /tmp/old` for a before/after comparison)")
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "interviewer-long")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
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
