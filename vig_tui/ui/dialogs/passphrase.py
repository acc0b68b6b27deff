"""Passphrase prompts: unlocking an encrypted store, choosing a new passphrase."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ...errors import VigError
from ...services.practice import Codec, StoreError, check_new_passphrase, unlock
from ..failed_workers import ReportsFailedWorkers, Then
from ..text import literal

DIALOG_CSS = """
PassphraseScreen, NewPassphraseScreen { align: center middle; }
PassphraseScreen > VerticalScroll, NewPassphraseScreen > VerticalScroll {
    width: 72; max-width: 100%; height: auto; border: round $accent;
    background: $panel; padding: 1 2;
}
.pp-error { color: $error; height: auto; }
.pp-buttons { height: auto; margin-top: 1; }
.pp-buttons Button { margin-right: 2; }
"""


class PassphraseScreen(ReportsFailedWorkers, ModalScreen[Codec | None]):
    """Unlock the store at `root`. Returns the codec, or None if cancelled.
    A wrong passphrase is reported in place; nothing on disk changes."""

    FAMILY_SAFE = False

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="passphrase.cancel")
    ]

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = Path(root)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("This store is encrypted", classes="dialog-title")
            yield Static(literal(f"Type the passphrase for {self.root}."))
            yield Input(password=True, id="passphrase")
            yield Static("", id="pp-wait", classes="dim")
            yield Static("", id="pp-error", classes="pp-error")
            with Horizontal(classes="pp-buttons"):
                yield Button("Open", id="open", variant="primary")
                yield Button("Quit", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#open")
    def try_open(self) -> None:
        field = self.query_one("#passphrase", Input)
        if field.disabled:  # already opening
            return
        self._waiting(True)
        self.query_one("#pp-error", Static).update("")
        self._unlock(field.value)

    def _waiting(self, waiting: bool) -> None:
        """While the key is worked out from the passphrase (it takes a moment on
        purpose), say so; the dialog keeps drawing and Quit still works."""
        self.query_one("#pp-wait", Static).update(
            "Opening the store — this takes a moment…" if waiting else ""
        )
        self.query_one("#passphrase", Input).disabled = waiting
        self.query_one("#open", Button).disabled = waiting

    @work(thread=True, exclusive=True, group="unlock", exit_on_error=False)
    def _unlock(self, passphrase: str) -> Then[...]:
        try:
            codec = unlock(self.root, passphrase)
        except (VigError, OSError) as err:
            return Then(self._refused, str(err))
        return Then(self._opened, codec)

    def _opened(self, codec: Codec) -> None:
        if self.is_attached:
            self.dismiss(codec)

    def _refused(self, message: str) -> None:
        if not self.is_attached:
            return
        self._waiting(False)
        self.query_one("#pp-error", Static).update(literal(message))
        field = self.query_one("#passphrase", Input)
        field.value = ""
        field.focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class NewPassphraseScreen(ModalScreen[str | None]):
    """Choose a new passphrase (typed twice). Returns it, or None for "not now".

    `offer=True` is the gentle offer shown when a store is created; with
    `ask_current=True` the current passphrase of the store at `root` is checked
    first (for changing it)."""

    FAMILY_SAFE = False

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Not now", id="newpassphrase.cancel")
    ]

    def __init__(
        self, *, offer: bool = False, ask_current: bool = False, root: Path | None = None
    ) -> None:
        super().__init__()
        self.offer = offer
        self.ask_current = ask_current
        self.root = root

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            if self.offer:
                yield Static("Protect this store with a passphrase?", classes="dialog-title")
                yield Static(
                    "Recordings of children and notes about families are sensitive. With a "
                    "passphrase, everything vig keeps is encrypted on this computer. If the "
                    "passphrase is lost, the store cannot be opened — keep it somewhere safe. "
                    "You can turn this on later with `vig passphrase enable`."
                )
            else:
                yield Static(
                    "Change the passphrase" if self.ask_current else "Choose a passphrase",
                    classes="dialog-title",
                )
            if self.ask_current:
                yield Label("Current passphrase")
                yield Input(password=True, id="current")
            yield Label("New passphrase (at least 8 characters; a few words work well)")
            yield Input(password=True, id="new")
            yield Label("Type it again")
            yield Input(password=True, id="again")
            yield Static("", id="pp-error", classes="pp-error")
            with Horizontal(classes="pp-buttons"):
                yield Button("Use this passphrase", id="save", variant="primary")
                yield Button("Not now" if self.offer else "Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#current" if self.ask_current else "#new", Input).focus()

    def _error(self, message: str, field: str) -> None:
        self.query_one("#pp-error", Static).update(literal(message))
        self.query_one(f"#{field}", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        if self.ask_current and self.root is not None:
            try:
                unlock(self.root, self.query_one("#current", Input).value)
            except StoreError as err:
                self._error(str(err), "current")
                return
        new = self.query_one("#new", Input).value
        if new != self.query_one("#again", Input).value:
            self._error("The two passphrases differ; type them again.", "again")
            return
        try:
            check_new_passphrase(new)
        except StoreError as err:
            self._error(str(err), "new")
            return
        self.dismiss(new)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
