"""Shared helpers for the Pilot tests of the journey screens."""

from __future__ import annotations

import io
import time
from datetime import date
from typing import Any

from rich.console import Console
from rich.segment import Segment
from textual import events
from textual.app import App
from textual.geometry import Region
from textual.keys import _character_to_key

from vig_tui.demo import build_demo_record
from vig_tui.domain import SessionKind
from vig_tui.packs import load_packs
from vig_tui.playback.fake import FakePlayer
from vig_tui.store import Store
from vig_tui.ui.app import VigApp

PACKS = load_packs(include_user=False)
FIXED_DAY = date(2026, 3, 2)


class Players:
    """Hands the app a FakePlayer and keeps it for the test to inspect."""

    def __init__(self) -> None:
        self.player: FakePlayer | None = None

    def __call__(self, sink: Any) -> FakePlayer:
        self.player = FakePlayer(sink)
        return self.player


def make_app(store: Store, players: Players | None = None) -> VigApp:
    return VigApp(store, packs=PACKS, player_factory=players or Players())


def add_demo(store: Store) -> str:
    return store.create_family(build_demo_record(today=FIXED_DAY)).id


def add_demo_reviewing_today(store: Store) -> str:
    """The demo family with its cycle-1 review being held today (begun, not
    finished): `r` opens it as it is, its words in the step-by-step boxes."""
    record = build_demo_record(today=FIXED_DAY)
    for session in record.sessions_of(SessionKind.SHARED_REVIEW, 1):
        session.completed = False
        session.date = date.today().isoformat()
    return store.create_family(record).id


#: where rich's SVG export puts each row of the screen and the window title (its
#: char_height 20, line_height 20 × 1.22, title at margin 1 + 20 + 6): the title is read
#: between the first and the second row, as it always was
_ROW_Y, _ROW_HEIGHT, _TITLE_Y = 20.0, 20 * 1.22, 27.0


def _screen_rows(app: App[Any]) -> list[list[Segment]]:
    """The screen as drawn, one list of segments a row."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
        safe_box=False,
    )
    shown = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert shown is not None
    segments = Segment.filter_control(console.render(shown, console.options))
    return list(Segment.split_and_crop_lines(segments, length=width))


def screen_text(app: App[Any]) -> str:
    """Everything visible on screen as plain text (what a person at the laptop would
    see): the text of a screenshot, as `app.export_screenshot()` would hold it (the
    window title too; runs of blank cells left out), without drawing the SVG."""
    rows: dict[float, str] = {}
    for n, line in enumerate(_screen_rows(app)):
        words = [text for text, _style, _control in line if text != " " * len(text)]
        if words:
            rows[n * _ROW_HEIGHT + _ROW_Y] = "".join(words)
    if app.title:
        rows[_TITLE_Y] = app.title
    text = "\n".join(rows[y].replace("\xa0", " ").rstrip() for y in sorted(rows))
    return text


def region_text(app: App[Any], region: Region) -> str:
    """The words on screen inside `region` (a column beside others, say), its
    lines joined by single spaces: a sentence wrapped in the column reads whole."""
    lines = _screen_rows(app)[region.y : region.bottom]
    cut = [list(Segment.divide(line, [region.x, region.right]))[1] for line in lines]
    return " ".join(" ".join("".join(s.text for s in part).split()) for part in cut).strip()


async def back_to_desk(pilot: Any) -> None:
    """From the room's closing screen: the practitioner's deliberate way back
    (F2, then the word typed and Enter)."""
    from vig_tui.ui.screens.room import ClosingScreen

    assert isinstance(pilot.app.screen, ClosingScreen), pilot.app.screen
    await pilot.press("f2")
    await pilot.pause()
    await pilot.press(*"desk", "enter")
    await pilot.pause()
    await pilot.pause()


async def leave_meeting(pilot: Any) -> None:
    """Leave the meeting on top as the practitioner does: Esc, then "Stop for now"
    in the question Esc asks (staying is its default)."""
    from textual.widgets import Button

    from vig_tui.ui.dialogs.leave_meeting import LeaveMeetingScreen

    await pilot.press("escape")
    await _until(pilot, (LeaveMeetingScreen,))
    assert isinstance(pilot.app.screen, LeaveMeetingScreen), pilot.app.screen
    pilot.app.screen.query_one("#leave-meeting-stop", Button).press()
    await pilot.pause()
    await pilot.pause()


async def type_quickly(pilot: Any, text: str) -> None:
    """Type `text` as a quick typist does: one key per character, in order, each named as a
    terminal names it, with no wait between them (Pilot.press waits for the app to go idle
    after every key, some 60 ms each); then wait once until the app has handled them all.
    For words typed into a field; keys that move between screens go through Pilot.press."""
    for character in text:
        pilot.app.post_message(events.Key(_character_to_key(character), character))
    await pilot.pause()


async def past_read_back(pilot: Any, key: str = "c") -> None:
    """Opening a meeting that was finished (the demo's cycle-1 review was, days
    ago) or begun on an earlier day asks first: `r` reads it back, `c` continues
    it today (a new sitting). Answers with `key` when the question is showing."""
    from vig_tui.ui.screens.meeting import MeetingScreen
    from vig_tui.ui.screens.read_back import ReadBackDialog

    # wait for the question or the meeting itself: on a busy machine the
    # question came a moment late, and the next key typed answered it
    # (a key that opens neither, such as `r` with no clips, waits two seconds)
    await _until(pilot, (ReadBackDialog, MeetingScreen))
    if isinstance(pilot.app.screen, ReadBackDialog):
        await pilot.press(key)
        await _until(pilot, (MeetingScreen,))


async def _until(pilot: Any, screens: tuple[type, ...], patience_s: float = 2.0) -> None:
    """Pause until one of `screens` is on top, or `patience_s` has passed."""
    give_up = time.monotonic() + patience_s
    await pilot.pause()
    while not isinstance(pilot.app.screen, screens) and time.monotonic() < give_up:
        await pilot.pause()


async def talk_built(pilot: Any, meeting: Any, patience_s: float = 5.0) -> None:
    """Pause until the conversation on screen has built what it shows only
    later (its private column and link row: built a moment after it opens,
    see ConversationView.build_the_rest), as a person finds it a moment on."""
    give_up = time.monotonic() + patience_s
    await pilot.pause()
    while time.monotonic() < give_up and not (
        meeting.query("#talk-cue") and meeting.query("#talk-link")
    ):
        await pilot.pause(0.05)


async def open_meeting(
    pilot: Any, family_id: str, key: str, *, at: str | None = None, step_by_step: bool = False
) -> Any:
    """The family's meeting opened from its dashboard with `key` (past the
    read-back question: continued today), switched to step by step (Ctrl+T)
    when asked, and moved to the step whose key ends with `at`; settled."""
    from vig_tui.ui.screens.meeting import MeetingScreen

    pilot.app.open_family(family_id)
    await pilot.pause()
    await pilot.press(key)
    await past_read_back(pilot)
    if step_by_step:
        await pilot.press("ctrl+t")
    for _ in range(4):
        await pilot.pause()
    meeting = pilot.app.screen
    assert isinstance(meeting, MeetingScreen), meeting
    if at is not None:
        meeting.go(next(i for i, step in enumerate(meeting.steps) if step.key.endswith(at)))
        for _ in range(6):
            await pilot.pause()
    return meeting
