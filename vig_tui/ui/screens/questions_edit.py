"""Helping questions over the whole course, and who said what.

Reword a question (the earlier wording and every rating are kept), retire it
or bring it back, say whose question it is, and record each adult's rating
of their own questions and their own words at a meeting. At the final
meeting, goals for the future are noted here as ideas to carry on — never
as a helping question waiting for a rating.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from ...domain import HelpingQuestion, RatingKind, Session, SessionKind
from ...flows import prompt_text, steps_for
from ...packs import PackSet
from ..text import literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader, family_title
from ..widgets.literal_select import LiteralSelect
from .course import CourseForm

SHARED = "__shared__"
RATING_KIND = {
    SessionKind.INITIAL_MEETING: RatingKind.START,
    SessionKind.SHARED_REVIEW: RatingKind.REVIEW,
    SessionKind.FINAL_MEETING: RatingKind.FINAL,
}


class QuestionsEditScreen(CourseForm):
    HELP = """\
## Helping questions, ratings and words

- **Reword** a question: the earlier wording and its ratings are kept; the
  letter uses the latest wording and says it changed.
- **Retire** a question the family no longer wants to work on (or bring it back).
- **Whose question**: when there are several adults, each usually rates their own.
- **Rating**: choose the meeting and the adult, then the number (0–10).
- **Words**: an adult's own answer to a prompt of a meeting.
- **Goals for the future** (final meeting): ideas to carry on, never rated.
"""
    BINDINGS = [Binding("escape", "leave", "Back", id="questions.back")]

    def compose(self) -> ComposeResult:
        yield VigHeader()
        with VerticalScroll(id="questions-edit"):
            yield Static("", id="questions-message", classes="course-message")
            yield Static(id="q-list")
            yield Static("A question", classes="section")
            yield LiteralSelect[str]([], id="q-pick", prompt="Choose a question")
            with Horizontal(classes="course-row"):
                yield Input("", id="q-text", placeholder="New wording")
                yield Button("Reword", id="q-reword")
                yield Button("Retire / bring back", id="q-retire")
            with Horizontal(classes="course-row"):
                yield LiteralSelect[str]([], id="q-owner", prompt="Whose question")
                yield Button("Set", id="q-set-owner")
            yield Static("A rating, or words, at a meeting", classes="section")
            with Horizontal(classes="course-row"):
                yield LiteralSelect[str]([], id="at-meeting", prompt="Meeting")
                yield LiteralSelect[str]([], id="by-adult", prompt="Who")
            with Horizontal(classes="course-row"):
                yield Label("Rating of the chosen question")
                yield Input("", id="rate-value", placeholder="0–10", type="integer")
                yield Button("Save rating", id="rate-save")
            with Horizontal(classes="course-row"):
                yield LiteralSelect[str]([], id="words-prompt", prompt="Prompt")
                yield Input("", id="words-text", placeholder="Their words")
                yield Button("Save words", id="words-save")
            yield Static("Goals for the future (final meeting)", classes="section")
            yield Static(id="goals-list")
            with Horizontal(classes="course-row"):
                yield Input("", id="goal-text", placeholder="Something to keep working on")
                yield Button("Add goal", id="goal-add")
        yield VigFooter()

    def on_mount(self) -> None:
        self.sub_title = family_title(self.record.family.label, "questions and words")
        self.refresh_view()
        self.mark_saved()

    # -- what Esc would drop -----------------------------------------------------------
    def form_values(self) -> tuple[object, ...]:
        """What each Save button would keep that the record does not hold yet
        (None where nothing is waiting): wording, owner, rating, words, goal."""
        return (
            self._wording_typed(),
            self._owner_chosen(),
            self._rating_typed(),
            self._words_typed(),
            self.value("goal-text") or None,
        )

    def save_form(self) -> bool:
        wording, owner, rating, words, goal = self.form_values()
        steps = [
            (wording, self.reword),
            (owner, self.set_owner),
            (rating, self.rate),
            (words, self.save_words),
            (goal, self.add_goal),
        ]
        return all(step() for waiting, step in steps if waiting is not None)

    def _chosen_question(self) -> HelpingQuestion | None:
        qid = self.choice("q-pick")
        return self.family.question(qid) if qid else None

    def _wording_typed(self) -> str | None:
        question, text = self._chosen_question(), " ".join(self.value("q-text").split())
        return None if not text or (question is not None and text == question.text) else text

    def _owner_chosen(self) -> str | None:
        question, owner = self._chosen_question(), self.choice("q-owner")
        if question is None or not owner or (owner == SHARED and question.owner is None):
            return None
        return None if owner == question.owner else owner

    def _rating_typed(self) -> tuple[str, str | None] | None:
        question, meeting_id, text = (
            self._chosen_question(),
            self.choice("at-meeting"),
            self.value("rate-value"),
        )
        if not text:
            return None
        given = question.rating_for_session(meeting_id) if question and meeting_id else None
        if given is not None and (str(given.value), given.by) == (text, self._adult()):
            return None
        return text, self._adult()

    def _words_typed(self) -> str | None:
        text = self.value("words-text")
        if not text:
            return None
        key = (self.choice("at-meeting"), self.choice("words-prompt"), None, self._adult())
        saved = {
            r.family_words
            for r in self.record.reflections
            if (r.session_id, r.prompt_id, r.clip_id, r.speaker) == key
        }
        return None if text in saved else text

    # -- view --------------------------------------------------------------------------
    def _held(self) -> list[Session]:
        return sorted(
            (s for s in self.record.sessions if s.held and s.kind in RATING_KIND),
            key=lambda s: (s.date, s.created_at),
        )

    @staticmethod
    def _set(select: Select[str], options: list[tuple[str, str]]) -> None:
        chosen = select.value
        select.set_options(options)
        if chosen is not Select.NULL and any(v == chosen for _, v in options):
            select.value = chosen

    def refresh_view(self) -> None:
        record = self.record
        lines = Text()
        for q in sorted(record.questions, key=lambda q: q.order):
            lines.append("✗ " if q.retired else "• ", style="dim" if q.retired else "bold")
            if q.owner:
                lines.append(f"{q.owner}: ", style="bold")
            lines.append(literal(q.text))
            ratings = ", ".join(
                f"{r.value}" + (f" ({r.by})" if r.by else "") for r in record.rated(q).ratings
            )
            if ratings:
                lines.append(f"  [{ratings}]", style="dim")
            if q.reworded:
                lines.append(f"  (at first: {q.first_wording()})", style="dim italic")
            lines.append("\n")
        lines.rstrip()
        self.query_one("#q-list", Static).update(
            lines or Text("No helping questions yet.", style="dim")
        )
        self._set(
            self.query_one("#q-pick", Select),
            [(q.text[:60], q.id) for q in sorted(record.questions, key=lambda q: q.order)],
        )
        adults = [(a, a) for a in record.family.adults]
        self._set(self.query_one("#q-owner", Select), [("Shared", SHARED), *adults])
        self._set(self.query_one("#by-adult", Select), adults)
        self._set(
            self.query_one("#at-meeting", Select),
            [(f"{s.date}  {s.title()}", s.id) for s in self._held()],
        )
        self._refresh_prompts()
        goals = Text()
        for final in record.sessions_of(SessionKind.FINAL_MEETING):
            for goal in final.future_goals:
                goals.append("• ")
                goals.append(literal(goal.text + (f" ({goal.by})" if goal.by else "")))
                goals.append("\n")
        goals.rstrip()
        self.query_one("#goals-list", Static).update(goals or Text("None yet.", style="dim"))

    def _refresh_prompts(self) -> None:
        meeting_id = self.choice("at-meeting")
        options: list[tuple[str, str]] = []
        packs = self.vig.packs
        if meeting_id and isinstance(packs, PackSet):
            meeting = self.family.meeting(meeting_id)
            for step in steps_for(packs, self.record, meeting):
                if step.kind == "prompt" and step.prompt is not None and step.clip_id is None:
                    options.append((prompt_text(step.prompt, self.record)[:60], step.prompt.id))
        self._set(self.query_one("#words-prompt", Select), options)

    @on(Select.Changed, "#at-meeting")
    def meeting_chosen(self) -> None:
        self._refresh_prompts()

    @on(Select.Changed, "#q-pick")
    def question_chosen(self) -> None:
        question = self.family.question(self.choice("q-pick"))
        if question is not None:
            self.query_one("#q-text", Input).value = question.text
            self.query_one("#q-owner", Select).value = question.owner or SHARED

    # -- commands ----------------------------------------------------------------------
    def _question_id(self) -> str | None:
        chosen = self.choice("q-pick")
        if not chosen:
            self.say("Choose a question first.", ok=False)
        return chosen or None

    @on(Button.Pressed, "#q-reword")
    def reword(self) -> bool:
        if qid := self._question_id():
            text = self.value("q-text")
            return self.run(
                "Reworded; the earlier wording is kept.",
                lambda: self.family.course.reword_question(qid, text),
            )
        return False

    @on(Button.Pressed, "#q-retire")
    def retire(self) -> None:
        if qid := self._question_id():
            question = self.family.question(qid)
            retire = question is not None and not question.retired
            done = "Retired; its ratings are kept." if retire else "Brought back."
            self.run(done, lambda: self.family.course.retire_question(qid, retire))

    @on(Button.Pressed, "#q-set-owner")
    def set_owner(self) -> bool:
        if qid := self._question_id():
            owner = self.choice("q-owner")
            adult = None if owner in ("", SHARED) else owner
            return self.run("Saved.", lambda: self.family.course.set_question_owner(qid, adult))
        return False

    def _meeting(self) -> Session | None:
        meeting_id = self.choice("at-meeting")
        if not meeting_id:
            self.say("Choose the meeting first.", ok=False)
            return None
        return self.family.meeting(meeting_id)

    def _adult(self) -> str | None:
        return self.choice("by-adult") or None

    @on(Button.Pressed, "#rate-save")
    def rate(self) -> bool:
        qid = self._question_id()
        meeting = self._meeting() if qid else None
        if qid is None or meeting is None:
            return False
        text = self.value("rate-value")
        if not text.isdigit() or not 0 <= int(text) <= 10:
            self.say("A rating is a whole number from 0 to 10.", ok=False)
            return False
        by = self._adult()
        return self.run(
            f"Rated {text}" + (f" by {by}." if by else "."),
            lambda: self.family.course.rate_question(
                qid, int(text), RATING_KIND[meeting.kind], meeting.id, by
            ),
        )

    @on(Button.Pressed, "#words-save")
    def save_words(self) -> bool:
        meeting = self._meeting()
        prompt_id = self.choice("words-prompt")
        if meeting is None:
            return False
        if not prompt_id:
            self.say("Choose the prompt the words answer.", ok=False)
            return False
        by, text = self._adult(), self.value("words-text")
        return self.run(
            "Words saved" + (f" for {by}." if by else "."),
            lambda: self.family.course.save_words(meeting.id, prompt_id, None, by, text),
        )

    @on(Button.Pressed, "#goal-add")
    def add_goal(self) -> bool:
        finals = self.record.sessions_of(SessionKind.FINAL_MEETING)
        if not finals:
            self.say("Goals for the future are set at the final meeting; open it first.", ok=False)
            return False
        final = finals[-1]
        text = self.value("goal-text")
        goals = [(g.text, g.by) for g in final.future_goals] + [(text, self._adult())]
        if self.run("Goal added.", lambda: self.family.course.set_future_goals(final.id, goals)):
            self.query_one("#goal-text", Input).value = ""
            return True
        return False
