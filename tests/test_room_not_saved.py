"""A failed save in the room: plain words for the family, the whole message for the desk."""

from __future__ import annotations

import errno
from pathlib import Path

from vig_tui.store import Store, StoreWriteError
from vig_tui.store.atomic import describe_os_error
from vig_tui.ui.app import VigApp

RECORD = Path("/tmp/x/store/families/28914872abcdef/record.json")


def disk_full() -> StoreWriteError:
    return StoreWriteError(RECORD, describe_os_error(OSError(errno.ENOSPC, "No space left")))


async def test_the_family_sees_no_path_and_the_desk_sees_all(store: Store) -> None:
    app = VigApp(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.together = True
        app.save_failed(disk_full())
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert shown == [
            "This could not be saved: the laptop's disk is full. "
            "Your words are still on the screen."
        ]
        assert "28914872" not in " ".join(str(n.title) for n in app._notifications)
        held = [n.message for n in app._held]
        assert len(held) == 1 and str(RECORD) in held[0]
        app.together = False
        await pilot.pause()
        assert any(str(RECORD) in str(n.message) for n in app._notifications)


async def test_a_later_good_save_takes_the_not_saved_notice_away(store: Store) -> None:
    app = VigApp(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.together = True
        app.save_failed(disk_full())
        await pilot.pause()
        assert [n.title for n in app._notifications] == ["Not saved"]
        app.save_succeeded()
        await pilot.pause()
        assert list(app._notifications) == []
