"""Copies of a cycle's clips as ordinary video files the family can keep.

Stream copying cuts at keyframes, so a copy could start seconds early. Here
each clip is decoded from the keyframe before its start, frames before the
start are dropped, and the rest is re-encoded (H.264 + AAC in an MP4 when
this PyAV build has them) with timestamps starting at zero.

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
from fractions import Fraction
from pathlib import Path
from typing import Any, cast

import av
import av.error

from ..domain import Clip, FamilyRecord, Film
from ..playback.films import film_problem
from ..store import Store
from ..store.atomic import fsync_dir
from ..store.audit import log_event
from .consent import check_may_copy
from .errors import PrivacyError

Progress = Callable[[float, str], None]
PARTIAL_PREFIX = ".vig-partial-"
VIDEO_ENCODERS = ("libx264", "libopenh264", "h264", "mpeg4")
AUDIO_ENCODERS = ("aac", "libmp3lame", "mp3")


@dataclass
class PlannedClip:
    clip: Clip
    film: Film
    number: int  # position in the cycle's review order, from 1
    filename: str


def _encoder(names: tuple[str, ...]) -> str | None:
    for name in names:
        try:
            av.codec.Codec(name, "w")
        except Exception:
            continue
        return name
    return None


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
    tmp = dest.with_name(f"{PARTIAL_PREFIX}{dest.name}.{os.getpid()}")
    try:
        _transcode(src, start_ms / 1000, end_ms / 1000, tmp, on_progress)
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


def _transcode(
    src: Path,
    start: float,
    end: float,
    out_path: Path,
    on_progress: Callable[[float], None] | None,
) -> None:
    vcodec = _encoder(VIDEO_ENCODERS)
    if vcodec is None:
        raise PrivacyError(
            "This installation of PyAV has no video encoder; clips cannot be copied."
        )
    try:
        inp = av.open(str(src))
    except av.error.FFmpegError as err:
        raise PrivacyError(
            f"The film {src} could not be read as video ({type(err).__name__})."
        ) from err
    with inp:
        if not inp.streams.video:
            raise PrivacyError(f"The film {src} has no picture to copy.")
        vin = inp.streams.video[0]
        ain = inp.streams.audio[0] if inp.streams.audio else None
        acodec = _encoder(AUDIO_ENCODERS) if ain is not None else None
        rate = vin.average_rate or vin.guessed_rate or Fraction(25)
        tb = vin.time_base or Fraction(1, 90_000)
        half_frame = 0.5 / float(rate)
        with av.open(str(out_path), "w", format="mp4", options={"movflags": "+faststart"}) as out:
            vout = cast(av.VideoStream, out.add_stream(vcodec, rate=rate))
            vout.width = vin.codec_context.width
            vout.height = vin.codec_context.height
            vout.pix_fmt = "yuv420p"
            vout.codec_context.time_base = tb
            if vcodec == "libx264":
                vout.options = {"crf": "20", "preset": "veryfast"}
            aout: av.AudioStream | None = None
            if ain is not None and acodec is not None:
                aout = cast(
                    av.AudioStream, out.add_stream(acodec, rate=ain.codec_context.sample_rate)
                )
                aout.layout = ain.codec_context.layout
            streams = [vin] + ([ain] if aout is not None and ain is not None else [])
            inp.seek(int(start / tb), stream=vin, backward=True, any_frame=False)
            first_pts: int | None = None
            audio_samples = 0
            video_done = False
            audio_done = aout is None
            for packet in inp.demux(*streams):
                if video_done and audio_done:
                    break
                try:
                    frames = packet.decode()
                except av.error.InvalidDataError:
                    continue
                for frame in cast(list[Any], frames):
                    if frame.pts is None:
                        continue
                    t = float(frame.pts * frame.time_base)
                    if isinstance(frame, av.VideoFrame):
                        if video_done or t < start - half_frame:
                            continue
                        if t >= end - half_frame:
                            video_done = True
                            continue
                        if first_pts is None:
                            first_pts = frame.pts
                        frame.pts = round((t - start) / tb) if t > start else 0
                        frame.time_base = tb
                        frame.pict_type = av.video.frame.PictureType.NONE
                        out.mux(vout.encode(frame.reformat(format="yuv420p")))
                        if on_progress is not None:
                            on_progress(min(1.0, max(0.0, (t - start) / (end - start))))
                    elif isinstance(frame, av.AudioFrame) and aout is not None:
                        if audio_done:
                            continue
                        trimmed = _trim_audio(frame, t, start, end)
                        if trimmed is None:
                            if t >= end:
                                audio_done = True
                            continue
                        trimmed.pts = audio_samples
                        trimmed.time_base = Fraction(1, trimmed.sample_rate)
                        audio_samples += trimmed.samples
                        out.mux(aout.encode(trimmed))
            out.mux(vout.encode(None))
            if aout is not None:
                out.mux(aout.encode(None))
        if first_pts is None:
            raise PrivacyError(
                "The clip lies beyond the end of its film; check the clip's times in vig."
            )
    if on_progress is not None:
        on_progress(1.0)


def _trim_audio(frame: av.AudioFrame, t: float, start: float, end: float) -> av.AudioFrame | None:
    rate = frame.sample_rate
    n = frame.samples
    first = max(0, round((start - t) * rate))
    last = min(n, round((end - t) * rate))
    if first >= n or last <= 0 or last <= first:
        return None
    if first == 0 and last == n:
        frame.pts = None
        return frame
    fmt = frame.format
    width = fmt.bytes * (1 if fmt.is_planar else len(frame.layout.channels))
    new = av.AudioFrame(format=fmt.name, layout=frame.layout.name, samples=last - first)
    for src_plane, dst_plane in zip(frame.planes, new.planes, strict=True):
        part = bytes(src_plane)[first * width : last * width]
        dst_plane.update(part + bytes(dst_plane.buffer_size - len(part)))
    new.sample_rate = rate
    return new


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
        raise PrivacyError(
            f"Copying to {to_dir} stopped: {err.strerror or err}. Files already finished "
            "are complete; run the copy again to finish."
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
