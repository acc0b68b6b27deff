"""Exporting the ending letter: which format, which folder, which file name.

The folder is the one the last export for a family went to (the letter, the
booklet or the clips: `services.profile.last_export_folder`, kept in the
practitioner's profile, inside the store); the first time there is none, and the dialog asks
for one rather than writing to the home folder. Enter moves from field to
field; only the Export button writes the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ...domain import FamilyRecord
from ...export.folder import FolderError, existing_folder
from ...services.profile import last_export_folder, remember_export_folder
from ...services.session import StoreError
from ..failed_workers import Then
from ..text import literal
from ..widgets.literal_select import LiteralSelect

if TYPE_CHECKING:
    from ..app import VigApp

FORMATS = [
    ("One printable page (HTML)", "html"),
    ("PDF, ready to print", "pdf"),
    ("Markdown", "md"),
]


def default_file_name(record: FamilyRecord, fmt: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", record.family.label.casefold()).strip("-") or "family"
    return f"ending-letter-{slug}.{fmt}"


def check_file_name(text: str, fmt: str) -> str:
    """A plain file name (no folder in it), ending in the format's extension."""
    name = text.strip()
    if not name:
        raise ValueError("Give the file a name.")
    if "/" in name or name in (".", ".."):
        raise ValueError("The file name cannot contain “/”: put the folder in the folder box.")
    return name if name.endswith(f".{fmt}") else f"{name}.{fmt}"


