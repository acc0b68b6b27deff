"""The profile and consent forms never lose what was typed: the first field has
focus, Tab brings every field and button into view at 80x24, saving says so,
and Esc after a change asks "Save your changes?" instead of dropping it."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from vig_tui.domain import Family
from vig_tui.services.profile import practitioner_profile
from vig_tui.store import Store
from vig_tui.store.family_repo import read_record
from vig_tui.ui.app import VigApp
from vig_tui.ui.dialogs.save_changes import SaveChangesScreen
from vig_tui.ui.screens.consent import ConsentScreen
from vig_tui.ui.screens.dashboard import DashboardScreen
from vig_tui.ui.screens.home import HomeScreen
from vig_tui.ui.screens.profile import ProfileScreen
from vig_tui.ui.widgets.ticks import TickBox

from .journey_helpers import make_app, screen_text


async def test_the_profile_form_keeps_what_is_typed(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("p")
        await pilot.pause()
        profile = app.screen
        assert isinstance(profile, ProfileScreen)
        assert app.focused is profile.query_one("#profile-name", Input)
        await pilot.press(*"Dana Reyes")
        # Esc with a change asks; "keep editing" stays with the text intact
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SaveChangesScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen_stack[-1] is profile
        assert profile.query_one("#profile-name", Input).value == "Dana Reyes"
        # Tab walks to the Save button, and it is on screen when it has focus
        for _ in range(8):
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            assert focused is not None
            assert focused.region.bottom <= 24 - 1 and focused.region.height > 0, focused
            if focused.id == "profile-save":
                break
        assert app.focused is not None and app.focused.id == "profile-save"
        await pilot.press("enter")
        await pilot.pause()
        assert any("Profile saved" in n.message for n in app._notifications)
        assert practitioner_profile(store).name == "Dana Reyes"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), "nothing unsaved: Esc just leaves"


async def test_esc_on_the_profile_can_save_what_was_typed(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press(*"Sam Okafor", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SaveChangesScreen)
        assert "Save your changes?" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert practitioner_profile(store).name == "Sam Okafor"


async def _consent_with_new_erase_date(app: VigApp, pilot: Pilot[int], family_id: str) -> None:
    app.open_family(family_id)
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
    consent = app.screen
    assert isinstance(consent, ConsentScreen)
    field = consent.query_one("#erase_by", Input)
    field.focus()
    field.value = ""
    await pilot.press(*"2031-02-03")
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, SaveChangesScreen)


async def test_esc_on_consent_asks_and_saves_the_new_date(store: Store) -> None:
    repo = store.create_family(Family(label="Alder"))
    app = make_app(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _consent_with_new_erase_date(app, pilot, repo.id)
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, ConsentScreen)
        assert app.screen.query_one("#erase_by", Input).value == "2031-02-03"
        await pilot.press("escape", "s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert read_record(store.family_folder(repo.id)).consent.erase_by == "2031-02-03"


async def test_esc_on_consent_can_discard_the_change(store: Store) -> None:
    repo = store.create_family(Family(label="Birch"))
    before = read_record(store.family_folder(repo.id)).consent.erase_by
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _consent_with_new_erase_date(app, pilot, repo.id)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert read_record(store.family_folder(repo.id)).consent.erase_by == before


async def test_the_consent_form_opens_on_its_first_tick(store: Store) -> None:
    """Space ticks a box: the form starts on the first one (it started in the
    "Signed on" date, where Space typed a space)."""
    repo = store.create_family(Family(label="Cedar"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(repo.id)
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        consent = app.screen
        assert isinstance(consent, ConsentScreen)
        first = consent.query(TickBox).first()
        assert app.focused is first
        before = first.value
        await pilot.press("space")
        await pilot.pause()
        assert first.value is not before
        assert consent.query_one("#signed_on", Input).value == ""
