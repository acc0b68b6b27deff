"""Asked before the final meeting when cycles are left: "cycles 2–3 were not
filmed — skip them?" Answering yes marks them skipped, so the next step and
the status stay right."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


def cycles_text(numbers: list[int]) -> str:
    """[2, 3] -> "cycles 2–3"; [2, 4] -> "cycles 2 and 4"; [3] -> "cycle 3"."""
    if len(numbers) == 1:
        return f"cycle {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"cycles {numbers[0]}–{numbers[-1]}"
    return "cycles " + ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"


class SkipToFinalDialog(ModalScreen[str | None]):
    """Returns the reason typed (maybe empty) to skip, or None to go back."""

    FAMILY_SAFE = False
    BINDINGS = [Binding("escape", "cancel", "Back", id="skipfinal.cancel")]

    def __init__(self, left: list[int]) -> None:
        super().__init__()
        self.left = left

    def compose(self) -> ComposeResult:
        what = cycles_text(self.left)
        were = "was" if len(self.left) == 1 else "were"
        with Vertical(id="skip-to-final", classes="dialog"):
            yield Static(f"{what.capitalize()} {were} not filmed", classes="dialog-title")
            yield Static(
                f"Go to the final meeting and mark {what} as skipped? "
                "You can bring a skipped cycle back later from the course screen (o)."
            )
            yield Input("", id="skip-reason", placeholder="Why (optional)")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Skip and go to the final meeting", id="skip-yes", variant="primary")
                yield Button("Back", id="skip-no")

    def on_mount(self) -> None:
        self.query_one("#skip-reason", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#skip-yes")
    def confirm(self) -> None:
        self.dismiss(self.query_one("#skip-reason", Input).value)

    @on(Button.Pressed, "#skip-no")
    def action_cancel(self) -> None:
        self.dismiss(None)
