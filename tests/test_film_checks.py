"""A replaced film is never played to the family nor copied for them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.journey_helpers import Players, add_demo, make_app, past_read_back, screen_text
from tests.test_journey import go_to
from tests.test_privacy_support import add_family, make_record
from vig_tui.playback.films import check_film, fingerprint
from vig_tui.privacy.clips import export_family_clips
from vig_tui.privacy.errors import PrivacyError
from vig_tui.resources import sample_film
from vig_tui.store import Store
from vig_tui.ui.screens.meeting import MeetingScreen


def _flip(path: Path, offset: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0xFF]))


def test_a_same_size_change_in_the_middle_changes_the_fingerprint(tmp_path: Path) -> None:
    film = tmp_path / "long.mp4"
    film.write_bytes(bytes(range(256)) * (40 * 1024 * 4))  # 40 MiB
    before = fingerprint(film)
    _flip(film, film.stat().st_size // 2)
    assert fingerprint(film) != before
    assert not check_film(film, before).ok


def test_films_attached_with_the_old_fingerprint_still_check(tmp_path: Path) -> None:
    film = tmp_path / "f.mp4"
    shutil.copy(sample_film(), film)
    old = fingerprint(film, "v1")
    assert check_film(film, old).ok
    _flip(film, 10)
    assert not check_film(film, old).ok


def test_clips_of_a_replaced_film_are_not_copied(store: Store, tmp_path: Path) -> None:
    film = tmp_path / "film.mp4"
    shutil.copy(sample_film(), film)
    record = make_record()
    for attached in record.films:
        attached.path = str(film)
        attached.fingerprint = fingerprint(film)
    family_id = add_family(store, record)
    _flip(film, film.stat().st_size // 2)  # same size, different film
    usb = tmp_path / "usb"
    usb.mkdir()
    with pytest.raises(PrivacyError, match="not the film that was attached"):
        export_family_clips(store, family_id, usb)
    assert list(usb.iterdir()) == []


async def test_the_shared_review_does_not_play_a_replaced_film(
    store: Store, tmp_path: Path
) -> None:
    family_id = add_demo(store)
    film = tmp_path / "film.mp4"
    shutil.copy(sample_film(), film)
    repo = store.family(family_id)
    for attached in list(repo.record.films):
        attached.path = str(film)
        attached.fingerprint = fingerprint(film)
        repo.save(attached)
    _flip(film, film.stat().st_size // 2)
    clip = repo.record.clips_for(1)[0]
    players = Players()
    app = make_app(store, players)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        await pilot.press("r")
        await past_read_back(pilot)
        await pilot.pause()
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        await go_to(pilot, meeting, f"clip:{clip.id}:talk")
        await pilot.pause()
        calls = players.player.calls if players.player else []
        assert not any(c.startswith("play_clip") for c in calls), calls
        shown = " ".join(screen_text(app).split())
        assert "This clip cannot be played: its film has moved or changed" in shown
        assert str(tmp_path) not in shown
