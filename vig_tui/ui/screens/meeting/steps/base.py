"""What every step widget can read from its meeting, and its base class."""

from __future__ import annotations

from typing import Any, ClassVar, Protocol

from textual.containers import Vertical

from .....domain import (
    Administration,
    Clip,
    FamilyRecord,
    HelpingQuestion,
    Reflection,
    Session,
)
from .....flows import PromptSet, Step, StepKind
from ..savers import FieldSavers


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

    def administration(self, questionnaire_id: str) -> Administration: ...

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


class StepView(Vertical):
    """The widget for one kind of step, built for one step of one meeting."""

    KIND: ClassVar[StepKind]
    DEFAULT_CSS = "StepView { height: auto; }"

    def __init__(self, meeting: MeetingView, step: Step) -> None:
        super().__init__(classes="step-view")
        self.meeting = meeting
        self.step = step
