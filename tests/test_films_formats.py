"""Films as families have them: each is attached, played (real libVLC, dummy outputs),
stilled and exported, with the checks issue 12 asks for.

Problems from the issue these pin down: portrait phone films came out sideways (2),
camcorder MPEG-TS clips were cut from the wrong place (3), AVI exports crashed or
gave duplicate timestamps (4), damaged films were accepted silently (5), and
stills failed unless a picture happened to be showing (6).
"""

from __future__ import annotations

import itertools
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import av
import pytest

from tests.conftest_playback import EventLog, drive, png_size, require_libvlc
from tests.film_factory import HEALTHY, MadeFilm
from vig_tui.playback.errors import CannotDecode
from vig_tui.playback.player import EventKind, PlayerState
from vig_tui.playback.vlc_player import VlcPlayer
from vig_tui.privacy.clips import export_clip
from vig_tui.privacy.errors import PrivacyError

pytestmark = pytest.mark.vlc


@pytest.fixture
def player() -> Iterator[VlcPlayer]:
    require_libvlc()
    log = EventLog()
    p = VlcPlayer(log)
    p.log = log  # type: ignore[attr-defined]
    yield p
    p.close()


def _rgb(path: Path) -> tuple[int, int, bytes]:
    with av.open(str(path)) as container:
        frame = next(container.decode(video=0))
        plane = frame.reformat(format="rgb24")
        rows = [bytes(plane.planes[0])[y * plane.planes[0].line_size :][: plane.width * 3]
                for y in range(plane.height)]  # fmt: skip
        return plane.width, plane.height, b"".join(rows)


def _difference(a: Path, b: Path) -> float:
    """Mean absolute difference per colour value (0–255) of two same-size pictures."""
    wa, ha, pa = _rgb(a)
    wb, hb, pb = _rgb(b)
    assert (wa, ha) == (wb, hb), f"{a.name} is {wa}x{ha} but {b.name} is {wb}x{hb}"
    return sum(abs(x - y) for x, y in zip(pa[::7], pb[::7], strict=True)) / len(pa[::7])


def _reference_still(film: Path, at_s: float, dest: Path) -> Path:
    """ffmpeg's own picture at a time, turned upright as players show it."""
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-i", str(film), "-ss", f"{at_s:.3f}",
         "-frames:v", "1", str(dest)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return dest


def _near(still: Path, film: MadeFilm, at_s: float, tmp_path: Path) -> float:
    """How far ``still`` is from ffmpeg's picture at ``at_s`` or the one before it
    (±1 frame: players and ffmpeg differ on which picture is 'at' a time)."""
    return min(
        _difference(still, _reference_still(film.path, t, tmp_path / f"ref-{n}.png"))
        for n, t in enumerate((at_s, max(0.0, at_s - _frame_s(film))))
    )


def _frame_times(copy: Path) -> list[float]:
    with av.open(str(copy)) as container:
        return [float(f.time) for f in container.decode(video=0) if f.time is not None]


def _shown_size(copy: Path) -> tuple[int, int]:
    """The copy's picture size as players show it (turned by any rotation it carries)."""
    with av.open(str(copy)) as container:
        frame = next(container.decode(video=0))
        turned = round(float(getattr(frame, "rotation", 0) or 0)) % 180 == 90
        return (frame.height, frame.width) if turned else (frame.width, frame.height)


def _frame_s(film: MadeFilm) -> float:
    with av.open(str(film.path)) as container:
        rate = container.streams.video[0].average_rate
        return 1 / float(rate) if rate else 0.04


# ---------------------------------------------------------------- attach (health check)
@pytest.mark.parametrize("name", HEALTHY)
def test_healthy_films_are_attached_whole_and_upright(
    name: str, test_films: dict[str, MadeFilm]
) -> None:
    from vig_tui.playback.health import check_health

    film = test_films[name]
    health = check_health(film.path, [(1000, 2500)])
    assert health.complete and health.warning is None
    assert abs(health.length_ms - film.length_ms) <= 60
    from vig_tui.playback.frames import probe

    info = probe(film.path)
    assert (info.width, info.height) == (film.width, film.height)
    assert (info.rotation == 0) == (film.rotation == 0)  # which way: see the stills test


def test_a_film_with_zeroed_pictures_is_refused(test_films: dict[str, MadeFilm]) -> None:
    from vig_tui.playback.health import FilmUnplayable, check_health

    seen: list[float] = []
    with pytest.raises(FilmUnplayable, match="no picture can be decoded"):
        check_health(test_films["zeroed"].path, on_progress=lambda f, _what: seen.append(f))
    assert seen and seen == sorted(seen)


def test_a_film_cut_short_says_how_much_plays_and_flags_late_clips(
    test_films: dict[str, MadeFilm],
) -> None:
    from vig_tui.playback.health import check_health

    seen: list[tuple[float, str]] = []
    film = test_films["truncated"]
    health = check_health(film.path, [(1000, 2000), (5000, 7500)], lambda f, w: seen.append((f, w)))
    assert health.length_ms == 8000
    assert 2500 <= health.playable_ms <= 5500
    assert health.warning is not None and "Only the first 0:0" in health.warning
    assert health.clip_problem(1000, 2000) is None
    assert "runs past" in (health.clip_problem(5000, 7500) or "")
    assert seen[-1][0] == 1.0 and all(0.0 <= f <= 1.0 for f, _ in seen)


