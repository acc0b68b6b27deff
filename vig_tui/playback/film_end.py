"""When libVLC says a film (or clip) has ended: did it finish, or is the file damaged?

libVLC reports "ended" both when a film plays to its end and when it gives up
part-way through a damaged file. These rules tell the two apart from what the
player saw, so the practitioner hears "the file is damaged" rather than seeing a
film that silently stops short.
"""

from __future__ import annotations

from pathlib import Path

from vig_tui.playback.errors import CannotDecode
from vig_tui.playback.player import Clip

#: How long a film may take to show its first picture before we call it unplayable.
START_TIMEOUT_S = 8.0
#: A film that ends more than this before its claimed length (or a clip's end) is damaged.
FILM_END_SLACK_MS = 1_500
#: A clip shorter than this may end before libVLC ever reports it playing.
SHORT_CLIP_MS = 1_000


def damage_at_end(
    film: Path, *, ever_played: bool, stopped_at: int, length_ms: int, clip: Clip | None
) -> CannotDecode | None:
    """The damage an end reveals, or None when the film (or clip) really finished."""
    short_clip = (
        clip is not None and clip.end_ms is not None and clip.end_ms - clip.start_ms < SHORT_CLIP_MS
    )
    if not ever_played and not short_clip:
        return CannotDecode(film, "no picture could be decoded")
    clip_end = clip.end_ms if clip is not None else None
    if (
        length_ms
        and stopped_at < length_ms - FILM_END_SLACK_MS
        and (clip_end is None or stopped_at < clip_end - FILM_END_SLACK_MS)
    ):
        return CannotDecode(
            film,
            f"it stops at {stopped_at / 1000:.1f} s although it claims to last "
            f"{length_ms / 1000:.1f} s; the rest of the file is damaged or missing",
        )
    return None
