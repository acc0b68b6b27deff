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


def _short(text: str, width: int = 64) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + " …"


def step_label(step: Step, packs: object | None = None) -> Text:
    if step.prompt is not None and step.kind == "prompt":
        return literal(_short(step.prompt.text()))
    if step.kind == "questionnaire_item" and packs is not None:
        questionnaire = getattr(packs, "questionnaires", {}).get(step.questionnaire_id)
        item = questionnaire.item(step.item_id) if questionnaire else None
        if item is not None:
            return literal(_short(item.text))
    names = {
        "set_question": "Word a helping question",
        "rate_question": "Rate a helping question",
        "choose_questionnaires": "Choose questionnaires",
        "questionnaire_intro": f"{step.title}",
        "questionnaire_item": f"{step.title}: {step.item_id}",
        "watch": f"Watch: {step.title}",
        "conversation": f"Watch and talk: {step.title}",
        "celebrate": "Celebrating",
        "compare": "First and last",
        "notes": "Notes",
        "guidance": "Your own reflection (private)",
        "finish": "Finish",
    }
    return literal(names.get(step.kind, step.title))


class StepListScreen(ModalScreen[int | None]):
    FAMILY_SAFE = True
    BINDINGS = [Binding("escape", "close", "Close", id="steps.close")]

    def __init__(
        self, steps: list[Step], current: int, packs: object | None = None, together: bool = False
    ) -> None:
        super().__init__()
        self.steps = steps
        self.current = current
        self.packs = packs
        self.together = together

    def compose(self) -> ComposeResult:
        with Vertical(id="step-list", classes="dialog"):
            yield Static("Go to a step", classes="dialog-title")
            options = []
            section = None
            for i, step in enumerate(self.steps):
                if self.together and step.private:
                    continue  # the practitioner's own steps are not listed to the family
                label = Text(f"{i + 1:>3}  ")
                if step.title != section:
                    section = step.title
                label.append_text(step_label(step, self.packs))
                options.append(Option(label, id=str(i)))
            yield OptionList(*options, id="steps")

    def on_mount(self) -> None:
        options = self.query_one("#steps", OptionList)
        ids = [options.get_option_at_index(n).id for n in range(options.option_count)]
        if str(self.current) in ids:
            options.highlighted = ids.index(str(self.current))
        options.focus()

    @on(OptionList.OptionSelected, "#steps")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_close(self) -> None:
        self.dismiss(None)
