"""Film playback: a narrow Player interface, a libVLC player, and film helpers.

Nothing here imports Textual, Rich or TinyDB, and only
:mod:`vig_tui.playback.libvlc` imports ``vlc`` (lazily).

Typical use from the UI (main thread)::

    try:
        player = create_player(on_event)
    except PlayerUnavailable as exc:
        player = UnavailablePlayer(exc)   # screens still open; notes still work
"""

from __future__ import annotations

from vig_tui.playback.clips import ClipDraft, ClipInvalid, format_ms
from vig_tui.playback.errors import (
    CannotDecode,
    FilmMissing,
    FilmUnreadable,
    NoDisplay,
    PlaybackError,
    PlayerUnavailable,
    SnapshotFailed,
)
from vig_tui.playback.films import (
    FilmCheck,
    FilmStatus,
    check_film,
    film_problem,
    find_film,
    fingerprint,
)
from vig_tui.playback.player import (
    RATES,
    Clip,
    EventKind,
    EventSink,
    Player,
    PlayerEvent,
    PlayerState,
    UnavailablePlayer,
    next_rate,
)


def create_player(on_event: EventSink | None = None) -> Player:
    """A libVLC-backed player. Raises PlayerUnavailable when libVLC cannot be loaded."""
    from vig_tui.playback.vlc_player import VlcPlayer

    return VlcPlayer(on_event)


def create_player_or_placeholder(on_event: EventSink | None = None) -> Player:
    """Like :func:`create_player`, but returns an UnavailablePlayer instead of raising."""
    try:
        return create_player(on_event)
    except PlayerUnavailable as exc:
        return UnavailablePlayer(exc)


__all__ = [
    "RATES",
    "CannotDecode",
    "Clip",
    "ClipDraft",
    "ClipInvalid",
    "EventKind",
    "EventSink",
    "FilmCheck",
    "FilmMissing",
    "FilmStatus",
    "FilmUnreadable",
    "NoDisplay",
    "PlaybackError",
    "Player",
    "PlayerEvent",
    "PlayerState",
    "PlayerUnavailable",
    "SnapshotFailed",
    "UnavailablePlayer",
    "check_film",
    "create_player",
    "create_player_or_placeholder",
    "film_problem",
    "find_film",
    "fingerprint",
    "format_ms",
    "next_rate",
]
