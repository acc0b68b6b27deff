"""Erasing a family, confirmed by typing their label."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ...outcomes.kept import KEPT_AFTER_ERASE
from ...privacy.erase import ErasureResult, confirm_matches
from ...services.practice import StoreError
from ..text import literal

if TYPE_CHECKING:
    from ..app import VigApp


class EraseScreen(ModalScreen[ErasureResult | None]):
    """Erase one family after their label is typed again. Returns the result
    (with films outside the store the practitioner must delete), or None."""

    FAMILY_SAFE = False

    DEFAULT_CSS = """
    EraseScreen { align: center middle; }
    EraseScreen > VerticalScroll {
        width: 76; max-width: 100%; height: auto; border: round $error;
        background: $panel; padding: 1 2;
    }
    #erase-error { color: $error; height: auto; }
    #erase-buttons { height: auto; margin-top: 1; }
    #erase-buttons Button { margin-right: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="erase.cancel")
    ]

    def __init__(self, family_id: str, label: str) -> None:
        super().__init__()
        self.family_id = family_id
        self.label = label

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Erase this family", classes="dialog-title")
            yield Static(
                "Everything vig holds about them is removed for good: the record, notes, "
                "stills, backups and the line on Home. Films kept outside vig are listed "
                "afterwards for you to delete. This cannot be undone."
            )
            yield Static(KEPT_AFTER_ERASE, id="erase-kept")
            text = literal("To confirm, type the label: ")
            text.append_text(literal(self.label, style="bold"))
            yield Static(text)
            yield Input(id="confirm")
            yield Static("", id="erase-error")
            with Horizontal(id="erase-buttons"):
                yield Button("Erase", id="erase", variant="error", disabled=True)
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#confirm", Input).focus()

    @on(Input.Changed, "#confirm")
    def typed(self, event: Input.Changed) -> None:
        self.query_one("#erase", Button).disabled = not confirm_matches(self.label, event.value)

    @on(Input.Submitted, "#confirm")
    @on(Button.Pressed, "#erase")
    def erase(self) -> None:
        typed = self.query_one("#confirm", Input).value
        if not confirm_matches(self.label, typed):
            self.query_one("#erase-error", Static).update(
                "That is not the label; nothing was erased."
            )
            return
        vig = cast("VigApp", self.app)
        try:
            result = vig.practice.erase(self.family_id, typed)
        except StoreError as err:
            self.query_one("#erase-error", Static).update(literal(str(err)))
            return
        if result.films_outside:
            films = "\n".join(str(p) for p in result.films_outside)
            vig.notify(
                f"These films are outside vig; please delete them:\n{films}",
                markup=False,
                title="Erased",
                timeout=30,
            )
        else:
            vig.notify("The family was erased.", title="Erased")
        self.dismiss(result)
        vig.call_later(_back_home, vig)  # none of the family's screens may stay open

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _back_home(app: VigApp) -> None:
    from ..screens.home import HomeScreen

    while len(app.screen_stack) > 1 and not isinstance(app.screen, HomeScreen):
        app.pop_screen()
