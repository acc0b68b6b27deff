#!/usr/bin/env bash
# Set up vig in ./.venv: Python packages, plus libvlc from the system's
# package manager when this machine allows it. Safe to run again.
#   VIG_SETUP_EXTRAS=test   also install the test tools
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
venv="$here/.venv"
extras="${VIG_SETUP_EXTRAS:-}"

say() { printf 'vig setup: %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
    else return 1
    fi
}

apt_install() {
    # apt_install PKG... — install Debian/Ubuntu packages if we may.
    command -v apt-get >/dev/null 2>&1 || return 1
    if [ -z "${VIG_APT_UPDATED:-}" ]; then
        as_root apt-get update -qq >/dev/null || return 1
        export VIG_APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# 1. Python 3.11 or newer, with venv.
py="${PYTHON:-python3}"
if ! command -v "$py" >/dev/null 2>&1; then
    apt_install python3 python3-venv || { say "Python 3.11+ is needed: sudo apt install python3 python3-venv"; exit 1; }
fi
if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    say "vig needs Python 3.11 or newer; this is $("$py" --version 2>&1). Install a newer python3, or set PYTHON=/path/to/python3.11."
    exit 1
fi
if [ ! -x "$venv/bin/python" ]; then
    if ! "$py" -m venv "$venv" >/dev/null 2>&1; then
        rm -rf "$venv"
        pyver="$("$py" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
        apt_install "python${pyver}-venv" || apt_install python3-venv || {
            say "Python's venv module is missing. Run: sudo apt install python3-venv"; exit 1; }
        "$py" -m venv "$venv"
    fi
fi

# 2. vig itself (editable, so the checkout is what runs), with the exact
#    versions in requirements/*.txt (every file's hash checked), installed by
#    uv (itself locked); pyproject.toml keeps the ranges for pip users.
lock="requirements/app.txt"
[ -n "$extras" ] && lock="requirements/test.txt"
"$venv/bin/python" -m pip install -q --require-hashes --no-deps -r requirements/uv.txt
"$venv/bin/uv" pip install -q --python "$venv/bin/python" --require-hashes -r "$lock"
"$venv/bin/uv" pip install -q --python "$venv/bin/python" --no-deps --no-build-isolation -e .

# 3. libvlc for playback (the app still works for notes without it), with the
#    video output plugins: Debian's libvlc5 + vlc-plugin-base alone cannot open
#    a window on an X11/Wayland desktop.
vlc_packages="libvlc5 vlc-plugin-base vlc-plugin-video-output"
have_vout=""
for plugin in /usr/lib/*/vlc/plugins/video_output/lib{xcb_x11,gl,wl_shm}_plugin.so; do
    [ -e "$plugin" ] && have_vout=1
done
if ! "$venv/bin/python" -c 'import ctypes.util, sys; sys.exit(ctypes.util.find_library("vlc") is None)' \
    || { command -v apt-get >/dev/null 2>&1 && [ -z "$have_vout" ]; }; then
    # shellcheck disable=SC2086
    if apt_install $vlc_packages; then
        say "installed libvlc and its film window plugins (VLC's playback library)"
    elif command -v apt-get >/dev/null 2>&1; then
        say "to play clips in a window, install VLC's library: sudo apt install $vlc_packages"
    else
        say "to play clips, install VLC with your system's package manager: Fedora" \
            "'sudo dnf install vlc' (RPM Fusion), Arch 'sudo pacman -S vlc', macOS/Windows" \
            "the VLC app from https://www.videolan.org — then check with: vig doctor"
    fi
fi

# 4. Pango and a font for PDF exports (the outcome report); without them vig
#    writes print-ready HTML instead and says so.
if ! "$venv/bin/python" -c 'import weasyprint' >/dev/null 2>&1; then
    if apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; then
        say "installed Pango (for PDF exports)"
    else
        say "for PDF exports, install Pango: sudo apt install libpango-1.0-0 libpangoft2-1.0-0"
    fi
fi
