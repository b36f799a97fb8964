#!/usr/bin/env bash
# install-system-deps.sh [--test] - install the Debian/Ubuntu packages Interviewer needs.
#
#   (no flag)  what the app needs to run: PortAudio (microphone), Qt's xcb
#              libraries, fonts, espeak-ng + speech-dispatcher (prompt voice).
#   --test     also what the test suite needs: a private PulseAudio server for
#              the virtual microphone, Xvfb, sox, xdotool, imagemagick, strace.
#
# Idempotent. When everything is installed: one dpkg-query, no network, no root.
# Otherwise `apt-get update` only when the package lists are missing or stale,
# then `apt-get install -y --no-install-recommends` of the missing packages.
# Env: APT_DEPS_EXTRA="pkg ..." adds packages; APT_DEPS_MAX_AGE_H (24) list age;
#      APT_DEPS_QUIET=1 prints nothing on the fast path.
# Exit 0 only when every package is installed afterwards.
set -euo pipefail

WANT_TEST=0
for a in "$@"; do
  case "$a" in
    --test) WANT_TEST=1 ;;
    -h|--help) sed -n 2,14p "$0"; exit 0 ;;
    *) echo "install-system-deps: unknown option $a (use --test or nothing)" >&2; exit 2 ;;
  esac
done

PKGS=(
  # microphone (sounddevice -> PortAudio -> ALSA/PulseAudio/PipeWire)
  libportaudio2 libasound2 libasound2-plugins libpulse0
  # prompt voice: espeak-ng directly, and speech-dispatcher for QTextToSpeech
  espeak-ng speech-dispatcher speech-dispatcher-espeak-ng libspeechd2
  # Qt6 (PySide6 wheels) runtime libraries for the xcb platform
  libgl1 libegl1 libopengl0 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb1 libxcb-cursor0
  libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render0
  libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-xfixes0 libxcb-xkb1
  libxcb-sync1 libxcb-xinerama0 libxcb-xinput0 libxrender1 libxext6 libsm6 libice6
  fonts-dejavu-core libgl1-mesa-dri libglx-mesa0 libegl-mesa0
  # python venv support (Debian/Ubuntu split it out of python3)
  python3-venv
)
if [ "$WANT_TEST" = 1 ]; then
  PKGS+=(
    # virtual microphone: private PulseAudio server fed from WAV files
    pulseaudio pulseaudio-utils alsa-utils
    # test audio: speech synthesis to files, conversion, measurement
    sox libsox-fmt-all ffmpeg
    # virtual display, input driving, screenshots, PDF to PNG
    xvfb xauth xdotool imagemagick poppler-utils
    # validators for the Linux desktop entry and AppStream metainfo (packaging/linux)
    desktop-file-utils appstream
    # tests/e2e/test_no_telemetry.py: proves no native library opens a network connection
    strace
  )
fi
# shellcheck disable=SC2206
[ -n "${APT_DEPS_EXTRA:-}" ] && PKGS+=(${APT_DEPS_EXTRA})

missing_pkgs() {
  local installed
  installed=$(dpkg-query -W -f='${Status} ${Package}\n' "${PKGS[@]}" 2>/dev/null \
              | awk '$3=="installed"{print $4}' | sort -u || true)
  local p
  for p in "${PKGS[@]}"; do
    grep -qxF "$p" <<<"$installed" || echo "$p"
  done
}

mapfile -t MISSING < <(missing_pkgs)
if [ "${#MISSING[@]}" -eq 0 ]; then
  [ "${APT_DEPS_QUIET:-0}" = 1 ] || echo "install-system-deps: all ${#PKGS[@]} packages already installed"
  exit 0
fi
echo "install-system-deps: missing: ${MISSING[*]}"

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); else
    echo "install-system-deps: not root and no sudo; cannot install" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
APT=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)

lists_stale() {
  local max_age_min=$(( ${APT_DEPS_MAX_AGE_H:-24} * 60 ))
  # no package index at all
  compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null || return 0
  # last `apt-get update`: apt stamps the list files with the server's date,
  # but rewrites lists/partial/ on every update, so its mtime is the run time
  [ -d /var/lib/apt/lists/partial ] || return 0
  [ -z "$(find /var/lib/apt/lists/partial -maxdepth 0 -mmin -"$max_age_min" -print)" ] && return 0
  # a wanted package has no install candidate in the current lists
  local p
  for p in "${MISSING[@]}"; do
    local pol; pol=$(apt-cache policy "$p" 2>/dev/null || true)
    grep -q 'Candidate: [^(]' <<<"$pol" || return 0
  done
  return 1
}

if lists_stale; then
  echo "install-system-deps: package lists missing or stale -> apt-get update"
  "${APT[@]}" update
  UPDATED=1
else
  UPDATED=0
fi

install() {
  "${APT[@]}" install -y --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${MISSING[@]}"
}
if ! install; then
  if [ "$UPDATED" = 0 ]; then
    echo "install-system-deps: install failed; retrying after apt-get update" >&2
    "${APT[@]}" update
    install
  else
    exit 1
  fi
fi

mapfile -t STILL < <(missing_pkgs)
if [ "${#STILL[@]}" -ne 0 ]; then
  echo "install-system-deps: still missing after install: ${STILL[*]}" >&2
  exit 1
fi
echo "install-system-deps: done (${#PKGS[@]} packages present)"
