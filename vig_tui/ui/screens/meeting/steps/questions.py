"""Helping questions: wording them with where-now and hoped-for ratings, and re-rating."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Select

from .....domain import HelpingQuestion, SessionKind
from .....domain.goals import when_first
from .....domain.rules import ratings
from .....domain.rules.wording import whose
from .....flows import Step, StepKind, variant_of
from ....text import literal
from ....widgets.autosave import AutosaveInput
from ....widgets.literal_select import LiteralSelect
from ....widgets.rating_scale import RatingScale
from ....widgets.sized_by_layout import LaidOutLabel, LaidOutRow, LaidOutText
from .base import MeetingView, StepView
from .prompt import prompt_header

#: the "whose question" choice for a question the adults share
SHARED = "\x00shared"


def carried_wording(meeting: MeetingView, step: Step) -> str:
    """What the family already said for question `step.question_index` in
    answer to the prompt that asks for helping questions (line N of that
    answer for question N), so nobody types it twice; "" when nothing was said."""
    if step.prompt is None:
        return ""
    said = meeting.reflection(step.prompt.id, None).family_words
    lines = [" ".join(line.split()) for line in said.splitlines()]
    lines = [line for line in lines if line]
    index = step.question_index or 0
    return lines[index] if index < len(lines) else ""


def kept_start_line(meeting: MeetingView, question: HelpingQuestion) -> Text:
    """The starting rating, shown as kept (no scale) once later meetings rated it."""
    start = ratings.start_of(meeting.record, question, question.owner)
    if start is None:
        return Text("Not rated at the start; later meetings have rated it since.", style="dim")
    line = Text(f"{start.value} out of 10", style="bold")
    line.append(
        f", kept from {meeting.record.rating_day(start)}: later meetings have rated it since.",
        style="dim",
    )
    return line


class SetQuestionView(StepView):
    """Word helping question number `step.question_index`, and rate it.

    The box starts with the question's wording when it has one, or else with
    what the family already said when asked for their helping questions."""

    KIND = StepKind.SET_QUESTION
    DEFAULT_CSS = """
    SetQuestionView .whose { height: auto; }
    SetQuestionView .whose Label { margin: 0; padding: 1 1 0 0; }
    SetQuestionView #question-owner { width: 30; }
    """

    class Owned(Message):
        """Whose question this is: a named adult, or None when the adults share it."""

        def __init__(self, view: SetQuestionView, owner: str | None) -> None:
            super().__init__()
            self.view = view
            self.owner = owner

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
            yield LaidOutText(
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
        yield LaidOutText(heading, classes="prompt-text")
        if guide.starters:
            yield LaidOutText(Text("It can start like: " + "  ".join(guide.starters), style="dim"))
        yield AutosaveInput(
            question.text if question else "",
            meeting.savers.question_text(index),
            placeholder="How can I …?",
            id="question-text",
        )
        adults = list(meeting.record.family.adults)
        if len(adults) > 1:  # each adult usually has their own questions
            self._owner = question.owner if question is not None else None
            with LaidOutRow(classes="whose"):
                yield LaidOutLabel("Whose question:")
                yield LiteralSelect(
                    [*((literal(a), a) for a in adults), ("Shared", SHARED)],
                    value=self._owner if self._owner in adults else SHARED,
                    allow_blank=False,
                    id="question-owner",
                )
        rating = guide.rating
        variant = variant_of(meeting.record)
        now_prompt = rating.where_now.text(variant) if rating else "Where now?"
        hoped_prompt = rating.hoped_for.text(variant) if rating else "Hoped for?"
        # where things stand now: this meeting's rating, however many sittings it took
        first = (
            ratings.meeting_rating(meeting.record, question, meeting.session.id)
            if question
            else None
        )
        yield LaidOutLabel(literal(now_prompt))
        if question is not None and meeting.record.start_stands(
            question, meeting.session.id, question.owner
        ):  # later meetings rated it: where things started is kept as it was
            yield LaidOutText(kept_start_line(meeting, question), id="start-kept")
        else:
            yield RatingScale(
                first.value if first else None,
                low=meeting.rating_anchor(0),
                high=meeting.rating_anchor(10),
                id="rate-now",
            )
        yield LaidOutLabel(literal(hoped_prompt))
        yield RatingScale(
            question.hoped_for if question else None,
            low=meeting.rating_anchor(0),
            high=meeting.rating_anchor(10),
            id="rate-hoped",
        )

    def on_mount(self) -> None:
        """An earlier answer goes into an empty box as if typed there: it is saved
        like typing (on leaving the box or the step), and can still be changed."""
        index = self.step.question_index or 0
        if self.meeting.question_slot(index) is not None:
            return
        carried = carried_wording(self.meeting, self.step)
        if carried:
            for box in self.query("#question-text").results(AutosaveInput):
                box.value = carried

    _owner: str | None = None

    @on(Select.Changed, "#question-owner")
    def _owner_chosen(self, event: Select.Changed) -> None:
        event.stop()
        owner = event.value if isinstance(event.value, str) and event.value != SHARED else None
        if owner != self._owner:
            self._owner = owner
            self.post_message(self.Owned(self, owner))

    def forget_owner(self) -> None:
        """Take back a choice that could not be kept (no question written yet)."""
        self._owner = None
        self.query_one("#question-owner", Select).value = SHARED

    @on(RatingScale.Changed, "#rate-now, #rate-hoped")
    def _rated(self, event: RatingScale.Changed) -> None:
        event.stop()
        which = "now" if event.scale.id == "rate-now" else "hoped"
        self.post_message(self.Rated(self, which, event.value))

    def clear(self, which: str) -> None:
        """Take back a rating that could not be kept."""
        self.query_one("#rate-now" if which == "now" else "#rate-hoped", RatingScale).value = None


#: the "who is rating" choice for a shared question rated by the adults together
TOGETHER = "\x00together"


class RateQuestionView(StepView):
    """Rate an agreed helping question again, with last time's number beside it.

    A question that belongs to one adult says whose it is and is rated as
    theirs; a shared question in a family with several adults asks who is
    rating (each adult, or together). With one adult nothing more is shown."""

    KIND = StepKind.RATE_QUESTION
    DEFAULT_CSS = """
    RateQuestionView .who-rates { height: auto; }
    RateQuestionView .who-rates Label { margin: 0; padding: 1 1 0 1; }
    RateQuestionView #who-rates { width: 30; }
    """

    class Rerated(Message):
        """A rating, given by `by` (a named adult) or None (together, or one adult)."""

        def __init__(self, question_id: str, value: int, by: str | None = None) -> None:
            super().__init__()
            self.question_id = question_id
            self.value = value
            self.by = by

    def __init__(self, meeting: MeetingView, step: Step) -> None:
        super().__init__(meeting, step)
        self._question = next(
            (q for q in meeting.record.questions if q.id == step.question_id), None
        )
        #: who may be chosen as the one rating (empty: nobody is asked)
        self._raters: list[str] = []
        if self._question is not None and self._question.owner is None:
            adults = list(meeting.record.family.adults)
            self._raters = adults if len(adults) > 1 else []

    def compose(self) -> ComposeResult:
        meeting, step = self.meeting, self.step
        question = self._question
        if question is None:
            yield LaidOutText("This helping question is no longer there.")
            return
        yield from prompt_header(meeting, step)
        if question.owner:
            yield LaidOutText(literal(whose(question.owner, "question", start=True)), classes="dim")
        yield LaidOutText(literal(question.text), classes="question-text")
        # this meeting's rating: the latest given in any of its sittings (a
        # rating changed today is today's sitting's own, see FamilySession.rate_question)
        mine = ratings.meeting_rating(meeting.record, question, meeting.session.id)
        chosen = mine.by if mine is not None and mine.by in self._raters else TOGETHER
        self._rater_shown = chosen
        line = self._last_time(None if chosen == TOGETHER else chosen)
        if line.plain or self._raters:
            yield LaidOutText(line, id="last-time")
        yield RatingScale(
            mine.value if mine else None,
            low=meeting.rating_anchor(0),
            high=meeting.rating_anchor(10),
            id="rate-again",
        )
        if self._raters:
            options = [(literal(adult), adult) for adult in self._raters]
            with LaidOutRow(classes="who-rates"):
                yield LaidOutLabel("Who is rating:")
                yield LiteralSelect(
                    [*options, ("Together", TOGETHER)],
                    value=chosen,
                    allow_blank=False,
                    id="who-rates",
                )

    def _last_time(self, rater: str | None) -> Text:
        """Last time's rating (and the first) of the one rating now: with
        several adults to choose from, that adult's own (or the together one's),
        never another's."""
        question, meeting = self._question, self.meeting
        assert question is not None
        earlier = [
            r
            for r in ratings.counted_before(meeting.record, question, meeting.session.id)
            if not self._raters or r.by == rater
        ]
        if not earlier:
            if not self._raters:
                return Text()
            who = rater if rater is not None else "Together"
            return literal(f"{who}: not rated before", style="dim")
        line = Text(f"Last time: {earlier[-1].value}", style="bold")
        if len(earlier) > 1:
            line.append(f"   ({when_first(earlier[0])}: {earlier[0].value})", style="dim")
        if question.hoped_for is not None:
            line.append(f"   hoping for {question.hoped_for}", style="dim")
        return line

    def rated_by(self) -> str | None:
        """Whose rating this is: the question's own adult, the one chosen, or None."""
        if self._question is None or self._question.owner is not None:
            return self._question.owner if self._question else None
        if not self._raters:
            return None
        chosen = self.query_one("#who-rates", Select).value
        return chosen if isinstance(chosen, str) and chosen in self._raters else None

    def _post(self, value: int | None) -> None:
        if self.step.question_id is not None and value is not None:
            self.post_message(self.Rerated(self.step.question_id, value, self.rated_by()))

    @on(RatingScale.Changed, "#rate-again")
    def _rerated(self, event: RatingScale.Changed) -> None:
        event.stop()
        self._post(event.value)

    #: who the step shows as rating (the drop-down's value as it was built)
    _rater_shown: object = None

    @on(Select.Changed, "#who-rates")
    def _rater_chosen(self, event: Select.Changed) -> None:
        """Someone else is rating: the rating already given becomes theirs, and
        last time's number shown is theirs. (The drop-down also announces the
        value it was built with: that is no one's choice, and saves nothing —
        it recorded an earlier sitting's rating as today's, and in a meeting
        read back showed "Not saved".)"""
        event.stop()
        if event.value == self._rater_shown:
            return
        self._rater_shown = event.value
        self.query_one("#last-time", LaidOutText).update(self._last_time(self.rated_by()))
        self._post(self.query_one("#rate-again", RatingScale).value)
