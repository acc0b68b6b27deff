"""Every multi-line text box in vig is one kind of editor, with Ctrl+Home and
Ctrl+End to the start and end of its text (and Shift to select on the way).

The house rule is checked twice: no module builds a TextArea (or a class of
its own on top of one) other than through `TextEditor`, and every
editor class vig has carries the keys. Then the keys are pressed in real
screens: the letter, a meeting's private note (where the meeting's own
priority keys must not take them) and the practitioner's log.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Markdown, TextArea

from vig_tui.domain import Family
from vig_tui.services.session import create_family
from vig_tui.store import Store
from vig_tui.ui.keymap import _vig_classes

from .journey_helpers import make_app

PACKAGE = Path(__file__).resolve().parent.parent / "vig_tui"
EDITOR_MODULE = PACKAGE / "ui" / "widgets" / "text_editor.py"
KEYS = ("ctrl+home", "ctrl+end", "ctrl+shift+home", "ctrl+shift+end")


def _names_textarea(node: ast.expr) -> bool:
    """`TextArea` or `something.TextArea` (Textual's widget by any import)."""
    return (isinstance(node, ast.Name) and node.id == "TextArea") or (
        isinstance(node, ast.Attribute) and node.attr == "TextArea"
    )


def _builds_a_textarea(func: ast.expr) -> bool:
    """A call of TextArea itself or of one of its ready-made editors
    (``TextArea.code_editor``); not of its messages (``TextArea.Changed``)."""
    if _names_textarea(func):
        return True
    return (
        isinstance(func, ast.Attribute)
        and _names_textarea(func.value)
        and not func.attr[:1].isupper()
    )


def textareas_built_outside_the_editor(root: Path) -> list[str]:
    """Where a module under `root` builds a TextArea itself (a call, one of its
    ready-made editors, or a class on top of it) instead of a TextEditor."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path == EDITOR_MODULE:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            where = f"{path.relative_to(root.parent)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call) and _builds_a_textarea(node.func):
                found.append(where)
            if isinstance(node, ast.ClassDef) and any(_names_textarea(b) for b in node.bases):
                found.append(where)
    return sorted(found, key=lambda where: (where.rsplit(":", 1)[0], int(where.rsplit(":", 1)[1])))


def test_no_module_builds_a_textarea_but_the_editor() -> None:
    assert textareas_built_outside_the_editor(PACKAGE) == []


def test_the_house_check_finds_a_textarea_built_directly(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "screen.py").write_text(
        "from textual import widgets\nfrom textual.widgets import Markdown, TextArea\n"
        "a = TextArea(id='notes')\nb = widgets.TextArea()\nc = TextArea.code_editor()\n"
        "class Mine(TextArea):\n    pass\n"
        "def changed(e: TextArea.Changed) -> None:\n    isinstance(e, TextArea)\n",
        "utf-8",
    )
    assert textareas_built_outside_the_editor(tmp_path / "pkg") == [
        "pkg/screen.py:3",
        "pkg/screen.py:4",
        "pkg/screen.py:5",
        "pkg/screen.py:6",
    ]


def test_every_editor_class_of_vig_has_the_start_and_end_keys() -> None:
    from vig_tui.ui.widgets.text_editor import TextEditor

    editors = [cls for cls in _vig_classes() if issubclass(cls, TextArea)]
    assert len(editors) >= 2, editors  # the editor itself and the autosaving one
    for cls in editors:
        assert issubclass(cls, TextEditor), cls
        bound = cls._merge_bindings().key_to_bindings
        assert all(key in bound for key in KEYS), cls


async def _press_start_and_end(app: App[Any], pilot: Pilot[Any], area: TextArea) -> None:
    area.focus()
    area.load_text("first line\nsecond line\nthird line")
    area.move_cursor((1, 3))
    await pilot.pause()
    await pilot.press("ctrl+end")
    assert area.cursor_location == area.document.end == (2, 10)
    await pilot.press("ctrl+home")
    assert area.cursor_location == (0, 0)
    await pilot.press("ctrl+shift+end")
    assert area.selected_text == area.text
    await pilot.press("ctrl+end", "ctrl+shift+home")
    assert area.selected_text == area.text and area.cursor_location == (0, 0)
    assert app.focused is area


async def test_a_meetings_note_goes_to_its_start_and_end(store: Store) -> None:
    from vig_tui.ui.screens.meeting import MeetingScreen

    family = create_family(store, Family(label="Larch"))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.open_family(family.id)
        await pilot.pause()
        await pilot.press("i")  # the initial meeting: the room opens
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        await pilot.press("f2")  # the practitioner's view shows the private note
        await pilot.pause()
        note = meeting.query_one("#private-note", TextArea)
        await _press_start_and_end(app, pilot, note)
        await pilot.press("f1")  # and help says so
        await pilot.pause()
        help_text = " ".join(app.screen.query_one(Markdown).source.split())
        assert "Ctrl+Home and Ctrl+End go to the start and the end" in help_text


async def test_the_supervision_notes_go_to_their_start_and_end(store: Store) -> None:
    from vig_tui.ui.screens.practitioner_log import PractitionerLogScreen

    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(PractitionerLogScreen())
        await pilot.pause()
        await pilot.press("a")  # a supervision session: its notes
        await pilot.pause()
        await _press_start_and_end(app, pilot, app.screen.query_one("#sup-notes", TextArea))
