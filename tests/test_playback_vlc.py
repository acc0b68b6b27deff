"""Real libVLC on the sample film, with dummy audio/video outputs."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest_playback import (
    SAMPLE_FILM,
    EventLog,
    drive,
    png_size,
    require_libvlc,
    state_of,
)
from vig_tui.playback.errors import CannotDecode, FilmMissing, FilmUnreadable
from vig_tui.playback.player import EventKind, PlayerState

if TYPE_CHECKING:
    from vig_tui.playback.vlc_player import VlcPlayer

pytestmark = pytest.mark.vlc


@pytest.fixture(scope="module", autouse=True)
def _libvlc() -> None:
    require_libvlc()


@pytest.fixture
def log() -> EventLog:
    return EventLog()


@pytest.fixture
def player(log: EventLog) -> Iterator[VlcPlayer]:
    from vig_tui.playback.vlc_player import VlcPlayer

    p = VlcPlayer(log)
    p.open(SAMPLE_FILM)
    yield p
    p.close()


def _raw_time(player: VlcPlayer) -> int:
    # White-box: VLC's own (coarse) report, to check our interpolation against it.
    return int(player._mp.get_time())


def test_open_reads_length(player: VlcPlayer) -> None:
    assert player.state is PlayerState.READY
    assert 11_900 <= player.length_ms <= 12_100


def test_clip_starts_near_start_and_ends_with_event(player: VlcPlayer, log: EventLog) -> None:
    player.play_clip(2000, 4000)
    drive(player, lambda: player.state is PlayerState.PLAYING)
    playing_at = time.monotonic()
    assert abs(player.position_ms() - 2000) <= 250

    # VLC's first fresh time report, wound back by the time since playing began,
    # tells us where the picture really started.
    before = _raw_time(player)
    drive(player, lambda: _raw_time(player) not in (before, 0, -1), step=0.005, timeout=3)
    raw = _raw_time(player)
    started_at_ms = raw - (time.monotonic() - playing_at) * 1000
    assert abs(started_at_ms - 2000) <= 250, (raw, started_at_ms)

    drive(player, lambda: log.count(EventKind.CLIP_ENDED) == 1, timeout=6)
    assert _raw_time(player) <= 4300
    assert player.position_ms() <= 4300
    assert player.state is PlayerState.CLIP_ENDED
    assert EventKind.PLAYING in log.kinds()
    # nothing keeps playing past the end
    time.sleep(0.3)
    player.tick()
    assert player.position_ms() <= 4300
    assert log.count(EventKind.CLIP_ENDED) == 1


def test_stop_time_backstop_when_ticks_are_late(player: VlcPlayer, log: EventLog) -> None:
    """If the UI stalls, the media's stop-time still ends the clip; tick then reports it."""
    player.play_clip(1000, 2000)
    drive(player, lambda: player.state is PlayerState.PLAYING)
    time.sleep(1.8)  # no ticks at all
    drive(player, lambda: log.count(EventKind.CLIP_ENDED) == 1, timeout=3)
    assert player.state is PlayerState.CLIP_ENDED
    assert player.position_ms() == 2000


def test_pause_and_resume(player: VlcPlayer, log: EventLog) -> None:
    player.play_clip(1000, 8000)
    drive(player, lambda: player.state is PlayerState.PLAYING)
    drive(player, lambda: player.position_ms() >= 1400)
    player.pause()
    assert player.state is PlayerState.PAUSED
    held = player.position_ms()
    raw_held = _raw_time(player)
    time.sleep(0.5)
    player.tick()
    assert player.position_ms() == held
    assert abs(_raw_time(player) - raw_held) <= 100
    drive(player, lambda: log.count(EventKind.PAUSED) >= 1, timeout=2)

    player.play()
    drive(player, lambda: player.position_ms() >= held + 400, timeout=3)
    drive(player, lambda: _raw_time(player) >= raw_held + 300, timeout=3)
    assert state_of(player) is PlayerState.PLAYING


def test_toggle(player: VlcPlayer) -> None:
    player.play_clip(0, 6000)
    drive(player, lambda: player.state is PlayerState.PLAYING)
    player.toggle()
    assert player.state is PlayerState.PAUSED
    player.toggle()
    assert state_of(player) is PlayerState.PLAYING


def _measured_speed(player: VlcPlayer, span_ms: int = 750) -> float:
    """Film ms per wall ms, timed between two of VLC's own report changes."""
    first = _raw_time(player)
    drive(player, lambda: _raw_time(player) != first, step=0.005, timeout=3)
    raw_a, t_a = _raw_time(player), time.monotonic()
    drive(player, lambda: _raw_time(player) >= raw_a + span_ms, step=0.005, timeout=5)
    return (_raw_time(player) - raw_a) / ((time.monotonic() - t_a) * 1000)


def test_rate_half_speed(player: VlcPlayer) -> None:
    player.play_clip(0, 11000)
    drive(player, lambda: player.state is PlayerState.PLAYING)
    assert 0.8 <= _measured_speed(player, 500) <= 1.25
    player.set_rate(0.5)
    assert player.rate == 0.5
    assert player._mp.get_rate() == pytest.approx(0.5)
    time.sleep(0.3)  # let the change reach the output clock
    speed = _measured_speed(player)
    assert 0.35 <= speed <= 0.65, speed
    with pytest.raises(ValueError):
        player.set_rate(3.0)


