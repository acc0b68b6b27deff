"""Stills of a family's clips: each linked to its clip, a few picked for the family.

A still is a picture file inside the family's ``stills/`` folder (0600, and
sealed in an encrypted store). :func:`still_file` is the one gate between a
still's name in the record and a path on disk; everything that reads a still
(the viewer, the booklet, the letter) goes through it.

Commands work as every :class:`~vig_tui.services.session.FamilySession`
command does: copy the clip, change and validate the copy, write it, and only
then does memory hold the new value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..domain import Clip, Still
from ..domain.rules.stills import HOW_TO_PICK, STILLS_FOLDER, still_name_problem, too_many_picked
from ..errors import VigError
from ..store.codec import SEALED_MAGIC
from ..store.small_file import read_regular_file

if TYPE_CHECKING:
    from ..store import Store
    from .session import FamilySession

#: how clip preparation names a still it takes: the cycle, and where in the film (ms)
_PREP_NAME = re.compile(r"^cycle(\d+)-(\d{7,})\.png$")


def prep_still_name(cycle: int, at_ms: int) -> str:
    """The file name of a still taken in clip preparation."""
    return f"cycle{cycle}-{max(0, at_ms):07d}.png"


class StillRefused(VigError, ValueError):
    """A still that is not one of this family's, or a choice that cannot be kept."""


def still_file(folder: Path, name: str) -> Path:
    """The file of a still named ``stills/<file>`` inside the family's folder.
    Anything else (another folder, ``..``, an absolute path) is refused."""
    if still_name_problem(name) is not None:
        raise StillRefused(f"“{name}” is not a still in the family's stills folder")
    return Path(folder, *PurePosixPath(name).parts)


def read_still_bytes(store: Store, folder: Path, name: str) -> bytes:
    """A still's picture bytes (opened when sealed). Raises OSError for a missing
    file, StillRefused for a name outside the stills folder, ValueError for a
    sealed file that cannot be opened. A still taken a moment ago may not be
    sealed yet: its plain bytes are read as they are. Only a regular file is
    read (a FIFO under a still's name is refused at once, never waited on)."""
    data = read_regular_file(still_file(folder, name))
    return store.codec.open(data) if data.startswith(SEALED_MAGIC) else data


class ClipStills:
    """The stills of one family's clips: read them, link new ones, pick for the family."""

    def __init__(self, session: FamilySession, store: Store) -> None:
        self._session = session
        self._store = store

    def read(self, name: str) -> bytes:
        return read_still_bytes(self._store, self._session.folder, name)

    def name_of(self, path: Path) -> str:
        """The record's name for a still file just taken (``stills/<file>``)."""
        path = Path(path)
        if path.parent.resolve() != self._session.stills_dir.resolve():
            raise StillRefused(f"{path.name} was not saved in the family's stills folder")
        name = f"{STILLS_FOLDER}/{path.name}"
        still_file(self._session.folder, name)  # the same gate as every reader
        return name

    def _clip(self, clip_id: str) -> Clip:
        clip = self._session.clip(clip_id)
        if clip is None:
            raise StillRefused("That clip is no longer in the record.")
        return clip.model_copy(deep=True)

    def link(self, clip_id: str, taken: Iterable[tuple[Path, int]]) -> Clip:
        """Keep stills just taken (file, position in ms) with their clip."""
        clip = self._clip(clip_id)
        self._add(clip, taken)
        return self._session.save_clip(clip)

    def _add(self, clip: Clip, taken: Iterable[tuple[Path, int]]) -> None:
        known = {s.path for s in clip.stills}
        for path, at_ms in taken:
            name = self.name_of(path)
            if name not in known:
                clip.stills.append(Still(path=name, at_ms=max(0, int(at_ms))))
                known.add(name)

    def _choose(self, clip: Clip, chosen: Iterable[str]) -> None:
        wanted = set(chosen)
        unknown = wanted - {s.path for s in clip.stills}
        if unknown:
            raise StillRefused(f"{sorted(unknown)[0]} is not a still of this clip")
        problem = too_many_picked(len(wanted))
        if problem:
            raise StillRefused(problem[:1].upper() + problem[1:] + ".")
        for still in clip.stills:
            still.for_family = still.path in wanted

    def of(self, clip_id: str | None) -> list[Still]:
        """The stills kept with a clip, in the order taken (none for a new clip)."""
        clip = self._session.clip(clip_id)
        return list(clip.stills) if clip is not None else []

    def loose_for(self, clip_id: str | None) -> list[tuple[Path, int]]:
        """Stills taken in clip preparation inside this clip's span that no clip
        holds (taken before stills were kept with their clip): offered again."""
        clip = self._session.clip(clip_id)
        folder = self._session.stills_dir
        if clip is None or not folder.is_dir():
            return []
        linked = {s.path for c in self._session.record.clips for s in c.stills}
        found = []
        for path in sorted(folder.iterdir()):
            match = _PREP_NAME.match(path.name)
            if match is None or f"{STILLS_FOLDER}/{path.name}" in linked:
                continue
            cycle, at_ms = int(match.group(1)), int(match.group(2))
            if cycle == clip.cycle and clip.start_ms <= at_ms <= clip.end_ms:
                found.append((path, at_ms))
        return found

    def keep(self, clip_id: str, taken: Iterable[tuple[Path, int]], chosen: Iterable[str]) -> Clip:
        """Link stills just taken to their clip and mark the ones for the family,
        in one write."""
        clip = self._clip(clip_id)
        self._add(clip, taken)
        self._choose(clip, chosen)
        return self._session.save_clip(clip)

    def discard(self, taken: Iterable[Path]) -> None:
        """Delete stills taken for a clip that was then not saved: a still no clip
        holds would be a private picture nobody can see or pick."""
        linked = {s.path for clip in self._session.record.clips for s in clip.stills}
        for path in taken:
            name = self.name_of(path)
            if name not in linked:
                still_file(self._session.folder, name).unlink(missing_ok=True)

    def pick(self, clip_id: str, chosen: Iterable[str]) -> Clip:
        """Mark which of a clip's stills go to the family (none: the first ones will)."""
        clip = self._clip(clip_id)
        self._choose(clip, chosen)
        return self._session.save_clip(clip)


def unpicked_note(clips: list[str]) -> str | None:
    """What to tell the practitioner when some clips' stills were not picked."""
    if not clips:
        return None
    return (
        f"No stills were picked for {', '.join(clips)}, so the first ones taken are used. "
        + HOW_TO_PICK
    )


__all__ = [
    "ClipStills",
    "StillRefused",
    "prep_still_name",
    "read_still_bytes",
    "still_file",
    "unpicked_note",
]
