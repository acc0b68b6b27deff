"""Shared behaviour of vig's screens."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.screen import Screen

from ..failed_workers import ReportsFailedWorkers

if TYPE_CHECKING:
    from ..app import VigApp


class VigScreen(ReportsFailedWorkers, Screen[None]):
    """A screen with its own help text (shown by F1 / ?)."""

    #: Markdown shown on the help screen for this step.
    HELP: ClassVar[str] = "Use the keys shown at the bottom of the screen."
    #: True when the family is at the screen on this step.
    TOGETHER: ClassVar[bool] = False

    @property
    def vig(self) -> VigApp:
        return cast("VigApp", self.app)

    def on_screen_resume(self) -> None:
        self.vig.together = self.TOGETHER
