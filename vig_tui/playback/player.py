"""The narrow player interface the UI talks to, and the values it exchanges.

Threading contract
------------------
* Every method of a :class:`Player` is called from the application's main thread
  only (libVLC is not re-entrant).
* The UI calls :meth:`Player.tick` about ten times a second (e.g. from Textual's
  ``set_interval(0.1, ...)``). ``tick`` watches the clock: it ends or loops a clip,
  notices the end of the film and reports a film that never starts.
* Events reach the UI through the *sink* given at construction (or later with
  :meth:`Player.set_event_sink`). A real player may call the sink from a
  background thread, so the sink must be thread-safe and must not call back into
  the player. In Textual, a sink that calls ``widget.post_message`` is right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol, runtime_checkable

from vig_tui.playback.errors import PlaybackError, PlayerUnavailable

#: The speeds offered to families: normal, half and quarter speed.
RATES: tuple[float, ...] = (1.0, 0.5, 0.25)

#: One frame at 25 fps; used when a film does not tell us its frame rate.
DEFAULT_FRAME_MS = 40


class PlayerState(StrEnum):
    """What the player is doing, as the UI should describe it."""

    EMPTY = "empty"  # no film open
    READY = "ready"  # film open, nothing playing yet
    OPENING = "opening"  # asked to play, not yet showing pictures
    PLAYING = "playing"
    PAUSED = "paused"
    CLIP_ENDED = "clip-ended"  # stopped on the last frame of the clip
    FILM_ENDED = "film-ended"
    ERROR = "error"


class EventKind(StrEnum):
    PLAYING = "playing"
    PAUSED = "paused"
    CLIP_ENDED = "clip-ended"
    LOOPED = "looped"
    END_OF_FILM = "end-of-film"
    ERROR = "error"
    #: VLC's own (coarse) time report. Frequent; UIs should let newer ticks replace older.
    TIME = "time"


@dataclass(frozen=True, slots=True)
class PlayerEvent:
    kind: EventKind
    position_ms: int | None = None
    error: PlaybackError | None = None


EventSink = Callable[[PlayerEvent], None]


@dataclass(frozen=True, slots=True)
class Clip:
    """The stretch of film being played. ``end_ms`` is ``None`` for 'to the end'."""

    start_ms: int
    end_ms: int | None


class PlayerSettings:
    """What every player keeps the same way: the event sink, the film, the clip,
    loop, rate, frame length and hint. Backends set these attributes; the
    read-only views of them live here once."""

    _sink: EventSink | None
    _film: Path | None
    _frame_ms: int
    _clip: Clip | None
    _loop: bool
    _rate: float
    _hint: PlaybackError | None

    def set_event_sink(self, sink: EventSink | None) -> None:
        self._sink = sink

    @property
    def film_path(self) -> Path | None:
        return self._film

    @property
    def frame_ms(self) -> int:
        return self._frame_ms

    @property
    def clip(self) -> Clip | None:
        return self._clip

    @property
    def loop(self) -> bool:
        return self._loop

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def hint(self) -> PlaybackError | None:
        return self._hint

    def _begin_clip(self, clip: Clip) -> None:
        """A different clip starts at normal speed and without looping, so one
        family's (or one moment's) settings never carry over to the next."""
        if clip != self._clip:
            self._loop = False
            self._rate = 1.0
        self._clip = clip


@runtime_checkable
class Player(Protocol):
    """Remote control for one film at a time. All times are integer milliseconds."""

    # --- set-up -------------------------------------------------------------
    def set_event_sink(self, sink: EventSink | None) -> None:
        """Send future events to ``sink`` (``None`` drops them)."""

    def open(self, film_path: Path) -> None:
        """Load a film, ready to play. Raises FilmMissing, FilmUnreadable or CannotDecode."""

    def close(self) -> None:
        """Stop and let go of the film and its window. Safe to call twice."""

    # --- what is happening ----------------------------------------------------
    @property
    def film_path(self) -> Path | None: ...

    @property
    def state(self) -> PlayerState: ...

    @property
    def length_ms(self) -> int:
        """Length of the open film (0 when unknown)."""
        ...

    @property
    def frame_ms(self) -> int:
        """Duration of one frame of the open film."""
        ...

    @property
    def clip(self) -> Clip | None:
        """The clip being played, if any."""
        ...

    @property
    def loop(self) -> bool: ...

    @property
    def rate(self) -> float: ...

    @property
    def hint(self) -> PlaybackError | None:
        """A non-fatal warning to show (e.g. no display found), else None."""
        ...

    def position_ms(self) -> int:
        """Current position, smoothed between the backend's coarse reports."""
        ...

    def tick(self) -> None:
        """Call about every 0.1 s from the main thread: ends, loops, notices errors."""

    # --- controls -----------------------------------------------------------
    def play_clip(self, start_ms: int, end_ms: int | None = None) -> None:
        """Play from ``start_ms`` until ``end_ms`` (or the end of the film).

        Seeks and jumps then stay inside the clip; loop and replay use it.
        """

    def play_film(self, start_ms: int = 0, *, paused: bool = False) -> None:
        """Play the whole film from ``start_ms`` (no clip), or show that frame paused."""

    def play(self) -> None:
        """Resume; after a clip has ended, play it again; with nothing started, play the film."""

    def pause(self) -> None: ...

    def toggle(self) -> None:
        """Pause when playing, otherwise :meth:`play`."""

    def replay(self) -> None:
        """Start the current clip again (or the film from the start)."""

    def set_loop(self, on: bool) -> None: ...

    def set_rate(self, rate: float) -> None:
        """One of :data:`RATES`; other values raise ValueError."""

    def seek(self, position_ms: int) -> None:
        """Go to a position (kept inside the current clip)."""

    def jump(self, delta_ms: int) -> None:
        """Move by ``delta_ms`` (negative for back), kept inside the current clip."""

    def step_forward(self) -> None:
        """Pause and show the next frame."""

    def step_back(self) -> None:
        """Pause and go back about one frame (by time; not frame-exact)."""

    def freeze(self) -> None:
        """Pause on the current frame."""

    def snapshot(self, dest: Path) -> Path:
        """Save the current picture as a PNG at ``dest`` and return the path written."""
        ...


