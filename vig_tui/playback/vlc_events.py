"""libVLC's event callbacks for one media player.

libVLC runs these callbacks on its own event thread. Each one only builds a
:class:`~vig_tui.playback.player.PlayerEvent` and hands it on: none calls libVLC
and none touches the player's state, which belongs to the main thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from vig_tui.playback.errors import CannotDecode
from vig_tui.playback.player import EventKind, PlayerEvent

log = logging.getLogger(__name__)


class VlcCallbacks:
    """Attaches to a media player's events and passes each one to ``emit``."""

    def __init__(
        self,
        vlc: ModuleType,
        media_player: Any,
        emit: Callable[[PlayerEvent], None],
        film: Callable[[], Path | None],
    ) -> None:
        self._mp = media_player
        self._emit = emit
        self._film = film
        self._attached: list[Any] = []
        events = vlc.EventType
        self._attach(events.MediaPlayerPlaying, self._playing)
        self._attach(events.MediaPlayerPaused, self._paused)
        self._attach(events.MediaPlayerEncounteredError, self._error)
        self._attach(events.MediaPlayerTimeChanged, self._time)

    def detach(self) -> None:
        """Stop listening (best effort: it runs while shutting down)."""
        manager = self._mp.event_manager()
        for event_type in self._attached:
            try:
                manager.event_detach(event_type)
            except Exception:  # detaching is best effort while shutting down
                log.debug("event_detach failed", exc_info=True)
        self._attached.clear()

    def _attach(self, event_type: Any, callback: Callable[[Any], None]) -> None:
        self._mp.event_manager().event_attach(event_type, callback)
        self._attached.append(event_type)

    def _playing(self, _event: Any) -> None:
        self._emit(PlayerEvent(EventKind.PLAYING))

    def _paused(self, _event: Any) -> None:
        self._emit(PlayerEvent(EventKind.PAUSED))

    def _error(self, _event: Any) -> None:
        self._emit(
            PlayerEvent(EventKind.ERROR, error=CannotDecode(self._film(), "VLC reported an error"))
        )

    def _time(self, event: Any) -> None:
        try:
            new_time = int(event.u.new_time)
        except (AttributeError, TypeError, ValueError):
            return
        self._emit(PlayerEvent(EventKind.TIME, position_ms=new_time))
