"""Helping questions: wording them with where-now and hoped-for ratings, and re-rating."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Label, Static

from .....domain import SessionKind
from .....flows import StepKind, variant_of
from ....text import literal
from ....widgets.autosave import AutosaveInput
from ....widgets.rating_scale import RatingScale
from .base import StepView
from .prompt import prompt_header


class SetQuestionView(StepView):
    """Word helping question number `step.question_index`, and rate it."""

    KIND = StepKind.SET_QUESTION

    class Rated(Message):
        """A rating of the question being worded: `which` is "now" or "hoped"."""

        def __init__(self, view: SetQuestionView, which: str, value: int) -> None:
            super().__init__()
            self.view = view
            self.which = which
            self.value = value

    def compose(self) -> ComposeResult:
        meeting, step = self.meeting, self.step
        index = step.question_index or 0
        question = meeting.question_slot(index)
        if index > 0 and meeting.question_slot(index - 1) is None:
            most = meeting.packs.helping_questions.max_questions
            yield Static(
                Text(
                    "Write the question before this one first — or go on: "
                    f"one to {most} questions is plenty.",
                    style="dim",
                )
            )
            return
        guide = meeting.packs.helping_questions
        heading = "Your helping question" if index == 0 else f"Helping question {index + 1}"
        if meeting.session.kind == SessionKind.FINAL_MEETING:
            heading = "Something to keep working on" + (f" ({index + 1})" if index else "")
        yield Static(heading, classes="prompt-text")
        if guide.starters:
            yield Static(Text("It can start like: " + "  ".join(guide.starters), style="dim"))
        yield AutosaveInput(
            question.text if question else "",
            meeting.savers.question_text(index),
            placeholder="How can I …?",
            id="question-text",
        )
        rating = guide.rating
        variant = variant_of(meeting.record)
        now_prompt = rating.where_now.text(variant) if rating else "Where now?"
        hoped_prompt = rating.hoped_for.text(variant) if rating else "Hoped for?"
        first = question.first() if question else None
        yield Label(literal(now_prompt))
        yield RatingScale(
            first.value if first else None,
            low=meeting.rating_anchor(0),
            high=meeting.rating_anchor(10),
            id="rate-now",
        )
        yield Label(literal(hoped_prompt))
        yield RatingScale(
            question.hoped_for if question else None,
            low=meeting.rating_anchor(0),
            high=meeting.rating_anchor(10),
            id="rate-hoped",
        )

    @on(RatingScale.Changed, "#rate-now, #rate-hoped")
    def _rated(self, event: RatingScale.Changed) -> None:
        event.stop()
        which = "now" if event.scale.id == "rate-now" else "hoped"
        self.post_message(self.Rated(self, which, event.value))

    def clear(self, which: str) -> None:
        """Take back a rating that could not be kept."""
        self.query_one("#rate-now" if which == "now" else "#rate-hoped", RatingScale).value = None


class RateQuestionView(StepView):
    """Rate an agreed helping question again, with last time's number beside it."""

    KIND = StepKind.RATE_QUESTION

    class Rerated(Message):
        def __init__(self, question_id: str, value: int) -> None:
            super().__init__()
            self.question_id = question_id
            self.value = value

    def compose(self) -> ComposeResult:
        meeting, step = self.meeting, self.step
        question = next((q for q in meeting.record.questions if q.id == step.question_id), None)
        if question is None:
            yield Static("This helping question is no longer there.")
            return
        yield from prompt_header(meeting, step)
        yield Static(literal(question.text), classes="question-text")
        session_id = meeting.session.id
        mine = question.rating_for_session(session_id)
        earlier = [r for r in question.ratings if r.session_id != session_id]
        if earlier:
            last = earlier[-1]
            line = Text(f"Last time: {last.value}", style="bold")
            if len(earlier) > 1:
                line.append(f"   (at the start: {earlier[0].value})", style="dim")
            if question.hoped_for is not None:
                line.append(f"   hoping for {question.hoped_for}", style="dim")
            yield Static(line)
        yield RatingScale(
            mine.value if mine else None,
            low=meeting.rating_anchor(0),
            high=meeting.rating_anchor(10),
            id="rate-again",
        )

    @on(RatingScale.Changed, "#rate-again")
    def _rerated(self, event: RatingScale.Changed) -> None:
        event.stop()
        if self.step.question_id is not None:
            self.post_message(self.Rerated(self.step.question_id, event.value))
