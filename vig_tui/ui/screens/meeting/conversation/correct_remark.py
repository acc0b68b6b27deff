"""Put right what was kept as said about a moment (F3 in the conversation).

A remark kept under the wrong adult, or with a word misheard, went on into
the ending letter and the moments booklet with nothing to correct it by. The
dialog lists this moment's remarks; the one chosen can be reworded, given to
the adult who said it, or taken back (its words left empty). It shows only
the family's own words and names, already on screen under "Said so far", so
it may open in the family's view.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from .....domain import Reflection
from ....text import literal
from ....widgets.literal_select import LiteralSelect

#: the speaker picker's choice for words no one adult is named for
NOT_NAMED = "not named (both, or not sure)"


@dataclass(frozen=True)
class Correction:
    """What the remark `remark_id` should say, and who said it (empty words:
    take it back)."""

    remark_id: str
    words: str
    speaker: str | None


def remark_line(remark: Reflection, stage: str) -> Text:
    """One remark on one line: its words, who said it, the stage."""
    line = literal(f"“{' '.join(remark.family_words.split())}”")
    if remark.speaker:
        line.append(literal(f" ({remark.speaker})", style="dim"))
    if stage:
        line.append(literal(f" · {stage}", style="dim"))
    return line


class CorrectRemarkScreen(ModalScreen[Correction | None]):
    FAMILY_SAFE = True
    DEFAULT_CSS = """
    CorrectRemarkScreen { align: center middle; }
    CorrectRemarkScreen > Vertical {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    CorrectRemarkScreen #remarks {
        height: auto; max-height: 8; text-wrap: nowrap; text-overflow: ellipsis;
    }
    CorrectRemarkScreen .hint { color: $text-muted; }
    CorrectRemarkScreen #correct-speaker { width: 30; }
    CorrectRemarkScreen Horizontal { height: auto; }
    CorrectRemarkScreen Button { margin-right: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="correct.cancel")]

    def __init__(self, remarks: list[tuple[Reflection, str]], adults: list[str]) -> None:
        super().__init__()
        #: each remark (oldest first, as said) with the title of its stage, listed
        #: the newest first: the one most often put right is the one just kept
        self.remarks = list(reversed(remarks))
        self.adults = adults

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Put right what was kept", style="bold"))
            yield Static(
                "Choose a remark, then change its words or who said it. "
                "Leave the words empty to take it back.",
                classes="hint",
            )
            yield OptionList(
                *(Option(remark_line(r, stage), id=r.id) for r, stage in self.remarks),
                id="remarks",
            )
            yield Input(id="correct-words", placeholder="the words, as they were said")
            if len(self.adults) > 1:
                yield LiteralSelect[str](
                    [(name, name) for name in self.adults],
                    prompt=NOT_NAMED,
                    id="correct-speaker",
                    compact=True,
                )
            with Horizontal():
                yield Button("Save", variant="primary", id="correct-save")
                yield Button("Cancel", id="correct-cancel")

    def on_mount(self) -> None:
        self._show(0)
        self.query_one("#remarks", OptionList).focus()

    @property
    def chosen(self) -> Reflection:
        index = self.query_one("#remarks", OptionList).highlighted or 0
        return self.remarks[index][0]

    @on(OptionList.OptionHighlighted, "#remarks")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # the list's highlight is left as it is: setting it again here sent
        # another event back, and two held arrow keys kept the two going for
        # ever (what was typed below was overwritten, over and over)
        self._show(event.option_index)

    def _show(self, index: int) -> None:
        """The remark's words and who said it, in the boxes below the list."""
        remark = self.remarks[index][0]
        self.query_one("#correct-words", Input).value = remark.family_words
        for picker in self.query("#correct-speaker").results(Select):
            # not named (blank) unless the remark names one of the adults: a
            # correction never gives words to someone who did not say them
            picker.value = remark.speaker if remark.speaker in self.adults else Select.NULL

    @on(OptionList.OptionSelected, "#remarks")
    def _selected(self) -> None:
        self.query_one("#correct-words", Input).focus()

    @on(Input.Submitted, "#correct-words")
    @on(Button.Pressed, "#correct-save")
    def _save(self) -> None:
        remark = self.chosen
        speaker = remark.speaker  # with one adult nothing is asked: it stays as it was
        for picker in self.query("#correct-speaker").results(Select):
            speaker = None if picker.value is Select.NULL else str(picker.value)
        words = self.query_one("#correct-words", Input).value
        self.dismiss(Correction(remark.id, words.strip(), speaker))

    @on(Button.Pressed, "#correct-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
