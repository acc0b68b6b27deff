"""What a key, a tick or a save costs the screen: counted, not timed.

Typing in a meeting used to re-lay out every widget on the screen several
times a second: the player's status line (10 ticks a second) and the
"✓ saved" mark were set with `Static.update`, which always asks for a layout,
and every footer recompose restyled each key twice. These tests count the
layouts and restyles (timings live in bench/keys.py)."""

from __future__ import annotations

from time import monotonic
from typing import Any

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import TextArea
from textual.widgets._footer import FooterKey

from vig_tui.demo import build_demo_record
from vig_tui.packs import load_packs
from vig_tui.playback.fake import FakePlayer
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.widgets.autosave import DEBOUNCE_S, AutosaveTextArea
from vig_tui.ui.widgets.footer import VigFooter
from vig_tui.ui.widgets.status_line import StatusLine


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
        await pilot.pause(1.0)  # ten player ticks and the autosave
        assert str(meeting.query_one("#saved-mark").render()) == "✓ saved"
        assert layouts <= 2  # the text area scrolling to its cursor may


async def test_a_footer_recompose_restyles_no_key(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = VigApp(store, packs=load_packs(include_user=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(VigFooter)
        restyled: list[Widget] = []
        original = Widget.update_node_styles

        def update(self: Widget, animate: bool = True) -> None:
            restyled.append(self)
            original(self, animate)

        monkeypatch.setattr(Widget, "update_node_styles", update)
        footer.refresh(recompose=True)
        await pilot.pause()
        # the palette's own key stays compact (it is not bound to the footer)
        keys = [k for k in footer.query(FooterKey) if not k.has_class("-command-palette")]
        assert len(keys) >= 3
        assert not [w for w in restyled if w in keys]
        assert not any(k.has_class("-compact") for k in keys)


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
        typing_s = monotonic() - started
        for _ in range(100):  # 0.4 s after the last key (longer on a busy machine)
            if app.saved:
                break
            await pilot.pause(0.05)
        assert app.saved == [words]
        # Not one timer per key: each timer covers at least DEBOUNCE_S of the
        # typing (one more for the wait after the last key), however slowly
        # a busy machine delivers the keys.
        assert app.timers <= typing_s / DEBOUNCE_S + 2
        assert isinstance(field, TextArea) and field.text == words
