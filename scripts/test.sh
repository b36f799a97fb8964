#!/usr/bin/env bash
# test.sh [PYTEST ARGS...] - install everything the tests need and run the whole suite:
# system packages, .venv with the test extras, the linter (ruff), speech fixtures (espeak-ng), a private PulseAudio
# virtual microphone, and a virtual X display. Exit status is pytest's; "no tests ran" (5) fails.
# A full run (no PYTEST ARGS) then builds the desktop bundle and smoke-tests it (about 2 min;
# INTERVIEWER_SKIP_BUNDLE=1 skips that).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
APT_DEPS_QUIET=1 bash scripts/install-system-deps.sh --test
VENV=$(bash scripts/ensure-venv.sh test)

# the linter first: seconds, and a red lint is a red run (config in pyproject.toml)
"$VENV/bin/ruff" check --quiet interviewer_app evaluation tests scripts benchmarks packaging

bash scripts/virtual-mic.sh start >/dev/null
# shellcheck disable=SC1091
. "${VIRTUAL_MIC_DIR:-/tmp/virtual-mic}/env"
trap 'bash scripts/virtual-mic.sh stop 2>/dev/null || true' EXIT

export QT_LOGGING_RULES="qt.multimedia.symbolsresolver=false"
set +e
WITH_DISPLAY_NO_MIC=1 bash scripts/with-display.sh "$VENV/bin/python" -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "test.sh: pytest collected no tests; that is a failure" >&2
  exit 1
fi
if [ "$rc" -eq 0 ] && [ $# -eq 0 ] && [ "${INTERVIEWER_SKIP_BUNDLE:-0}" != 1 ]; then
  echo "test.sh: building the desktop bundle and smoke-testing it"
  INTERVIEWER_VENV="$VENV" bash packaging/build.sh
  bash packaging/smoke_test.sh
fi
exit "$rc"
