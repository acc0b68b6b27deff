"""A one-screen app shown when the store's index itself cannot be read."""

from __future__ import annotations

from textual.app import App

from ..services.practice import CorruptFileError
from .dialogs.recovery import RecoveryScreen


class RecoveryApp(App[int]):
    CSS_PATH = "vig.tcss"
    TITLE = "vig"

    def __init__(self, error: CorruptFileError) -> None:
        super().__init__()
        self.error = error

    def on_mount(self) -> None:
        def done(restored: bool | None) -> None:
            if restored:
                self.exit(0, message="The backup was restored. Start vig again to open the store.")
            else:
                self.exit(
                    1,
                    message=f"vig did not open: {self.error.path} could not be read and was "
                    "left untouched.",
                )

        self.push_screen(RecoveryScreen(self.error), done)
