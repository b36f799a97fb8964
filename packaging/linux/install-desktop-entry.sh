#!/usr/bin/env bash
# install-desktop-entry.sh [--exec COMMAND] [--uninstall]
#
# Put Interviewer in your desktop's application menu, for your user only (no root): the .desktop
# entry, the icons (hicolor theme, 16-512 px PNGs and the SVG) and the AppStream metainfo, under
# ${XDG_DATA_HOME:-~/.local/share}. --uninstall removes exactly those files again.
#
#   --exec COMMAND  what the menu entry starts. Default: `interviewer-app` from PATH (pipx or pip
#                   install), else this checkout's .venv/bin/interviewer-app. For the built
#                   bundle: --exec /path/to/dist/interviewer/interviewer
# The entry gets the command's absolute path, because a desktop session's PATH often lacks
# ~/.local/bin. Your recordings and settings are not touched by either direction.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ID=io.github.interviewer.Interviewer
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
SIZES=(16 24 32 48 64 128 256 512)
EXEC=""
MODE=install
while [ $# -gt 0 ]; do
  case "$1" in
    --exec) [ $# -ge 2 ] || { echo "install-desktop-entry: --exec needs a command" >&2; exit 2; }; EXEC=$2; shift ;;
    --uninstall) MODE=uninstall ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) echo "install-desktop-entry: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

files=("$DATA/applications/$ID.desktop" "$DATA/metainfo/$ID.metainfo.xml"
       "$DATA/icons/hicolor/scalable/apps/$ID.svg")
for s in "${SIZES[@]}"; do files+=("$DATA/icons/hicolor/${s}x${s}/apps/$ID.png"); done

refresh_caches() {
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" 2>/dev/null || true
  touch "$DATA/icons/hicolor" 2>/dev/null || true  # a newer folder tells icon loaders to look again
  if [ -f "$DATA/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -f -t "$DATA/icons/hicolor" 2>/dev/null || true  # a stale cache hides new icons
  fi
}

if [ "$MODE" = uninstall ]; then
  removed=0
  for f in "${files[@]}"; do
    if [ -e "$f" ]; then rm -f "$f"; removed=$((removed + 1)); fi
  done
  refresh_caches
  echo "install-desktop-entry: removed $removed file(s) from $DATA"
  echo "install-desktop-entry: your data is kept; see README.md, \"Uninstall\", to remove it too"
  exit 0
fi

if [ -z "$EXEC" ]; then
  EXEC=$(command -v interviewer-app || true)
  [ -n "$EXEC" ] || { [ -x "$ROOT/.venv/bin/interviewer-app" ] && EXEC="$ROOT/.venv/bin/interviewer-app"; } || true
  [ -n "$EXEC" ] || { echo "install-desktop-entry: interviewer-app not found on PATH; install it first" \
                          "(pipx install .) or pass --exec COMMAND" >&2; exit 1; }
fi
case "$EXEC" in */*) EXEC=$(realpath -s "$EXEC") ;; *) EXEC=$(command -v "$EXEC" || echo "$EXEC") ;; esac
[ -x "$EXEC" ] || { echo "install-desktop-entry: $EXEC is not an executable" >&2; exit 1; }
# Desktop Entry spec: an Exec argument with spaces or " ` $ \ is quoted, those four characters are
# backslash-escaped inside the quotes, and the string rule then doubles every backslash
quoted=$EXEC
if [[ "$EXEC" =~ [[:space:]\"\`\$\\] ]]; then
  bs='\'
  quoted=${EXEC//"$bs"/"$bs$bs$bs$bs"}
  for c in '"' '`' '$'; do quoted=${quoted//"$c"/"$bs$bs$c"}; done
  quoted="\"$quoted\""
fi

mkdir -p "$DATA/applications" "$DATA/metainfo" "$DATA/icons/hicolor/scalable/apps"
while IFS= read -r line; do
  case "$line" in
    Exec=*) printf 'Exec=%s\n' "$quoted" ;;
    TryExec=*) printf 'TryExec=%s\n' "${EXEC//\\/\\\\}" ;;
    *) printf '%s\n' "$line" ;;
  esac
done <"$HERE/$ID.desktop" >"$DATA/applications/$ID.desktop.part"
mv "$DATA/applications/$ID.desktop.part" "$DATA/applications/$ID.desktop"
cp "$HERE/$ID.metainfo.xml" "$DATA/metainfo/$ID.metainfo.xml"
cp "$ROOT/assets/icons/interviewer.svg" "$DATA/icons/hicolor/scalable/apps/$ID.svg"
for s in "${SIZES[@]}"; do
  mkdir -p "$DATA/icons/hicolor/${s}x${s}/apps"
  cp "$ROOT/assets/icons/interviewer-$s.png" "$DATA/icons/hicolor/${s}x${s}/apps/$ID.png"
done
refresh_caches
echo "install-desktop-entry: installed $ID into $DATA (menu entry runs $EXEC)"
echo "install-desktop-entry: remove it with: bash $0 --uninstall"
