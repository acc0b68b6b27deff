"""Shared helpers for the playback tests (imported by the test modules, not a conftest).

Real-libVLC tests use dummy outputs. When libVLC is missing they are skipped on
a developer machine, but fail loudly under CI (env CI set) so they can never be
skipped silently there.
"""

from __future__ import annotations

import os
import struct
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from vig_tui.playback.player import EventKind, Player, PlayerEvent, PlayerState

REPO = Path(__file__).resolve().parent.parent
SAMPLE_FILM = REPO / "data" / "sample-film.mp4"
DUMMY_ARGS = "--vout=dummy --aout=dummy --intf=dummy"


def state_of(player: Player) -> PlayerState:
    """The player's state now (a call, so a type checker does not keep an earlier
    assert's answer after the player was told to change)."""
    return player.state


def require_libvlc() -> None:
    """Make sure the shared instance can start with dummy outputs, or skip/fail."""
    os.environ["VIG_VLC_ARGS"] = DUMMY_ARGS
    from vig_tui.playback import libvlc
    from vig_tui.playback.errors import PlayerUnavailable

    try:
        libvlc.get_instance()
    except PlayerUnavailable as exc:
        message = f"libVLC is needed for the real playback tests: {exc}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so this is a failure, not a skip)")
        pytest.skip(message)


class EventLog:
    """A thread-safe enough sink for tests: list.append is atomic under the GIL."""

    def __init__(self) -> None:
        self.events: list[tuple[float, PlayerEvent]] = []

    def __call__(self, event: PlayerEvent) -> None:
        self.events.append((time.monotonic(), event))

    def kinds(self, *, include_time: bool = False) -> list[EventKind]:
        return [e.kind for _, e in self.events if include_time or e.kind is not EventKind.TIME]

    def count(self, kind: EventKind) -> int:
        return sum(1 for _, e in self.events if e.kind is kind)

    def clear(self) -> None:
        self.events.clear()


def drive(
    player: Player,
    until: Callable[[], bool],
    *,
    timeout: float = 8.0,
    step: float = 0.02,
) -> float:
    """Call player.tick() like the UI would until ``until()`` holds; returns seconds taken."""
    started = time.monotonic()
    while True:
        player.tick()
        if until():
            return time.monotonic() - started
        if time.monotonic() - started > timeout:
            raise AssertionError(f"timed out after {timeout:.1f} s; state={player.state}")
        time.sleep(step)


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (checks the signature too)."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height
