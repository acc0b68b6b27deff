"""Stills taken outside their clip's moment: flagged at the desk, never shown in
the room for that clip, never put in the family's booklet or letter; in the
room the ticked still comes first."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from tests.test_booklet import png
from tests.test_privacy_support import make_record
from tests.test_stills import PACKS, PrepApp, b64
from vig_tui.domain import Still
from vig_tui.playback.fake import FakePlayer
from vig_tui.services.booklet import make_booklet
from vig_tui.services.letter import draft_for_family, letter_page
from vig_tui.services.session import FamilySession
from vig_tui.store import Store
from vig_tui.ui.screens.clip_prep import ClipPrepScreen
from vig_tui.ui.screens.clip_prep_stills import StillPicker
from vig_tui.ui.screens.stills import StillsScreen, open_clip_stills
from vig_tui.ui.widgets.stills import RENDERER_ENV, StillView
from vig_tui.ui.widgets.ticks import TickList

#: the practitioner's clip: 0:05.50–0:11.51, a still wandered to 0:13.79, then 0:08.79 ticked
START, END, OUTSIDE, INSIDE = 5500, 11_510, 13_790, 8790


@pytest.fixture(autouse=True)
def _half_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(RENDERER_ENV, "halfblock")


def family_with_a_wandered_still(store: Store) -> FamilySession:
    record = make_record()
    clip = record.clips[0]
    clip.start_ms, clip.end_ms = START, END
    session = FamilySession(store, store.create_family(record))
    taken = []
    for at_ms, colour in ((OUTSIDE, (200, 60, 60)), (INSIDE, (60, 160, 90))):
        path = session.stills_dir / f"cycle1-{at_ms:07d}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png(32, 18, colour))
        taken.append((path, at_ms))
    session.stills.keep(clip.id, taken, [f"stills/cycle1-{INSIDE:07d}.png"])
    return session


class RoomApp(App[object]):
    def __init__(self, session: FamilySession) -> None:
        super().__init__()
        self.session = session

    def on_mount(self) -> None:
        open_clip_stills(self, self.session, self.session.record.clips[0])


async def test_the_room_shows_only_the_moments_stills_the_ticked_first(store: Store) -> None:
    session = family_with_a_wandered_still(store)
    assert [s.at_ms for s in session.record.clips[0].stills] == [OUTSIDE, INSIDE]
    app = RoomApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StillsScreen)
        assert [s.at_ms for s in screen.stills] == [INSIDE]
        assert screen.query_one(StillView).caption == "Still 1 of 1 · at 0:08.79"


def test_the_ticked_still_comes_first_even_when_taken_later(store: Store) -> None:
    from vig_tui.domain.rules.stills import stills_for_room

    session = family_with_a_wandered_still(store)
    clip = session.record.clips[0].model_copy(deep=True)
    clip.stills.insert(0, Still(path="stills/early.png", at_ms=START + 100))
    assert [s.at_ms for s in stills_for_room(clip)] == [INSIDE, START + 100]


async def test_the_desk_flags_a_still_outside_the_moment(store: Store, tmp_path: Path) -> None:
    session = family_with_a_wandered_still(store)
    app = PrepApp(session, FakePlayer(length_ms=60_000))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClipPrepScreen)
        screen.load(0)
        await pilot.pause()
        ticks = screen.query_one("#cp-stills", TickList)
        labels = [str(ticks.get_option_at_index(i).prompt) for i in range(ticks.option_count)]
        assert "outside" in labels[0] and "outside" not in labels[1], labels
        ticks.focus()
        ticks.highlighted = 0
        await pilot.pause()
        caption = screen.query_one(StillPicker).query_one(StillView).caption
        assert "outside the moment (0:05.50–0:11.51)" in caption, caption
        assert "not shown in the room" in caption
        # Space on the still outside: refused, saying why; the one inside can be ticked
        ticked_before = list(ticks.selected)
        await pilot.press("space")
        await pilot.pause()
        assert list(ticks.selected) == ticked_before and OUTSIDE_NAME not in ticks.selected
        said = [str(n.message) for n in app._notifications]
        assert any("cannot go to the family" in m and "0:05.50–0:11.51" in m for m in said), said
        assert not screen.dirty  # nothing changed, so Esc leaves at once


OUTSIDE_NAME, INSIDE_NAME = f"stills/cycle1-{OUTSIDE:07d}.png", f"stills/cycle1-{INSIDE:07d}.png"


def test_the_booklet_never_carries_a_still_from_outside_the_moment(store: Store) -> None:
    session = family_with_a_wandered_still(store)
    clip_id = session.record.clips[0].id
    for picked in ([], [OUTSIDE_NAME], [OUTSIDE_NAME, INSIDE_NAME]):
        session.stills.pick(clip_id, picked)
        booklet = make_booklet(store, session.id, PACKS).html
        assert b64(session, INSIDE_NAME) in booklet, picked
        assert b64(session, OUTSIDE_NAME) not in booklet, picked


def test_the_letter_never_carries_a_still_from_outside_the_moment(store: Store) -> None:
    session = family_with_a_wandered_still(store)
    clip_id = session.record.clips[0].id
    for picked in ([], [OUTSIDE_NAME], [OUTSIDE_NAME, INSIDE_NAME]):
        session.stills.pick(clip_id, picked)
        letter = draft_for_family(session.record, PACKS).markdown
        assert f"]({INSIDE_NAME})" in letter, picked
        assert OUTSIDE_NAME not in letter, picked
    # a letter written before the clip was trimmed: its page leaves the wandered still out
    written = f"# Our work together\n\n![A still]({OUTSIDE_NAME})\n\n![A still]({INSIDE_NAME})\n"
    page = letter_page(session, written)
    assert b64(session, INSIDE_NAME) in page and b64(session, OUTSIDE_NAME) not in page
