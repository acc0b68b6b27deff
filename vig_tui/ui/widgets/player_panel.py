"""PlayerPanel: the terminal remote control for a film playing in VLC's window.

The panel drives any :class:`~vig_tui.playback.player.Player`. It calls
``player.tick()`` ten times a second from a Textual timer (so on the main
thread), and receives the player's events as Textual messages: the player's sink
is :meth:`PlayerPanel.deliver`, which only calls ``post_message`` (thread-safe),
so it is safe to call from VLC's own event thread.

Keys (when the panel has focus): space play/pause, left/right one second,
shift+left/right five seconds, ``.`` next frame, ``,`` back a frame,
``[``/``]`` mark start/end (when marking is on), ``s`` slower, ``l`` loop,
``r`` replay, ``f`` freeze, ``p`` save a still.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from vig_tui.playback.errors import PlaybackError
from vig_tui.playback.player import EventKind, Player, PlayerEvent, next_rate
from vig_tui.ui.widgets.film_timeline import Timeline
from vig_tui.ui.widgets.player_status import status_text
from vig_tui.ui.widgets.sized_by_layout import LaidOutText, SizedByLayout
from vig_tui.ui.widgets.status_line import StatusLine

#: What the family's view says when the film can't be played (the practitioner's
#: view names the problem and what to do about it).
FAMILY_PROBLEM = "The film can't be shown here just now. We can still talk about this moment."


class PlayerPanel(SizedByLayout, can_focus=True):
    """Shows what the film is doing and turns key presses into player commands."""

    DEFAULT_CSS = """
    PlayerPanel {
        height: auto;
        border: round $panel;
        padding: 0 1;
    }
    PlayerPanel:focus {
        border: round $accent;
    }
    PlayerPanel > Static {
        height: 1;
    }
    PlayerPanel > #pp-message {
        height: auto;
        max-height: 3;
        color: $text-muted;
    }
    PlayerPanel > #pp-family { display: none; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "play_pause", "Play/pause", id="player.toggle"),
        Binding("left", "jump(-1000)", "−1 s", id="player.back_1s"),
        Binding("right", "jump(1000)", "+1 s", id="player.forward_1s"),
        Binding("shift+left", "jump(-5000)", "−5 s", show=False, id="player.back_5s"),
        Binding("shift+right", "jump(5000)", "+5 s", show=False, id="player.forward_5s"),
        Binding("full_stop", "step", "Frame", key_display=".", id="player.step"),
        Binding("comma", "step_back", "Back a frame", key_display=",", show=False,
                id="player.step_back"),
        Binding("left_square_bracket", "mark('start')", "Mark start", key_display="[",
                id="player.mark_start"),
        Binding("right_square_bracket", "mark('end')", "Mark end", key_display="]",
                id="player.mark_end"),
        Binding("s", "slower", "Speed", id="player.speed"),
        Binding("l", "loop", "Loop", id="player.loop"),
        Binding("r", "replay", "Replay", id="player.replay"),
        Binding("f", "freeze", "Freeze", show=False, id="player.freeze"),
        Binding("p", "still", "Still", show=False, id="player.still"),
    ]  # fmt: skip

    class PlayerEventReceived(Message):
        """A player event (playing, paused, clip ended, looped, end of film, error)."""

        def __init__(self, event: PlayerEvent) -> None:
            super().__init__()
            self.event = event

    class TimeTick(Message):
        """The backend's own time report. Newer ticks replace queued older ones."""

        def __init__(self, position_ms: int) -> None:
            super().__init__()
            self.position_ms = position_ms

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, PlayerPanel.TimeTick)

    class MarkRequested(Message):
        """The practitioner pressed [ or ] at ``position_ms``."""

        def __init__(self, which: str, position_ms: int) -> None:
            super().__init__()
            self.which = which
            self.position_ms = position_ms

    class StillSaved(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def __init__(
        self,
        player: Player,
        film_path: Path | None = None,
        *,
        marking: bool = False,
        still_path: Callable[[int], Path] | None = None,
        far_keys: Mapping[str, str] | None = None,
        tick_interval: float = 0.1,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.player = player
        self.film_path = film_path
        self.marking = marking
        self.still_path = still_path
        #: Keys that run an action (e.g. "replay": "F6") from anywhere on the screen,
        #: named in the hints: the panel's own letters would type into a text box.
        self.far_keys = dict(far_keys or {})
        self.tick_interval = tick_interval
        self.problem: PlaybackError | None = None
        self.last_vlc_time_ms: int | None = None
        self._marks: tuple[int | None, int | None] = (None, None)
        self._message = ""
        #: The status line as plain text (what the first line of the panel says).
        self.status_line = ""
        self._suspended = False

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield StatusLine(id="pp-status")
        yield Timeline(id="pp-timeline")
        yield LaidOutText(id="pp-message")
        yield LaidOutText(Text(FAMILY_PROBLEM), id="pp-family")

    def on_mount(self) -> None:
        self.player.set_event_sink(self.deliver)
        hint = self.player.hint
        if self.film_path is not None:
            try:
                self.player.open(self.film_path)
            except PlaybackError as exc:
                self.problem = exc
                self.say_problem(exc)
        if self.problem is None and hint is not None:
            self.say_problem(hint)
        self.set_interval(self.tick_interval, self._on_timer, name="player-tick")
        self._redraw()

    def on_unmount(self) -> None:
        self.player.set_event_sink(None)

    # ---------------------------------------------------- events from player
    def deliver(self, event: PlayerEvent) -> None:
        """The player's event sink. Safe from any thread: it only posts a message."""
        try:
            if event.kind is EventKind.TIME:
                self.post_message(self.TimeTick(event.position_ms or 0))
            else:
                self.post_message(self.PlayerEventReceived(event))
        except Exception:  # the panel may be gone (app closing); nothing to tell
            pass

    def on_player_panel_time_tick(self, message: TimeTick) -> None:
        self.last_vlc_time_ms = message.position_ms

    def on_player_panel_player_event_received(self, message: PlayerEventReceived) -> None:
        event = message.event
        if event.kind is EventKind.ERROR and event.error is not None:
            self.say_problem(event.error)
        elif event.kind is EventKind.CLIP_ENDED and self.player.hint is not None:
            self.say_problem(self.player.hint)  # no picture on this screen: that note stays
        elif event.kind is EventKind.CLIP_ENDED:
            again, loop = self.key_for("replay"), self.key_for("loop")
            self.say(
                f"That was the whole clip. Press {again} to watch it again, or {loop} to loop it."
            )
        elif event.kind is EventKind.END_OF_FILM:
            self.say("That is the end of the film.")
        elif event.kind is EventKind.PLAYING and self.problem is None:
            self.say("")
        self._redraw()

    # --------------------------------------------------------------- display
    def say(self, text: str, problem: bool = False) -> None:
        """Show a one-line note under the progress bar (shown literally). A
        problem (`say_problem`) is for the practitioner as written; the family's
        view says in plain words that the film can't be shown."""
        self._message = text
        if self.children:
            self.query_one("#pp-message", Static).update(Text(text))
            for part in self.query("#pp-message, #pp-family"):
                part.set_class(problem, "-problem")

    def say_problem(self, problem: PlaybackError) -> None:
        self.say(str(problem), problem=True)

    @property
    def message(self) -> str:
        return self._message

    def set_marks(self, start_ms: int | None, end_ms: int | None) -> None:
        self._marks = (start_ms, end_ms)
        self._redraw()

    def key_for(self, action: str) -> str:
        """The key to name for ``action`` in a hint: the screen-wide one if the
        screen gave one, else the panel's own (which works when the panel has focus)."""
        if action in self.far_keys:
            return self.far_keys[action]
        own = (b for b in self.BINDINGS if isinstance(b, Binding) and b.action == action)
        binding = next(own, None)
        return binding.key_display or binding.key if binding is not None else action

    def _on_timer(self) -> None:
        # The player is shared by the whole app. While another screen is on top,
        # leave it alone; when ours comes back, take the events (and film) back.
        try:
            active = self.screen is self.app.screen
        except Exception:  # not attached to a screen (yet / any more)
            return
        if not active:
            self._suspended = True
            return
        if self._suspended:
            self._suspended = False
            self._reclaim()
        try:
            self.player.tick()
        except PlaybackError as exc:
            self.say_problem(exc)
        self._redraw()

    def _reclaim(self) -> None:
        self.player.set_event_sink(self.deliver)
        if (
            self.film_path is not None
            and self.problem is None
            and self.player.film_path != self.film_path
        ):
            try:
                self.player.open(self.film_path)
            except PlaybackError as exc:
                self.problem = exc
                self.say_problem(exc)

    def _redraw(self) -> None:
        if not self.children:
            return
        player = self.player
        state = player.state
        position = player.position_ms()
        length = player.length_ms
        status = status_text(player, state, position, self.key_for, marking=self.marking)
        self.status_line = status.plain
        self.query_one("#pp-status", StatusLine).show(status)
        clip = player.clip
        if self._marks != (None, None) or clip is None:
            span = self._marks
        else:
            span = (clip.start_ms, clip.end_ms if clip.end_ms is not None else length)
        self.query_one(Timeline).show(position, length, span)

    # --------------------------------------------------------------- actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.marking if action == "mark" else True

    def _run(self, command: Callable[[], object]) -> None:
        if self.problem is not None:
            self.say_problem(self.problem)
            return
        try:
            command()
        except PlaybackError as exc:
            self.say_problem(exc)
        except (RuntimeError, ValueError) as exc:
            self.say(str(exc).capitalize())
        self._redraw()

    def action_play_pause(self) -> None:
        self._run(self.player.toggle)

    def action_jump(self, delta_ms: int) -> None:
        self._run(lambda: self.player.jump(int(delta_ms)))

    def action_step(self) -> None:
        self._run(self.player.step_forward)

    def action_step_back(self) -> None:
        self._run(self.player.step_back)

    def action_freeze(self) -> None:
        self._run(self.player.freeze)

    def action_replay(self) -> None:
        self._run(self.player.replay)

    def action_slower(self) -> None:
        rate = next_rate(self.player.rate)
        self._run(lambda: self.player.set_rate(rate))
        if self.problem is None:
            self.say("Normal speed." if rate == 1.0 else f"Slowed to {rate:g}× speed.")

    def action_loop(self) -> None:
        on = not self.player.loop
        self._run(lambda: self.player.set_loop(on))
        if self.problem is None:
            again = f"The clip will repeat until you press {self.key_for('loop')} again."
            self.say(again if on else "Loop off.")

    def action_mark(self, which: str) -> None:
        if self.problem is not None and self.player.film_path is None:
            # No film to take a position from; the screen can still use the marks.
            self.post_message(self.MarkRequested(which, 0))
            return
        self.post_message(self.MarkRequested(which, self.player.position_ms()))

    def action_still(self) -> None:
        if self.problem is not None:
            self.say_problem(self.problem)
            return
        if self.still_path is None:
            self.say("Stills are saved in a family's folder; open the film from a family.")
            return

        def take() -> None:
            assert self.still_path is not None
            self.player.freeze()
            path = self.player.snapshot(self.still_path(self.player.position_ms()))
            self.say(f"Still saved as {path.name}.")
            self.post_message(self.StillSaved(path))

        self._run(take)
