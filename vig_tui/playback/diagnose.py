"""Checks for ``vig doctor``: is libVLC there, and can a film window open?"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from vig_tui.playback.errors import PlayerUnavailable


@dataclass(frozen=True, slots=True)
class Check:
    ok: bool
    label: str
    detail: str


def check_libvlc() -> Check:
    """Loads libVLC and starts the shared instance (with VIG_VLC_ARGS applied)."""
    from vig_tui.playback import libvlc

    label = "VLC (libvlc) for playing films"
    try:
        version = libvlc.libvlc_version()
        libvlc.get_instance()
    except PlayerUnavailable as exc:
        cause = f" (cause: {exc.reason})" if exc.reason else ""
        return Check(False, label, f"{exc}{cause}")
    return Check(True, label, f"found libVLC {version}")


def check_display(environ: Mapping[str, str] | None = None) -> Check:
    """Is there a graphical display for VLC's window?"""
    from vig_tui.playback import libvlc

    env: Mapping[str, str] = os.environ if environ is None else environ
    label = "Display for the film window"
    hint = libvlc.display_hint(environ=env)
    if hint is not None:
        return Check(False, label, str(hint))
    args = libvlc.instance_args(env)
    if any(a in _NO_WINDOW_ARGS for a in args):
        return Check(True, label, "no window needed (video output set by VIG_VLC_ARGS)")
    if env.get("WAYLAND_DISPLAY"):
        where = f"Wayland display {env['WAYLAND_DISPLAY']}"
    elif env.get("DISPLAY"):
        where = f"X display {env['DISPLAY']}"
    else:
        return Check(True, label, "this system's own display")
    return check_window(label, where, env)


#: VIG_VLC_ARGS that mean no window is wanted (tests, headless machines).
_NO_WINDOW_ARGS = ("--vout=dummy", "--vout=none", "--vout=vdummy", "--novideo", "--no-video")


def check_window(label: str, where: str, env: Mapping[str, str]) -> Check:
    """Play the sample film briefly: does libVLC get a video output on this display?"""
    from vig_tui.playback.window import window_opens
    from vig_tui.resources import sample_film  # the film shipped with vig

    try:
        opens = window_opens(sample_film(), env)
    except PlayerUnavailable as exc:
        return Check(False, label, f"{where}, but libVLC could not start: {exc}")
    if opens:
        return Check(True, label, f"{where} (a film window opened)")
    problem = f"{where}, but VLC could not open a film window there."
    return Check(False, label, f"{problem} {INSTALL_VOUT}")


#: What to install when libVLC has no video output for the desktop.
INSTALL_VOUT = (
    "If the display itself works, install VLC's video output plugins: on Debian/Ubuntu "
    "'sudo apt install vlc-plugin-video-output'; on Fedora 'sudo dnf install vlc' "
    "(from RPM Fusion); on Arch 'sudo pacman -S vlc'; on macOS and Windows install the "
    "VLC app from videolan.org (it includes them)."
)


def run_all() -> list[Check]:
    return [check_libvlc(), check_display()]
