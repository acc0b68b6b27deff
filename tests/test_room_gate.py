"""The room's one gate, piece by piece: screens, notifications, the palette,
the closing screen and the deliberate way back to the desk."""

from __future__ import annotations

from datetime import date, timedelta

from vig_tui.domain import Family, FamilyRecord, FamilyStatus, Session, SessionKind
from vig_tui.store import Store
from vig_tui.ui.screens.dashboard import DashboardScreen
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.screens.room import (
    ClosingScreen,
    DeskConfirmScreen,
    next_for_family,
    next_meeting_date,
)

from .journey_helpers import back_to_desk, leave_meeting, make_app, screen_text


async def open_meeting(app, pilot, family_id: str) -> MeetingScreen:  # type: ignore[no-untyped-def]
    app.open_family(family_id)
    await pilot.pause()
    await pilot.press("i")
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, MeetingScreen)
    return app.screen


async def test_a_meeting_opens_the_room_and_only_family_safe_screens_show(store: Store) -> None:
    repo = store.create_family(Family(label="Larch"))
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert not app.room
        meeting = await open_meeting(app, pilot, repo.id)
        assert app.room and app.together
        app.push_screen(DashboardScreen(app.open_family_session(repo.id)))
        await pilot.pause()
        assert app.screen is meeting, "refused, not shown"
        assert any("practitioner's desk" in n.message for n in app._notifications)


async def test_practitioner_notifications_wait_for_the_desk(store: Store) -> None:
    repo = store.create_family(Family(label="Maple"))
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_meeting(app, pilot, repo.id)
        app.notify("For your eyes: held note", title="Practitioner")
        app.notify("Everyone may read this", family_safe=True)
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert "Everyone may read this" in messages
        assert "For your eyes: held note" not in messages
        assert "held note" not in screen_text(app)
        await leave_meeting(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ClosingScreen)
        assert "held note" not in screen_text(app)
        await back_to_desk(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "For your eyes: held note" in [n.message for n in app._notifications]


async def test_the_desk_needs_the_word_not_a_stray_key(store: Store) -> None:
    repo = store.create_family(Family(label="Nettle"))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, repo.id)
        await leave_meeting(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ClosingScreen)
        for key in ("escape", "enter", "q", "ctrl+n"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ClosingScreen) and app.room
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, DeskConfirmScreen)
        await pilot.press(*"yes", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DeskConfirmScreen) and app.room
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ClosingScreen) and app.room
        await back_to_desk(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert not app.room and not app.together


async def test_the_palette_in_the_room_never_lists_a_family(store: Store) -> None:
    repo = store.create_family(Family(label="Olive"))
    store.create_family(Family(label="Poplar elsewhere"))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, repo.id)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"pop")
        await pilot.pause(0.5)
        assert "Poplar" not in screen_text(app)
        await pilot.press("backspace", "backspace", "backspace", *"help")
        await pilot.pause(0.5)
        assert "Help for this screen" in screen_text(app)


async def test_the_closing_screen_says_what_happens_next_and_when(store: Store) -> None:
    repo = store.create_family(Family(label="Quince"))
    later = date.today() + timedelta(days=9)
    repo.save(Session(kind=SessionKind.OTHER, date=later.isoformat()))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, repo.id)
        await leave_meeting(pilot)
        await pilot.pause()
        text = screen_text(app)
        assert "Thank you" in text and "We stopped part-way through our initial meeting" in text
        assert "Next time we carry on with our initial meeting." in text
        assert f"We meet again on {later.strftime('%A')} {later.day} {later:%B %Y}." in text


def test_the_next_meeting_date_is_the_earliest_booked_after_today() -> None:
    from vig_tui.domain import FamilyRecord

    today = date(2026, 5, 1)
    record = FamilyRecord(family=Family(label="Rowan"))
    assert next_meeting_date(record, today) is None
    record.sessions += [
        Session(kind=SessionKind.FILMING, date="2026-05-20"),
        Session(kind=SessionKind.SHARED_REVIEW, cycle=1, date="2026-05-10"),
        Session(kind=SessionKind.INITIAL_MEETING, date="2026-04-01", completed=True),
        Session(kind=SessionKind.OTHER, date="2026-05-05", completed=True),
    ]
    assert next_meeting_date(record, today) == date(2026, 5, 10)


def test_the_closing_screen_says_what_comes_next_from_the_journey_stage() -> None:
    """A paused family was told their work was complete (the words were read
    back from the practitioner's display text); each stage has its own words."""

    def said(status: FamilyStatus) -> str:
        return next_for_family(FamilyRecord(family=Family(label="Ash", status=status)))

    assert "first meeting" in said(FamilyStatus.ACTIVE)
    assert "pause" in said(FamilyStatus.PAUSED)
    assert "come to an end" in said(FamilyStatus.CLOSED)
    assert "complete" not in said(FamilyStatus.PAUSED)


async def test_help_and_the_step_list_keep_the_view_the_practitioner_chose(store: Store) -> None:
    """F2, then F1 or Ctrl+O and back: still the practitioner's view (it flipped
    to the family's without a word); and the family's view stays the family's."""
    repo = store.create_family(Family(label="Rowan"))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, repo.id)
        for key in ("f1", "ctrl+o"):
            assert app.together
            await pilot.press(key)
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert app.together  # the family's view stays
            await pilot.press("f2")
            await pilot.pause()
            assert not app.together
            await pilot.press(key)
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MeetingScreen) and not app.together
            assert "PRACTITIONER VIEW" in screen_text(app)
            await pilot.press("f2")
            await pilot.pause()
