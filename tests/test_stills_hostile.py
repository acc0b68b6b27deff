"""Stills that are not what they claim: a picture whose header claims a huge
size (a decompression bomb), one merely too large, one that is not a picture.
The still opener refuses them from the header, before decoding, and the viewer
says plainly that the picture cannot be shown, never naming the file."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from textual.app import App, ComposeResult

from vig_tui.ui.widgets.stills import CANNOT_SHOW, RENDERER_ENV, StillView, open_picture


@pytest.fixture(autouse=True)
def _half_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(RENDERER_ENV, "halfblock")


def picture(size: tuple[int, int], mode: str = "1", kind: str = "PNG") -> bytes:
    """A picture of any size, small on disk (one colour compresses to nothing)."""
    out = io.BytesIO()
    Image.new(mode, size).save(out, format=kind)
    return out.getvalue()


BOMB = picture((20000, 20000))  # Pillow itself calls this a decompression bomb
TOO_LARGE = picture((9400, 9400))  # loads, but would take most of a gigabyte
NOT_A_PICTURE = b"#!/bin/sh\necho hi\n"
HOSTILE = {"bomb": BOMB, "too-large": TOO_LARGE, "script": NOT_A_PICTURE}


@pytest.mark.parametrize("data", HOSTILE.values(), ids=list(HOSTILE))
def test_the_still_opener_refuses_hostile_pictures_plainly(data: bytes) -> None:
    with pytest.raises(ValueError, match=r"too large|not a picture"):
        open_picture(data)


def test_a_large_still_is_drawn_from_a_small_copy() -> None:
    opened = open_picture(picture((4000, 3000), mode="RGB", kind="JPEG"))
    assert max(opened.size) <= 2000  # a terminal shows far fewer pixels
    assert opened.size[0] > opened.size[1]  # the shape is kept


class ViewApp(App[None]):
    def __init__(self, view: StillView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        yield self.view


async def test_the_viewer_says_a_hostile_still_cannot_be_shown_without_naming_it() -> None:
    stills = {f"stills/{key}.png": data for key, data in HOSTILE.items()}
    stills["stills/fine.png"] = picture((40, 30), mode="RGB")
    view = StillView(stills.__getitem__, "stills/fine.png", "Still 1")
    async with ViewApp(view).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert view.showing_picture
        for name in [*stills][:-1]:
            view.show(name, "Still")
            await pilot.pause()
            assert not view.showing_picture and not view.query(".still-picture")
            line = str(view.query_one("#still-line").render())
            assert line == CANNOT_SHOW and name not in line and "stills/" not in line
