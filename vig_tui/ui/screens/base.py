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
    #: True when the family sits in on this screen: showing it opens the room.
    TOGETHER: ClassVar[bool] = False
    #: True when nothing on this screen is practitioner-only. While the room is
    #: open the app shows no screen or dialog without it (see `ui/room.py`).
    FAMILY_SAFE: ClassVar[bool] = False

    @property
    def vig(self) -> VigApp:
        return cast("VigApp", self.app)

    #: covered by another screen since it was last styled (see on_screen_resume)
    _covered = False

    def on_screen_suspend(self) -> None:
        self._covered = True

    def on_screen_resume(self) -> None:
        # the family's view whenever the room is open; the desk otherwise
        self.vig.together = self.vig.room
        # The app restyles only the screen on top when the room opens or
        # closes; a screen that was covered meanwhile (the dashboard under a
        # meeting) would keep the old mode's styles, e.g. practitioner-only
        # parts still hidden at the desk. Coming back, it takes the current mode.
        # A screen shown for the first time was just styled, and a subclass
        # handler that also calls this one restyles only once.
        if self._covered:
            self._covered = False
            self.update_node_styles(animate=False)


class GuardsUnsavedChanges(VigScreen):
    """A form that is saved by a deliberate Save: leaving it (Esc) with fields
    that differ from what was last saved asks "Save your changes?" instead of
    dropping what was typed. Subclasses give the fields' values and the save;
    they bind Esc to ``leave`` and call ``mark_saved`` once the form is filled."""

    _saved_values: object = None

    def form_values(self) -> object:
        """What the form's fields hold now (compared with the last save)."""
        raise NotImplementedError

    def save_form(self) -> bool:
        """Save the form; False (with the reason shown) when it was not saved."""
        raise NotImplementedError

    def mark_saved(self) -> None:
        self._saved_values = self.form_values()

    def has_unsaved_changes(self) -> bool:
        return bool(self.form_values() != self._saved_values)

    def action_leave(self) -> None:
        from ..dialogs.save_changes import Choice, SaveChangesScreen

        if not self.has_unsaved_changes():
            self.app.pop_screen()
            return

        def chosen(choice: Choice) -> None:
            if choice == "discard" or (choice == "save" and self.save_form()):
                self.app.pop_screen()

        self.app.push_screen(SaveChangesScreen(), chosen)
