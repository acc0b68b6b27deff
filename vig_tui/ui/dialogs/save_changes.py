"""Leaving a form with changes not yet saved: save them, drop them, or stay."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

#: What the practitioner chose; None means "stay on the form".
Choice = Literal["save", "discard"] | None


class SaveChangesScreen(ModalScreen[Choice]):
    """Asked on Esc from a form whose fields differ from what is saved."""

    BINDINGS = [
        Binding("escape", "stay", "Keep editing", id="save_changes.stay"),
        Binding("s", "choose('save')", "Save", id="save_changes.save"),
        Binding("d", "choose('discard')", "Discard", id="save_changes.discard"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="save-changes"):
            yield Static("Save your changes?", classes="dialog-title")
            yield Static(Text("Something here has changed since it was last saved.", style="dim"))
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save-changes-save", variant="primary")
                yield Button("Discard", id="save-changes-discard", variant="error")
                yield Button("Keep editing", id="save-changes-stay")

    def on_mount(self) -> None:
        self.query_one("#save-changes-save", Button).focus()

    @on(Button.Pressed, "#save-changes-save")
    def _save(self) -> None:
        self.dismiss("save")

    @on(Button.Pressed, "#save-changes-discard")
    def _discard(self) -> None:
        self.dismiss("discard")

    @on(Button.Pressed, "#save-changes-stay")
    def action_stay(self) -> None:
        self.dismiss(None)

    def action_choose(self, choice: Literal["save", "discard"]) -> None:
        self.dismiss(choice)
