#!/usr/bin/env bash
# run-app.sh [ARGS...] - install what Interviewer needs (system packages, .venv) and run it.
# No ARGS opens the desktop app; otherwise ARGS go to the CLI, e.g.
#   bash scripts/run-app.sh analyze my-answer.wav --company amazon
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
APT_DEPS_QUIET=1 bash "$ROOT/scripts/install-system-deps.sh"
VENV=$(bash "$ROOT/scripts/ensure-venv.sh")
exec "$VENV/bin/interviewer-app" "$@"
