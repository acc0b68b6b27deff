"""What a key, a tick or a save costs the screen: counted, not timed.

Typing in a meeting used to re-lay out every widget on the screen several
times a second: the player's status line (10 ticks a second) and the
"✓ saved" mark were set with `Static.update`, which always asks for a layout,
and every footer recompose restyled each key twice. These tests count the
layouts and restyles (timings live in bench/keys.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from time import monotonic
from typing import Any

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import Input, TextArea

from tests.journey_helpers import past_read_back, talk_built
from vig_tui.demo import build_demo_record
from vig_tui.packs import load_packs
from vig_tui.playback.fake import FakePlayer
from vig_tui.store import Store
from vig_tui.store.family_repo import read_record
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.meeting.steps import PromptView
from vig_tui.ui.widgets.autosave import DEBOUNCE_S, AutosaveTextArea
from vig_tui.ui.widgets.status_line import StatusLine
from vig_tui.ui.widgets.steady_input import SteadyInput


class LineApp(App[None]):
    CSS = "#fixed { width: 12; } #auto { width: auto; }"

    def compose(self) -> ComposeResult:
        yield StatusLine(id="fixed")
        yield StatusLine(id="auto")


def count_refreshes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Widget, bool]]:
    calls: list[tuple[Widget, bool]] = []
    original = Widget.refresh

    def refresh(self: Widget, *regions: Any, **kwargs: Any) -> Widget:
        calls.append((self, bool(kwargs.get("layout"))))
        return original(self, *regions, **kwargs)

    monkeypatch.setattr(Widget, "refresh", refresh)
    return calls


async def test_status_line_does_the_least_that_is_correct(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = LineApp()
    async with app.run_test() as pilot:
        fixed = app.query_one("#fixed", StatusLine)
        auto = app.query_one("#auto", StatusLine)
        fixed.show("✓ saved")
        auto.show("◆")
        await pilot.pause()
        calls = count_refreshes(monkeypatch)
        fixed.show(Text("✓ saved"))
        auto.show("◆")
        assert calls == []  # the same text again: nothing at all
        fixed.show("not saved")
        assert calls == [(fixed, False)]  # a fixed width: a repaint only
        calls.clear()
        auto.show("◇")
        assert calls == [(auto, False)]  # as wide as before: a repaint only
        calls.clear()
        auto.show(" ◆ ")
        assert calls == [(auto, True)]  # wider, and its width follows the text
        await pilot.pause()
        assert str(fixed.render()) == "not saved" and fixed.shown.plain == "not saved"


async def test_typing_in_a_meeting_with_a_clip_lays_out_nothing(store: Store) -> None:
    """A clip on screen (its player ticking 10 times a second), letters typed
    and autosaved: the screen is laid out at most twice (the field scrolling to its cursor),
    where it was laid out on every tick and every save."""
    family = store.create_family(build_demo_record())
    app = VigApp(store, packs=load_packs(include_user=False), player_factory=FakePlayer)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(family.id)
        await pilot.pause()
        await pilot.press("r")
        await past_read_back(pilot)
        await pilot.pause()
        await pilot.press("ctrl+t")  # the step-by-step view: one prompt and its text area
        await pilot.pause()
        meeting: Any = app.screen
        clip_step = next(i for i, s in enumerate(meeting.steps) if s.clip_id and s.prompt)
        meeting.go(clip_step)
        await pilot.pause(0.3)
        words = meeting.query_one("#family-words", AutosaveTextArea)
        assert app.focused is words
        layouts = 0
        original = meeting._refresh_layout

        def counted(*args: Any, **kwargs: Any) -> None:
            nonlocal layouts
            layouts += 1
            original(*args, **kwargs)

        meeting._refresh_layout = counted
        for letter in "calm":
            await pilot.press(letter)
        # typed but not yet on disk: the mark must not say "saved"
        assert str(meeting.query_one("#saved-mark").render()) == "saving…"
        await pilot.pause(1.0)  # ten player ticks and the autosave
        assert str(meeting.query_one("#saved-mark").render()) == "✓ saved"
        assert layouts <= 2  # the text area scrolling to its cursor may


class FieldApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.saved: list[str] = []
        self.timers = 0

    def compose(self) -> ComposeResult:
        yield AutosaveTextArea("", self.saved.append)


async def test_autosave_saves_once_after_the_last_key_with_one_timer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = FieldApp()
    async with app.run_test() as pilot:
        field = app.query_one(AutosaveTextArea)
        field.focus()
        original = field.set_timer

        def counted(*args: Any, **kwargs: Any) -> Any:
            app.timers += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(field, "set_timer", counted)
        words = "hello there, how are you"
        started = monotonic()
        await pilot.press(*words)
        for _ in range(100):  # 0.4 s after the last key (longer on a busy machine)
            if app.saved and app.saved[-1] == words:
                break
            await pilot.pause(0.05)
        elapsed_s = monotonic() - started
        # what was saved is what was typed (a busy machine may deliver the keys
        # slowly enough for a save between them: each is what was there then)
        assert app.saved[-1] == words and all(words.startswith(t) for t in app.saved)
        # Not one timer per key: a timer re-armed for the rest of the wait ends
        # after the one before it, and every second one at least DEBOUNCE_S
        # later, however slowly the keys come.
        assert app.timers <= 2 * elapsed_s / DEBOUNCE_S + 2
        assert isinstance(field, TextArea) and field.text == words


# -- the conversation view of a shared review -------------------------------------------
def count_layouts(monkeypatch: pytest.MonkeyPatch, screen: Any) -> list[int]:
    layouts = [0]
    original = screen._refresh_layout

    def counted(*args: Any, **kwargs: Any) -> None:
        layouts[0] += 1
        original(*args, **kwargs)

    monkeypatch.setattr(screen, "_refresh_layout", counted)
    return layouts


def count_writes(
    monkeypatch: pytest.MonkeyPatch, seen: Callable[[], object] = lambda: None
) -> list[tuple[Path, object]]:
    """Every durable write of a store file (each is two fsyncs and a backup),
    with what `seen` returned at the time."""
    import vig_tui.store.storage as storage
    from vig_tui.store.atomic import atomic_write as original

    written: list[tuple[Path, object]] = []

    def counted(path: Path, data: bytes, **kwargs: Any) -> None:
        written.append((Path(path), seen()))
        original(path, data, **kwargs)

    monkeypatch.setattr(storage, "atomic_write", counted)
    return written


async def in_conversation(app: VigApp, pilot: Any, family_id: str) -> Any:
    app.open_family(family_id)
    await pilot.pause()
    await pilot.press("r")  # the shared review opens in the conversation view
    await past_read_back(pilot)
    await pilot.pause()
    meeting: Any = app.screen
    talk = next(i for i, s in enumerate(meeting.steps) if s.kind == "conversation")
    meeting.go(talk)
    await pilot.pause(0.3)
    await quiet(pilot, meeting)
    for _ in range(30):  # the step is rebuilt, then its box takes the focus
        if app.focused is meeting.query_one("#talk-words"):
            break
        await pilot.pause(0.1)
    assert app.focused is meeting.query_one("#talk-words")
    await talk_built(pilot, meeting)
    return meeting


async def quiet(pilot: Any, screen: Any) -> None:
    """Wait until the screen has stopped laying itself out (the footer follows
    a step change a moment later), so what is counted next is the key's own work."""
    for _ in range(50):
        before = screen._layout_updates
        await pilot.pause(0.1)
        if screen._layout_updates == before and not screen._layout_required:
            return


