"""Help for whichever step is on screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown, Static

from ..keymap import changes_in
from ..text import markdown_safe
from ..widgets.text_editor import TextEditor

GENERAL = """
---
**Anywhere:** F1 or ? shows this help · Ctrl+P finds a family or a command ·
Esc goes back · Ctrl+Q quits (everything is already saved).
"""

#: In the room the palette offers only what the family may see.
GENERAL_IN_THE_ROOM = """
---
**Anywhere:** F1 or ? shows this help · Ctrl+P lists what you can do here ·
Ctrl+Q quits (everything is already saved).
"""

#: Said where the screen has a text box (every one is a TextEditor).
IN_A_TEXT_BOX = """
**In a text box:** Ctrl+Home and Ctrl+End go to the start and the end of the
text (with Shift, selecting on the way).
"""


class HelpScreen(ModalScreen[None]):
    FAMILY_SAFE = True
    BINDINGS = [
        Binding("escape,f1,question_mark,q", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, about: Screen[object]) -> None:
        super().__init__()
        self.text = str(getattr(about, "HELP", None) or "Use the keys shown at the bottom.")
        nodes = list(about.walk_children(with_self=True))
        self.classes_shown = {type(node).__qualname__ for node in nodes}
        self.has_editor = any(isinstance(node, TextEditor) for node in nodes)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            general = GENERAL_IN_THE_ROOM if getattr(self.app, "room", False) else GENERAL
            if self.has_editor:
                general += IN_A_TEXT_BOX
            yield Markdown(self._your_keys() + self.text + general)
            yield Static("Press Esc to close", classes="dim")

    def _your_keys(self) -> str:
        """The help below names the usual keys; a line first says which ones the
        user's keymap changed on this screen (the keymap's own words are never
        read as Markdown)."""
        changes = changes_in(getattr(self.app, "keymap_in_use", {}), self.classes_shown)
        if not changes:
            return ""
        moved = " · ".join(
            f"{markdown_safe(c.description)}: **{markdown_safe(c.now)}** "
            f"(instead of {markdown_safe(c.usual)})"
            for c in changes
        )
        return f"**Your keymap changes these keys here:** {moved}\n\n"

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
