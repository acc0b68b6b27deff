"""The player panel's status line: what the film is doing, where, how fast, looping.

Plain words for each state (naming the key that moves it on), then the clock:
within the moment while a clip plays (the family watches a moment, not the whole
film), in the film while marking one or when no clip is set.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from vig_tui.playback.clips import format_ms
from vig_tui.playback.player import Player, PlayerState

STATE_WORDS: dict[PlayerState, tuple[str, str]] = {
    PlayerState.EMPTY: ("■", "No film open"),
    PlayerState.READY: ("■", "Ready — press {play_pause} to play"),
    PlayerState.OPENING: ("…", "Opening the film"),
    PlayerState.PLAYING: ("▶", "Playing"),
    PlayerState.PAUSED: ("⏸", "Paused"),
    PlayerState.CLIP_ENDED: ("■", "End of the clip — {replay} to watch it again"),
    PlayerState.FILM_ENDED: ("■", "End of the film"),
    PlayerState.ERROR: ("!", "The film could not be played"),
}


def status_text(
    player: Player,
    state: PlayerState,
    position: int,
    key_for: Callable[[str], str],
    *,
    marking: bool,
) -> Text:
    """The status line for ``player`` in ``state`` at ``position``; ``key_for``
    names the key for an action."""
    icon, words = STATE_WORDS[state]
    words = words.format(play_pause=key_for("play_pause"), replay=key_for("replay"))
    status = Text()
    status.append(f"{icon} ", style="bold")
    status.append(words)
    status.append(f"   {clock_text(player, position, marking=marking)}", style="bold")
    status.append(f"   speed {player.rate:g}×")
    if player.loop:
        status.append("   looping", style="bold")
    return status


def clock_text(player: Player, position: int, *, marking: bool) -> str:
    """Where the playhead is: within the moment while a clip plays (the family
    watches a moment, not the whole film); in the film while marking one."""
    clip = player.clip
    if marking or clip is None or clip.end_ms is None:
        return f"{format_ms(position)} / {format_ms(player.length_ms)}"
    span = max(0, clip.end_ms - clip.start_ms)
    into = min(span, max(0, position - clip.start_ms))
    return f"{_seconds(into)} / {_seconds(span)}"


def _seconds(ms: int) -> str:
    """A time within a moment, in whole seconds: 0:04."""
    minutes, seconds = divmod(ms // 1000, 60)
    return f"{minutes}:{seconds:02d}"
