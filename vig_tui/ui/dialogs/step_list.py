"""All the steps of a meeting, to jump to any of them."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...domain import FamilyRecord
from ...flows import Step, prompt_text
from ...packs import PackSet
from ..text import literal


def step_label(step: Step, packs: PackSet | None, record: FamilyRecord | None) -> Text:
    """One line naming the step: its prompt or questionnaire item in the words
    the family sees (their variant, the child's name), else what the step does."""
    if step.prompt is not None and step.kind == "prompt":
        text = (
            prompt_text(step.prompt, record, about_a_moment=step.clip_id is not None)
            if record is not None
            else step.prompt.text()
        )
        return literal(" ".join(text.split()))
    if step.kind == "questionnaire_item" and packs is not None:
        questionnaire = packs.questionnaires.get(step.questionnaire_id or "")
        item = questionnaire.item(step.item_id or "") if questionnaire else None
        if item is not None:
            return literal(" ".join(item.text.split()))
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
    # one line per step: a long one ends in "…" rather than wrapping
    DEFAULT_CSS = """
    StepListScreen #steps { text-wrap: nowrap; text-overflow: ellipsis; }
    """
    BINDINGS = [Binding("escape", "close", "Close", id="steps.close")]

    def __init__(
        self,
        steps: list[Step],
        current: int,
        packs: PackSet | None = None,
        together: bool = False,
        record: FamilyRecord | None = None,
    ) -> None:
        super().__init__()
        self.steps = steps
        self.current = current
        self.packs = packs
        self.together = together
        self.record = record

    def compose(self) -> ComposeResult:
        # the title sits on the border: the list alone fills the dialog, so at 80×24
        # its last line (End) is on screen rather than under the dialog's edge
        with Vertical(id="step-list", classes="dialog") as dialog:
            dialog.border_title = "Go to a step"
            options: list[Option] = []
            section, seen, shown = None, set(), 0
            for i, step in enumerate(self.steps):
                if self.together and step.private:
                    continue  # the practitioner's own steps are not listed to the family
                if step.title and step.title != section:
                    # each part of the meeting under its own heading (not a step to go to);
                    # a part taken up again after another (a questionnaire) says so
                    again = " (continued)" if step.title in seen else ""
                    heading = literal(step.title + again, style="bold")
                    options.append(Option(heading, id=f"part-{i}", disabled=True))
                    seen.add(step.title)
                section = step.title
                # numbered as listed: in the family's view a gap would show a step was hidden
                shown += 1
                label = Text(f"{(shown if self.together else i + 1):>3}  ")
                label.append_text(step_label(step, self.packs, self.record))
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
        if event.option.id and event.option.id.isdigit():
            self.dismiss(int(event.option.id))

    def action_close(self) -> None:
        self.dismiss(None)
