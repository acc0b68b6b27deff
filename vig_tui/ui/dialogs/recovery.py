"""When a store file cannot be read: say which, touch nothing, offer the backup."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...services.practice import CorruptFileError, StoreError, recover_from_backup
from ..text import literal


class RecoveryScreen(ModalScreen[bool]):
    """Dismisses with True after the backup was restored."""

    FAMILY_SAFE = False

    BINDINGS = [Binding("escape", "close", "Close", id="recovery.close")]

    def __init__(self, error: CorruptFileError) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        err = self.error
        with VerticalScroll(id="recovery", classes="dialog"):
            yield Static("A file could not be read", classes="dialog-title")
            yield Static(literal(str(err.path)), classes="path")
            yield Static(literal(f"What is wrong: {err.detail}."))
            yield Static("The file has been left exactly as it is. Nothing was overwritten.")
            if err.backup:
                yield Static(
                    literal(
                        f"A backup from the save before ({err.backup.name}) is available. "
                        "Restoring it keeps the unreadable file beside it, renamed."
                    )
                )
            else:
                yield Static("There is no backup of this file. Please keep it for repair.")
            with Horizontal(classes="dialog-buttons"):
                if err.backup:
                    yield Button("Restore the backup", id="restore", variant="warning")
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        buttons = self.query(Button)
        if buttons:
            buttons.first().focus()

    @on(Button.Pressed, "#restore")
    def restore(self) -> None:
        try:
            aside = recover_from_backup(self.error.path)
        except (StoreError, OSError) as err:
            self.notify(str(err), severity="error")
            return
        self.notify(f"Restored. The unreadable file was kept as {aside.name}.", title="Restored")
        self.dismiss(True)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(False)
