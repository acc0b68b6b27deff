"""What every step widget can read from its meeting, and its base class."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Protocol, cast

from textual.containers import Vertical
from textual.visual import VisualType, visualize
from textual.widget import Widget
from textual.widgets import Static

from .....domain import (
    Administration,
    Clip,
    FamilyRecord,
    HelpingQuestion,
    Reflection,
    Session,
)
from .....flows import PromptSet, Step, StepKind
from ....widgets.sized_by_layout import SizedByLayout
from ..savers import FieldSavers

if TYPE_CHECKING:
    from textual.css.styles import RulesMap


#: the class of a field a step does not focus first (a picker beside the box
#: that the family's words go in: the box is focused first)
NOT_FIRST = "not-first"


class MeetingView(Protocol):
    """The read-only view of a meeting that step widgets draw from. Step widgets
    change nothing: they post messages (or call the savers the screen hands
    them), and the screen turns those into commands of the family session."""

    @property
    def record(self) -> FamilyRecord: ...

    @property
    def session(self) -> Session: ...

    @property
    def packs(self) -> Any: ...

    steps: list[Step]
    index: int

    @property
    def savers(self) -> FieldSavers: ...

    def rating_anchor(self, value: int) -> str: ...

    def question_slot(self, index: int) -> HelpingQuestion | None: ...

    def administration(
        self, questionnaire_id: str, respondent: str | None = None
    ) -> Administration: ...

    def answers_kept(self, adm: Administration) -> bool: ...

    def clip(self, clip_id: str | None) -> Clip | None: ...

    def reflection(self, prompt_id: str, clip_id: str | None) -> Reflection: ...

    # -- the conversation view of a shared review ------------------------------------
    @property
    def prompt_set(self) -> PromptSet: ...

    def speaker(self) -> str | None: ...

    def keep_remark(
        self,
        clip_id: str,
        stage: str,
        words: str,
        prompt_id: str | None,
        speaker: str | None,
        question_id: str | None,
    ) -> bool: ...

    def move_stage(self, clip_id: str, stage: str) -> bool: ...

    def correct_remark(self, remark_id: str, words: str, speaker: str | None) -> bool: ...

    @property
    def reading_back(self) -> bool: ...


class StepView(Vertical, SizedByLayout):
    """The widget for one kind of step, built for one step of one meeting
    (sized by the layout that shows it: its new size asks for no other)."""

    KIND: ClassVar[StepKind]
    DEFAULT_CSS = "StepView { height: auto; }"

    def __init__(self, meeting: MeetingView, step: Step) -> None:
        super().__init__(classes="step-view")
        self.meeting = meeting
        self.step = step


def refill(widget: Static, content: VisualType) -> None:
    """`Static.update` for a text that changes from step to step, laying out
    the screen again only when the widget's size can change: a new text that
    takes as many lines at the widget's width as the old one (or the text of
    a widget that is hidden, or inside a hidden box) is a repaint of the
    widget alone. Anything it cannot tell
    (a width that follows the text, a height that isn't `auto`, a widget not
    laid out yet) gets the layout `Static.update` always does."""
    styles = widget.styles
    shown = (node.display for node in widget.ancestors_with_self if isinstance(node, Widget))
    if not all(shown):  # hidden (a private box in the family's view): showing it lays it out
        widget.update(content, layout=False)
        widget.clear_cached_dimensions()
        return
    width_scalar, height_scalar = styles.width, styles.height
    width = widget.content_size.width
    parent = widget.parent
    width_follows_text = width_scalar is not None and (
        width_scalar.is_auto
        or (
            width_scalar.is_fraction
            and isinstance(parent, Widget)
            and parent.styles.width is not None
            and parent.styles.width.is_auto
        )
    )
    if (
        not width
        or width_follows_text
        or height_scalar is None
        or not height_scalar.is_auto
        or styles.min_height is not None
        or styles.max_height is not None
    ):
        widget.update(content)
        return
    # measured as Textual measures it for a layout (it passes the styles as the rules)
    rules = cast("RulesMap", styles)
    lines = visualize(widget, content, markup=False).get_height(rules, width)
    widget.update(content, layout=lines != widget.content_size.height)
    widget.clear_cached_dimensions()
