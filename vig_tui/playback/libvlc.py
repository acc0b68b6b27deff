"""libVLC itself: loading python-vlc, the process's one instance, and its arguments.

This is the only module in vig that imports ``vlc``, and it does so lazily (in
:func:`load_vlc`), so importing it costs nothing on a machine without libVLC.

* One libVLC instance per process (:func:`get_instance`), created on first use.
* :func:`instance_args` is the one place the instance's arguments are made:
  vig's own, the user's ``VIG_VLC_ARGS``, and — when :func:`display_hint` finds
  no screen to open a film window on — the arguments that keep libVLC from trying.
"""

from __future__ import annotations

import os
import shlex
import sys
import threading
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from vig_tui.playback.errors import NoDisplay, PlayerUnavailable

BASE_ARGS: tuple[str, ...] = ("--quiet", "--no-video-title-show")
ENV_ARGS = "VIG_VLC_ARGS"

#: Added when there is no screen to open a film window on: without them libVLC
#: falls back to drawing on the terminal (or crashes the whole process).
NO_SCREEN_ARGS: tuple[str, ...] = ("--vout=dummy", "--no-xlib")

_NO_PICTURE_ARGS = ("--vout=dummy", "--vout=none", "--novideo", "--no-video")

_lock = threading.Lock()
_vlc: ModuleType | None = None
_instance: Any = None


def load_vlc() -> ModuleType:
    """Import python-vlc, turning every platform's failure into PlayerUnavailable."""
    global _vlc
    if _vlc is not None:
        return _vlc
    try:
        import vlc
    except (ImportError, OSError, NotImplementedError, AttributeError) as exc:
        raise PlayerUnavailable(_short_reason(exc)) from exc
    module: ModuleType = vlc
    _vlc = module
    return module


def _chosen_args(env: Mapping[str, str]) -> list[str]:
    """vig's own arguments plus the user's VIG_VLC_ARGS."""
    return [*BASE_ARGS, *shlex.split(env.get(ENV_ARGS, ""))]


def instance_args(environ: Mapping[str, str] | None = None) -> list[str]:
    """The arguments every libVLC instance is made with: the one place they are made.
    With no screen to show a film on, libVLC is kept from trying."""
    env = os.environ if environ is None else environ
    args = _chosen_args(env)
    if display_hint(args, env) is not None:
        args += NO_SCREEN_ARGS
    return args


def get_instance() -> Any:
    """The process-wide libVLC instance, created on first call."""
    global _instance
    with _lock:
        if _instance is not None:
            return _instance
        vlc = load_vlc()
        try:
            instance = vlc.Instance(instance_args())
        except Exception as exc:  # python-vlc raises a bare NameError/OSError on odd builds
            raise PlayerUnavailable(_short_reason(exc)) from exc
        if instance is None:
            raise PlayerUnavailable("libVLC refused to start; check VIG_VLC_ARGS")
        _instance = instance
        return instance


def libvlc_version() -> str:
    """libVLC's version string, e.g. '3.0.21 Vetinari'. Raises PlayerUnavailable."""
    vlc = load_vlc()
    raw = vlc.libvlc_get_version()
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def display_hint(
    args: list[str] | None = None, environ: Mapping[str, str] | None = None
) -> NoDisplay | None:
    """NoDisplay when on X11/Wayland systems nothing can show a window, else None."""
    env = os.environ if environ is None else environ
    args = _chosen_args(env) if args is None else args
    if not (sys.platform.startswith("linux") or "bsd" in sys.platform):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return None if any(a in _NO_PICTURE_ARGS for a in args) else NoDisplay()


def _short_reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]
