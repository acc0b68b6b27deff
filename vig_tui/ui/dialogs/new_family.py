"""Adding a family: a pseudonymous label and a few facts."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ...domain import MAX_CYCLES, Family, WorkMode, parse_children
from ...services.practice import LabelError, StoreError
from ..screens.family_facts import WORK_MODES
from ..widgets.literal_select import LiteralSelect

if TYPE_CHECKING:
    from ..app import VigApp


class NewFamilyScreen(ModalScreen[str | None]):
    """Returns the new family's id, or None when cancelled."""

    FAMILY_SAFE = False

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="newfamily.cancel")]

    def compose(self) -> ComposeResult:
        # the fields scroll; the title and the buttons stay in view at 80×24
        with Vertical(id="new-family", classes="dialog"):
            yield Static("A new family", classes="dialog-title")
            yield Static("", id="form-error", classes="error")
            with VerticalScroll(id="new-family-fields"):
                # each label beside its box, and the two choices on one row: at
                # 80×24 every field and the buttons are on screen at once
                with Horizontal(classes="field-row"):
                    yield Label("Label")
                    yield Input(id="label", placeholder="a pseudonym or initials, not a full name")
                with Horizontal(classes="field-row"):
                    yield Label("Adults")
                    yield Input(id="adults", placeholder="comma separated, e.g. Mum, Grandad")
                with Horizontal(classes="field-row"):
                    yield Label("Children")
                    yield Input(
                        id="children", placeholder="with ages or birth dates: Sam 3, Mia 2024-05-01"
                    )
                with Horizontal(classes="field-row"):
                    yield Label("Referred by")
                    yield Input(id="referrer", placeholder="e.g. health visitor")
                with Horizontal(classes="field-row"):
                    yield Label("Filmed")
                    yield LiteralSelect(
                        WORK_MODES,
                        value=WorkMode.ADULT_CHILD.value,
                        allow_blank=False,
                        id="work-mode",
                    )
                    yield Label("Cycles", classes="beside")
                    yield LiteralSelect(
                        [(str(n), n) for n in range(1, MAX_CYCLES + 1)],
                        value=3,
                        allow_blank=False,
                        id="cycles",
                    )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add family", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#label", Input).focus()

    def _error(self, message: str, field: str) -> None:
        self.query_one("#form-error", Static).update(message)
        self.query_one(f"#{field}").focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        vig = cast("VigApp", self.app)
        label = self.query_one("#label", Input).value.strip()
        if not label:
            self._error("Please give the family a label.", "label")
            return
        if vig.practice.label_taken(label):
            self._error("A family with this label already exists; choose another.", "label")
            return
        try:
            children = parse_children(self.query_one("#children", Input).value)
        except ValueError as err:
            self._error(f"Children: {err}.", "children")
            return
        adults = [a.strip() for a in self.query_one("#adults", Input).value.split(",") if a.strip()]
        family = Family(
            label=label,
            adults=adults,
            children=children,
            referrer=self.query_one("#referrer", Input).value.strip(),
            work_mode=WorkMode(str(self.query_one("#work-mode", Select).value)),
            planned_cycles=int(cast(int, self.query_one("#cycles", Select).value)),
        )
        try:
            created = vig.practice.create_family(family)
        except (StoreError, LabelError) as err:
            self._error(str(err), "label")
            return
        self.dismiss(created.id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
