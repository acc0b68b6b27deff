"""Prompt steps (most of every meeting): one set of widgets, refilled per prompt."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Select, Static

from .....domain import Reflection, SessionKind
from .....domain.rules.wording import owned
from .....flows import Stage, Step, prompt_text, review_stages, variant_of
from ....text import literal
from ....widgets.autosave import AutosaveTextArea
from ....widgets.sized_by_layout import LaidOutColumn, LaidOutLabel, LaidOutSelect, LaidOutText
from ..conversation.said import said_so_far
from ..moment_notes import other_notes
from .base import NOT_FIRST, MeetingView, refill


def _no_save(text: str) -> None:
    """Until a prompt is shown, its fields have nothing to save to."""


def prompt_header(meeting: MeetingView, step: Step) -> Iterable[Widget]:
    """The prompt's wording, and the practitioner's cue (private)."""
    prompt = step.prompt
    if prompt is None:
        return
    variant = variant_of(meeting.record)
    yield LaidOutText(
        literal(prompt_text(prompt, meeting.record, about_a_moment=step.clip_id is not None)),
        classes="prompt-text",
    )
    cue = prompt.cue(variant)
    packs = meeting.packs
    principle = packs.principle(prompt.principle) if prompt.principle else None
    if cue or principle:
        text = Text("For you: ", style="bold")
        if cue:
            text.append(cue + " ")
        if principle:
            text.append(f"({principle.name})", style="italic")
        yield LaidOutText(text, classes="cue private")


class CueBox(LaidOutColumn):
    """The prompt's private box (the cue): as it comes into view (the
    practitioner's view), the cue in it is brought up to date."""

    def on_show(self) -> None:
        view = self.parent
        if isinstance(view, PromptView):
            view.show_cue()


class NotesBox(LaidOutColumn):
    """The prompt's private note box: as it comes into view, the other notes
    on the moment in it are shown or hidden as they now are."""

    def on_show(self) -> None:
        view = self.parent
        if isinstance(view, PromptView):
            view.show_other_notes()