class UnavailablePlayer:
    """A stand-in used when libVLC cannot be loaded.

    It behaves like a player with no film: every control is a no-op, and
    :meth:`open` raises the original :class:`PlayerUnavailable`, so screens open
    normally, show the message, and note-taking carries on.
    """

    def __init__(self, error: PlayerUnavailable) -> None:
        self.error = error

    def set_event_sink(self, sink: EventSink | None) -> None:
        pass

    def open(self, film_path: Path) -> None:
        raise self.error

    def close(self) -> None:
        pass

    @property
    def film_path(self) -> Path | None:
        return None

    @property
    def state(self) -> PlayerState:
        return PlayerState.EMPTY

    @property
    def length_ms(self) -> int:
        return 0

    @property
    def frame_ms(self) -> int:
        return DEFAULT_FRAME_MS

    @property
    def clip(self) -> Clip | None:
        return None

    @property
    def loop(self) -> bool:
        return False

    @property
    def rate(self) -> float:
        return 1.0

    @property
    def hint(self) -> PlaybackError | None:
        return self.error

    def position_ms(self) -> int:
        return 0

    def tick(self) -> None:
        pass

    def play_clip(self, start_ms: int, end_ms: int | None = None) -> None:
        pass

    def play_film(self, start_ms: int = 0, *, paused: bool = False) -> None:
        pass

    def play(self) -> None:
        pass

    def pause(self) -> None:
        pass

    def toggle(self) -> None:
        pass

    def replay(self) -> None:
        pass

    def set_loop(self, on: bool) -> None:
        pass

    def set_rate(self, rate: float) -> None:
        pass

    def seek(self, position_ms: int) -> None:
        pass

    def jump(self, delta_ms: int) -> None:
        pass

    def step_forward(self) -> None:
        pass

    def step_back(self) -> None:
        pass

    def freeze(self) -> None:
        pass

    def snapshot(self, dest: Path) -> Path:
        raise self.error


def check_rate(rate: float) -> float:
    """Return ``rate`` if it is one we offer, else raise ValueError."""
    for allowed in RATES:
        if abs(rate - allowed) < 1e-9:
            return allowed
    raise ValueError(f"speed must be one of {', '.join(f'{r:g}x' for r in RATES)}")


def next_rate(rate: float) -> float:
    """The next speed in the 1x -> 0.5x -> 0.25x -> 1x cycle."""
    try:
        index = RATES.index(check_rate(rate))
    except ValueError:
        return RATES[0]
    return RATES[(index + 1) % len(RATES)]


def clamp_to_clip(position_ms: int, clip: Clip | None, length_ms: int) -> int:
    """Keep a position inside the clip (or the film when there is no clip)."""
    low = clip.start_ms if clip is not None else 0
    high: int | None = None
    if clip is not None and clip.end_ms is not None:
        high = clip.end_ms
    elif length_ms > 0:
        high = length_ms
    position_ms = max(low, position_ms)
    if high is not None:
        position_ms = min(high, position_ms)
    return position_ms
