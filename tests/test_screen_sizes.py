"""Screen sizes: at 80×24 nothing the practitioner needs is cut, and at 200
columns text boxes keep a width a person can read."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from rich.cells import cell_len

from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.widgets.footer import keys_that_fit

from .journey_helpers import add_demo, make_app, screen_text

SIZE = (80, 24)
#: the width of one terminal cell in Textual's screenshots (rich: 20 px × 0.61)
CELL = 12.2
_TEXT = re.compile(r'<text[^>]*?x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', re.S)


def screen_cells(app: VigApp) -> list[str]:
    """The screen's lines with every text at its own column, so the blank
    cells between two columns stay blank (a screenshot leaves them out)."""
    rows: dict[float, list[tuple[int, str]]] = {}
    for x, y, body in _TEXT.findall(app.export_screenshot()):
        rows.setdefault(float(y), []).append((round(float(x) / CELL), html.unescape(body)))
    lines = []
    for y in sorted(rows):
        line = ""
        for column, text in sorted(rows[y]):
            line += " " * max(0, column - cell_len(line)) + text.replace("\xa0", " ")
        lines.append(line.rstrip())
    return lines


async def settle(pilot: Any) -> None:
    for _ in range(4):
        await pilot.pause()


def footer_keys(app: VigApp) -> list[str]:
    """The keys the footer shows, as "key Words" (the palette key on the right left out)."""
    line = screen_text(app).splitlines()[-1]
    return [chunk.strip() for chunk in re.split(r" {2,}", line.split("▏")[0]) if chunk.strip()]


def whole_keys(app: VigApp) -> set[str]:
    return {
        f"{app.get_key_display(binding)} {binding.description}"
        for _node, binding, _enabled, _tip in app.screen.active_bindings.values()
        if binding.show
    }


def test_keys_are_dropped_whole_least_important_first() -> None:
    widths = [(True, 8), (True, 8), (False, 10), (False, 12), (False, 4)]
    assert keys_that_fit(widths, 30) == [True, True, True, False, False]
    assert keys_that_fit(widths, 100) == [True] * 5
    # help first; on a line too short for both, the way out is left out whole, not cut
    assert keys_that_fit(widths, 10) == [True, False, False, False, False]
    assert keys_that_fit(widths, 16) == [True, True, False, False, False]


async def test_the_footer_never_cuts_a_key_at_80_columns(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            for where in ("home", "dashboard", "timeline"):
                if where == "dashboard":
                    app.open_family(family_id)
                elif where == "timeline":
                    await pilot.press("t")
                await settle(pilot)
                shown = footer_keys(app)
                assert shown[0] == "f1 Help" and "^q Quit" in shown, shown
                cut = [chunk for chunk in shown if chunk not in whole_keys(app)]
                assert not cut, f"cut keys in the footer of {where}: {cut} ({shown})"
                # and a wider terminal brings the dropped keys back
                await pilot.resize_terminal(160, 24)
                await settle(pilot)
                assert len(footer_keys(app)) >= len(shown), footer_keys(app)
                await pilot.resize_terminal(*SIZE)
                await settle(pilot)


async def test_the_dashboard_cycles_keep_their_columns_at_80(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.open_family(family_id)
            await settle(pilot)
            lines = screen_cells(app)
            rows = [line for line in lines if re.search(r"Cycle \d", line) and "Next" not in line]
            assert len(rows) == 3, lines
            for row in rows:
                assert re.match(r"\s*[✓▶·]  Cycle \d  \S", row), f"run together: {row!r}"
            assert "✓  Cycle 1  reviewed  2 clips" in "\n".join(rows), rows


async def test_text_boxes_keep_a_readable_width_at_200_columns(tmp_path: Path) -> None:
    from textual.widgets import Input, TextArea

    from vig_tui.ui.screens.meeting import MeetingScreen
    from vig_tui.ui.screens.skip_to_final import SkipToFinalDialog

    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        app = make_app(store)
        async with app.run_test(size=(200, 50)) as pilot:
            await settle(pilot)
            app.open_family(family_id)
            await settle(pilot)
            await pilot.press("f")
            await settle(pilot)
            if isinstance(app.screen, SkipToFinalDialog):
                await pilot.click("#skip-yes")
                await settle(pilot)
            assert isinstance(app.screen, MeetingScreen)
            boxes = [w for w in app.screen.query("TextArea, Input") if w.display and w.size.width]
            assert boxes, screen_text(app)
            for box in boxes:
                assert isinstance(box, TextArea | Input)
                assert 40 <= box.size.width <= 110, f"{box!r} is {box.size.width} wide"
