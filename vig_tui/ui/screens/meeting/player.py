"""The player slot of a meeting: one player panel for the whole meeting,
playing the clip of the current step (shared review)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import AwaitMount, Widget
from textual.widgets import Static

from ....domain import Clip
from ....flows import Step
from ...widgets.player_panel import PlayerPanel

if TYPE_CHECKING:
    from .screen import MeetingScreen


class MeetingPlayer:
    def __init__(self, screen: MeetingScreen) -> None:
        self.screen = screen
        self.panel: Widget | None = None
        self._clip_id: str | None = None

    def show(self, step: Step) -> AwaitMount | None:
        """Show the slot (and start the clip) when the step has one; hide it
        otherwise. Returns the panel's mounting when the panel is new."""
        screen = self.screen
        slot = screen.query_one("#player-slot", Vertical)
        clip = screen.clip(step.clip_id)
        slot.display = clip is not None
        if clip is None:
            return None
        mounting = None
        if self.panel is None:
            self.panel = self._make_panel(clip)
            mounting = slot.mount(self.panel)
        if self._clip_id != clip.id:
            self._clip_id = clip.id
            if self.panel.is_mounted:
                screen.call_after_refresh(self._start, clip)
            else:  # after the panel has opened the film, as it mounts
                self.panel.call_later(self._start, clip)
        return mounting

    def _make_panel(self, clip: Clip) -> Widget:
        from ....playback import film_problem
        from ....privacy.consent import check_may_watch_together

        screen = self.screen
        record = screen.record
        blocked = check_may_watch_together(record.consent)
        film = next((f for f in record.films if f.id == clip.film_id), None)
        if film is not None and not blocked and film_problem(film.path, film.fingerprint):
            # never play a replaced film; no path on screen (the family may be watching)
            blocked = (
                "This clip cannot be played: its film has moved or changed since it was "
                "attached. Check it on the Films screen."
            )
        if blocked or film is None:
            reason = blocked or "The film for this clip is not attached."
            return Static(Text(reason, style="yellow"), id="player-blocked")
        stills = screen.family.stills_dir

        def still_path(at_ms: int) -> Path:
            return stills / f"clip-{clip.id[:8]}-{at_ms:07d}.png"

        return PlayerPanel(
            screen.vig.get_player(),
            Path(film.path),
            still_path=still_path,
            far_keys=screen_player_keys(screen),
            id="player",
        )

    def _start(self, clip: Clip) -> None:
        panel = self.panel
        if isinstance(panel, PlayerPanel) and panel.problem is None:
            panel._run(lambda: panel.player.play_clip(clip.start_ms, clip.end_ms))

    def stop(self) -> None:
        if isinstance(self.panel, PlayerPanel):
            # the player may already be gone or never opened
            with contextlib.suppress(Exception):
                self.panel.player.pause()

    def position_ms(self) -> int:
        if isinstance(self.panel, PlayerPanel):
            return int(self.panel.player.position_ms())
        return 0

    def act(self, action: str) -> None:
        """A player key (F5–F9) while the slot is showing."""
        panel = self.panel
        if isinstance(panel, PlayerPanel) and self.screen.query_one("#player-slot").display:
            getattr(panel, f"action_{action}")()


def screen_player_keys(screen: Widget) -> dict[str, str]:
    """The meeting's own player keys ({"replay": "F6", ...}): they work wherever the
    focus is, so the player's hints name them (a letter would type into the family's
    words). Read from the screen's bindings, so hints and keys cannot drift apart."""
    keys: dict[str, str] = {}
    for binding in type(screen).BINDINGS:
        if not (isinstance(binding, Binding) and binding.priority):
            continue
        action = binding.action
        if action.startswith("player('") and action.endswith("')"):
            keys.setdefault(action[len("player('") : -2], binding.key.upper())
    return keys
