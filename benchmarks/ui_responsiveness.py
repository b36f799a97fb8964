"""Desktop app figures: launch to first window shown, the longest UI event-loop stall while a
3-minute answer is transcribed, and peak memory for a whole attempt.

Run on a display (or offscreen):
  bash scripts/with-display.sh .venv/bin/python benchmarks/ui_responsiveness.py
Targets (issue 4): first window <= 2 s with the model not loaded, stall < 100 ms, peak RSS <= 600 MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from common import ROOT, table

LAUNCH = r"""
import sys, time, json
sys.path.insert(0, sys.argv[1])
from interviewer_app.qt_binding import QtWidgets, QtCore
from interviewer_app.ui.app import apply_theme, create_window
app = QtWidgets.QApplication(sys.argv)
apply_theme(app)
w = create_window()
w.show()
QtCore.QTimer.singleShot(0, w.start_up)  # exactly as run_app does
while not (w.windowHandle() and w.windowHandle().isExposed()):
    app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
app.processEvents()  # the first paint, after anything start_up does on the UI thread
print(json.dumps({"shown_at": time.time(), "model_loaded": w.ctx.transcriber.loaded}), flush=True)
"""

STALL = r"""
import sys, json, time, resource
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from interviewer_app.qt_binding import QtCore
from benchmarks.app_probe import StallProbe, open_window
app, w = open_window()
probe = StallProbe()
gaps, clock = probe.gaps, probe.clock
result = {}
def done(res):
    probe.stop()
    g = sorted(gaps)
    result.update(max_gap_ms=g[-1], p99_gap_ms=g[int(0.99 * (len(g) - 1))], beats=len(g),
                  seconds=clock.elapsed() / 1000, steps=res.answer.feedback.steps_heard,
                  peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    app.quit()
w.session.analyzed.connect(done)
w.session.failed.connect(lambda m: (result.update(error=m), app.quit()))
def start(*_):
    probe.start()
    w._analyze_path(Path(sys.argv[2]))
w.session.model_ready.connect(lambda _name: QtCore.QTimer.singleShot(200, start))
QtCore.QTimer.singleShot(0, w.start_up)  # as the app does: the model loads in the background first
app.exec()
print(json.dumps(result), flush=True)
"""


def child_env() -> dict:
    env = dict(os.environ)
    env["INTERVIEWER_HOME"] = str(ROOT / ".bench-cache" / "ui-home")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def main() -> None:
    from long_answer import three_minute_script

    from tests.fixtures.speech import synthesize

    launches = []
    for _ in range(3):
        start = time.time()
        out = subprocess.run([sys.executable, "-c", LAUNCH, str(ROOT)], capture_output=True, text=True,
                             env=child_env(), check=True)
        shown = json.loads(out.stdout.strip().splitlines()[-1])
        launches.append((shown["shown_at"] - start, shown["model_loaded"]))
    print(f"platform: {child_env()['QT_QPA_PLATFORM']}")
    print(table([[i + 1, f"{s:.2f}", loaded] for i, (s, loaded) in enumerate(launches)],
                ["launch", "process start -> window shown and painted (s)", "model loaded at show"]))

    spoken = synthesize("three-minute-answer", three_minute_script())
    out = subprocess.run([sys.executable, "-c", STALL, str(ROOT), str(spoken.wav)], capture_output=True,
                         text=True, env=child_env(), check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    if "error" in r:
        raise SystemExit(r["error"])
    print(f"\nwhile transcribing a {spoken.duration_s:.0f} s answer in the app, model already loaded at start-up ({r['seconds']:.1f} s, "
          f"{r['steps']} steps heard): 10 ms UI timer, {r['beats']} beats")
    print(table([[f"{r['max_gap_ms']}", f"{r['p99_gap_ms']}", f"{r['peak_rss_mb']:.0f}"]],
                ["longest event-loop gap (ms)", "99th percentile gap (ms)", "peak RSS of the app (MB)"]))


if __name__ == "__main__":
    main()
