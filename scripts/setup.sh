#!/usr/bin/env bash
# One-time set-up used by `make demo` and `make test` on a fresh Debian 12 / Ubuntu machine:
#  1. the system libraries Qt needs offscreen and on a real display (xcb), fonts, zbar (barcode
#     read-back in the tests), Xvfb and xdotool (the UI walk), gettext (msgfmt), PostgreSQL (the
#     server tests' second engine);
#  2. a virtual environment in .venv with the project and its dev tools.
# As root it installs what is missing with apt; otherwise it prints the exact apt line and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

# --- 1. system libraries ------------------------------------------------------------------------
# library file -> Debian package that ships it
declare -A NEED=(
  [libglib-2.0.so.0]=libglib2.0-0 [libGL.so.1]=libgl1 [libEGL.so.1]=libegl1
  [libxkbcommon.so.0]=libxkbcommon0 [libfontconfig.so.1]=libfontconfig1 [libdbus-1.so.3]=libdbus-1-3
  [libzbar.so.0]=libzbar0
  # Pillow's raqm text layout loads FriBiDi at run time: without it Arabic and Hebrew slip lines print
  # unshaped and left to right (drivers/printers/raster_text.py)
  [libfribidi.so.0]=libfribidi0
  # Qt's xcb platform plugin (a real display: `make demo`). Qt's own error names libxcb-cursor0
  # whichever is missing; `ldd .venv/lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so`
  # tells the truth.
  [libxcb-cursor.so.0]=libxcb-cursor0 [libxcb-icccm.so.4]=libxcb-icccm4
  [libxcb-keysyms.so.1]=libxcb-keysyms1 [libxcb-image.so.0]=libxcb-image0
  [libxcb-render-util.so.0]=libxcb-render-util0 [libxcb-shape.so.0]=libxcb-shape0
  [libxcb-xinerama.so.0]=libxcb-xinerama0 [libxkbcommon-x11.so.0]=libxkbcommon-x11-0
)
# programs -> package: a virtual display, real key presses and screenshots (ImageMagick's import) for
# the UI walk in the tests (tests/e2e), and
# GNU gettext's msgfmt (the core's Polish catalogue, pos_client/i18n.py), and
# Debian's chromium, the headless browser Playwright drives in the web back office's test, and
# fontconfig's fc-match, the slip tests' oracle for which font has a script (test_any_script.py)
declare -A TOOLS=([Xvfb]=xvfb [xdotool]=xdotool [import]=imagemagick [msgfmt]=gettext [chromium]=chromium
  [fc-match]=fontconfig)
missing=()
for lib in "${!NEED[@]}"; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || missing+=("${NEED[$lib]}")
done
for tool in "${!TOOLS[@]}"; do
  command -v "$tool" >/dev/null || missing+=("${TOOLS[$tool]}")
done
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# Slips print any script (drivers/printers/fontconfig.py finds the font for each letter): DejaVu has
# Latin, Greek, Cyrillic, Hebrew and Arabic; WenQuanYi Zen Hei has Chinese, Japanese and Korean.
# (Noto would cover more scripts, but fonts-noto-core makes Noto Sans the system's sans-serif and so
# changes the app's look.)
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
# The keyboard layouts (XKB data) the wedge-scanner tests check drivers/scanners/wedge_layouts.py against
[ -d /usr/share/X11/xkb/symbols ] || missing+=(xkb-data)
# PostgreSQL's server programs (initdb, pg_ctl): the server tests also run on a throw-away cluster
# (tests/fixtures/postgres.py); Debian keeps them under /usr/lib/postgresql/<version>/bin
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
"$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "setup: these system packages are missing: ${missing[*]}" >&2
    echo "setup: install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# --- 2. the virtual environment -----------------------------------------------------------------
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "setup: Python 3.11 or newer is needed ($("$PYTHON" --version 2>&1) found)" >&2; exit 1; }
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e '.[dev]'
touch "$VENV/.installed"
echo "setup: ready ($("$VENV/bin/python" --version), $VENV)"
