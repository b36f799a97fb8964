#!/usr/bin/env bash
# ensure-venv.sh [EXTRAS] - create .venv (Python 3.11+) and install Interviewer into it, editable.
# EXTRAS: "test" adds the test tools. Re-running is cheap: pip skips what is installed.
# Env: PYTHON (interpreter to use, default python3), INTERVIEWER_VENV (default <repo>/.venv).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${INTERVIEWER_VENV:-$ROOT/.venv}
PY=${PYTHON:-python3}
EXTRAS=${1:-}

if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "ensure-venv: Interviewer needs Python 3.11 or newer; $PY is $("$PY" --version 2>&1)." >&2
  echo "ensure-venv: install python3.11 (Debian 12, Ubuntu 24.04 have it) and set PYTHON=python3.11" >&2
  exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "ensure-venv: creating $VENV" >&2
  "$PY" -m venv "$VENV"
fi
SPEC="$ROOT"
[ -n "$EXTRAS" ] && SPEC="$ROOT[$EXTRAS]"
"$VENV/bin/python" -m pip install --disable-pip-version-check -q -e "$SPEC"
echo "$VENV"