async def test_typing_a_remark_lays_out_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual's Input lays out the whole screen on every key (its scrollable
    width follows its text); the remark box keeps its size, so a key repaints it."""
    family = store.create_family(build_demo_record())
    app = VigApp(store, packs=load_packs(include_user=False), player_factory=FakePlayer)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await in_conversation(app, pilot, family.id)
        layouts = count_layouts(monkeypatch, meeting)
        await pilot.press(*"calm now")
        await pilot.pause()
        assert layouts == [0]
        assert meeting.query_one("#talk-words", Input).value == "calm now"


async def test_a_long_remark_still_scrolls_to_its_cursor() -> None:
    class BoxApp(App[None]):
        def compose(self) -> ComposeResult:
            yield SteadyInput(id="box")

    app = BoxApp()
    async with app.run_test(size=(30, 5)) as pilot:
        box = app.query_one(SteadyInput)
        box.focus()
        words = "we sat on the floor and she laughed at the ball"
        await pilot.press(*words)
        await pilot.pause()
        assert box.value == words
        assert box.scroll_offset.x > 0  # the end of the words is in view
        assert "ball" in "".join(s.text for s in box.render_lines(box.content_region))
        await pilot.press("home")
        await pilot.pause()
        assert box.scroll_offset.x == 0


async def test_keeping_a_remark_writes_the_record_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter keeps the words as a new remark: one durable write of the family's
    file (TinyDB's upsert wrote it twice for anything new)."""
    family = store.create_family(build_demo_record())
    app = VigApp(store, packs=load_packs(include_user=False), player_factory=FakePlayer)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await in_conversation(app, pilot, family.id)
        await pilot.press(*"she smiled")
        await quiet(pilot, meeting)
        written = count_writes(monkeypatch)
        layouts = count_layouts(monkeypatch, meeting)
        await pilot.press("enter")
        await quiet(pilot, meeting)
        assert len(written) == 1
        assert layouts[0] == 0  # "Said so far" scrolls inside its box: a repaint, no layout
        remarks = meeting.record.remarks(meeting.session.id, meeting.step.clip_id)
        assert [r.family_words for r in remarks if r.family_words == "she smiled"]
    on_disk = read_record(store.family_folder(family.id))
    assert any(r.family_words == "she smiled" for r in on_disk.reflections)


async def test_ctrl_n_shows_the_next_step_before_saving_the_place(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+N after words typed: the words are saved first, while their step is
    still on screen (nothing lost), and the meeting's place is written once the
    next step is showing (it was written before, holding the step up)."""
    family = store.create_family(build_demo_record())
    app = VigApp(store, packs=load_packs(include_user=False), player_factory=FakePlayer)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(family.id)
        await pilot.pause()
        await pilot.press("r")
        await past_read_back(pilot)
        await pilot.pause()
        await pilot.press("ctrl+t")  # the step-by-step view
        await pilot.pause()
        meeting: Any = app.screen
        steps = meeting.steps
        here = next(
            i
            for i in range(len(steps) - 1)
            if steps[i].kind == "prompt" and steps[i + 1].kind == "prompt"
        )
        await meeting.step_to(here)
        await quiet(pilot, meeting)
        await pilot.press(*"calm")
        view = meeting.query_one("#prompt-view", PromptView)
        written = count_writes(monkeypatch, lambda: view.step.key if view.step else None)
        await pilot.press("ctrl+n")
        await quiet(pilot, meeting)
        assert [shown for _path, shown in written] == [steps[here].key, steps[here + 1].key]
        assert meeting.session.progress["step"] == steps[here + 1].key
        words = meeting.reflection(steps[here].prompt.id, steps[here].clip_id).family_words
        assert words.endswith("calm")
