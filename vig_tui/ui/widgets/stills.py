"""A still, drawn in the terminal (textual-image), or a plain line when it cannot be.

textual-image is imported the first time a still is shown, never at start-up;
how the terminal draws pictures is asked once and remembered
(:mod:`.still_drawing`). ``VIG_STILLS=halfblock`` always draws with half
blocks, as the tests do.

A still that is missing, refused or not a picture shows one plain line saying
so; nothing here raises.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from ...domain.rules.stills import still_picture_problem
from .still_drawing import RENDERER_ENV, drawing_kind

if TYPE_CHECKING:
    from PIL.Image import Image as Picture

#: reads a still's bytes from its name in the record (``stills/<file>``)
ReadStill = Callable[[str], bytes]

#: said on screen instead of a still that cannot be drawn (never its name: the
#: family may be looking)
CANNOT_SHOW = "This picture cannot be shown (its file is missing, damaged or too large)."
#: the most pixels a still is drawn from: a larger one is shrunk first (a
#: terminal shows far fewer, and memory stays small)
DRAW_SIDE = 1600
NOTHING = "No still to show."

__all__ = ["CANNOT_SHOW", "NOTHING", "RENDERER_ENV", "StillView", "open_picture", "picture_widget"]


def picture_widget(app: App[object], picture: Picture) -> Widget:
    """The widget that draws `picture` the best way this terminal allows."""
    kind = drawing_kind(app)
    from textual_image.widget import HalfcellImage, Image, SixelImage, TGPImage

    if os.environ.get(RENDERER_ENV, "").lower() == "halfblock":
        return HalfcellImage(picture, classes="still-picture")
    kinds: dict[str, Callable[..., Widget]] = {
        "sixel": SixelImage,
        "tgp": TGPImage,
        "halfcell": HalfcellImage,
    }
    return kinds.get(kind, Image)(picture, classes="still-picture")


def open_picture(data: bytes) -> Picture:
    """The picture in `data`, shrunk to at most DRAW_SIDE a side. Raises
    ValueError when it is none, not a PNG or JPEG, or too large to decode (its
    header is checked before anything is decoded)."""
    from PIL import Image as PILImage

    problem = still_picture_problem(data)
    if problem is not None:
        raise ValueError(problem)
    try:
        picture = PILImage.open(io.BytesIO(data))
        picture.draft("RGB", (DRAW_SIDE, DRAW_SIDE))  # JPEG: decode at a smaller size
        picture.load()  # decode now, so a damaged file fails here and not while drawing
        picture.thumbnail((DRAW_SIDE, DRAW_SIDE))
    except Exception as err:  # any failure of the picture reader means "cannot be shown"
        raise ValueError(f"the picture cannot be read: {err}") from err
    return picture


class StillView(Vertical):
    """One still with a caption line under it; :meth:`show` changes the still."""

    DEFAULT_CSS = """
    StillView {
        height: auto;
        min-height: 3;
    }
    StillView > .still-picture {
        width: auto;
        height: 10;
    }
    StillView > #still-line {
        height: auto;
        color: $text-muted;
    }
    """

    def __init__(
        self,
        read: ReadStill,
        name: str | None = None,
        caption: str = "",
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.read = read
        self.still_name = name
        self.caption = caption
        #: whether the last still asked for is on screen as a picture
        self.showing_picture = False

    def compose(self) -> ComposeResult:
        yield Static(id="still-line")

    def on_mount(self) -> None:
        self.show(self.still_name, self.caption)

    def show(self, name: str | None, caption: str = "") -> None:
        """Show the still called `name` (or say there is none) with `caption`."""
        self.still_name, self.caption = name, caption
        for old in self.query(".still-picture"):
            old.remove()
        line = self.query_one("#still-line", Static)
        self.showing_picture = False
        if name is None:
            line.update(Text(NOTHING))
            return
        try:
            picture = open_picture(self.read(name))
        except (OSError, ValueError):  # missing, outside the stills folder, not a picture
            line.update(Text(CANNOT_SHOW))
            return
        try:
            widget = picture_widget(self.app, picture)
        except Exception:  # the drawing library itself failed: say so, never a traceback
            line.update(Text(CANNOT_SHOW))
            return
        self.mount(widget, before=line)
        self.showing_picture = True
        line.update(Text(caption))
