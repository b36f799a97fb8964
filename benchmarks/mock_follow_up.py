"""Mock interview in the desktop app: how long after Stop the interviewer's follow-up is spoken.

A spoken answer that jumps to solutions (espeak-ng) is played into the PulseAudio virtual
microphone as the answer to a one-phase custom mock; Stop is pressed 1.5 s after the last word
(people pause before they click). For each run it prints the time from Stop to the follow-up
question being handed to the voice, and to the voice actually starting to speak it (the prompt
voice's `started`: speech-dispatcher, or espeak-ng played through Qt Multimedia). Target
(issue 9): <= 1.5 s with live transcription on. The same runs with live transcription off (the
answer transcribed after Stop) are measured in the same invocation, for comparison.

Run:  bash scripts/virtual-mic.sh start && . /tmp/virtual-mic/env
      bash scripts/with-display.sh .venv/bin/python benchmarks/mock_follow_up.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

from common import ROOT, table

CHILD = r"""
import json, subprocess, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from interviewer_app.mock.plan import plan_custom
from interviewer_app.qt_binding import QtCore
from benchmarks.app_probe import open_window
app, w = open_window()
live = sys.argv[4] == "live"
state = {"heard": []}
def begin(_name):
    w.session.live_enabled = live
    bank = w.ctx.prompts
    plan = plan_custom([("Scenario", 300, "scenario")], bank.prompts, seed=1,
                       chosen={"scenario": bank.get(sys.argv[3])})
    w.mock.start(plan, speak=True)
    flow = w.mock.flow
    w.voice.started.connect(lambda: state["heard"].append(time.monotonic()))
    flow.turn_ready.connect(turn_ready)
    w.voice.finished.connect(question_read)
    w.voice.unavailable.connect(lambda reason: (state.setdefault("voice_note", reason), question_read()))
    QtCore.QTimer.singleShot(20000, question_read)  # a voice that never finishes: answer anyway
def question_read():
    flow = w.mock.flow
    if "answering" in state or flow.turn is None or flow.turn.is_follow_up:
        return
    state["answering"] = True
    flow.start_answer()
    state["player"] = subprocess.Popen(["bash", str(Path(sys.argv[1]) / "scripts/play-into-mic.sh"), sys.argv[2]])
    poll.start()
def check_player():
    if state["player"].poll() is not None:
        poll.stop()
        QtCore.QTimer.singleShot(1500, w.mock.flow.stop_answer)  # the pause before someone clicks Stop
poll = QtCore.QTimer(); poll.setInterval(50); poll.timeout.connect(check_player)
def turn_ready(turn):
    if not turn.is_follow_up or "follow_up" in state:
        return
    state["follow_up"] = turn.text  # the flow notes when it is said right after this signal
    QtCore.QTimer.singleShot(15000, report)  # time for the voice to start
    w.voice.started.connect(report)
def report():
    if "done" in state:
        return
    state["done"] = True
    state["stop"], state["said"] = w.mock.flow.follow_up_timings[-1]
    heard = [t for t in state["heard"] if t >= state["said"]]
    answer = w.mock.flow.run.answers[-1]
    print(json.dumps({"said_s": state["said"] - state["stop"],
                      "heard_s": heard[0] - state["stop"] if heard else None,
                      "backend": w.voice.backend, "voice_note": state.get("voice_note"),
                      "audio_s": answer.duration_s, "follow_up": state["follow_up"],
                      "because": answer.follow_ups[0]["because"] if answer.follow_ups else None}), flush=True)
    w.mock.flow.shutdown()
    app.quit()
w.session.model_ready.connect(lambda name: QtCore.QTimer.singleShot(200, lambda: begin(name)))
QtCore.QTimer.singleShot(0, w.start_up)
app.exec()
"""


def run_once(wav, prompt: str, mode: str, env: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(wav), prompt, mode], capture_output=True,
                         text=True, env=env, timeout=600)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if out.returncode != 0 or not lines:
        sys.exit(f"run failed:\n{out.stderr[-3000:]}")
    return json.loads(lines[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not os.environ.get("PULSE_SERVER"):
        sys.exit("no virtual microphone: run `bash scripts/virtual-mic.sh start && . /tmp/virtual-mic/env`")
    from tests.fixtures.speech import load_script, synthesize

    script = load_script("jump_to_options")
    spoken = synthesize("jump_to_options", script)
    env = dict(os.environ, INTERVIEWER_HOME=str(ROOT / ".bench-cache" / "mock-follow-up"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    rows, figures = [], {"live": [], "after Stop": []}
    for i in range(args.runs):
        for mode, label in (("live", "live"), ("full", "after Stop")):  # side by side, interleaved
            r = run_once(spoken.wav, script["prompt"], mode, env)
            figures[label].append(r)
            rows.append([i + 1, label, f"{r['audio_s']:.1f}", f"{r['said_s']:.2f}",
                         "-" if r["heard_s"] is None else f"{r['heard_s']:.2f}", r["backend"],
                         (r["follow_up"] or "")[:48], r["because"] or "-"])
    print(f"platform {env['QT_QPA_PLATFORM']}; answer {spoken.duration_s:.0f} s played into the virtual "
          "microphone; Stop 1.5 s after the last word")
    print(table(rows, ["run", "transcription", "answer s", "Stop -> follow-up said s",
                       "Stop -> voice speaking s", "voice", "follow-up", "rule"]))
    for label, rs in figures.items():
        heard = [r["heard_s"] for r in rs if r["heard_s"] is not None]
        said = [r["said_s"] for r in rs]
        print(f"{label}: median Stop -> said {statistics.median(said):.2f} s"
              + (f", -> speaking {statistics.median(heard):.2f} s (max {max(heard):.2f})" if heard else ""))


if __name__ == "__main__":
    main()
