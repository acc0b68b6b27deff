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
    from vig_tui.playback import vlc_player

    label = "VLC (libvlc) for playing films"
    try:
        version = vlc_player.libvlc_version()
        vlc_player.get_instance()
    except PlayerUnavailable as exc:
        cause = f" (cause: {exc.reason})" if exc.reason else ""
        return Check(False, label, f"{exc}{cause}")
    return Check(True, label, f"found libVLC {version}")


def check_display(environ: Mapping[str, str] | None = None) -> Check:
    """Is there a graphical display for VLC's window?"""
    from vig_tui.playback import vlc_player

    env: Mapping[str, str] = os.environ if environ is None else environ
    label = "Display for the film window"
    hint = vlc_player.display_hint(environ=env)
    if hint is not None:
        return Check(False, label, str(hint))
    if env.get("WAYLAND_DISPLAY"):
        return Check(True, label, f"Wayland display {env['WAYLAND_DISPLAY']}")
    if env.get("DISPLAY"):
        return Check(True, label, f"X display {env['DISPLAY']}")
    args = vlc_player.instance_args(env)
    if any(a.startswith("--vout=") for a in args):
        return Check(True, label, "no window needed (video output set by VIG_VLC_ARGS)")
    return Check(True, label, "this system's own display")


def run_all() -> list[Check]:
    return [check_libvlc(), check_display()]