class PromptView(LaidOutColumn):
    """The same widgets serve every prompt step; `fill` puts a step's content in
    them, so moving from prompt to prompt needs no re-mounting."""

    class LinkChosen(Message):
        """The moment was linked to a helping question (or unlinked: None)."""

        def __init__(self, step: Step, question_id: str | None) -> None:
            super().__init__()
            self.step = step
            self.question_id = question_id

    def __init__(self, meeting: MeetingView, *, id: str) -> None:
        super().__init__(id=id)
        self.meeting = meeting
        self.step: Step | None = None
        self._has_cue = False
        self._link_choices: list[tuple[str, str]] | None = None

    def compose(self) -> ComposeResult:
        yield LaidOutText(id="prompt-text", classes="prompt-text")
        yield CueBox(Static(id="prompt-cue", classes="cue"), classes="private private-box")
        # the practitioner's note just under the cue, near the top: F2 puts the
        # cursor there, on screen without a scroll at 80×24 (a second layout)
        # the other notes on this moment (the conversation's too), read-only here
        others = LaidOutText(id="other-notes")
        others.display = False
        yield NotesBox(
            LaidOutLabel("Practitioner's note (private)"),
            AutosaveTextArea("", _no_save, id="private-note", classes="private-note"),
            others,
            classes="private private-box",
        )
        yield LaidOutText(Text("At the first meeting you said:", style="dim"), id="earlier-label")
        yield LaidOutText(id="earlier-words", classes="earlier-words")
        # every other remark kept for this prompt and clip (the conversation
        # view keeps each remark on its own): shown as said, never changed here
        yield LaidOutText(Text("Said so far", style="dim"), id="others-label")
        yield LaidOutText(id="other-remarks", classes="earlier-words")
        yield LaidOutLabel("In the family's own words")
        # with two adults or more, whose words they are (as in the conversation)
        speaker = LaidOutSelect[str](
            [],
            id="answer-speaker",
            compact=True,
            prompt="who is speaking",
            classes=NOT_FIRST,  # the words' box is focused first, as in the conversation
        )
        speaker.display = False
        yield speaker
        yield AutosaveTextArea("", _no_save, id="family-words", classes="family-words")
        yield LaidOutLabel("This moment links to the helping question:", id="link-label")
        yield LaidOutSelect[str]([], prompt="choose a question", id="question-link")

    def fill(self, step: Step) -> None:
        assert step.prompt is not None
        self.step = step
        meeting = self.meeting
        record = meeting.record
        prompt = step.prompt
        variant = variant_of(record)
        refill(
            self.query_one("#prompt-text", Static),
            literal(prompt_text(prompt, record, about_a_moment=step.clip_id is not None)),
        )
        cue = prompt.cue(variant)
        principle = meeting.packs.principle(prompt.principle) if prompt.principle else None
        cue_text = Text("For you: ", style="bold")
        if cue:
            cue_text.append(cue + " ")
        if principle:
            cue_text.append(f"draws out {principle.name.lower()}", style="italic")
        self._has_cue = bool(cue or principle)
        refill(self.query_one("#prompt-cue", Static), cue_text)
        self.show_cue()
        self._fill_earlier(step)
        reflection = meeting.reflection(prompt.id, step.clip_id)
        self._fill_others(step, reflection)
        speaking = self._fill_speaker(step, reflection)
        self.query_one("#family-words", AutosaveTextArea).rebind(
            reflection.family_words,
            meeting.savers.reflection(prompt, step.clip_id, "family_words", speaking),
        )
        self.query_one("#private-note", AutosaveTextArea).rebind(
            reflection.practitioner_note,
            meeting.savers.reflection(prompt, step.clip_id, "practitioner_note"),
        )
        self._fill_other_notes(step, reflection)
        questions = record.active_questions()
        linking = bool(step.clip_id and questions and step.links_question)
        self.query_one("#link-label").display = linking
        select = self.query_one("#question-link", Select)
        select.display = linking
        if linking:
            choices = [(q.text, q.id) for q in questions]
            with self.prevent(Select.Changed):
                if choices != self._link_choices:  # rebuilt only when they change
                    self._link_choices = choices
                    select.set_options(choices)
                select.value = reflection.question_id or Select.NULL

    _has_other_notes = False

    def _fill_other_notes(self, step: Step, answer: Reflection) -> None:
        others = other_notes(self.meeting, step.clip_id, answer.id) if step.clip_id else None
        self._has_other_notes = others is not None
        refill(self.query_one("#other-notes", Static), others[0] if others else "")
        self.show_other_notes()

    def show_other_notes(self) -> None:
        """Shown when there are any, in the practitioner's view: while their box
        is hidden (the family's view) they are left as they are (as the cue is)."""
        box = self.query_one("#other-notes", Static)
        notes = box.parent
        if isinstance(notes, Widget) and notes.display and box.display != self._has_other_notes:
            box.display = self._has_other_notes

    def show_cue(self) -> None:
        """The cue shows when the prompt has one. It sits in a private box,
        hidden in the family's view: while the box is hidden the cue is left as
        it is (showing or hiding it there would lay the screen out for nothing),
        and the meeting calls this again as the view switches."""
        cue = self.query_one("#prompt-cue", Static)
        box = cue.parent
        if isinstance(box, Widget) and box.display and cue.display != self._has_cue:
            cue.display = self._has_cue

    def _fill_earlier(self, step: Step) -> None:
        """What the family said before, shown above their answer: the first
        meeting's words for a prompt asked again, or the questions just agreed."""
        meeting = self.meeting
        prompt = step.prompt
        assert prompt is not None
        earlier = ""
        if prompt.repeats:
            earlier = meeting.record.answer(prompt.repeats, SessionKind.INITIAL_MEETING)
        index = meeting.index
        after_questions = index > 0 and meeting.steps[index - 1].kind == "set_question"
        heading = "At the first meeting you said:"
        if not earlier and after_questions:
            agreed = meeting.record.questions_agreed_in(meeting.session)
            if agreed:
                family = meeting.record.family
                earlier = "\n".join(
                    f"{n}. {owned(family, q.owner, q.text)}" for n, q in enumerate(agreed, 1)
                )
                heading = "Your helping questions:"
        label = self.query_one("#earlier-label", Static)
        label.display = bool(earlier)
        if earlier:
            refill(label, Text(heading, style="dim"))
        words = self.query_one("#earlier-words", Static)
        words.display = bool(earlier)
        refill(words, literal(f"“{earlier}”" if prompt.repeats else earlier))

    _stages: tuple[list[Stage], dict[str, str]] | None = None

    def _fill_others(self, step: Step, answer: Reflection) -> None:
        """The other remarks for this prompt and clip, in this sitting and the
        earlier ones it continues (the box below holds this sitting's own
        answer, and only that): the family's words, who said them when named,
        under the conversation's stage titles (its rule: `said_so_far`)."""
        meeting, prompt = self.meeting, step.prompt
        assert prompt is not None
        others = [
            r
            for r in meeting.record.remarks(meeting.session.id, step.clip_id)
            if r.prompt_id == prompt.id and r.id != answer.id and r.family_words.strip()
        ]
        shown = bool(others)
        self.query_one("#others-label").display = shown
        box = self.query_one("#other-remarks", Static)
        box.display = shown
        if shown:
            if self._stages is None:
                record = meeting.record
                stages = review_stages(meeting.packs, record, meeting.prompt_set)
                every = {
                    p.id: s.id for s in review_stages(meeting.packs, record) for p in s.prompts
                }
                self._stages = (stages, every)
            refill(box, said_so_far(others, *self._stages)[0])

    _speaker_choices: list[str] | None = None

    def _fill_speaker(self, step: Step, answer: Reflection) -> Callable[[], str | None] | None:
        """The "who is speaking" picker of a review's prompt when the family has
        two adults or more (the conversation's choice: `meeting.speaker()`, or
        whoever this answer is from); what the words are saved with."""
        adults = self.meeting.record.family.adults
        picker: Select[str] = self.query_one("#answer-speaker", Select)
        asking = step.clip_id is not None and len(adults) > 1
        if picker.display != asking:
            picker.display = asking
        if not asking:
            return None
        with self.prevent(Select.Changed):
            if adults != self._speaker_choices:
                self._speaker_choices = list(adults)
                picker.set_options([(name, name) for name in adults])
            who = answer.speaker if answer.speaker in adults else self.meeting.speaker()
            picker.value = who or adults[0]

        def speaking() -> str | None:
            value = picker.value
            return None if value is Select.NULL else str(value)

        return speaking

    @on(Select.Changed, "#answer-speaker")
    def _speaker_changed(self, event: Select.Changed) -> None:
        """Words already written become the chosen adult's (saved as words are)."""
        event.stop()
        words = self.query_one("#family-words", AutosaveTextArea)
        if words.text.strip():
            words.flush(unchanged_too=True)

    @on(Select.Changed, "#question-link")
    def _link_changed(self, event: Select.Changed) -> None:
        if self.step is None or self.step.prompt is None:
            return
        value = event.value
        question_id = None if value is Select.NULL else str(value)
        self.post_message(self.LinkChosen(self.step, question_id))
