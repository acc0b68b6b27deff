"""The letter editor: adding to the end of the letter the way a person would."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import TextArea

from tests.test_desk_records import full_record
from vig_tui.export.letter import current_letter
from vig_tui.packs import load_packs
from vig_tui.services.session import FamilySession
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.letter import LetterScreen

PACKS = load_packs()
PS = "P.S. Leo's train drawing is on my wall!"


async def open_letter(app: VigApp, store: Store, pilot: Pilot[int]) -> TextArea:
    family = store.create_family(full_record("Rowan family"))
    app.push_screen(LetterScreen(FamilySession(store, store.family(family.id))))
    await pilot.pause()
    return app.screen.query_one("#letter-text", TextArea)


async def test_ctrl_end_enter_and_typing_adds_a_ps_after_the_sign_off(store: Store) -> None:
    app = VigApp(store, packs=PACKS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        area = await open_letter(app, store, pilot)
        await pilot.pause()
        await pilot.press("ctrl+home")  # wherever the cursor was, Ctrl+End goes to the end
        await pilot.press("ctrl+end", "enter", *PS)
        await pilot.pause()
        assert area.text.startswith("# Our work together")
        assert area.text.rstrip("\n").endswith("\n" + PS)
    # closed straight after typing (before the autosave's pause): the P.S. is kept
    (family,) = store.summaries()
    saved = current_letter(store.read_family(family.id))
    assert saved is not None and saved.markdown.rstrip("\n").endswith(PS)


async def test_the_letter_opens_at_its_heading_and_ctrl_end_reaches_its_end(
    store: Store,
) -> None:
    app = VigApp(store, packs=PACKS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        area = await open_letter(app, store, pilot)
        await pilot.pause()
        assert area.cursor_location == (0, 0)
        await pilot.press("ctrl+end")
        assert area.cursor_location == area.document.end
        await pilot.press("enter", *PS)
        assert area.text.startswith("# Our work together")
        assert area.text.rstrip("\n").endswith(PS)
        await pilot.press("ctrl+home", "x")
        assert area.text.startswith("x# Our work together")
