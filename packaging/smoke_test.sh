#!/usr/bin/env bash
# smoke_test.sh [APP] - check a built bundle (default dist/interviewer/interviewer) headless:
#   1. `--version` prints the package version; `prompts --json` lists the bundled prompts;
#   2. `analyze` of a short answer spoken by espeak-ng, with --json: the bundled tiny.en model
#      loads and the transcript holds the words said;
#   3. the desktop app starts on a virtual X display (xcb): the main window and the first-run
#      welcome appear, it stays up, prints no traceback; then once more on the offscreen platform;
#   4. with the virtual microphone running (scripts/virtual-mic.sh), `practice --seconds 4`
#      records a sentence played into it and transcribes it.
# Env: SMOKE_GUI_SECONDS (8) how long the app must stay up; SMOKE_KEEP=1 keeps the work folder.
# Every run uses a fresh INTERVIEWER_HOME, never your own data. The network is switched off
# (`unshare -n`, when this user may) for steps 2 to 4: the app must not need it.
# Needs espeak-ng; step 3 uses scripts/with-display.sh (Xvfb, xdotool) when they are installed.
# Exit 0 when every check passed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
APP=$(cd "$ROOT" && realpath "${1:-dist/interviewer/interviewer}")
[ -x "$APP" ] || { echo "smoke: $APP not found; run packaging/build.sh first" >&2; exit 1; }
VERSION=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$ROOT/pyproject.toml" | head -n1)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/interviewer-smoke.XXXXXX")
if [ "${SMOKE_KEEP:-0}" = 1 ]; then echo "smoke: keeping $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi
export INTERVIEWER_HOME="$WORK/home"
unset INTERVIEWER_DATA_DIR INTERVIEWER_CONFIG_DIR INTERVIEWER_CACHE_DIR
failures=0
pass() { echo "smoke: PASS $*"; }
fail() { echo "smoke: FAIL $*" >&2; failures=$((failures + 1)); }
no_traceback() { ! grep -q "Traceback" "$1"; }

