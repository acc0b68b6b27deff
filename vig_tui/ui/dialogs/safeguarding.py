"""Recording what the practitioner did about a safeguarding alert (desk only)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ...domain.reflections import MAX_ACTION
from ...outcomes import RaisedAlert
from ...services.session import StoreError
from ..text import literal
from ..widgets.literal_select import LiteralSelect

#: keeps what was done about an alert (raises ValueError or StoreError, with a message)
RecordAction = Callable[[RaisedAlert, str, str], None]


class AlertActionScreen(ModalScreen[bool]):
    """What was done about an open alert, and the day: kept in the record by
    `record`. Stays open, with what was typed, when it could not be kept.
    Returns True once it was kept."""

    FAMILY_SAFE = False
    DEFAULT_CSS = """
    AlertActionScreen { align: center middle; }
    AlertActionScreen > VerticalScroll {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: round $warning; background: $panel; padding: 1 2;
    }
    #acted-problem { color: $error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="safeguarding.cancel")
    ]

    def __init__(self, alerts: list[RaisedAlert], record: RecordAction) -> None:
        super().__init__()
        self.alerts = alerts
        self.record = record

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Safeguarding: what did you do?", classes="dialog-title")
            if len(self.alerts) > 1:
                yield Label("Which alert")
                yield LiteralSelect(
                    [(alert.line(), n) for n, alert in enumerate(self.alerts)],
                    value=0,
                    allow_blank=False,
                    id="acted-alert",
                )
            else:
                yield Static(literal(f"⚠ {self.alerts[0].line()}", style="bold"))
            yield Label("What you did (a few words; your case notes hold the rest)")
            yield Input(
                id="acted-what",
                max_length=MAX_ACTION,
                placeholder="e.g. talked it through with the parent; told the GP",
            )
            yield Label("The day you did it (YYYY-MM-DD)")
            yield Input(date.today().isoformat(), id="acted-on")
            yield Static("", id="acted-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep in the record", id="acted-keep", variant="primary")
                yield Button("Cancel", id="acted-cancel")

    def on_mount(self) -> None:
        self.query_one("#acted-what", Input).focus()

    def chosen(self) -> RaisedAlert:
        if len(self.alerts) == 1:
            return self.alerts[0]
        value = self.query_one("#acted-alert", LiteralSelect).value
        return self.alerts[value if isinstance(value, int) else 0]

    @on(Input.Submitted)
    @on(Button.Pressed, "#acted-keep")
    def keep(self) -> None:
        action = self.query_one("#acted-what", Input).value
        on_day = self.query_one("#acted-on", Input).value
        try:
            self.record(self.chosen(), action, on_day)
        except (ValueError, StoreError) as err:
            problem = str(err)
            self.query_one("#acted-problem", Static).update(
                literal(problem[:1].upper() + problem[1:] + ("" if problem.endswith(".") else "."))
            )
            return
        self.dismiss(True)

    @on(Button.Pressed, "#acted-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
