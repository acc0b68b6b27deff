"""Pure-Python parts of playback: playhead, clip drafts, films, fake player, hints."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest_playback import SAMPLE_FILM, EventLog, png_size, state_of
from vig_tui.playback.clips import ClipDraft, ClipInvalid, format_ms
from vig_tui.playback.clock import Playhead
from vig_tui.playback.diagnose import check_display
from vig_tui.playback.errors import (
    CannotDecode,
    FilmMissing,
    FilmUnreadable,
    NoDisplay,
    PlayerUnavailable,
)
from vig_tui.playback.fake import FakePlayer
from vig_tui.playback.films import (
    FINGERPRINT_VERSION,
    FilmStatus,
    check_film,
    find_film,
    fingerprint,
    probe_duration_ms,
)
from vig_tui.playback.libvlc import NO_SCREEN_ARGS, display_hint, instance_args
from vig_tui.playback.player import (
    EventKind,
    Player,
    PlayerState,
    UnavailablePlayer,
    next_rate,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


# ------------------------------------------------------------------ playhead
def test_playhead_interpolates_between_coarse_reports() -> None:
    clock = FakeClock()
    head = Playhead(clock)
    head.reset(2000, stale_raw=0)
    head.set_running(True)
    head.report(0)  # stale report from before the start: ignored
    clock.now += 0.1
    assert head.position() == 2100
    clock.now += 0.1
    assert head.position() == 2200
    head.report(2180)  # fresh report a little behind what we showed: no step back
    assert head.position() == 2200
    clock.now += 0.25
    head.report(2430)
    assert head.position() == 2430
    clock.now += 0.1
    assert head.position() == 2530


def test_playhead_pauses_rates_and_caps() -> None:
    clock = FakeClock()
    head = Playhead(clock)
    head.reset(1000)
    head.set_running(True)
    head.set_rate(0.5)
    clock.now += 1.0
    assert head.position() == 1500
    head.set_running(False)
    clock.now += 5
    assert head.position() == 1500
    head.set_running(True)
    clock.now += 10  # no reports for ages: do not run away
    assert head.position() <= 1500 + 600


def test_playhead_ignores_stale_report_after_seek_and_accepts_real_jumps() -> None:
    clock = FakeClock()
    head = Playhead(clock)
    head.reset(0)
    head.set_running(True)
    clock.now += 1
    head.report(1000)
    head.reset(8000, stale_raw=1000)
    head.report(1250)  # in flight from before the seek
    assert head.position() == 8000
    clock.now += 2
    head.report(3000)  # long after: believed (e.g. the backend restarted)
    assert head.position() == 3000


# ---------------------------------------------------------------- clip draft
def test_clip_draft_rules() -> None:
    ok = ClipDraft(None, 2000, 7000, "Eye contact")
    assert ok.errors() == []
    assert ok.warnings() == []
    ok.validate()
    long = ClipDraft(None, 0, 12000, "Long")
    assert any("12.0 s" in w for w in long.warnings())
    short = ClipDraft(None, 0, 1500, "Short")
    assert any("3 to 10 seconds" in w for w in short.warnings())
    assert any("5 clips" in w for w in ok.warnings(other_clips=4))
    assert ok.warnings(other_clips=3) == []
    bad = ClipDraft(None, 5000, 5000, "")
    assert bad.errors()
    with pytest.raises(ClipInvalid):
        bad.validate()
    assert format_ms(62_040) == "1:02.04"
    assert format_ms(-1_500) == "-0:01.50"
    # a camcorder left running: hours, not 240 minutes
    assert format_ms(4 * 3_600_000) == "4:00:00.00"
    assert format_ms(3_600_000 + 62_040) == "1:01:02.04"


# --------------------------------------------------------------------- films
def test_fingerprint_and_refind(tmp_path: Path) -> None:
    fp = fingerprint(SAMPLE_FILM)
    assert fp.startswith(f"{FINGERPRINT_VERSION}:{SAMPLE_FILM.stat().st_size}:")
    moved = tmp_path / "a" / "b" / "renamed.MP4"
    moved.parent.mkdir(parents=True)
    moved.write_bytes(SAMPLE_FILM.read_bytes())
    decoy = tmp_path / "a" / "decoy.mp4"
    data = bytearray(SAMPLE_FILM.read_bytes())
    data[-10] ^= 0xFF  # same size, different ending
    decoy.write_bytes(bytes(data))
    assert fingerprint(decoy) != fp
    assert find_film(fp, [tmp_path]) == moved
    assert find_film(fp, [tmp_path / "nothing-here"]) is None
    assert find_film("garbage", [tmp_path]) is None
    assert check_film(moved, fp).ok
    assert check_film(decoy, fp).status is FilmStatus.CHANGED
    assert check_film(tmp_path / "gone.mp4", fp).status is FilmStatus.MISSING
    with pytest.raises(FilmMissing):
        fingerprint(tmp_path / "gone.mp4")


def test_small_file_fingerprint(tmp_path: Path) -> None:
    f = tmp_path / "tiny.mp4"
    f.write_bytes(b"abc")
    assert fingerprint(f).startswith(f"{FINGERPRINT_VERSION}:3:")


def test_probe_duration(tmp_path: Path) -> None:
    assert 11_900 <= probe_duration_ms(SAMPLE_FILM) <= 12_100
    text = tmp_path / "notes.mp4"
    text.write_text("not a film\n" * 100)
    with pytest.raises(CannotDecode):
        probe_duration_ms(text)
    with pytest.raises(FilmMissing):
        probe_duration_ms(tmp_path / "gone.mp4")
    # the same check as playing a film (`readable_film`), with the same words
    folder = tmp_path / "a-folder.mp4"
    folder.mkdir()
    with pytest.raises(FilmUnreadable, match="a folder, not a file"):
        probe_duration_ms(folder)


def test_sample_film_is_small() -> None:
    assert SAMPLE_FILM.stat().st_size <= 1024 * 1024


# --------------------------------------------------------------- hints, args
def test_instance_args_from_env() -> None:
    args = instance_args({"VIG_VLC_ARGS": "--vout=dummy --aout='dummy'"})
    assert args[:2] == ["--quiet", "--no-video-title-show"]
    assert args[2:] == ["--vout=dummy", "--aout=dummy"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
def test_display_hint() -> None:
    assert isinstance(display_hint(environ={}), NoDisplay)
    assert display_hint(environ={"DISPLAY": ":0"}) is None
    assert display_hint(environ={"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert display_hint(environ={"VIG_VLC_ARGS": "--vout=dummy"}) is None
    # With no screen, libVLC is never asked to open a window (it crashed trying).
    assert instance_args({})[-2:] == list(NO_SCREEN_ARGS)
    assert not set(NO_SCREEN_ARGS) & set(instance_args({"DISPLAY": ":0"}))
    assert not check_display({}).ok
    assert check_display({"DISPLAY": ":1", "VIG_VLC_ARGS": "--vout=dummy"}).ok
    # A display where nothing can open a window is reported, with what to install.
    nowhere = check_display({"DISPLAY": ":193", "VIG_VLC_ARGS": "--aout=dummy"})
    assert not nowhere.ok and "vlc-plugin-video-output" in nowhere.detail


# ---------------------------------------------------------------- fake player
def test_fake_player_follows_the_contract(tmp_path: Path) -> None:
    log = EventLog()
    fake = FakePlayer(log)
    assert isinstance(fake, Player)
    assert isinstance(UnavailablePlayer(PlayerUnavailable()), Player)
    fake.open(SAMPLE_FILM)
    fake.play_clip(2000, 4000)
    fake.advance(0)
    assert fake.state is PlayerState.PLAYING
    fake.advance(1500)
    assert fake.position_ms() == 3500
    fake.advance(600)
    assert state_of(fake) is PlayerState.CLIP_ENDED
    assert fake.position_ms() == 4000
    assert log.count(EventKind.CLIP_ENDED) == 1
    fake.set_loop(True)
    fake.replay()
    fake.advance(2100)
    assert log.count(EventKind.LOOPED) == 1
    fake.set_rate(0.5)
    fake.jump(-5000)
    assert fake.position_ms() == 2000
    fake.step_forward()
    assert fake.position_ms() == 2040
    assert state_of(fake) is PlayerState.PAUSED
    fake.step_back()
    assert fake.position_ms() == 2000
    assert png_size(fake.snapshot(tmp_path / "s.png")) == (64, 36)


def test_next_rate_cycles() -> None:
    assert next_rate(1.0) == 0.5
    assert next_rate(0.5) == 0.25
    assert next_rate(0.25) == 1.0
    assert next_rate(3.0) == 1.0
