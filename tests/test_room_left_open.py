"""The room outlives vig: quitting (Ctrl+Q), a closed terminal or a crash while
the family is at the laptop opens the next vig in the room, on the closing
screen, never on Home's list of every family. Only F2 and the word *desk* close it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from vig_tui.domain import Family, SessionKind
from vig_tui.services.room_state import ROOM_NAME, RoomLeftOpen, room_left_open, room_opened
from vig_tui.services.session import create_family
from vig_tui.store import Store
from vig_tui.ui.screens.home import HomeScreen
from vig_tui.ui.screens.room import ClosingScreen

from .journey_helpers import back_to_desk, make_app, screen_text
from .test_full_disk import fill
from .test_room_gate import open_meeting

OTHER = "Zzother-family-sentinel"


def _store_with_two(root: Path) -> tuple[Store, str]:
    """Rowan, with an initial meeting begun (opening it again writes nothing), and
    another family whose name must never show in the room."""
    store = Store.open(root)
    here = create_family(store, Family(label="Rowan"))
    here.meeting_to_open(SessionKind.INITIAL_MEETING, None)
    store.create_family(Family(label=OTHER))
    return store, here.id


async def _quit_in_the_room(store: Store, family_id: str) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_meeting(app, pilot, family_id)
        assert app.room
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert room_left_open(store.root) is not None


async def test_quitting_in_the_room_opens_the_next_vig_in_the_room(tmp_path: Path) -> None:
    store, family_id = _store_with_two(tmp_path / "store")
    with store:
        await _quit_in_the_room(store, family_id)
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ClosingScreen)
            assert app.room and app.together
            text = screen_text(app)
            assert "Thank you" in text and "Rowan" in text
            assert OTHER not in text
            # Esc, the palette and a screen from the desk can't uncover Home
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ClosingScreen)
            app.push_screen(HomeScreen())
            await pilot.pause()
            assert isinstance(app.screen, ClosingScreen) and OTHER not in screen_text(app)
            # the practitioner's deliberate way back closes it, for good
            await back_to_desk(pilot)
            assert isinstance(app.screen, HomeScreen) and not app.room
        assert room_left_open(store.root) is None
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen) and not app.room


@pytest.mark.parametrize("content", [b"{not json", b'{"family": "../../etc"}', b"[]"])
async def test_a_damaged_room_file_still_opens_in_the_room(tmp_path: Path, content: bytes) -> None:
    """Corrupt is never read as closed: the room opens, naming no family."""
    store, _ = _store_with_two(tmp_path / "store")
    with store:
        (store.root / ROOM_NAME).write_bytes(content)
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ClosingScreen) and app.room
            text = screen_text(app)
            assert OTHER not in text and "Rowan" not in text
            await back_to_desk(pilot)
            assert isinstance(app.screen, HomeScreen)
        assert not (store.root / ROOM_NAME).exists()


async def test_an_erased_family_leaves_a_room_naming_no_one(tmp_path: Path) -> None:
    store, family_id = _store_with_two(tmp_path / "store")
    with store:
        await _quit_in_the_room(store, family_id)
        (store.root / ROOM_NAME).write_text('{"family": "' + "0" * 32 + '"}')
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ClosingScreen) and app.room
            assert OTHER not in screen_text(app)


@pytest.mark.parametrize("kind", ["deep", "fifo", "huge", "folder"])
async def test_whatever_is_under_the_name_opens_the_room_without_hanging(
    tmp_path: Path, kind: str
) -> None:
    """Only a small regular file is read: a FIFO would block the start for ever,
    nesting past Python's limit was a crash, a huge file a long blank screen."""
    store, _ = _store_with_two(tmp_path / "store")
    path = store.root / ROOM_NAME
    if kind == "deep":
        path.write_text("[" * 100_000)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "huge":
        path.write_bytes(b" " * 5_000_000 + b'{"family": "' + b"0" * 32 + b'"}')
    else:
        path.mkdir()
    with store:
        assert room_left_open(store.root) == RoomLeftOpen(None)
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ClosingScreen) and app.room
            assert OTHER not in screen_text(app)


async def test_a_room_file_that_cannot_be_removed_is_said_at_the_desk(tmp_path: Path) -> None:
    store, _ = _store_with_two(tmp_path / "store")
    (store.root / ROOM_NAME).mkdir()
    with store:
        app = make_app(store)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.pause()
            await back_to_desk(pilot)
            assert isinstance(app.screen, HomeScreen)
            said = " ".join(str(n.message) for n in app._notifications)
            assert "could not remove" in said and ROOM_NAME in said


async def _meeting_on_a_full_disk(pilot: Any, family_id: str, disk: Path) -> None:
    """The family's begun meeting opened (the room with it) once the disk is full."""
    await pilot.pause()
    pilot.app.open_family(family_id)
    await pilot.pause()
    fill(disk, leave=0)
    await pilot.press("i")
    for _ in range(3):
        await pilot.pause()


async def test_on_a_full_disk_the_room_says_so_and_quitting_asks_twice(tiny_disk: Path) -> None:
    """The room can't be noted on a full disk: the family's view says so at once
    (in words the family may read), and Ctrl+Q quits only when pressed again."""
    store, family_id = _store_with_two(tiny_disk / "store")
    with store:
        app = make_app(store)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await _meeting_on_a_full_disk(pilot, family_id, tiny_disk)
            assert app.room and app.together
            assert room_left_open(store.root) is None
            assert "could not save a note it needs" in screen_text(app)
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert app.is_running and "Ctrl+Q again" in screen_text(app)
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert not app.is_running


async def test_quitting_notes_the_room_once_the_disk_has_space_again(tiny_disk: Path) -> None:
    store, family_id = _store_with_two(tiny_disk / "store")
    with store:
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await _meeting_on_a_full_disk(pilot, family_id, tiny_disk)
            assert room_left_open(store.root) is None
            (tiny_disk / "filler").unlink()
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert not app.is_running
        left = room_left_open(store.root)
        assert left is not None and left.family_id == family_id and left.meeting_id


def test_turning_encryption_on_keeps_the_room_and_its_family(tmp_path: Path) -> None:
    """room.json holds only a random id: it is not sealed, so an encrypted store
    still reopens the room on that family (it showed a closing screen for no one)."""
    store, family_id = _store_with_two(tmp_path / "store")
    with store:
        room_opened(store.root, family_id)
        store.change_passphrase("a long enough passphrase for the test")
    assert room_left_open(store.root) == RoomLeftOpen(family_id)
