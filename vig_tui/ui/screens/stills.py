"""The stills of one clip, one at a time, over the screen that opened them.

Family-safe: it shows only pictures of the family's own moment, the clip's
place in the film and the time of each still — no notes, no principle names,
nothing of another family. ← / → move between the stills; Esc closes.
The shared review opens it with F4 while a clip is on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...domain import Clip, Still
from ...domain.ids import format_ms
from ...domain.rules.stills import stills_for_room
from ..widgets.stills import ReadStill, StillView

if TYPE_CHECKING:
    from ...services.session import FamilySession


def still_caption(index: int, stills: list[Still]) -> str:
    still = stills[index]
    return f"Still {index + 1} of {len(stills)} · at {format_ms(still.at_ms)}"


class StillsScreen(ModalScreen[None]):
    FAMILY_SAFE: ClassVar[bool] = True
    HELP = """\
## Stills of this moment

**←** and **→** move between the stills; **Esc** closes them.
"""
    DEFAULT_CSS = """
    StillsScreen {
        align: center middle;
    }
    StillsScreen > #stills-box {
        width: 90%;
        height: auto;
        max-height: 90%;
        border: round $primary;
        padding: 0 1;
        background: $surface;
    }
    StillsScreen #stills-title {
        text-style: bold;
    }
    StillsScreen StillView > .still-picture {
        height: 16;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="stills.close"),
        Binding("left", "move(-1)", "Earlier", id="stills.earlier"),
        Binding("right", "move(1)", "Later", id="stills.later"),
    ]

    def __init__(self, read: ReadStill, stills: list[Still], title: str = "") -> None:
        super().__init__()
        self.read = read
        self.stills = list(stills)
        self.title_text = title or "Stills of this moment"
        self.index = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="stills-box"):
            yield Static(Text(self.title_text), id="stills-title")
            if self.stills:
                yield StillView(self.read, self.stills[0].path, still_caption(0, self.stills))
            else:
                yield Static(Text("No stills were taken of this moment yet (p takes one)."))

    def action_move(self, step: int) -> None:
        if not self.stills:
            return
        self.index = (self.index + step) % len(self.stills)
        still = self.stills[self.index]
        self.query_one(StillView).show(still.path, still_caption(self.index, self.stills))

    def action_close(self) -> None:
        self.dismiss(None)


def open_clip_stills(app: App[object], family: FamilySession, clip: Clip | None) -> None:
    """Show a clip's stills of its moment over the current screen, the ticked ones
    first (nothing for no clip)."""
    if clip is not None:
        app.push_screen(StillsScreen(family.stills.read, stills_for_room(clip)))
