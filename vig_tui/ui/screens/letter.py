"""The ending letter: drafted from the record, edited here, saved as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Static, TextArea

from ...domain import EndingLetter, FamilyRecord
from ...domain.profile import PractitionerProfile
from ...errors import VigError
from ...export.letter import current_letter, left_to_write
from ...services.letter import draft_for_family, letter_file, letter_page
from ...services.profile import practitioner_profile
from ...services.session import FamilySession, StoreError
from ...services.stills import unpicked_note
from ..text import editable, literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader, family_title
from ..widgets.text_editor import TextEditor
from .base import VigScreen

if TYPE_CHECKING:
    from ..app import VigApp

AUTOSAVE_SECONDS = 0.8


class LetterScreen(VigScreen):
    FAMILY_SAFE = False
    HELP = """\
## Ending letter

The letter the family keeps. The first draft comes from the record: their
helping questions with the first and last ratings, how they described their
child and their relationship at the start and the end, their own words from
the shared reviews, and ideas for the future. Your private notes are never
put in it.

- **Type** to edit. Every change is saved a moment after you stop typing.
  The letter opens at its heading; **Ctrl+End** goes to its end (to add a
  P.S.) and **Ctrl+Home** back to its start.
- **Ctrl+E** exports it as one printable page (HTML) or as Markdown.
- **Ctrl+R** starts again from a fresh draft (press twice; it replaces your edits).
- **Esc** saves and goes back.

Write *_italic_* and **\\*\\*bold\\*\\*** as in Markdown; lines starting with
`#` are headings and `-` starts a list.
"""
    BINDINGS = [
        # priority: the editor would otherwise take these keys for itself
        Binding("escape", "back", "Back", id="letter.back", priority=True),
        Binding("ctrl+s", "save_now", "Save", id="letter.save", priority=True),
        Binding("ctrl+e", "export", "Export", id="letter.export", priority=True),
        Binding("ctrl+r", "redraft", "Fresh draft", id="letter.redraft", priority=True),
    ]
    DEFAULT_CSS = """
    LetterScreen #letter-body { padding: 0 1; }
    LetterScreen #letter-status { height: 1; color: $text-muted; }
    LetterScreen #letter-missing { height: auto; max-height: 4; color: $warning; }
    LetterScreen #letter-text { height: 1fr; }
    """

    def __init__(self, family: FamilySession) -> None:
        super().__init__()
        self.family = family
        self.letter: EndingLetter | None = current_letter(family.record)
        self.dirty = False
        self._timer: Timer | None = None
        self._loading = True
        self._as_loaded: str | None = None  # the text as loaded, until the first edit
        self._redraft_armed = False
        # held here, so the last edit is still saved while the screen is taken down
        self.status = Static("", id="letter-status")
        self.editor = TextEditor(id="letter-text", soft_wrap=True, tab_behavior="indent")

    @property
    def record(self) -> FamilyRecord:
        return self.family.record

    def compose(self) -> ComposeResult:
        yield VigHeader()
        with Vertical(id="letter-body"):
            yield self.status
            yield Static("", id="letter-missing")
            yield self.editor
        yield VigFooter()

    def on_mount(self) -> None:
        self.sub_title = family_title(self.record.family.label, "ending letter")
        draft = draft_for_family(self.record, self.vig.packs, self._profile())
        self.show_missing(draft.missing)
        if self.letter is not None and self.letter.markdown.strip():
            text = self.letter.markdown
            self.set_status(f"Saved {self.letter.updated_at[:16].replace('T', ' ')}")
        else:
            text = draft.markdown
            self.set_status("A fresh draft from the record — it is saved once you change it.")
        area = self.editor
        self._as_loaded = editable(text)
        area.load_text(self._as_loaded)
        # read from its heading; Ctrl+End goes to its end (a P.S., a last line)
        area.move_cursor((0, 0))
        area.focus()
        self.call_after_refresh(self._loaded)

    def _loaded(self) -> None:
        self._loading = False

    def show_missing(self, missing: list[str]) -> None:
        box = self.query_one("#letter-missing", Static)
        if missing:
            box.update(literal("Still missing: " + "; ".join(missing) + "."))
        else:
            box.update("")

    def set_status(self, message: str) -> None:
        self.status.update(Text(message))

    @property
    def text(self) -> str:
        return self.editor.text

    # -- autosave ---------------------------------------------------------------------------
    @on(TextArea.Changed, "#letter-text")
    def changed(self) -> None:
        # loading the text is not a change (its message can come after _loaded)
        if self._loading or self.text == self._as_loaded:
            return
        self._as_loaded = None
        self.dirty = True
        self._redraft_armed = False
        self.set_status("Editing…")
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(AUTOSAVE_SECONDS, self.save)

    def save(self) -> bool:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.dirty:
            return True
        try:
            letter = self.family.save_letter(self.text, self.letter)
        except StoreError as err:
            self.vig.save_failed(err)
            self.set_status("Not saved — see the message. Your text is still here.")
            return False
        self.letter = letter
        self.dirty = False
        self.set_status(f"Saved {letter.updated_at[11:16]}")
        return True

    def action_save_now(self) -> None:
        self.dirty = True if self.letter is None else self.dirty
        self.save()

    def on_screen_suspend(self) -> None:
        self.save()

    def on_unmount(self) -> None:
        self.save()

    def action_back(self) -> None:
        if self.save():
            self.app.pop_screen()

    # -- redraft & export ---------------------------------------------------------------------
    def _profile(self) -> PractitionerProfile | None:
        """The practitioner's profile for the sign-off (None if it cannot be read)."""
        try:
            return practitioner_profile(cast("VigApp", self.app).store)
        except VigError:
            return None

    def action_redraft(self) -> None:
        if not self._redraft_armed:
            self._redraft_armed = True
            self.notify(
                "Press Ctrl+R again to replace the letter with a fresh draft.", title="Fresh draft?"
            )
            return
        self._redraft_armed = False
        draft = draft_for_family(self.record, self.vig.packs, self._profile())
        self.show_missing(draft.missing)
        self.editor.load_text(editable(draft.markdown))
        self.dirty = True
        self.save()

    def action_export(self) -> None:
        self.save()

        def done(path: str | None) -> None:
            if path:
                self.notify(f"Written to {path}", title="Letter exported")

        from ..dialogs.letter_export import LetterExportScreen

        unpicked = draft_for_family(self.record, self.vig.packs).unpicked
        notes = [unpicked_note(unpicked) if "](stills/" in self.text else None]
        unwritten = left_to_write(self.text)
        if unwritten:  # said where the file is made, not only at the top of the letter
            words = "; ".join(unwritten)
            notes.insert(0, f"Not written yet: {words}. The family would see the draft's words.")
        note = " ".join(n for n in notes if n) or None
        page = LetterExportScreen(
            self.record,
            self.text,
            lambda md: letter_page(self.family, md),
            note,
            lambda md: letter_file(self.family, md),
        )
        self.app.push_screen(page, done)
