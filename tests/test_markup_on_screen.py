"""User and pack text is shown literally on screen: `[/]`, `[link=…]`, `[parent
version]` and escape codes never change rendering, crash the app or reach the
terminal."""

from __future__ import annotations

import os
from pathlib import Path

from vig_tui.domain import EndingLetter, Family
from vig_tui.packs import load_packs
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.meeting import MeetingScreen

from .journey_helpers import Players, make_app, screen_text

#: an escape code that would set the terminal's window title
OSC = "\x1b]2;pwned\x07"
#: what must never reach the terminal (even unterminated, it swallows what follows)
RAW = "\x1b]2;pwned"
SHOWN_OSC = "\\x1b]2;pwned\\x07"

MARKUP_TITLE = "Mood [/] check [link=https://example.org]more[/link]"
BRACKET_TITLE = "SDQ [parent version]"


def questionnaire_pack(qid: str, title: str) -> str:
    return f"""\
schema: 1
kind: questionnaire
id: {qid}
version: "1"
title: "{title}"
validated: false
notice: Made up for the tests.
items:
  - id: q1
    kind: scale
    min: 0
    max: 3
    text: How has the week been?
"""


def terminal_output(app: VigApp) -> str:
    """What a full redraw of the screen would send to the terminal."""
    update = app.screen._compositor.render_full_update()
    return update.render_segments(app.console)


async def test_questionnaire_titles_reach_choose_questionnaires(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "markup.yaml").write_text(questionnaire_pack("mood-markup", MARKUP_TITLE))
    (folder / "sdq.yaml").write_text(questionnaire_pack("sdq-p", BRACKET_TITLE))
    packs = load_packs(folder)
    assert {"mood-markup", "sdq-p"} <= set(packs.questionnaires), packs.errors
    family = store.create_family(Family(label="Hazel"))
    app = VigApp(store, packs=packs, player_factory=Players())
    async with app.run_test(size=(110, 50), notifications=True) as pilot:
        app.open_family(family.id)
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        meeting.go([s.key for s in meeting.steps].index("qn:choose"))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen), "the meeting is still on screen"
        text = screen_text(app)
        assert "Which questionnaires today?" in text
        assert MARKUP_TITLE in text
        assert BRACKET_TITLE in text


async def test_a_broken_pack_with_markup_in_a_key_is_skipped_and_the_app_starts(
    store: Store,
) -> None:
    folder = Path(os.environ["VIG_CONFIG_DIR"]) / "packs"
    folder.mkdir(parents=True)
    (folder / "oops.yaml").write_text(
        'schema: 1\nkind: questionnaire\nid: oops\n"oops [/] key": 1\n', encoding="utf-8"
    )
    packs = load_packs()
    warnings = list(packs.warnings)
    assert any("oops.yaml" in w and "oops [/] key" in w for w in warnings), warnings
    app = VigApp(store, packs=packs, pack_warnings=warnings)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.is_running
        shown = [n for n in app._notifications if "skipped" in n.title]
        assert shown and any("oops [/] key" in n.message for n in shown)
        text = screen_text(app)
        assert "oops.yaml" in text and "A prompt pack was skipped" in text


async def test_an_escape_code_in_a_label_never_reaches_the_terminal(store: Store) -> None:
    family = store.create_family(Family(label=f"Ivy{OSC}"))
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.open_family(family.id)
        await pilot.pause()
        await pilot.press("i")  # the meeting's header names the family
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert RAW not in terminal_output(app)
        assert f"Ivy{SHOWN_OSC}" in screen_text(app)


async def test_an_escape_code_in_the_letter_never_reaches_the_terminal(store: Store) -> None:
    family = store.create_family(Family(label="Juniper"))
    family.save(EndingLetter(markdown=f"# Our work together\n\nDear Juniper{OSC}\n"))
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.open_family(family.id)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "LetterScreen"
        assert RAW not in terminal_output(app)
        assert f"Dear Juniper{SHOWN_OSC}" in screen_text(app)


async def test_notifications_show_their_text_literally(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        app.notify(f"[b]bold[/b] [/] {OSC}", title="[i]t[/i]")
        await pilot.pause()
        text = screen_text(app)
        assert "[b]bold[/b] [/]" in text and "[i]t[/i]" in text
        assert RAW not in terminal_output(app)
