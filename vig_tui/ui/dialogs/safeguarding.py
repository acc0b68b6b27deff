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
from textual.widgets import Button, Input, Label, Select, Static

from ...outcomes import RaisedAlert
from ...services.session import StoreError
from ..text import literal
from ..widgets.literal_select import LiteralSelect

#: keeps what was done about an alert (raises ValueError or StoreError, with a message)
RecordAction = Callable[[RaisedAlert, str, str], None]


def choice_line(alert: RaisedAlert) -> str:
    """An alert as it is chosen: waiting (⚠) or dealt with (✓, and when)."""
    if alert.action is None:
        return f"⚠ {alert.line()}"
    return f"✓ {alert.finding()} (dealt with on {alert.action.on})"


def raised_line(alert: RaisedAlert) -> str:
    return f"Raised on {alert.raised_on}: the day you acted is that day or later."


class AlertActionScreen(ModalScreen[bool]):
    """What was done about an alert, and the day: kept in the record by
    `record`. An alert dealt with may be chosen to correct its entry (what was
    kept is filled in). Stays open, with what was typed, when it could not be
    kept. Returns True once it was kept."""

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
        first = self.alerts[0]
        with VerticalScroll():
            yield Static("Safeguarding: what did you do?", classes="dialog-title")
            if len(self.alerts) > 1:
                yield Label("Which alert (one dealt with may be chosen to correct it)")
                yield LiteralSelect(
                    [(choice_line(alert), n) for n, alert in enumerate(self.alerts)],
                    value=0,
                    allow_blank=False,
                    id="acted-alert",
                )
            else:
                yield Static(literal(choice_line(first), style="bold"))
            yield Static(raised_line(first), id="acted-raised")
            yield Label("What you did (a few words; your case notes hold the rest)")
            yield Input(
                first.action.action if first.action else "",
                id="acted-what",
                # no max_length: Textual drops a longer paste whole, saying
                # nothing; the keep says how long it is and what to do
                placeholder="e.g. talked it through with the parent; told the GP",
            )
            yield Label("The day you did it (YYYY-MM-DD)")
            day = first.action.on if first.action else date.today().isoformat()
            yield Input(day, id="acted-on")
            yield Static("", id="acted-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep in the record", id="acted-keep", variant="primary")
                yield Button("Cancel", id="acted-cancel")

    def on_mount(self) -> None:
        self.query_one("#acted-what", Input).focus()

    @on(Select.Changed, "#acted-alert")
    def _alert_chosen(self, event: Select.Changed) -> None:
        """Another alert: when it was raised, and what was kept about it (or today)."""
        event.stop()
        alert = self.chosen()
        self.query_one("#acted-raised", Static).update(raised_line(alert))
        self.query_one("#acted-what", Input).value = alert.action.action if alert.action else ""
        day = alert.action.on if alert.action else date.today().isoformat()
        self.query_one("#acted-on", Input).value = day
        self.query_one("#acted-problem", Static).update("")

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
