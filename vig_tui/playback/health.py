"""Is a film really playable? Decode samples across its whole length at attach time.

A container's header can promise minutes that are not there (a file cut short
by a full card or an interrupted copy) or pictures that cannot be decoded
(zeroed or corrupt data). :func:`check_health` decodes a picture at the
beginning, across the middle, at the end and at every clip's edges, finds where
the playable part ends when it ends early, and says so in words.

Blocking (a fraction of a second for short films, a few seconds for long ones):
run it in a worker and pass ``on_progress``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av

from vig_tui.domain.ids import format_ms
from vig_tui.playback.errors import CannotDecode
from vig_tui.playback.frames import FilmInfo, describe, frame_time, frames_from, open_film

Progress = Callable[[float, str], None]
#: A sample is playable when a picture decodes within this much of it (ms).
NEAR_MS = 1_000
#: The playable end is found to within this much (ms).
PRECISION_MS = 500
#: Evenly spread samples across the film, besides its edges and the clips'.
SPREAD = 8


class FilmUnplayable(CannotDecode):
    """No picture at all can be decoded from the film."""


@dataclass(frozen=True, slots=True)
class FilmHealth:
    length_ms: int  # what the container claims
    playable_ms: int  # how far pictures really decode
    made_at: str | None = None  # when the container says it was made (see frames.made_at)

    @property
    def complete(self) -> bool:
        return self.playable_ms >= self.length_ms - NEAR_MS

    @property
    def warning(self) -> str | None:
        """What to tell the practitioner when only part of the film plays."""
        if self.complete:
            return None
        return (
            f"Only the first {format_ms(self.playable_ms)} of this film can be played "
            f"(it claims to last {format_ms(self.length_ms)}); the rest of the file is damaged "
            "or missing. Clips after that point cannot be shown or copied; if you have the "
            "original recording, attach that instead."
        )

    def clip_problem(self, start_ms: int, end_ms: int) -> str | None:
        """Why a clip cannot be played in full, or None when it can."""
        if self.complete or end_ms <= self.playable_ms + NEAR_MS // 2:
            return None
        return (
            f"this clip runs past {format_ms(self.playable_ms)}, where the playable part "
            "of the film ends"
        )


def _picture_near(container: Any, info: FilmInfo, at_ms: int) -> bool:
    """Does a picture decode at most NEAR_MS before ``at_ms`` (and not after it)?"""
    vin = container.streams.video[0]
    target = at_ms / 1000 + info.zero_s
    try:
        for frame in frames_from(container, info, at_ms / 1000, vin):
            t = frame_time(frame)
            if t is None:
                continue
            if t > target + info.frame_s:
                return False
            if t >= target - NEAR_MS / 1000:
                return True
    except av.error.FFmpegError:
        return False
    return False


def check_health(
    path: Path,
    clips: Iterable[tuple[int, int]] = (),
    on_progress: Progress | None = None,
) -> FilmHealth:
    """Decode samples across the film (and the clips' edges); raises FilmUnplayable
    when no picture decodes at the beginning, CannotDecode when it cannot be read."""
    path = Path(path)
    with open_film(path) as container:
        info = describe(container, path)
        length = info.length_ms
        last = max(0, length - max(NEAR_MS // 2, round(info.frame_s * 2000)))
        points = {0, last, *(length * i // SPREAD for i in range(1, SPREAD))}
        for start, end in clips:
            points.update(min(max(0, p), last) for p in (start, max(start, end - 40)))
        ordered = sorted(points)
        steps = len(ordered) + 8  # the samples, then a few steps to find the end
        good = -1
        bad: int | None = None

        def report(done: int, what: str) -> None:
            if on_progress is not None:
                on_progress(min(1.0, done / steps), what)

        for n, point in enumerate(ordered):
            report(n, f"Checking the film at {format_ms(point)}")
            if _picture_near(container, info, point):
                if bad is None:
                    good = point
            elif bad is None:
                bad = point
        if good < 0:
            raise FilmUnplayable(
                path, "no picture can be decoded from it; the file is damaged or incomplete"
            )
        playable = length
        if bad is not None:  # narrow down where the pictures stop
            lo, hi, n = good, bad, len(ordered)
            while hi - lo > PRECISION_MS:
                mid = (lo + hi) // 2
                report(n, f"Finding where the film stops near {format_ms(mid)}")
                n += 1
                if _picture_near(container, info, mid):
                    lo = mid
                else:
                    hi = mid
            playable = lo
        report(steps, "Checked")
        return FilmHealth(length_ms=length, playable_ms=playable, made_at=info.made_at)
