"""Text fields that save themselves: as you type (debounced) and on leaving.

No save button anywhere. A field calls its `save` callback 0.4 s after the
last keystroke, when it loses focus, and when its screen flushes it before
moving on. A failed save keeps the text on screen and tries again on the
next change, so nothing typed is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, TextArea

from .steady_input import SteadyInput
from .text_editor import TextEditor

DEBOUNCE_S = 0.4

SaveFn = Callable[[str], None]


class Saved(Message):
    """Posted after a field's text reached the disk."""


class Pending(Message):
    """Posted at the first key after a save: what is on screen is not on disk yet."""


class SaveFailed(Message):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error


class _Autosave:
    _timer: Timer | None
    _due: float
    _saved_text: str
    _save: SaveFn

    def _init_autosave(self, save: SaveFn, text: str) -> None:
        self._save = save
        self._saved_text = text
        self._timer = None
        self._due = 0.0

    def _current(self) -> str:
        raise NotImplementedError

    def _schedule(self) -> None:
        """Save DEBOUNCE_S after the last keystroke. A key only moves the due
        time on: the one timer left running checks it when it fires, so typing
        doesn't start and cancel a timer on every key."""
        self._due = monotonic() + DEBOUNCE_S
        if self._timer is None:
            self._timer = self.set_timer(DEBOUNCE_S, self._when_due)  # type: ignore[attr-defined]
            self.post_message(Pending())  # type: ignore[attr-defined]

    def _when_due(self) -> None:
        left = self._due - monotonic()
        if left > 0:
            self._timer = self.set_timer(left, self._when_due)  # type: ignore[attr-defined]
            return
        self._timer = None
        self.flush()

    def flush(self, *, unchanged_too: bool = False) -> None:
        """Save now if the text changed since the last save (or, with
        `unchanged_too`, anyway: something saved with it changed)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        text = self._current()
        if text == self._saved_text and not unchanged_too:
            return
        try:
            self._save(text)
        except Exception as err:  # store errors: tell the screen, keep the text
            self.post_message(SaveFailed(err))  # type: ignore[attr-defined]
            return
        self._saved_text = text
        self.post_message(Saved())  # type: ignore[attr-defined]


class AutosaveTextArea(_Autosave, TextEditor):
    """A multi-line field for the family's words or a note."""

    def __init__(self, text: str, save: SaveFn, **kwargs: object) -> None:
        super().__init__(text, soft_wrap=True, **kwargs)  # type: ignore[arg-type]
        self._init_autosave(save, text)

    def _current(self) -> str:
        return self.text

    def rebind(self, text: str, save: SaveFn) -> None:
        """Show another record's text in this field (saving this one's first)."""
        self.flush()
        self._save = save
        self._saved_text = text
        if text == self.text:  # (most often empty for empty): not rebuilt, its undo forgotten
            self.history.clear()
        else:
            self.load_text(text)
        self.move_cursor(self.document.end)

    def on_mount(self) -> None:
        self.move_cursor(self.document.end)  # carry on typing after what is there
        if self.app.is_headless:
            self.cursor_blink = False  # steady screenshots in tests

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area is self and self.text != self._saved_text:
            self._schedule()

    def on_blur(self) -> None:
        self.flush()


class AutosaveInput(_Autosave, SteadyInput):
    """A one-line field (a helping question, a clip title)."""

    def __init__(self, value: str, save: SaveFn, **kwargs: object) -> None:
        super().__init__(value, **kwargs)  # type: ignore[arg-type]
        self._init_autosave(save, value)

    def _current(self) -> str:
        return self.value

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self and self.value != self._saved_text:
            self._schedule()

    def on_blur(self) -> None:
        self.flush()