class LetterExportScreen(ModalScreen[str | None]):
    """Asks where to write the letter; returns the path written, or None."""

    FAMILY_SAFE = False

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="letter-export.cancel")]
    DEFAULT_CSS = """
    LetterExportScreen .export-row { height: auto; }
    LetterExportScreen .export-row Label { width: 11; margin: 0; padding: 1 1 0 0; }
    LetterExportScreen .export-row Input, LetterExportScreen .export-row Select { width: 1fr; }
    /* the box with the focus has round corners: it shows without colour too */
    LetterExportScreen #letter-export Input:focus,
    LetterExportScreen #letter-export Select:focus > SelectCurrent {
        border: round $accent;
    }
    LetterExportScreen #letter-export Button:focus { text-style: bold reverse; }
    """

    def __init__(
        self,
        record: FamilyRecord,
        markdown: str,
        page: Callable[[str], str] | None = None,
        note: str | None = None,
        markdown_file: Callable[[str], str] | None = None,
    ) -> None:
        """`page` makes the printable page and `markdown_file` the Markdown file
        (each with the stills when the family may keep them; without them
        otherwise); `note` says when a clip's stills were not picked."""
        super().__init__()
        self.record = record
        self.markdown = markdown
        self.page = page
        self.note = note
        self.markdown_file = markdown_file

    @property
    def vig(self) -> VigApp:
        return cast("VigApp", self.app)

    def compose(self) -> ComposeResult:
        # a plain Vertical: a scrolling container would take the focus and show nothing
        with Vertical(id="letter-export", classes="dialog"):
            yield Static("Export the ending letter", classes="dialog-title")
            # each label beside its box, so the whole dialog fits on 80×24
            with Horizontal(classes="export-row"):
                yield Label("Format")
                yield LiteralSelect(FORMATS, value="html", allow_blank=False, id="export-format")
            with Horizontal(classes="export-row"):
                yield Label("Folder")
                yield Input(
                    last_export_folder(self.vig.store),
                    placeholder="e.g. ~/Documents/letters",
                    id="export-folder",
                )
            with Horizontal(classes="export-row"):
                yield Label("File name")
                yield Input(default_file_name(self.record, "html"), id="export-name")
            yield Static(
                "The file will hold the family's words: keep it somewhere safe.", classes="dim"
            )
            if self.note:
                yield Static(literal(self.note), id="export-stills-note", classes="dim")
            yield Static("", id="export-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="export-go", variant="primary")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        folder = self.query_one("#export-folder", Input)
        (self.query_one("#export-name", Input) if folder.value else folder).focus()

    @on(Select.Changed, "#export-format")
    def format_changed(self, event: Select.Changed) -> None:
        name = self.query_one("#export-name", Input)
        name.value = re.sub(r"\.(pdf|html|md)$", f".{event.value}", name.value)

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        """Enter moves on (folder → name → Export); it never writes the file by itself."""
        event.stop()
        if event.input.id == "export-folder":
            self.query_one("#export-name", Input).focus()
        else:
            self.query_one("#export-go", Button).focus()

    def _error(self, message: str, field: str | None = None) -> None:
        self.query_one("#export-error", Static).update(literal(message))
        if field:
            self.query_one(field).focus()

    @on(Input.Changed)
    @on(Select.Changed)
    def _forget_error(self) -> None:
        """A message about what was typed before never stays beside new text."""
        self.query_one("#export-error", Static).update("")

    @on(Button.Pressed, "#export-go")
    def export(self) -> None:
        self._forget_error()
        fmt = str(self.query_one("#export-format", Select).value)
        try:
            folder = existing_folder(self.query_one("#export-folder", Input).value, "the letter")
        except FolderError as err:
            self._error(str(err), "#export-folder")
            return
        try:
            name = check_file_name(self.query_one("#export-name", Input).value, fmt)
        except ValueError as err:
            self._error(str(err), "#export-name")
            return
        path = folder / name
        if path.exists():

            def answered(replace: bool | None) -> None:
                if replace:
                    self._write(path, folder, fmt)

            self.app.push_screen(ReplaceFileScreen(name), answered)
            return
        self._write(path, folder, fmt)

    def _write(self, path: Path, folder: Path, fmt: str) -> None:
        from ...export.letter import render_html
        from ...export.letter_page import without_pictures

        if fmt != "pdf":
            text = (
                (self.page or render_html)(self.markdown)
                if fmt == "html"
                else (self.markdown_file or without_pictures)(self.markdown)
            )
            try:
                self.vig.practice.deliver(
                    text, str(path), "export.letter", self.record.family.id, format=fmt, draft=False
                )
            except StoreError as err:
                self._error(str(err))
                return
            self._written(folder, str(path), None)
            return
        page = (self.page or render_html)(self.markdown)
        # a PDF takes a moment to make: a worker, so the screen stays alive
        self.query_one("#export-go", Button).disabled = True
        self.query_one("#export-error", Static).update("Making the PDF…")
        # the app runs it, so closing this dialog neither stops it nor loses its word
        self.app.run_worker(
            partial(self._print, page, path, folder, fmt),
            thread=True,
            exclusive=True,
            group="letter-export",
            description="making the letter's PDF",
        )

    def _print(self, page: str, path: Path, folder: Path, fmt: str) -> Then[...]:
        try:
            note = self.vig.practice.deliver_printable(
                page, str(path), fmt, "export.letter", self.record.family.id, draft=False
            )
        except StoreError as err:
            return Then(self._print_failed, str(err))
        written = str(path) if note is None else str(path.with_suffix(".html"))
        return Then(self._written, folder, written, note)

    def _print_failed(self, message: str) -> None:
        if self.app.screen is not self:  # closed while the PDF was being made
            self.app.notify(message, severity="error", markup=False)
            return
        self.query_one("#export-go", Button).disabled = False
        self._error(message)

    def _written(self, folder: Path, written: str, note: str | None) -> None:
        self._remember(folder)
        if note:
            self.app.notify(note, severity="warning", markup=False)
        if self.app.screen is self:
            self.dismiss(written)
        else:  # closed while the PDF was being made: it is written all the same
            self.app.notify(f"Written to {written}", title="Letter exported", markup=False)

    def _remember(self, folder: Path) -> None:
        """Offer this folder next time; the letter is written whether or not this is kept."""
        if problem := remember_export_folder(self.vig.store, folder):
            self.app.notify(problem, severity="warning", markup=False)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ReplaceFileScreen(ModalScreen[bool]):
    """Asks before a file of the same name is replaced; Enter on its own keeps the file."""

    FAMILY_SAFE = False
    BINDINGS = [Binding("escape", "keep", "Keep the file", id="letter-export.keep")]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.file_name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="replace-file"):
            yield Static(
                literal(f"There is already a file called {self.file_name} in that folder."),
                classes="dialog-title",
            )
            yield Static("Replace it?")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep it", id="replace-keep", variant="primary")
                yield Button("Replace", id="replace-go", variant="error")

    def on_mount(self) -> None:
        self.query_one("#replace-keep", Button).focus()

    @on(Button.Pressed, "#replace-go")
    def _replace(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#replace-keep")
    def action_keep(self) -> None:
        self.dismiss(False)
