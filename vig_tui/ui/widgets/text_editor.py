"""The one multi-line text box of vig: every note, the family's words, the
letter and the log are written in it (or in a class made from it).

Textual's editor has no keys for the very start and end of the text, so a long
note could only be crossed a page at a time. Here Ctrl+Home and Ctrl+End go
there (with Shift, selecting on the way), in every editor at once. A house
test refuses a TextArea built any other way.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import TextArea


class TextEditor(TextArea):
    """A TextArea with Ctrl+Home / Ctrl+End to the start / end of its text."""

    BINDINGS = [
        Binding("ctrl+home", "text_start", "Start of text", show=False, id="editor.start"),
        Binding("ctrl+end", "text_end", "End of text", show=False, id="editor.end"),
        Binding("ctrl+shift+home", "text_start(True)", show=False, id="editor.select_start"),
        Binding("ctrl+shift+end", "text_end(True)", show=False, id="editor.select_end"),
    ]

    def action_text_start(self, select: bool = False) -> None:
        self.move_cursor((0, 0), select=select)

    def action_text_end(self, select: bool = False) -> None:
        self.move_cursor(self.document.end, select=select)
