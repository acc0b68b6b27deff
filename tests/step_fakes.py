"""A meeting for one step widget to draw from, and an app that shows only that
widget: UI unit tests of a step without the meeting screen around it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.widget import Widget

from vig_tui.domain import FamilyRecord, HelpingQuestion, Session
from vig_tui.flows import Step

from .journey_helpers import PACKS


class FakeSavers:
    def question_text(self, index: int) -> Callable[[str], None]:
        return lambda _text: None


class FakeMeeting:
    """The read-only meeting a step widget draws from."""

    def __init__(self, record: FamilyRecord, session: Session) -> None:
        self.record = record
        self.session = session
        self.packs: Any = PACKS
        self.savers = FakeSavers()
        self.steps: list[Step] = []
        self.index = 0

    def rating_anchor(self, value: int) -> str:
        return str(value)

    def question_slot(self, index: int) -> HelpingQuestion | None:
        agreed = self.record.questions_agreed_in(self.session)
        return agreed[index] if index < len(agreed) else None


class OneStep(App[None]):
    def __init__(self, view: Widget) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        yield self.view
