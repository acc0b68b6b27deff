"""A deterministic stand-in for the real player, for UI tests and demos.

Time only moves when the test calls :meth:`FakePlayer.advance`. Events are sent
to the sink synchronously, from the caller's thread. The clip rules (end, loop,
clamping) match :class:`~vig_tui.playback.vlc_player.VlcPlayer`.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from vig_tui.playback.errors import FilmMissing, PlaybackError, SnapshotFailed
from vig_tui.playback.player import (
    DEFAULT_FRAME_MS,
    Clip,
    EventKind,
    EventSink,
    PlayerEvent,
    PlayerSettings,
    PlayerState,
    check_rate,
    clamp_to_clip,
)


def tiny_png(width: int = 64, height: int = 36) -> bytes:
    """A valid grey PNG of the given size (pure Python, no imaging library)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + b"\x80\x80\x80" * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


class FakePlayer(PlayerSettings):
    def __init__(
        self,
        on_event: EventSink | None = None,
        *,
        length_ms: int = 12_000,
        frame_ms: int = DEFAULT_FRAME_MS,
        require_file: bool = False,
        hint: PlaybackError | None = None,
    ) -> None:
        self._sink = on_event
        self._length = length_ms
        self._frame_ms = frame_ms
        self._require_file = require_file
        self._hint = hint
        self._film: Path | None = None
        self._state = PlayerState.EMPTY
        self._pos = 0
        self._clip: Clip | None = None
        self._loop = False
        self._rate = 1.0
        self.calls: list[str] = []
        self.events: list[PlayerEvent] = []
        self.closed = False

    # ------------------------------------------------------------ test hooks
    def advance(self, ms: int) -> None:
        """Let ``ms`` of wall time pass (film time moves at the current rate), then tick."""
        if self._state is PlayerState.OPENING:
            self._state = PlayerState.PLAYING
            self._emit(EventKind.PLAYING)
        if self._state is PlayerState.PLAYING:
            self._pos += int(ms * self._rate)
        self.tick()

    def fail(self, error: PlaybackError) -> None:
        """Pretend the backend reported an error."""
        self._state = PlayerState.ERROR
        self._emit(EventKind.ERROR, error=error)

    def _emit(self, kind: EventKind, *, error: PlaybackError | None = None) -> None:
        event = PlayerEvent(kind, position_ms=self._pos, error=error)
        self.events.append(event)
        if self._sink is not None:
            self._sink(event)

    # ----------------------------------------------------------------- Player
    def open(self, film_path: Path) -> None:
        self.calls.append(f"open {film_path}")
        path = Path(film_path)
        if self._require_file and not path.exists():
            raise FilmMissing(path)
        self._film = path
        self._state = PlayerState.READY
        self._pos = 0
        self._clip = None

    def close(self) -> None:
        self.calls.append("close")
        self.closed = True
        self._state = PlayerState.EMPTY
        self._film = None

    @property
    def state(self) -> PlayerState:
        return self._state

    @property
    def length_ms(self) -> int:
        return self._length if self._film is not None else 0

    def position_ms(self) -> int:
        return clamp_to_clip(self._pos, self._clip, self.length_ms)

    def tick(self) -> None:
        if self._state is not PlayerState.PLAYING:
            return
        end = self._clip.end_ms if self._clip is not None else None
        if end is not None and self._pos >= end:
            assert self._clip is not None
            if self._loop:
                self._pos = self._clip.start_ms
                self._emit(EventKind.LOOPED)
            else:
                self._pos = end
                self._state = PlayerState.CLIP_ENDED
                self._emit(EventKind.PAUSED)
                self._emit(EventKind.CLIP_ENDED)
        elif end is None and self._pos >= self._length:
            if self._loop:
                self._pos = self._clip.start_ms if self._clip is not None else 0
                self._emit(EventKind.LOOPED)
            else:
                self._pos = self._length
                self._state = PlayerState.FILM_ENDED
                self._emit(EventKind.END_OF_FILM)

    def play_clip(self, start_ms: int, end_ms: int | None = None) -> None:
        self.calls.append(f"play_clip {start_ms} {end_ms}")
        if self._film is None:
            raise RuntimeError("open a film before playing it")
        if end_ms is not None and end_ms <= start_ms:
            raise ValueError("a clip must end after it starts")
        self._begin_clip(Clip(max(0, int(start_ms)), end_ms))
        self._pos = max(0, int(start_ms))
        self._state = PlayerState.OPENING

    def play_film(self, start_ms: int = 0, *, paused: bool = False) -> None:
        self.calls.append(f"play_film {start_ms}{' paused' if paused else ''}")
        if self._film is None:
            raise RuntimeError("open a film before playing it")
        self._clip = None
        self._pos = clamp_to_clip(int(start_ms), None, self.length_ms)
        self._state = PlayerState.PAUSED if paused else PlayerState.OPENING

    def play(self) -> None:
        self.calls.append("play")
        if self._state is PlayerState.READY:
            self.play_film(0)
        elif self._state in (PlayerState.CLIP_ENDED, PlayerState.FILM_ENDED, PlayerState.ERROR):
            self.replay()
        elif self._state is PlayerState.PAUSED:
            self._state = PlayerState.PLAYING
            self._emit(EventKind.PLAYING)

    def pause(self) -> None:
        self.calls.append("pause")
        if self._state in (PlayerState.PLAYING, PlayerState.OPENING):
            self._state = PlayerState.PAUSED
            self._emit(EventKind.PAUSED)

    def toggle(self) -> None:
        if self._state in (PlayerState.PLAYING, PlayerState.OPENING):
            self.pause()
        else:
            self.play()

    def replay(self) -> None:
        self.calls.append("replay")
        if self._film is None:
            return
        clip = self._clip or Clip(0, None)
        self._pos = clip.start_ms
        self._state = PlayerState.PLAYING
        self._emit(EventKind.PLAYING)

    def set_loop(self, on: bool) -> None:
        self.calls.append(f"loop {on}")
        self._loop = bool(on)

    def set_rate(self, rate: float) -> None:
        self.calls.append(f"rate {rate:g}")
        self._rate = check_rate(rate)

    def seek(self, position_ms: int) -> None:
        self.calls.append(f"seek {position_ms}")
        if self._film is None:
            return
        self._pos = clamp_to_clip(int(position_ms), self._clip, self.length_ms)
        if self._state in (PlayerState.READY, PlayerState.CLIP_ENDED, PlayerState.FILM_ENDED):
            self._state = PlayerState.PAUSED

    def jump(self, delta_ms: int) -> None:
        self.seek(self.position_ms() + int(delta_ms))

    def step_forward(self) -> None:
        self.calls.append("step_forward")
        if self._film is None:
            return
        self.freeze()
        self._pos = clamp_to_clip(self._pos + self._frame_ms, self._clip, self.length_ms)
        self._state = PlayerState.PAUSED

    def step_back(self) -> None:
        self.calls.append("step_back")
        if self._film is None:
            return
        self.freeze()
        self._pos = clamp_to_clip(self._pos - self._frame_ms, self._clip, self.length_ms)
        self._state = PlayerState.PAUSED

    def freeze(self) -> None:
        self.pause()

    def snapshot(self, dest: Path) -> Path:
        self.calls.append(f"snapshot {dest}")
        if self._state not in (PlayerState.PLAYING, PlayerState.PAUSED, PlayerState.CLIP_ENDED):
            raise SnapshotFailed("no picture is showing yet")
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(tiny_png())
        return dest
