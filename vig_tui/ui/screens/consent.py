"""The family's consent: separate ticks, dates, and withdrawal at any time."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static

from ...domain import Consent
from ...domain.rules.consent import ConsentInvalid
from ...privacy.consent import default_erase_by
from ...services.session import FamilySession, StoreError
from ..text import literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader, family_title
from ..widgets.ticks import TickBox
from .base import DATE_BOX, GuardsUnsavedChanges

TICKS = (
    ("filming", "Being filmed"),
    ("watch_in_sessions", "Watching the video together in sessions"),
    ("supervisor", "The practitioner's VIG supervisor watching it"),
    ("peer_group", "Sharing in a group of trainee practitioners"),
    ("training_events", "Use at training events or presentations (always asked separately)"),
    ("family_copies", "The family keeping copies of their clips"),
)


def _date_or_none(value: str, what: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{what}: write the date as YYYY-MM-DD, e.g. {date.today()}") from None


class ConsentScreen(GuardsUnsavedChanges):
    """Record or change what the family agreed to. Saving logs which ticks
    changed in the audit log. After withdrawal, erasure is offered."""

    FAMILY_SAFE = False

    HELP = """\
## Consent

Each tick is a separate agreement; the family can say yes to some and no to
others, and refusing has no effect on the help they get.

- Nothing can be filmed or played without **being filmed** ticked and a **signed** date.
- Clips can only be copied for the family with **keeping copies** ticked.
- The **erase-by** date defaults to two months after the final meeting.
- **Withdraw** records the date the family withdrew; playback stops at once
  and erasing their recordings is offered.
- **Ctrl+S** saves; **Esc** after a change asks whether to save it first.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="consent.save"),
        Binding("escape", "leave", "Back", id="consent.back"),
    ]
    DEFAULT_CSS = """
    #consent-form { padding: 0 2; }
    #consent-form Checkbox { border: none; padding: 0; height: auto; }
    #consent-form Input { width: 24; }
    #consent-error { color: $error; height: auto; }
    #consent-state { margin-top: 1; height: auto; }
    #consent-buttons { height: auto; margin-top: 1; }
    #consent-buttons Button { margin-right: 2; }
    """

    def __init__(self, family: FamilySession) -> None:
        super().__init__()
        self.family = family

    def compose(self) -> ComposeResult:
        consent = self.family.record.consent
        yield VigHeader()
        with VerticalScroll(id="consent-form"):
            title = literal("Consent — ")
            title.append_text(literal(self.family.record.family.label))
            yield Static(title, classes="section")
            for name, text in TICKS:
                yield TickBox(text, getattr(consent, name), id=name)
            yield Label("Signed on (YYYY-MM-DD)")
            yield Input(
                consent.signed_on or "",
                id="signed_on",
                placeholder="e.g. 2026-01-31",
                classes=DATE_BOX,
            )
            suggested = default_erase_by(self.family.record)
            hint = (
                f" — suggested {suggested}, two months after the final meeting" if suggested else ""
            )
            yield Label(f"Erase recordings by (YYYY-MM-DD){hint}")
            yield Input(consent.erase_by or suggested or "", id="erase_by", classes=DATE_BOX)
            yield Static("", id="consent-state")
            yield Static("", id="consent-error")
            with Horizontal(id="consent-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Withdraw consent…", id="withdraw", variant="warning")
                yield Button("Erase this family…", id="erase", variant="error")
            with Horizontal(id="withdraw-row"):
                yield Label("Withdrawn on ")
                yield Input(str(date.today()), id="withdrawn_on", classes=DATE_BOX)
                yield Button("Confirm withdrawal", id="confirm-withdraw", variant="warning")
        yield VigFooter()

    def on_mount(self) -> None:
        self.sub_title = family_title(self.family.record.family.label, "consent")
        self.query_one("#withdraw-row").display = False
        self.query_one("#consent-form").can_focus = False
        self._show_state()
        self.mark_saved()
        self.query_one(Checkbox).focus()

    def form_values(self) -> tuple[object, ...]:
        ticks = tuple(self.query_one(f"#{name}", Checkbox).value for name, _ in TICKS)
        dates = tuple(self.query_one(f"#{name}", Input).value for name in ("signed_on", "erase_by"))
        return ticks + dates

    def _show_state(self) -> None:
        consent = self.family.record.consent
        state = self.query_one("#consent-state", Static)
        if consent.withdrawn:
            state.update(
                literal(
                    f"Consent was withdrawn on {consent.withdrawn_on}. Their film can no longer be "
                    "played. Erase the family when you are ready (the button below)."
                )
            )
        else:
            state.update(literal(consent.summary()))
        self.query_one("#withdraw", Button).display = not consent.withdrawn
        self.query_one("#erase", Button).display = consent.withdrawn or bool(
            consent.erase_by and consent.erase_by < str(date.today())
        )

    def _error(self, message: str) -> None:
        self.query_one("#consent-error", Static).update(literal(message))

    def _form(self) -> Consent:
        values: dict[str, object] = {
            name: self.query_one(f"#{name}", Checkbox).value for name, _ in TICKS
        }
        values["signed_on"] = _date_or_none(self.query_one("#signed_on", Input).value, "Signed on")
        values["erase_by"] = _date_or_none(self.query_one("#erase_by", Input).value, "Erase by")
        return self.family.record.consent.model_copy(update=values)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.save_form()

    def save_form(self) -> bool:
        try:
            new = self._form()
        except ValueError as err:
            self._error(str(err))
            return False
        if not self._save(new):
            return False
        self.mark_saved()
        return True

    def _save(self, new: Consent) -> bool:
        try:
            changes = self.family.save_consent(new)
        except ConsentInvalid as err:
            self._error(str(err))
            fields = self.query(f"#{err.problem.field}")
            if fields:
                fields.first().focus()
            return False
        except StoreError as err:
            self.vig.save_failed(err)
            return False
        self._error("")
        self._show_state()
        self.notify("Consent saved." if changes else "Nothing had changed.")
        return True

    @on(Button.Pressed, "#withdraw")
    def ask_withdraw(self) -> None:
        self.query_one("#withdraw-row").display = True
        self.query_one("#withdrawn_on", Input).focus()

    @on(Button.Pressed, "#confirm-withdraw")
    def withdraw(self) -> None:
        try:
            on_date = _date_or_none(self.query_one("#withdrawn_on", Input).value, "Withdrawn on")
        except ValueError as err:
            self._error(str(err))
            return
        new = self.family.record.consent.model_copy(
            update={"withdrawn_on": on_date or date.today().isoformat()}
        )
        self.query_one("#withdraw-row").display = False
        self._save(new)

    @on(Button.Pressed, "#erase")
    def erase(self) -> None:
        from ..dialogs.erase import EraseScreen

        family = self.family.record.family

        def done(result: object) -> None:
            if result is not None:
                self.app.pop_screen()

        self.app.push_screen(EraseScreen(family.id, family.label), done)
