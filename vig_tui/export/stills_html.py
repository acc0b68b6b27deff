"""Stills as pictures inside the family's papers (booklet, letter).

A picture is embedded in the page itself (a ``data:`` address), so the HTML
and the PDF made from it carry no links to files. Only PNG and JPEG are
accepted; anything else, and a still that cannot be read, is left out and
never shown broken.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

#: image formats a still may be in (VLC writes PNG)
KINDS = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}

#: reads a still's bytes from its name in the record (``stills/<file>``); the
#: service that hands one over has checked the family's consent
ReadStill = Callable[[str], bytes]

ALT = "A still from this moment"


def data_address(data: bytes) -> str | None:
    """The picture as a ``data:`` address, or None when it is not PNG or JPEG."""
    kind = next((mime for magic, mime in KINDS.items() if data.startswith(magic)), None)
    if kind is None:
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def still_src(read_still: ReadStill, name: str) -> str | None:
    """The still as a ``data:`` address, or None when it cannot be read or is no picture."""
    try:
        return data_address(read_still(name))
    except (OSError, ValueError):
        return None


def still_img(read_still: ReadStill, name: str) -> str:
    """An ``<img>`` for the still, or "" when it cannot be read or is no picture."""
    src = still_src(read_still, name)
    return f"<img class='still' src='{src}' alt='{ALT}'>" if src else ""
