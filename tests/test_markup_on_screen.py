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


async def test_ctrl_c_says_how_to_quit_in_plain_words(store: Store) -> None:
    """Ctrl+C (out of habit) showed Textual's own line, which is markup, and so
    read "Press [b]ctrl+q[/b] to quit the app" here."""
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        text = screen_text(app)
        assert "Press ^q to quit vig." in text, text
        assert "[b]" not in text


HOSTILE_QUESTION = "How can I [/] help [Sam] settle [@click=app.quit]x[/] at [bedtime]?"


async def test_a_question_with_brackets_is_listed_as_written_in_the_room(store: Store) -> None:
    """The list linking a moment to a helping question showed the family's
    question as markup: "[Sam]" and "[bedtime]" vanished from it, and a stray
    "[/]" closed vig as the list opened, in front of the family."""
    from textual.widgets import Select
    from textual.widgets._select import SelectOverlay

    from vig_tui.demo import build_demo_record

    from .journey_helpers import FIXED_DAY

    record = build_demo_record(today=FIXED_DAY)
    record.questions[0].text = HOSTILE_QUESTION
    family_id = store.create_family(record).id
    app = make_app(store, Players())
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen) and app.together
        await pilot.press("ctrl+t")  # the step-by-step view: its link step
        await pilot.pause()
        link = next(i for i, s in enumerate(meeting.steps) if s.key.endswith("link-to-question"))
        meeting.go(link)
        for _ in range(4):
            await pilot.pause()
        picker = meeting.query_one("#question-link", Select)
        picker.focus()
        await pilot.pause()
        await pilot.press("enter")  # the list opens
        overlay = picker.query_one(SelectOverlay)
        for _ in range(20):
            await pilot.pause()
            if overlay.region.height:
                break
        assert app.is_running and app.screen is meeting
        assert picker.expanded and overlay.region.height
        shown = screen_text(app)
        assert HOSTILE_QUESTION in shown, shown.splitlines()
        await pilot.press("escape")
        picker.value = record.questions[0].id  # chosen: shown as written in the box too
        for _ in range(4):
            await pilot.pause()
        assert app.is_running
        shown = screen_text(app)
        assert HOSTILE_QUESTION in shown, shown.splitlines()


def test_every_list_in_vig_shows_its_choices_as_written() -> None:
    """One rule for every drop-down list: vig builds them as LiteralSelect (or a
    subclass), never as Textual's Select, which reads its choices as markup."""
    import ast

    import vig_tui

    root = Path(vig_tui.__file__).parent
    bare: list[str] = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func.value if isinstance(node.func, ast.Subscript) else node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "Select":
                bare.append(f"{path.relative_to(root)}:{node.lineno}")
    assert not bare, f"a Select built directly (use LiteralSelect): {bare}"