OFFLINE=()
if command -v unshare >/dev/null && unshare -n true 2>/dev/null; then OFFLINE=(unshare -n)
elif command -v unshare >/dev/null && unshare -rn true 2>/dev/null; then OFFLINE=(unshare -rn); fi
if [ ${#OFFLINE[@]} -gt 0 ]; then NET="off (${OFFLINE[*]})"; else NET="not isolated (unshare -n is not allowed here)"; fi
echo "smoke: $APP; network $NET"

# -- 1. version and bundled data ------------------------------------------------------------
out=$("$APP" --version 2>&1) || true
if [ "$out" = "interviewer-app $VERSION" ]; then pass "--version: $out"; else fail "--version printed '$out', expected 'interviewer-app $VERSION'"; fi
n=$("$APP" prompts --json 2>"$WORK/prompts.err" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo 0)
if [ "$n" -gt 0 ]; then pass "prompts --json: $n bundled prompts"; else fail "prompts --json listed none: $(tail -n3 "$WORK/prompts.err")"; fi

# -- 2. analyze a spoken answer with the bundled model ----------------------------------------
command -v espeak-ng >/dev/null || { echo "smoke: espeak-ng is needed to make the sample answer" >&2; exit 1; }
espeak-ng -v en-us -s 165 -w "$WORK/answer.wav" \
  "The goal here is to bring onboarding completion back up. I will assume six weeks and one squad. First I would map the funnel step by step."
start=$(date +%s)
if "${OFFLINE[@]}" "$APP" analyze "$WORK/answer.wav" --prompt onboarding-drop-after-redesign --budget 60 --json \
     >"$WORK/analyze.json" 2>"$WORK/analyze.err"; then
  if python3 - "$WORK/analyze.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
text = d["transcript"].strip()
assert text, "empty transcript"
assert d["model"] == "tiny.en", d["model"]
words = set(text.lower().replace(",", " ").replace(".", " ").split())
assert {"goal", "onboarding", "weeks"} <= words, f"expected words missing from: {text}"
print(f"{len(text.split())} words, model {d['model']}: {text[:70]}...")
EOF
  then pass "analyze --json in $(( $(date +%s) - start ))s"; else fail "analyze JSON: $(head -c 400 "$WORK/analyze.json")"; fi
else
  fail "analyze exited non-zero: $(tail -n5 "$WORK/analyze.err")"
fi
no_traceback "$WORK/analyze.err" || fail "analyze printed a traceback"

# -- 2b. the playback worker (the review plays recordings in this child process) -------------
if python3 - "$APP" "$WORK/answer.wav" >"$WORK/worker.out" 2>"$WORK/worker.err" <<'EOF'
import json, queue, subprocess, sys, threading
proc = subprocess.Popen([sys.argv[1], "--playback-worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
lines = queue.Queue()
threading.Thread(target=lambda: [lines.put(json.loads(l)) for l in proc.stdout], daemon=True).start()
def ack(n):
    while True:
        m = lines.get(timeout=30)
        if m.get("ack") == n:
            return m
proc.stdin.write(json.dumps({"id": 1, "cmd": "play", "file": sys.argv[2], "start": 0, "end": 300}) + "\n")
proc.stdin.write(json.dumps({"id": 2, "cmd": "stop"}) + "\n")
proc.stdin.flush()
played, stopped = ack(1), ack(2)  # played may report no audio device: the worker still answers
proc.stdin.close()
assert proc.wait(10) == 0 and stopped["state"] == "stopped", stopped
print(f"play: {played}; stop: {stopped}")
EOF
then pass "playback worker: $(cat "$WORK/worker.out")"; else fail "playback worker: $(tail -n3 "$WORK/worker.err")"; fi

# -- 3. the desktop app ------------------------------------------------------------------------
GUI_SECONDS=${SMOKE_GUI_SECONDS:-8}
# runs inside with-display.sh (a fresh Xvfb); a file, not a function: xvfb-run's /bin/sh drops
# exported bash functions
cat >"$WORK/gui_xcb.sh" <<'EOF'
set -u
read -r -a OFFLINE <<<"$OFFLINE_CMD"
"${OFFLINE[@]}" "$APP" >"$WORK/gui.out" 2>"$WORK/gui.err" &
pid=$! main="" welcome=""
for i in $(seq 1 $((GUI_SECONDS * 4))); do
  kill -0 "$pid" 2>/dev/null || break
  [ -n "$main" ] || main=$(xdotool search --onlyvisible --name "^Interviewer — " 2>/dev/null | head -n1 || true)
  [ -n "$welcome" ] || welcome=$(xdotool search --onlyvisible --name "^Welcome to Interviewer" 2>/dev/null | head -n1 || true)
  sleep 0.25
done
alive=0
kill -0 "$pid" 2>/dev/null && alive=1
[ -z "$main" ] || bash "$ROOT/scripts/screenshot.sh" "$WORK/gui.png" >/dev/null 2>&1 || true
[ -z "$main" ] || xdotool getwindowclassname "$main" >"$WORK/gui.class" 2>/dev/null || true
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
echo "alive=$alive main=${main:+yes} welcome=${welcome:+yes}" >"$WORK/gui.result"
EOF
export APP WORK ROOT GUI_SECONDS
export OFFLINE_CMD="${OFFLINE[*]}"

if command -v xvfb-run >/dev/null && command -v xdotool >/dev/null; then
  WITH_DISPLAY_NO_MIC=1 QT_QPA_PLATFORM=xcb bash "$ROOT/scripts/with-display.sh" \
    bash "$WORK/gui_xcb.sh" || true
  result=$(cat "$WORK/gui.result" 2>/dev/null || echo "no result")
  if [ "$result" = "alive=1 main=yes welcome=yes" ] && no_traceback "$WORK/gui.err"; then
    pass "desktop app on xcb: main window and welcome shown, up for ${GUI_SECONDS}s, no traceback"
    mkdir -p "$ROOT/dist" && cp "$WORK/gui.png" "$ROOT/dist/smoke-gui.png" 2>/dev/null \
      && echo "smoke: screenshot in dist/smoke-gui.png"
  else
    fail "desktop app on xcb: $result; stderr: $(tail -n8 "$WORK/gui.err")"
  fi
else
  echo "smoke: skipping the xcb run (install xvfb and xdotool: scripts/install-system-deps.sh --test)"
fi

rc=0
QT_QPA_PLATFORM=offscreen timeout "$GUI_SECONDS" "${OFFLINE[@]}" "$APP" >"$WORK/off.out" 2>"$WORK/off.err" || rc=$?
if [ "$rc" = 124 ] && no_traceback "$WORK/off.err"; then
  pass "desktop app on offscreen: up for ${GUI_SECONDS}s, no traceback"
else
  fail "desktop app on offscreen: exit $rc before ${GUI_SECONDS}s; stderr: $(tail -n8 "$WORK/off.err")"
fi

# -- 4. the microphone, when the virtual one is running (scripts/virtual-mic.sh start) -----------
if [ -n "${PULSE_SERVER:-}" ] && bash "$ROOT/scripts/virtual-mic.sh" status >/dev/null 2>&1; then
  espeak-ng -v en-us -s 165 -w "$WORK/mic.wav" "Testing my microphone for the interview."
  "${OFFLINE[@]}" "$APP" practice --seconds 4 --json >"$WORK/practice.json" 2>"$WORK/practice.err" &
  pid=$!
  for _ in $(seq 1 80); do grep -q "recording" "$WORK/practice.err" 2>/dev/null && break; sleep 0.25; done
  bash "$ROOT/scripts/play-into-mic.sh" "$WORK/mic.wav"
  prc=0; wait "$pid" || prc=$?
  heard=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["transcript"])' "$WORK/practice.json" 2>/dev/null || true)
  if [ "$prc" = 0 ] && [[ "${heard,,}" == *microphone* ]]; then pass "practice recorded the virtual microphone: $heard"
  else fail "practice (exit $prc) heard '$heard': $(tail -n3 "$WORK/practice.err")"; fi
else
  echo "smoke: skipping the microphone check (no virtual microphone: scripts/virtual-mic.sh start; . /tmp/virtual-mic/env)"
fi

if [ "$failures" -eq 0 ]; then echo "smoke: all checks passed"; else echo "smoke: $failures check(s) failed" >&2; fi
exit $((failures > 0))