def _snap_hash(player: VlcPlayer, tmp_path: Path, name: str) -> str:
    out = player.snapshot(tmp_path / "store" / f"{name}.png")
    return hashlib.sha256(out.read_bytes()).hexdigest()


def test_step_forward_moves_one_frame(player: VlcPlayer, tmp_path: Path) -> None:
    player.play_clip(3000, 9000)
    drive(player, lambda: player.state is PlayerState.PLAYING)
    drive(player, lambda: player.position_ms() >= 3300)
    player.freeze()
    assert player.state is PlayerState.PAUSED
    time.sleep(0.2)
    before = player.position_ms()
    first = _snap_hash(player, tmp_path, "a")
    player.step_forward()
    time.sleep(0.2)
    assert player.position_ms() == before + player.frame_ms == before + 40
    second = _snap_hash(player, tmp_path, "b")
    assert first != second, "the picture should change after a frame step"
    player.step_back()
    assert player.position_ms() == before
    assert player.state is PlayerState.PAUSED


def test_jump_stays_inside_clip(player: VlcPlayer) -> None:
    player.play_clip(2000, 6000)
    drive(player, lambda: player.state is PlayerState.PLAYING)
    player.jump(-5000)
    assert player.position_ms() >= 2000
    player.jump(+1000)
    drive(player, lambda: player.position_ms() >= 3000, timeout=2)
    player.jump(+60_000)
    assert player.position_ms() <= 6000


def test_snapshot_has_film_dimensions(player: VlcPlayer, tmp_path: Path) -> None:
    player.play_clip(5000, 9000)
    drive(player, lambda: player.state is PlayerState.PLAYING)
    player.freeze()
    time.sleep(0.1)
    dest = tmp_path / "family" / "stills" / "moment.png"
    written = player.snapshot(dest)
    assert written == dest
    assert png_size(dest) == (640, 360)
    assert not list(dest.parent.glob(".*partial*"))


def test_snapshot_refuses_the_film_folder(player: VlcPlayer) -> None:
    player.play_clip(5000, 9000)
    drive(player, lambda: player.state is PlayerState.PLAYING)
    with pytest.raises(ValueError):
        player.snapshot(SAMPLE_FILM.parent / "still.png")


def test_loop_plays_clip_repeatedly(player: VlcPlayer, log: EventLog) -> None:
    player.play_clip(2000, 3000)
    player.set_loop(True)  # after the clip starts: a new clip starts without looping
    drive(player, lambda: log.count(EventKind.LOOPED) >= 2, timeout=8)
    assert player.state in (PlayerState.PLAYING, PlayerState.OPENING)
    assert 2000 <= player.position_ms() <= 3000
    assert log.count(EventKind.CLIP_ENDED) == 0
    player.set_loop(False)
    drive(player, lambda: log.count(EventKind.CLIP_ENDED) == 1, timeout=4)


def test_replay_after_clip_end(player: VlcPlayer, log: EventLog) -> None:
    player.play_clip(6000, 7000)
    drive(player, lambda: log.count(EventKind.CLIP_ENDED) == 1, timeout=5)
    player.replay()
    assert player.position_ms() == 6000
    drive(player, lambda: player.position_ms() >= 6300, timeout=3)
    drive(player, lambda: log.count(EventKind.CLIP_ENDED) == 2, timeout=5)


def test_end_of_film(player: VlcPlayer, log: EventLog) -> None:
    player.play_film(11_300)
    drive(player, lambda: log.count(EventKind.END_OF_FILM) == 1, timeout=6)
    assert player.state is PlayerState.FILM_ENDED


def test_play_film_paused_shows_a_frame(player: VlcPlayer, tmp_path: Path) -> None:
    player.play_film(7000, paused=True)
    drive(player, lambda: player.state is PlayerState.PAUSED and player._media_alive())
    assert player.position_ms() == 7000
    assert png_size(player.snapshot(tmp_path / "s" / "x.png")) == (640, 360)


def test_missing_film(log: EventLog, tmp_path: Path) -> None:
    from vig_tui.playback.vlc_player import VlcPlayer

    p = VlcPlayer(log)
    try:
        with pytest.raises(FilmMissing) as info:
            p.open(tmp_path / "nowhere.mp4")
        assert "nowhere.mp4" in str(info.value)
        with pytest.raises(FilmUnreadable):
            p.open(tmp_path)
    finally:
        p.close()


def test_not_a_video(log: EventLog, tmp_path: Path) -> None:
    from vig_tui.playback.vlc_player import VlcPlayer

    fake = tmp_path / "notes.mp4"
    fake.write_text("these are notes, not a film\n" * 200)
    p = VlcPlayer(log)
    try:
        with pytest.raises(CannotDecode) as info:
            p.open(fake)
        assert "convert" in str(info.value)
        assert p.state is PlayerState.EMPTY
    finally:
        p.close()


def test_one_instance_per_process() -> None:
    from vig_tui.playback import libvlc

    assert libvlc.get_instance() is libvlc.get_instance()


def test_close_twice_is_safe(log: EventLog) -> None:
    from vig_tui.playback.vlc_player import VlcPlayer

    p = VlcPlayer(log)
    p.open(SAMPLE_FILM)
    p.play_clip(0, 2000)
    p.close()
    p.close()
    assert p.state is PlayerState.EMPTY
