"""All the steps of a meeting, to jump to any of them."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...flows import Step
from ..text import literal


def step_label(step: Step) -> Text:
    if step.prompt is not None and step.kind == "prompt":
        return literal(step.prompt.text()[:70])
    names = {
        "set_question": "Word a helping question",
        "rate_question": "Rate a helping question",
        "choose_questionnaires": "Choose questionnaires",
        "questionnaire_intro": f"{step.title}",
        "questionnaire_item": f"{step.title}: {step.item_id}",
        "watch": f"Watch: {step.title}",
        "celebrate": "Celebrating",
        "compare": "First and last",
        "notes": "Notes",
        "guidance": "Your own reflection (private)",
        "finish": "Finish",
    }
    return literal(names.get(step.kind, step.title))


class StepListScreen(ModalScreen[int | None]):
    BINDINGS = [Binding("escape", "close", "Close", id="steps.close")]

    def __init__(self, steps: list[Step], current: int) -> None:
        super().__init__()
        self.steps = steps
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="step-list", classes="dialog"):
            yield Static("Go to a step", classes="dialog-title")
            options = []
            section = None
            for i, step in enumerate(self.steps):
                label = Text(f"{i + 1:>3}  ")
                if step.title != section:
                    section = step.title
                label.append_text(step_label(step))
                options.append(Option(label, id=str(i)))
            yield OptionList(*options, id="steps")

    def on_mount(self) -> None:
        options = self.query_one("#steps", OptionList)
        options.highlighted = self.current
        options.focus()

    @on(OptionList.OptionSelected, "#steps")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_close(self) -> None:
        self.dismiss(None)
