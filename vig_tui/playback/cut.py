"""Cutting a clip out of a film as an upright MP4 that starts at 0, checked after writing.

Stream copying cuts at keyframes, so a copy could start seconds early. Here the
clip is decoded from the keyframe before its start (:func:`frames.frames_from`,
which also honours the container's start time), the picture showing at the
mark becomes the first frame, and everything is re-encoded (H.264 + AAC when
this PyAV build has them) with strictly increasing timestamps from zero.
Portrait films are turned upright. PCM audio without a channel layout (AVI)
is given one from its channel count.

:func:`check_copy` reads the written copy back and raises :class:`CutFailed`
when its start or length is more than a frame away from the clip's.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any, cast

import av
import av.error

from vig_tui.playback.errors import CannotDecode, PlaybackError
from vig_tui.playback.frames import (
    FilmInfo,
    Upright,
    describe,
    frame_rotation,
    frame_time,
    frames_from,
    open_film,
    probe,
)

VIDEO_ENCODERS = ("libx264", "libopenh264", "h264", "mpeg4")
AUDIO_ENCODERS = ("aac", "libmp3lame", "mp3")
#: Output clock: fine enough that neighbouring frames never share a timestamp.
OUT_TIME_BASE = Fraction(1, 90_000)


class CutFailed(PlaybackError):
    """A clip could not be cut, or the copy did not come out as the clip."""


def _encoder(names: tuple[str, ...]) -> str | None:
    for name in names:
        try:
            av.codec.Codec(name, "w")
        except Exception:
            continue
        return name
    return None


def cut_clip(
    src: Path,
    start_ms: int,
    end_ms: int,
    out_path: Path,
    on_progress: Callable[[float], None] | None = None,
) -> None:
    """Write film time [start_ms, end_ms) of ``src`` to ``out_path`` (MP4), upright."""
    vcodec = _encoder(VIDEO_ENCODERS)
    if vcodec is None:
        raise CutFailed("This installation of PyAV has no video encoder; clips cannot be copied.")
    start, end = start_ms / 1000, end_ms / 1000
    with open_film(src) as inp:
        info = describe(inp, src)
        vin = inp.streams.video[0]
        ain = inp.streams.audio[0] if inp.streams.audio else None
        acodec = _encoder(AUDIO_ENCODERS) if ain is not None else None
        if start * 1000 >= info.length_ms:
            raise CutFailed(
                f"The clip starts at {start:.2f} s but the film {src.name} is only "
                f"{info.length_ms / 1000:.2f} s long; check the clip's times in vig."
            )
        with av.open(str(out_path), "w", format="mp4", options={"movflags": "+faststart"}) as out:
            rate = vin.average_rate or vin.guessed_rate or Fraction(25)
            vout = cast(av.VideoStream, out.add_stream(vcodec, rate=rate))
            vout.width, vout.height = info.width // 2 * 2, info.height // 2 * 2
            vout.pix_fmt = "yuv420p"
            vout.codec_context.time_base = OUT_TIME_BASE
            if vcodec == "libx264":
                vout.options = {"crf": "20", "preset": "veryfast"}
            aout: av.AudioStream | None = None
            resampler: Any = None
            if ain is not None and acodec is not None:
                channels = ain.codec_context.layout.nb_channels or ain.codec_context.channels
                layout = "mono" if channels == 1 else "stereo"
                rate_hz = ain.codec_context.sample_rate or 48_000
                aout = cast(av.AudioStream, out.add_stream(acodec, rate=rate_hz))
                aout.layout = layout
                formats = aout.codec_context.codec.audio_formats or []
                fmt = formats[0].name if formats else "fltp"
                resampler = av.AudioResampler(format=fmt, layout=layout, rate=rate_hz)
            streams = [vin] + ([ain] if aout is not None and ain is not None else [])
            _cut(inp, info, streams, out, vout, aout, resampler, start, end, on_progress)
    if on_progress is not None:
        on_progress(1.0)


def _cut(
    inp: Any,
    info: FilmInfo,
    streams: list[Any],
    out: Any,
    vout: Any,
    aout: Any,
    resampler: Any,
    start: float,
    end: float,
    on_progress: Callable[[float], None] | None,
) -> None:
    zero = info.zero_s
    tolerance = info.frame_s / 2
    turn: Upright | None = None
    showing: Any = None  # the latest picture at or before the mark
    last_pts = -1
    audio_samples = 0
    video_done = False
    audio_done = aout is None

    def emit(frame: Any, t: float) -> None:
        nonlocal last_pts, turn
        if turn is None:
            turn = Upright(frame_rotation(frame))
        picture = turn(frame).reformat(width=vout.width, height=vout.height, format="yuv420p")
        # The picture showing at the mark opens the copy at 0; the rest keep their spacing.
        pts = 0 if last_pts < 0 else max(last_pts + 1, round((t - start) / OUT_TIME_BASE))
        picture.pts, picture.time_base = pts, OUT_TIME_BASE
        picture.pict_type = av.video.frame.PictureType.NONE
        last_pts = pts
        out.mux(vout.encode(picture))
        if on_progress is not None:
            on_progress(min(1.0, max(0.0, (t - start) / (end - start))))

    for frame in frames_from(inp, info, start, *streams):
        if video_done and audio_done:
            break
        raw = frame_time(frame)
        if raw is None:
            continue
        t = raw - zero
        if isinstance(frame, av.VideoFrame):
            if video_done:
                continue
            if t <= start + tolerance:
                showing = (frame, t)  # a later one may still be nearer the mark
                continue
            if showing is not None:
                emit(*showing)
                showing = None
            if t >= end - tolerance:
                video_done = True
                continue
            emit(frame, t)
        elif isinstance(frame, av.AudioFrame) and aout is not None and not audio_done:
            trimmed = _trim_audio(frame, t, start, end)
            if trimmed is None:
                audio_done = t >= end
                continue
            for part in resampler.resample(trimmed):
                part.pts, part.time_base = audio_samples, Fraction(1, part.sample_rate)
                audio_samples += part.samples
                out.mux(aout.encode(part))
    if showing is not None:  # the film ended right after the mark
        emit(*showing)
    if last_pts < 0:
        raise CutFailed(
            f"No picture could be decoded from {start:.2f} s on; the film may be damaged "
            "there. Check the film (vig doctor, or attach it again) and the clip's times."
        )
    out.mux(vout.encode(None))
    if aout is not None:
        for part in resampler.resample(None):
            part.pts, part.time_base = audio_samples, Fraction(1, part.sample_rate)
            audio_samples += part.samples
            out.mux(aout.encode(part))
        out.mux(aout.encode(None))


def _trim_audio(frame: Any, t: float, start: float, end: float) -> Any:
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
    width = fmt.bytes * (1 if fmt.is_planar else frame.layout.nb_channels)
    new = av.AudioFrame(format=fmt.name, layout=frame.layout.name, samples=last - first)
    for src_plane, dst_plane in zip(frame.planes, new.planes, strict=True):
        part = bytes(src_plane)[first * width : last * width]
        dst_plane.update(part + bytes(dst_plane.buffer_size - len(part)))
    new.sample_rate = rate
    return new


def check_copy(copy: Path, expected_ms: int, label: str) -> None:
    """Read a written copy back: it must start at 0 and last ``expected_ms`` (±1 frame)."""
    try:
        info = probe(copy)
        with open_film(copy) as container:
            vin = container.streams.video[0]
            times = [t for f in container.decode(vin) if (t := frame_time(f)) is not None]
    except (CannotDecode, av.error.FFmpegError) as exc:
        raise CutFailed(f"The copy of {label} cannot be read back ({exc}).") from exc
    if not times:
        raise CutFailed(f"The copy of {label} has no pictures in it.")
    times.sort()
    gaps = [b - a for a, b in itertools.pairwise(times)]
    frame = max([info.frame_s, *gaps])  # the longest picture (variable frame rate films)
    first = times[0] - info.zero_s
    length = times[-1] - info.zero_s + info.frame_s
    slack = frame + 0.002
    if abs(first) > slack:
        raise CutFailed(
            f"The copy of {label} starts {first:.3f} s late; it was not kept. "
            "Please report this film's format."
        )
    if abs(length - expected_ms / 1000) > slack:
        raise CutFailed(
            f"The copy of {label} lasts {length:.2f} s but the clip is "
            f"{expected_ms / 1000:.2f} s, so it was not kept. The film may be damaged or "
            "shorter than it claims; check it in vig's films screen."
        )
