"""The room outlives vig: quitting (Ctrl+Q), a closed terminal or a crash while
the family is at the laptop opens the next vig in the room, on the closing
screen, never on Home's list of every family. Only F2 and the word *desk* close it."""

from __future__ import annotations

from pathlib import Path

import pytest

from vig_tui.domain import Family
from vig_tui.services.room_state import ROOM_NAME, room_left_open
from vig_tui.store import Store
from vig_tui.ui.screens.home import HomeScreen
from vig_tui.ui.screens.room import ClosingScreen

from .journey_helpers import back_to_desk, make_app, screen_text
from .test_room_gate import open_meeting

OTHER = "Zzother-family-sentinel"


def _store_with_two(root: Path) -> tuple[Store, str]:
    store = Store.open(root)
    here = store.create_family(Family(label="Rowan"))
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