def test_a_clip_past_the_playable_part_is_not_exported_silently(
    test_films: dict[str, MadeFilm], tmp_path: Path
) -> None:
    with pytest.raises(PrivacyError, match=r"lasts .* but the clip is 2\.50 s"):
        export_clip(test_films["truncated"].path, 3000, 5500, tmp_path / "late.mp4")
    assert not list(tmp_path.iterdir())


# ------------------------------------------------------------------ play and still
@pytest.mark.parametrize("name", HEALTHY)
def test_each_film_plays_a_clip_and_gives_an_upright_still_after_it_ends(
    name: str, test_films: dict[str, MadeFilm], player: VlcPlayer, tmp_path: Path
) -> None:
    film = test_films[name]
    player.open(film.path)
    player.play_clip(1000, 1800)
    drive(player, lambda: player.state is PlayerState.CLIP_ENDED, timeout=10)
    log: Any = player.log  # type: ignore[attr-defined]
    assert EventKind.ERROR not in log.kinds()
    still = player.snapshot(tmp_path / "store" / "still.png")
    assert png_size(still) == (film.width, film.height)


@pytest.mark.parametrize("name", ["rot90", "rot180", "rot270", "hevc-rot90", "mts", "webm"])
def test_stills_show_the_picture_a_player_shows(
    name: str, test_films: dict[str, MadeFilm], player: VlcPlayer, tmp_path: Path
) -> None:
    film = test_films[name]
    player.open(film.path)
    player.seek(1520)  # nothing playing yet: opens paused at this moment
    still = player.snapshot(tmp_path / "store" / "still.png")
    assert _near(still, film, 1.52, tmp_path) < 3.0


def test_a_still_works_paused_on_open_and_after_a_seek_while_paused(
    test_films: dict[str, MadeFilm], player: VlcPlayer, tmp_path: Path
) -> None:
    film = test_films["webm"]
    player.open(film.path)
    player.play_film(0, paused=True)
    first = player.snapshot(tmp_path / "store" / "a.png")
    player.seek(2000)
    second = player.snapshot(tmp_path / "store" / "b.png")
    assert png_size(first) == png_size(second) == (film.width, film.height)
    assert _difference(first, second) > 1.0  # two different moments


def test_the_player_refuses_a_film_with_no_pictures(
    test_films: dict[str, MadeFilm], player: VlcPlayer
) -> None:
    with pytest.raises(CannotDecode, match="no picture can be decoded"):
        player.open(test_films["zeroed"].path)


def test_the_player_reports_a_film_that_stops_early_instead_of_ending_the_clip(
    test_films: dict[str, MadeFilm], player: VlcPlayer
) -> None:
    player.open(test_films["truncated"].path)
    player.play_clip(3000, 7500)
    drive(player, lambda: player.state in (PlayerState.ERROR, PlayerState.CLIP_ENDED), timeout=12)
    assert player.state is PlayerState.ERROR
    log: Any = player.log  # type: ignore[attr-defined]
    (error,) = [e for _, e in log.events if e.kind is EventKind.ERROR]
    assert "the rest of the file is damaged or missing" in str(error.error)


# ----------------------------------------------------------------------------- export
@pytest.mark.parametrize("name", HEALTHY)
def test_each_film_exports_an_exact_upright_clip(
    name: str, test_films: dict[str, MadeFilm], tmp_path: Path
) -> None:
    film = test_films[name]
    copy = export_clip(film.path, 1020, 3000, tmp_path / "clip.mp4")
    assert _shown_size(copy) == (film.width, film.height)
    times = _frame_times(copy)
    assert len(times) == len(set(times)), "duplicate timestamps"
    with av.open(str(copy)) as container:
        zero = (container.start_time or 0) / 1_000_000
    assert abs(times[0] - zero) < 0.001
    longest = max(
        b - a for a, b in itertools.pairwise(sorted(times))
    )  # ±1 frame (VFR: the longest)
    assert abs(times[-1] + _frame_s(film) - times[0] - 1.98) <= longest + 0.002
    with av.open(str(copy)) as container:
        assert bool(container.streams.audio) == film.has_audio


@pytest.mark.parametrize("name", ["mts", "rot90", "avi-stereo", "vfr"])
def test_an_exported_clip_starts_on_the_picture_at_the_mark(
    name: str, test_films: dict[str, MadeFilm], tmp_path: Path
) -> None:
    film = test_films[name]
    copy = export_clip(film.path, 1520, 3000, tmp_path / "clip.mp4")
    first = _reference_still(copy, 0.0, tmp_path / "first.png")
    later = _reference_still(film.path, 1.92, tmp_path / "later.png")
    assert _near(first, film, 1.52, tmp_path) < _difference(first, later) / 2


def test_a_camcorder_clip_has_every_frame(test_films: dict[str, MadeFilm], tmp_path: Path) -> None:
    # MPEG-TS starting at 2.84 s with one keyframe in six seconds.
    copy = export_clip(test_films["mts"].path, 2000, 4500, tmp_path / "clip.mp4")
    assert abs(len(_frame_times(copy)) - 2500 / 40) <= 1


@pytest.mark.parametrize(
    ("name", "start_ms"),  # each start half-way between two of the film's frames
    [("avi-mono", 2020), ("avi-stereo", 2060), ("avi-mono", 2100), ("avi-stereo", 2180)],
)
def test_avi_clips_starting_between_frames_export(
    name: str, start_ms: int, test_films: dict[str, MadeFilm], tmp_path: Path
) -> None:
    copy = export_clip(test_films[name].path, start_ms, start_ms + 1500, tmp_path / "c.mp4")
    times = _frame_times(copy)
    assert len(times) == len(set(times))
    assert abs(len(times) - 1500 / 40) <= 1
