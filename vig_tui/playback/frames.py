"""Reading a film's pictures with PyAV: its geometry, the frame at a time, upright.

One place knows the three things every reader of a film needs:

* **Film time**: vig's times start at 0 at the film's first moment, but a
  container may start later (camcorder MPEG-TS files often start at 1.4 s or
  more). :attr:`FilmInfo.zero_s` is that offset; add it before seeking.
* **Seeking to a frame**: a seek lands on a keyframe, possibly after the target
  in files with long keyframe gaps. :func:`frames_from` backs off until the
  first picture decoded is at or before the target, then decodes forward.
* **Upright**: phones store portrait films as landscape frames plus a rotation.
  :class:`Upright` turns frames the way a player shows it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, cast

import av
import av.error

from vig_tui.playback.errors import CannotDecode
from vig_tui.playback.films import readable_film

#: How far before a target to seek, in turn, when a seek lands after it (seconds).
SEEK_BACKOFF_S = (0.0, 2.0, 10.0, 60.0, math.inf)


@dataclass(frozen=True, slots=True)
class FilmInfo:
    length_ms: int
    zero_s: float  # the container's start time: film time 0
    coded_width: int
    coded_height: int
    rotation: int  # clockwise degrees a player turns each frame: 0, 90, 180 or 270
    frame_s: float  # the usual time between pictures
    has_audio: bool
    decodes: bool = True  # a picture decodes at the start
    made_at: str | None = None  # when the container says the film was made (its own text)

    @property
    def width(self) -> int:
        """Width as shown (upright)."""
        return self.coded_height if self.rotation in (90, 270) else self.coded_width

    @property
    def height(self) -> int:
        return self.coded_width if self.rotation in (90, 270) else self.coded_height


def open_film(path: Path) -> Any:
    """Open a film with PyAV once it has passed the film gate (`readable_film`:
    a regular file that can be read, never a FIFO), turning PyAV's errors into
    CannotDecode."""
    path = readable_film(path)
    try:
        return av.open(str(path))
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise CannotDecode(path, "its format was not recognised") from exc


def frame_rotation(frame: Any) -> int:
    """Clockwise degrees a player turns this decoded frame (from its display matrix)."""
    value = getattr(frame, "rotation", None) or 0
    return round(-float(value) / 90.0) % 4 * 90  # ffmpeg counts counter-clockwise


def _first_picture(container: Any, vin: Any, max_packets: int = 400) -> Any:
    """The first picture that decodes from the start, or None when none does."""
    for n, packet in enumerate(container.demux(vin)):
        if n >= max_packets:
            break
        try:
            frames = packet.decode()
        except av.error.FFmpegError:
            continue
        for frame in cast(list[Any], frames):
            return frame
    return None


#: Tags where containers keep the moment a film was made, the most telling first:
#: Apple's local time with its offset, then MP4/MOV/Matroska creation_time (UTC),
#: then Matroska's DATE_RECORDED and plain DATE.
MADE_AT_TAGS = ("com.apple.quicktime.creationdate", "creation_time", "date_recorded", "date")


def made_at(container: Any) -> str | None:
    """The container's own text for when the film was made (not checked), or None."""
    places = [container.metadata, *(s.metadata for s in container.streams.video[:1])]
    for tag in MADE_AT_TAGS:
        for metadata in places:
            for key, value in dict(metadata).items():
                if str(key).lower() == tag and str(value).strip():
                    return str(value).strip()
    return None


