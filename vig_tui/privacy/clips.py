"""Copies of a cycle's clips as ordinary video files the family can keep.

Each clip is cut frame-exactly and upright by :mod:`vig_tui.playback.cut`, then
read back and checked (start and length within a frame) before it is kept.

Each file is written under a hidden temporary name in the target folder and
renamed when complete, so a USB stick pulled half-way never holds a half file
named like a finished one.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..domain import Clip, FamilyRecord, Film
from ..domain.ids import format_ms
from ..domain.rules.counts import counted
from ..playback.cut import check_copy, cut_clip
from ..playback.errors import PlaybackError
from ..playback.films import film_problem
from ..store import Store
from ..store.atomic import fsync_dir
from ..store.audit import log_event
from ..store.output_file import OutputFileError, check_output_target, why_not_written
from .consent import check_may_copy
from .errors import PrivacyError

Progress = Callable[[float, str], None]
PARTIAL_PREFIX = ".vig-partial-"


@dataclass
class PlannedClip:
    clip: Clip
    film: Film
    number: int  # position in the cycle's review order, from 1
    filename: str


def _slug(text: str) -> str:
    words = re.sub(r"[^\w\s-]", "", text, flags=re.UNICODE).split()
    return "-".join(words)[:40].strip("-")


def plan_clips(record: FamilyRecord, cycle: int | None = None) -> list[PlannedClip]:
    """The clips to copy, in review order, with the file name each will get."""
    films = {f.id: f for f in record.films}
    planned: list[PlannedClip] = []
    cycles = [cycle] if cycle is not None else record.cycle_numbers()
    for number in cycles:
        for i, clip in enumerate(record.clips_for(number), 1):
            film = films.get(clip.film_id)
            if film is None:
                raise PrivacyError(
                    f"Clip {i} of cycle {number} points at a film that is not in the record; "
                    "open the clip in vig and choose its film again."
                )
            title = _slug(clip.title)
            name = f"cycle{number}-clip{i}" + (f"-{title}" if title else "") + ".mp4"
            planned.append(PlannedClip(clip, film, i, name))
    return planned


def export_clip(
    src: Path,
    start_ms: int,
    end_ms: int,
    dest: Path,
    on_progress: Callable[[float], None] | None = None,
) -> Path:
    """Write `src`'s [start_ms, end_ms) to `dest` as a playable MP4 starting at 0."""
    src, dest = Path(src), Path(dest)
    if not src.is_file():
        raise PrivacyError(
            f"The film {src} cannot be found; connect the drive it is on, or attach it again."
        )
    if end_ms <= start_ms:
        raise PrivacyError("A clip must end after it starts; check the clip's times.")
    try:  # the rule for every file vig writes on request: never onto a device or pipe
        check_output_target(dest)
    except OutputFileError as err:
        raise PrivacyError(str(err)) from err
    tmp = dest.with_name(f"{PARTIAL_PREFIX}{dest.name}.{os.getpid()}")
    try:
        try:
            cut_clip(src, start_ms, end_ms, tmp, on_progress)
            check_copy(
                tmp, end_ms - start_ms, f"the clip {format_ms(start_ms)}–{format_ms(end_ms)}"
            )
        except PlaybackError as err:
            raise PrivacyError(str(err)) from err
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, dest)
        with contextlib.suppress(OSError):  # some USB file systems cannot fsync a folder
            fsync_dir(dest.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return dest


def export_family_clips(
    store: Store,
    family_id: str,
    to_dir: Path,
    cycle: int | None = None,
    on_progress: Progress | None = None,
) -> list[Path]:
    """Copy a family's clips (one cycle or all) into `to_dir` after checking
    their consent. Logs the copy in the audit log (a count, never names)."""
    record = store.read_family(family_id)
    why = check_may_copy(record.consent)
    if why:
        raise PrivacyError(why)
    to_dir = Path(to_dir).expanduser()
    if not to_dir.is_dir():
        raise PrivacyError(
            f"The folder {to_dir} does not exist; plug in the stick or choose another folder."
        )
    if cycle is not None and cycle not in record.cycle_numbers():
        raise PrivacyError(
            f"This family has no cycle {cycle}; their cycles are "
            f"{', '.join(map(str, record.cycle_numbers()))}."
        )
    planned = plan_clips(record, cycle)
    if not planned:
        which = f"cycle {cycle}" if cycle is not None else "any cycle"
        raise PrivacyError(f"There are no clips in {which} yet, so there is nothing to copy.")
    for film in {p.film.id: p.film for p in planned}.values():
        problem = film_problem(film.path, film.fingerprint)
        if problem:  # never copy a replaced film for the family
            raise PrivacyError(f"{problem} Nothing was copied.")
    total = sum(p.clip.length_ms for p in planned) or 1
    done_ms = 0
    written: list[Path] = []
    try:
        for p in planned:

            def step(fraction: float, p: PlannedClip = p, before: int = done_ms) -> None:
                if on_progress is not None:
                    on_progress(
                        (before + fraction * p.clip.length_ms) / total,
                        f"Cycle {p.clip.cycle}, clip {p.number}",
                    )

            written.append(
                export_clip(
                    Path(p.film.path), p.clip.start_ms, p.clip.end_ms, to_dir / p.filename, step
                )
            )
            done_ms += p.clip.length_ms
    except OSError as err:
        copied = f" The {counted(len(written), 'clip')} copied before it stopped are complete."
        raise PrivacyError(
            f"Copying to {to_dir} stopped: {why_not_written(err)}."
            + (copied if written else " Nothing was copied.")
        ) from err
    finally:
        if written:
            log_event(
                store.root,
                "export.clips",
                family_id,
                store.codec,
                files=len(written),
                folder=str(to_dir.absolute()),
                cycle=cycle,
                complete=len(written) == len(planned),
            )
    return written
