"""Films as families have them, made with ffmpeg in the test session (small, synthetic).

Each film is a few seconds of ffmpeg's test pattern at 320x180 (landscape frames),
made once per session by :func:`make_films`. Phones store portrait films as
landscape frames plus rotation metadata; camcorders write MPEG-TS with a start
offset and long keyframe gaps; older cameras write AVI with MJPEG and PCM audio.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

CODED_W, CODED_H = 320, 180
SECONDS = 4


@dataclass(frozen=True, slots=True)
class MadeFilm:
    name: str
    path: Path
    #: Upright (displayed) width and height.
    width: int
    height: int
    length_ms: int
    rotation: int = 0
    has_audio: bool = True
    damaged: bool = False


def _pattern(seconds: int = SECONDS, rate: int = 25) -> list[str]:
    return [
        "-f",
        "lavfi",
        "-i",
        f"testsrc2=size={CODED_W}x{CODED_H}:rate={rate}:duration={seconds}",
    ]


def _tone(seconds: int = SECONDS) -> list[str]:
    return ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]


H264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25"]
HEVC = [
    "-c:v",
    "libx265",
    "-x265-params",
    "log-level=error",
    "-tag:v",
    "hvc1",
    "-pix_fmt",
    "yuv420p",
]


def _ffmpeg(*args: str) -> None:
    subprocess.run(
        ["ffmpeg", "-v", "error", "-nostdin", "-y", *args],
        check=True,
        capture_output=True,
        timeout=120,
    )


def require_ffmpeg() -> None:
    """ffmpeg makes the films; it must exist under CI (installed by .ci/run)."""
    if shutil.which("ffmpeg") is None:
        message = "ffmpeg is needed to make the test films: sudo apt install ffmpeg"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so this is a failure, not a skip)")
        pytest.skip(message)


def _rotated(base: Path, dest: Path, rotation: int) -> None:
    # ffmpeg 5 writes the rotation only when the stream is copied.
    _ffmpeg("-i", str(base), "-c", "copy", "-metadata:s:v:0", f"rotate={rotation}", str(dest))


def _zero_picture_data(src: Path, dest: Path) -> None:
    """Keep the MP4's boxes but zero the media data: a film nothing can decode."""
    data = bytearray(src.read_bytes())
    at = data.find(b"mdat")
    assert at > 0, "no mdat box in the source film"
    data[at + 4 :] = bytes(len(data) - at - 4)
    dest.write_bytes(bytes(data))


def make_films(folder: Path) -> dict[str, MadeFilm]:
    """Make every test film in ``folder``; returns them by name."""
    require_ffmpeg()
    folder.mkdir(parents=True, exist_ok=True)
    ms = SECONDS * 1000
    films: dict[str, MadeFilm] = {}

    def add(film: MadeFilm) -> None:
        films[film.name] = film

    plain = folder / "plain.mp4"
    _ffmpeg(*_pattern(), *_tone(), *H264, "-c:a", "aac", "-movflags", "+faststart", str(plain))
    add(MadeFilm("plain", plain, CODED_W, CODED_H, ms))
    plain_mov = folder / "plain-hevc.mov"
    _ffmpeg(*_pattern(), *_tone(), *HEVC, "-c:a", "aac", str(plain_mov))
    add(MadeFilm("hevc", plain_mov, CODED_W, CODED_H, ms))
    for rotation, base, ext in ((90, plain, "mp4"), (180, plain_mov, "mov"), (270, plain, "mov")):
        dest = folder / f"phone-rot{rotation}.{ext}"
        _rotated(base, dest, rotation)
        upright = (CODED_H, CODED_W) if rotation in (90, 270) else (CODED_W, CODED_H)
        add(MadeFilm(f"rot{rotation}", dest, *upright, ms, rotation=rotation))
    hevc_rot = folder / "phone-hevc-rot90.mov"
    _rotated(plain_mov, hevc_rot, 90)
    add(MadeFilm("hevc-rot90", hevc_rot, CODED_H, CODED_W, ms, rotation=90))

    vfr = folder / "vfr.mp4"
    _ffmpeg(
        *_pattern(rate=30), *_tone(), "-vf", "select='lt(mod(n\\,10)\\,6)'",
        "-vsync", "vfr", *H264, "-c:a", "aac", str(vfr),
    )  # fmt: skip
    add(MadeFilm("vfr", vfr, CODED_W, CODED_H, ms))

    mts = folder / "camcorder.mts"
    long_gop = [a if a != "25" else "250" for a in H264]  # one keyframe in the whole film
    _ffmpeg(
        *_pattern(seconds=6), *_tone(seconds=6), *long_gop, "-c:a", "aac",
        "-output_ts_offset", "1.467", "-f", "mpegts", str(mts),
    )  # fmt: skip
    add(MadeFilm("mts", mts, CODED_W, CODED_H, 6000))

    for channels, name in ((1, "avi-mono"), (2, "avi-stereo")):
        avi = folder / f"camera-{name}.avi"
        _ffmpeg(
            *_pattern(), *_tone(), "-ac", str(channels), "-c:v", "mjpeg", "-q:v", "5",
            "-c:a", "pcm_s16le", str(avi),
        )  # fmt: skip
        add(MadeFilm(name, avi, CODED_W, CODED_H, ms))

    webm = folder / "vp9.webm"
    _ffmpeg(
        *_pattern(), *_tone(), "-c:v", "libvpx-vp9", "-deadline", "realtime",
        "-cpu-used", "8", "-b:v", "200k", "-c:a", "libopus", str(webm),
    )  # fmt: skip
    add(MadeFilm("webm", webm, CODED_W, CODED_H, ms))

    silent = folder / "silent.mp4"
    _ffmpeg(*_pattern(), *H264, str(silent))
    add(MadeFilm("silent", silent, CODED_W, CODED_H, ms, has_audio=False))

    long_plain = folder / "long-for-truncating.mp4"
    _ffmpeg(
        *_pattern(seconds=8), *_tone(seconds=8), *H264, "-c:a", "aac",
        "-movflags", "+faststart", str(long_plain),
    )  # fmt: skip
    truncated = folder / "truncated.mp4"
    data = long_plain.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    add(MadeFilm("truncated", truncated, CODED_W, CODED_H, 8000, damaged=True))
    long_plain.unlink()

    zeroed = folder / "zeroed.mp4"
    _zero_picture_data(plain, zeroed)
    add(MadeFilm("zeroed", zeroed, CODED_W, CODED_H, ms, damaged=True))
    return films


def films_for_the_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, MadeFilm]:
    """The films, made once per test run. Under pytest-xdist the workers share one set:
    the first to come makes it (under a lock) and the others read what it made."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return make_films(tmp_path_factory.mktemp("films"))
    run_folder = tmp_path_factory.getbasetemp().parent  # this run's, shared by its workers
    folder = run_folder / "films"
    made = folder / "made.pickle"
    with open(run_folder / "films.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if made.exists():
            films: dict[str, MadeFilm] = pickle.loads(made.read_bytes())
            return films
        films = make_films(folder)
        made.write_bytes(pickle.dumps(films))
        return films


#: The films that should play, still and export cleanly.
HEALTHY = ("plain", "hevc", "rot90", "rot180", "rot270", "hevc-rot90", "vfr", "mts",
           "avi-mono", "avi-stereo", "webm", "silent")  # fmt: skip