def describe(container: Any, path: Path) -> FilmInfo:
    if not container.streams.video:
        raise CannotDecode(path, "no video picture was found in it")
    vin = container.streams.video[0]
    zero = container.start_time / 1_000_000 if container.start_time is not None else 0.0
    if container.duration is not None and container.duration > 0:
        length_ms = int(container.duration // 1000)
    elif vin.duration is not None and vin.time_base is not None:
        length_ms = int(vin.duration * vin.time_base * 1000)
    else:
        raise CannotDecode(path, "its length could not be read")
    rate = vin.average_rate or vin.guessed_rate or Fraction(25)
    first = _first_picture(container, vin)
    return FilmInfo(
        length_ms=length_ms,
        zero_s=max(0.0, float(zero)),
        coded_width=int(vin.codec_context.width),
        coded_height=int(vin.codec_context.height),
        rotation=frame_rotation(first) if first is not None else 0,
        frame_s=1.0 / float(rate) if rate else 0.04,
        has_audio=bool(container.streams.audio),
        decodes=first is not None,
        made_at=made_at(container),
    )


def probe(path: Path) -> FilmInfo:
    """The film's length, start offset, size and rotation. Raises CannotDecode."""
    with open_film(path) as container:
        return describe(container, path)


def frame_time(frame: Any) -> float | None:
    """A decoded frame's time in the container's clock (seconds), or None."""
    if frame.pts is None or frame.time_base is None:
        return None
    return float(frame.pts * frame.time_base)


def _decode(packets: Iterator[Any]) -> Iterator[Any]:
    for packet in packets:
        try:
            frames = packet.decode()
        except (av.error.InvalidDataError, av.error.FFmpegError):
            continue
        yield from cast(list[Any], frames)


def frames_from(container: Any, info: FilmInfo, start_s: float, *streams: Any) -> Iterator[Any]:
    """Decoded frames of ``streams`` (the first is the video) from the picture showing
    at film time ``start_s`` onwards, in decoding order.

    Seeks to the keyframe before the mark; if the file's index puts the first
    picture after the mark (long keyframe gaps, MPEG-TS), seeks further back.
    """
    vin = streams[0]
    target = start_s + info.zero_s
    tolerance = info.frame_s / 2
    for backoff in SEEK_BACKOFF_S:
        if math.isinf(backoff) or target - backoff <= info.zero_s:
            container.seek(0, backward=True, any_frame=False)  # from the very beginning
            last_try = True
        else:
            point = int((target - backoff) / vin.time_base)
            container.seek(point, stream=vin, backward=True, any_frame=False)
            last_try = False
        for s in streams:
            s.codec_context.flush_buffers()
        frames = _decode(container.demux(*streams))
        buffered: list[Any] = []
        for frame in frames:
            buffered.append(frame)
            if isinstance(frame, av.VideoFrame):
                t = frame_time(frame)
                if t is None:
                    continue
                if t <= target + tolerance or last_try:
                    yield from buffered
                    yield from frames
                    return
                break  # landed after the mark: back off further
        else:  # the film ran out before a picture at or before the mark
            if last_try:
                yield from buffered
                return
            continue
        if last_try:
            return


_TURNS: dict[int, list[tuple[str, str]]] = {
    90: [("transpose", "clock")],
    180: [("hflip", ""), ("vflip", "")],
    270: [("transpose", "cclock")],
}


class Upright:
    """Turns frames ``rotation`` degrees clockwise (as a player shows them).

    One filter graph, built on the first frame, serves every frame after it.
    """

    def __init__(self, rotation: int) -> None:
        self.rotation = rotation
        self._graph: Any = None

    def __call__(self, frame: Any) -> Any:
        if self.rotation == 0:
            return frame
        if self._graph is None:
            self._graph = self._build(frame)
        self._graph.push(frame)
        return self._graph.pull()

    def _build(self, frame: Any) -> Any:
        graph = av.filter.Graph()
        last = graph.add_buffer(
            width=frame.width,
            height=frame.height,
            format=frame.format.name,
            time_base=frame.time_base or Fraction(1, 1000),
        )
        for name, args in _TURNS[self.rotation]:
            node = graph.add(name, args) if args else graph.add(name)
            last.link_to(node)
            last = node
        sink = graph.add("buffersink")
        last.link_to(sink)
        graph.configure()
        return graph


def write_png(frame: Any, dest: Path) -> None:
    rgb = frame.reformat(format="rgb24")
    codec = av.CodecContext.create("png", "w")
    codec.width = rgb.width
    codec.height = rgb.height
    codec.pix_fmt = "rgb24"
    codec.time_base = Fraction(1, 25)
    rgb.pts = None
    data = b"".join(bytes(p) for p in [*codec.encode(rgb), *codec.encode(None)])
    dest.write_bytes(data)


def picture_at(path: Path, position_ms: int) -> Any:
    """The upright picture showing at ``position_ms`` (film time). Raises CannotDecode."""
    with open_film(path) as container:
        info = describe(container, path)
        vin = container.streams.video[0]
        target = max(0.0, position_ms / 1000) + info.zero_s
        showing: Any = None
        for frame in frames_from(container, info, position_ms / 1000, vin):
            t = frame_time(frame)
            if t is None:
                continue
            if t > target + info.frame_s / 2 and showing is not None:
                break
            showing = frame
        if showing is None:
            raise CannotDecode(path, f"no picture could be decoded near {position_ms / 1000:.2f} s")
        return Upright(frame_rotation(showing))(showing)
