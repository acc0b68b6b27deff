"""A smooth playhead built from a backend's coarse time reports.

libVLC 3 updates its reported time only every ~250 ms of film time, and right
after a seek or a fresh start it can keep reporting the old value for a while.
:class:`Playhead` keeps its own anchor (a known position at a known moment on a
monotonic clock) and moves it forward at the playing rate, correcting it with
each *new* report from the backend. Pure Python; the clock is injectable so the
rules can be tested without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable

#: How far (film ms) we will run ahead of the last report before waiting for news.
MAX_RUN_AHEAD_MS = 600
#: After a seek, reports further than this from our estimate are taken as stale.
STALE_DISTANCE_MS = 500
#: ...but only for this long (wall seconds of running) after the seek.
STALE_WINDOW_S = 1.0
#: Small backward corrections (film ms) are absorbed so the playhead never twitches back.
MAX_ABSORBED_BACKSTEP_MS = 300


class Playhead:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._anchor_ms = 0
        self._anchor_t = clock()
        self._running = False
        self._rate = 1.0
        self._last_raw: int | None = None
        self._floor = 0
        self._guard = True
        self._running_since: float | None = None

    @property
    def running(self) -> bool:
        return self._running

    @property
    def rate(self) -> float:
        return self._rate

    def reset(self, position_ms: int, *, stale_raw: int | None = None) -> None:
        """We have just moved to ``position_ms`` (open, seek, step, loop)."""
        now = self._clock()
        self._anchor_ms = int(position_ms)
        self._anchor_t = now
        self._floor = int(position_ms)
        self._last_raw = stale_raw
        self._guard = True
        self._running_since = now if self._running else None

    def set_running(self, running: bool) -> None:
        if running == self._running:
            return
        now = self._clock()
        if running:
            self._anchor_t = now
            self._running_since = now
        else:
            self._anchor_ms = self._estimate(now)
            self._anchor_t = now
            self._floor = self._anchor_ms
        self._running = running

    def set_rate(self, rate: float) -> None:
        now = self._clock()
        self._anchor_ms = self._estimate(now)
        self._anchor_t = now
        self._rate = rate

    def report(self, raw_ms: int | None) -> None:
        """Feed the backend's latest reported time (repeats are ignored)."""
        if raw_ms is None or raw_ms < 0 or raw_ms == self._last_raw:
            return
        self._last_raw = raw_ms
        if not self._running:
            # While paused our own bookkeeping (seek target, frame steps) is more
            # exact than VLC's settled report, which can be off by a few frames.
            return
        now = self._clock()
        estimate = self._estimate(now)
        if self._guard:
            fresh = self._running_since is not None and now - self._running_since > STALE_WINDOW_S
            if abs(raw_ms - estimate) > STALE_DISTANCE_MS and not fresh:
                return
            self._guard = False
        if raw_ms < self._floor - MAX_ABSORBED_BACKSTEP_MS:
            self._floor = raw_ms  # a real jump back (e.g. the backend restarted)
        self._anchor_ms = raw_ms
        self._anchor_t = now

    def position(self) -> int:
        value = max(self._estimate(self._clock()), self._floor)
        if self._running:
            self._floor = value
        return value

    def _estimate(self, now: float) -> int:
        if not self._running:
            return self._anchor_ms
        ahead = (now - self._anchor_t) * 1000.0 * self._rate
        return self._anchor_ms + round(min(max(ahead, 0.0), MAX_RUN_AHEAD_MS))
