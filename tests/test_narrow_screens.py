"""80×24: what the practitioner needs is on screen, in full words, with help
(F1) and the way out always in the footer."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from vig_tui.store import Store
from vig_tui.ui.app import VigApp

from .journey_helpers import add_demo, make_app, screen_text

SIZE = (80, 24)
#: a timeline row: the date, the kind, then the title after a gap of two spaces at least
TIMELINE_ROW = re.compile(r"(\d{4}-\d\d-\d\d)  ([a-z]+)( {2,})\S")


def footer(app: VigApp) -> str:
    return screen_text(app).splitlines()[-1]


async def settle(pilot: Any) -> None:
    for _ in range(3):
        await pilot.pause()


async def test_home_and_the_new_family_form_at_80_by_24(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        add_demo(store)
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert "Cycle 2 – filming" in screen_text(app), screen_text(app)
            assert "f1 Help" in footer(app) and "^q Quit" in footer(app), footer(app)
            await pilot.press("n")
            await settle(pilot)
            text = screen_text(app)
            assert "A new family" in text and "Add family" in text and "Cancel" in text, text


async def test_dashboard_and_timeline_at_80_by_24(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.open_family(family_id)
            await settle(pilot)
            assert "Next: Cycle 2 – filming" in screen_text(app), screen_text(app)
            assert "f1 Help" in footer(app) and "esc Home" in footer(app), footer(app)
            await pilot.press("t")
            await settle(pilot)
            text = screen_text(app)
            rows = [line for line in text.splitlines() if re.search(r"\d{4}-\d\d-\d\d  ", line)]
            event_rows = [line for line in rows if "–" in line or "rated" in line]
            assert len(event_rows) >= 5, text
            for line in event_rows:
                if not line.lstrip("▊").startswith(tuple("0123456789")):
                    continue  # the detail pane's heading, not a row of the list
                assert TIMELINE_ROW.search(line), f"columns run together: {line!r}"
            assert "questionnaire  PHQ-9" in text, text
            assert "f1 Help" in footer(app) and "esc Back" in footer(app), footer(app)


async def test_a_long_label_gives_way_to_the_next_step_at_80_by_24(tmp_path: Path) -> None:
    from vig_tui.domain import Family
    from vig_tui.services.session import create_family

    long_label = "Zed family with a rather long label that goes on and on past the box"
    with Store.open(tmp_path / "store") as store:
        add_demo(store)
        create_family(store, Family(label=long_label))
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            text = screen_text(app)
            assert "Cycle 2 – filming" in text and "Initial meeting" in text, text
            zed = next(line for line in text.splitlines() if "Zed family" in line)
            assert "…" in zed and long_label not in zed, zed
