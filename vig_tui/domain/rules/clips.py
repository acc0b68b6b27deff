"""How long a clip and how many clips per film usually work — advice only,
never a reason to refuse a save."""

from __future__ import annotations

from collections.abc import Sequence

#: Moments worth showing usually last this long (milliseconds).
CLIP_MIN_MS = 3_000
CLIP_MAX_MS = 10_000
#: A review usually looks at no more than this many clips from one film.
USUAL_MAX_CLIPS = 4


def clip_length_advice(length_ms: int) -> str | None:
    """A gentle note when a clip is shorter or longer than usual (None when fine
    or when the clip has no length yet)."""
    if length_ms <= 0 or CLIP_MIN_MS <= length_ms <= CLIP_MAX_MS:
        return None
    return (
        f"This clip lasts {length_ms / 1000:.1f} s. Moments of "
        f"{CLIP_MIN_MS // 1000} to {CLIP_MAX_MS // 1000} seconds are usually easiest "
        "to talk about; you can still save it."
    )


def clip_count_advice(count: int) -> str | None:
    """A gentle note when a film has more clips than a review usually looks at."""
    if count <= USUAL_MAX_CLIPS:
        return None
    return (
        f"This film has {count} clips. One to {USUAL_MAX_CLIPS} is usually plenty "
        "for a review; you can still keep them all."
    )


def film_clips_advice(clips: Sequence[tuple[str, int]]) -> list[str]:
    """Advice for a film's clips, given as (title, length in ms) in review order."""
    notes = [clip_count_advice(len(clips))]
    for title, length_ms in clips:
        note = clip_length_advice(length_ms)
        if note:
            notes.append(f"“{title or 'untitled'}”: {note}")
    return [n for n in notes if n]
