"""The booklet is saved with Enter in the folder box, and where it was saved is
seen at once (at 80×24 as at 120×40) (not below the fold)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.journey_helpers import screen_text
from tests.test_booklet_screen import app_for, family, open_booklet
from vig_tui.services.booklet import booklet_file_name
from vig_tui.store import Store


async def test_enter_in_the_folder_box_saves_and_says_where(store: Store, tmp_path: Path) -> None:
    record = family(store)
    async with app_for(store).run_test(size=(80, 24)) as pilot:
        screen = await open_booklet(pilot, record.family.id)
        folder = screen.query_one("#booklet-folder", Input)
        assert folder.has_focus
        folder.value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        out = tmp_path / booklet_file_name(record.family.label, "html")
        pdf = tmp_path / booklet_file_name(record.family.label, "pdf")
        assert pdf.exists() or out.exists()
        # told in a notification, wherever the list has scrolled to, and beside the buttons
        told = [str(n.message) for n in pilot.app._notifications]
        assert any(tmp_path.name in message for message in told), told
        shown = " ".join(screen_text(pilot.app).split())
        assert "Saved:" in shown and tmp_path.name in shown
