"""How this terminal draws pictures: asked once, then remembered.

textual-image finds out what the terminal can draw (Sixel, Kitty's graphics
protocol, else coloured half blocks) by writing questions to it and reading
the answers, the moment it is imported. Inside a running app that only works
with the app stepped aside (``App.suspend``), which makes the screen flash.
So the answer (which way to draw, and the size of a character cell in pixels)
is kept in a small file in the user's cache folder, one entry per kind of
terminal; from then on textual-image is imported without asking anything and
told the remembered answer, and no still ever flashes the screen again.
``VIG_STILLS=halfblock`` draws with half blocks and never asks. The file holds
no family data; when it cannot be read or written the terminal is simply asked.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported

#: Set to "halfblock" to draw every still with coloured half blocks.
RENDERER_ENV = "VIG_STILLS"
#: Where the remembered answers are kept (default: the user's cache folder).
CACHE_ENV = "VIG_TERMINAL_CACHE"
#: the ways of drawing that are remembered ("auto": textual-image's own choice)
KINDS = ("sixel", "tgp", "halfcell")

_chosen: str | None = None  # this process's answer, once known


def cache_file() -> Path:
    named = os.environ.get(CACHE_ENV)
    if named:
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vig" / "terminal-pictures.json"


def terminal_key() -> str:
    """Which terminal this is, as far as its environment tells."""
    names = ("TERM", "TERM_PROGRAM", "TERM_PROGRAM_VERSION", "COLORTERM")
    parts = [os.environ.get(name, "") for name in names]
    return "|".join([*parts, "tmux" if os.environ.get("TMUX") else ""])


def _read_all() -> dict[str, object]:
    try:
        found = json.loads(cache_file().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def remembered(key: str) -> tuple[str, int, int] | None:
    """(way of drawing, cell width, cell height) remembered for this terminal."""
    entry = _read_all().get(key)
    if not isinstance(entry, dict):
        return None
    kind, cell = entry.get("kind"), entry.get("cell")
    if kind not in KINDS or not isinstance(cell, list) or len(cell) != 2:
        return None
    if not all(isinstance(n, int) and 0 < n < 1000 for n in cell):
        return None
    return str(kind), int(cell[0]), int(cell[1])


def remember(key: str, kind: str, cell: tuple[int, int]) -> None:
    """Keep the answer for next time (a new file in one step; failures ignored)."""
    entries = _read_all()
    entries[key] = {"kind": kind, "cell": list(cell)}
    target = cache_file()
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)  # 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(entries, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def import_without_asking(cell: tuple[int, int]) -> None:
    """Import textual-image with nothing written to the terminal (it sees no
    terminal), then give it the remembered cell size."""
    real = sys.__stdout__
    setattr(sys, "__stdout__", io.StringIO())  # noqa: B010 (a final name for mypy)
    try:
        import textual_image.widget  # noqa: F401
        from textual_image._terminal import CellSize, get_cell_size
    finally:
        setattr(sys, "__stdout__", real)  # noqa: B010
    get_cell_size._result = CellSize(*cell)  # type: ignore[attr-defined]


def _detected() -> str | None:
    """The way of drawing textual-image found when it asked the terminal."""
    from textual_image.renderable import HalfcellImage, Image, SixelImage, TGPImage

    found = {SixelImage: "sixel", TGPImage: "tgp", HalfcellImage: "halfcell"}
    return found.get(Image)


def _ask(app: App[object]) -> str:
    """Import textual-image where its questions get answers: the app steps aside."""
    try:
        with app.suspend():
            import textual_image.widget
    except SuspendNotSupported:
        import textual_image.widget  # noqa: F401
    from textual_image._terminal import get_cell_size

    kind = _detected()
    if kind is None:
        return "auto"
    size = get_cell_size()
    remember(terminal_key(), kind, (size.width, size.height))
    return kind


def drawing_kind(app: App[object]) -> str:
    """How stills are drawn here: "sixel", "tgp", "halfcell" or "auto".
    Imports textual-image the first time, asking the terminal only when no
    answer is remembered for it."""
    global _chosen
    if _chosen is not None:
        return _chosen
    stdout = sys.__stdout__
    if os.environ.get(RENDERER_ENV, "").lower() == "halfblock":
        import_without_asking((10, 20))
        _chosen = "halfcell"
    elif app.is_headless or stdout is None or not stdout.isatty():
        import textual_image.widget  # noqa: F401

        _chosen = "auto"
    elif known := remembered(terminal_key()):
        import_without_asking(known[1:])
        _chosen = known[0]
    else:
        _chosen = _ask(app)
    return _chosen
