"""The conversation view of one clip (the shared review's default).

The practitioner follows the family's lead: the talk moves through the
review's stages (Ctrl+Down on, Ctrl+Up back), everything the family says about the clip
is kept as its own remark, with the prompt the practitioner asked if one was
chosen, and shown under "Said so far". The private note on the clip, the
stage's cue and the other notes on the moment sit in a `.private` column
beside the family's box and "Said so far" (F2 shows it, and nothing else
moves): never shown while the family is at the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from .....flows import Stage, StepKind, prompt_text, review_stages, stage_index
from ....key_order import focus_now
from ....text import literal
from ....widgets.autosave import AutosaveTextArea
from ....widgets.literal_select import LiteralSelect
from ....widgets.sized_by_layout import (
    ChangingColumn,
    ChangingRow,
    LaidOutColumn,
    LaidOutRow,
    LaidOutSelect,
    LaidOutText,
    SizedByLayout,
)
from ....widgets.steady_input import KeepsOnEnter
from ..moment_notes import other_notes
from ..steps.base import StepView
from .correct_remark import Correction, CorrectRemarkScreen
from .other_notes_box import OtherNotesBox
from .said import ELSEWHERE, said_so_far, stage_of
from .said_box import SaidBox

if TYPE_CHECKING:
    from ....app import VigApp

#: the cue's class at a stage with none to give (hidden)
NO_CUE = "-none"

#: the parts the opening review doesn't show are built this long after it opens (s)
BUILD_THE_REST_AFTER = 0.2

#: said (family-safe) when F3 finds nothing to put right
NOTHING_SAID_YET = "Nothing has been kept about this moment yet."

#: the prompt picker's choice for words that answer no prompt
OWN_REMARK = "own"
OWN_REMARK_LABEL = "none – the family's own remark"


class ConversationView(StepView, SizedByLayout):
    KIND = StepKind.CONVERSATION
    BINDINGS = [Binding("f3", "correct", "Put right", id="talk.correct")]
    DEFAULT_CSS = """
    ConversationView .talk-stage {
        height: 1; margin-top: 1; text-wrap: nowrap; text-overflow: ellipsis;
    }
    ConversationView #talk-prompt { width: 1fr; max-width: 100; margin-top: 1; }
    ConversationView #talk-entry { height: auto; max-width: 100; }
    ConversationView #talk-speaker { width: 20; margin-top: 1; }
    ConversationView #talk-words { width: 1fr; }
    ConversationView #talk-link-row { height: 1; max-width: 100; margin-top: 1; }
    ConversationView #talk-link-label { width: auto; color: $text-muted; }
    ConversationView #talk-link { width: 1fr; }
    ConversationView Select:focus > SelectCurrent { text-style: reverse; }
    ConversationView .talk-said-title { margin-top: 1; }
    ConversationView #talk-said { height: 1fr; min-height: 3; max-width: 100; }
    ConversationView #talk-columns { height: 1fr; }
    ConversationView #talk-family { width: 3fr; }
    ConversationView #talk-private { width: 2fr; max-width: 60; margin-left: 2; }
    """

    _said: Text | None = None
    _link_choices: list[tuple[str, str]] | None = None
    #: the parts a key changes (found once, as the view mounts)
    _words: Input | None = None
    _prompt_picker: Select[str]
    _speakers: Select[str] | None
    _link_row: LaidOutRow | None = None
    _link_picker: Select[str] | None = None
    _stage_bar: Static
    _said_box: SaidBox
    _cue: Static | None = None

    def compose(self) -> ComposeResult:
        meeting, clip_id = self.meeting, self.clip_id
        record = meeting.record
        self.stages: list[Stage] = review_stages(meeting.packs, record, meeting.prompt_set)
        self.all_prompts = {
            p.id: s.id for s in review_stages(meeting.packs, record, "all") for p in s.prompts
        }
        self.stage = stage_index(meeting.session, clip_id, self.stages)
        yield LaidOutText(id="talk-stage", classes="talk-stage")
        yield LaidOutSelect[str](
            self.prompt_options(),
            allow_blank=False,
            value=OWN_REMARK,
            id="talk-prompt",
            compact=True,
        )
        # the family's part on the left, the practitioner's beside it (shown by
        # F2): the note sits next to the family's box and "Said so far", so the
        # practitioner sees what was said while writing it, at 80×24 too
        # (the private column, and the row linking a moment to a question, are
        # hidden as the review opens: they are built just after, see `build_the_rest`)
        with ChangingRow(id="talk-columns"), ChangingColumn(id="talk-family"):
            yield from self._family_part()

    def _family_part(self) -> ComposeResult:
        meeting = self.meeting
        adults = meeting.record.family.adults
        with LaidOutRow(id="talk-entry"):
            if len(adults) > 1:
                yield LiteralSelect[str](
                    [(name, name) for name in adults],
                    allow_blank=False,
                    value=meeting.speaker() or adults[0],
                    id="talk-speaker",
                    compact=True,
                )
            yield KeepsOnEnter(
                self.keep_pending, placeholder="the family's words, then Enter", id="talk-words"
            )
        yield LaidOutText(Text("Said so far", style="bold underline"), classes="talk-said-title")
        yield SaidBox(id="talk-said", classes="talk-said")

    # -- built just after the review opens ------------------------------------------------
    def build_the_rest(self) -> None:
        """Build the parts the opening review doesn't show: the private column
        (F2) and the row linking the moment to a question (a later stage).
        They are a quarter of the review's widgets: built a moment after it
        opens, not before it can be seen — or at once when a key needs one
        first (see `_private_column`, `_link_parts`)."""
        if self.is_attached:
            self._private_column()
            self._link_parts()

    def _link_parts(self) -> tuple[LaidOutRow, Select[str]]:
        """The row linking the moment to a helping question (one line, shown
        only at a stage that links: at 80×24 every line taken here is one less
        of "Said so far"), built on first need."""
        if self._link_row is None or self._link_picker is None:
            choices = [(q.text, q.id) for q in self.meeting.record.active_questions()]
            self._link_choices = choices
            picker = LaidOutSelect[str](
                choices, prompt="choose a question", id="talk-link", compact=True
            )
            label = LaidOutText("Links to the helping question: ", id="talk-link-label")
            row = LaidOutRow(label, picker, id="talk-link-row")
            row.display = picker.display = False
            self.query_one("#talk-family").mount(row, after="#talk-entry")
            self._link_row, self._link_picker = row, picker
        return self._link_row, self._link_picker

    def _private_column(self) -> Static:
        """The stage's cue, the note on the clip and the notes written step by
        step on this moment (read-only here), in one private column beside the
        family's part; built on first need. Returns the cue."""
        if self._cue is not None:
            return self._cue
        meeting, clip_id = self.meeting, self.clip_id
        note = meeting.record.clip_note(meeting.session.id, clip_id)
        note_box = AutosaveTextArea(
            note.practitioner_note if note else "",
            meeting.savers.clip_note(clip_id),
            id="talk-note",
            classes="private-note",
        )
        # named on its own border: at 80×24 every line counts
        note_box.border_title = "Your note (private)"
        self._cue = LaidOutText(id="talk-cue", classes="cue")
        parts: list[Widget] = [note_box, self._cue]  # the note at the top: beside the family's box
        others = other_notes(meeting, clip_id, note.id if note else None)
        if others is not None:
            notes, count = others
            parts.append(OtherNotesBox(notes, count, rows=self.app.size.height, id="talk-other"))
        column = LaidOutColumn(id="talk-private", classes="private private-box")
        self.query_one("#talk-columns").mount(column)
        # (parts given to a container as it is made come into the app's tree
        # only as it handles its first messages; mounted, they are in it now,
        # so F2 can put the cursor in the note at once — unless the review is
        # being closed, when nothing more comes in)
        if column.is_attached:
            column.mount(*parts)
        return self._cue

    @property
    def clip_id(self) -> str:
        assert self.step.clip_id is not None
        return self.step.clip_id

    @property
    def current(self) -> Stage:
        return self.stages[self.stage]

    def on_mount(self) -> None:
        self._words = self.query_one("#talk-words", Input)
        self._prompt_picker = self.query_one("#talk-prompt", Select)
        self._speakers = next(iter(self.query("#talk-speaker").results(Select)), None)
        self._stage_bar = self.query_one("#talk-stage", Static)
        self._said_box = self.query_one("#talk-said", SaidBox)
        if self.app.is_headless:
            self._words.cursor_blink = False  # steady screenshots
        self.watch(self.app, "together", self._room_changed, init=False)
        self.show_stage()
        self.ready = True
        self.set_timer(BUILD_THE_REST_AFTER, self.build_the_rest)

    #: set up (its parts found, its stage shown): keys for it are taken from now on;
    #: a key held down across Ctrl+N could reach it before (see `talk_view`)
    ready = False

    # -- what is on screen -------------------------------------------------------------
    def prompt_options(self) -> list[tuple[str, str]]:
        """The stage's prompts in this family's words, then "none"."""
        record = self.meeting.record
        options = [
            (prompt_text(p, record, about_a_moment=True), p.id) for p in self.current.prompts
        ]
        return [*options, (OWN_REMARK_LABEL, OWN_REMARK)]

    def show_stage(self, said: bool = True) -> None:
        """The stage's bar, prompts, link picker and cue (and what was said,
        unless the caller knows it has not changed)."""
        stage, record = self.current, self.meeting.record
        bar = Text(f"Stage {self.stage + 1} of {len(self.stages)}: ", style="dim")
        bar.append(literal(stage.title, style="bold"))
        following = self.stages[self.stage + 1].title if self.stage + 1 < len(self.stages) else ""
        if following:
            bar.append(literal(f"  (next: {following})", style="dim"))
        self._stage_bar.update(bar)
        picker = self._prompt_picker
        with self.prevent(Select.Changed):
            picker.set_options(self.prompt_options())
            picker.value = OWN_REMARK
        questions = record.active_questions()
        linking = bool(stage.links_question and questions)
        if self._link_row is None and not linking:
            pass  # hidden anyway (and built a moment after the view opens)
        else:
            self._show_link(linking, [(q.text, q.id) for q in questions])
        self.show_cue()
        if said:
            self.show_said()

    def _show_link(self, linking: bool, choices: list[tuple[str, str]]) -> None:
        built = self._link_row is not None
        row, link = self._link_parts()  # built with these choices, no question chosen
        row.display = link.display = linking
        if linking and built:
            with self.prevent(Select.Changed):
                if choices != self._link_choices:  # rebuilt only when they change
                    self._link_choices = choices
                    link.set_options(choices)
                else:
                    link.clear()  # as a rebuild would: no question chosen yet

    #: the stage whose cue `#talk-cue` holds
    _cue_stage: int | None = None

    def show_cue(self) -> None:
        """The stage's cue, for the practitioner: written when their view is
        showing (or comes back), not behind the family's, where a change of
        its size asked for a layout of the screen that showed nothing new."""
        if self._room_open or self._cue_stage == self.stage:
            return
        self._cue_stage = self.stage
        cue, stage = self._private_column(), self.current
        cue.update(Text("For you: ", style="bold") + literal(stage.cue or ""))
        cue.set_class(not stage.cue, NO_CUE)  # a class: vig.tcss hides it while notes are read

    @property
    def _room_open(self) -> bool:
        """The family's view is showing (the app's `together`)."""
        return cast("VigApp", self.app).together

    def on_resize(self, event: events.Resize) -> None:
        # a taller or shorter terminal: the other notes fold or unfold
        for box in self.query(OtherNotesBox).results(OtherNotesBox):
            box.fit_to(self.app.size.height)

    def _room_changed(self, together: bool) -> None:
        if not together:
            self.show_cue()

    def show_said(self) -> None:
        remarks = self.meeting.record.remarks(self.meeting.session.id, self.clip_id)
        said, newest_end = said_so_far(remarks, self.stages, self.all_prompts)
        if said != self._said:  # the same words again: nothing to repaint
            self._said = said
            self._said_box.show(said, newest_end)

    # -- what the practitioner does ------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # a meeting read back never changes
        return not (action == "correct" and self.meeting.reading_back)

    def action_correct(self) -> None:
        """F3: put right a remark kept about this moment (words still in the
        box are kept first, so they can be put right too)."""
        if not self.keep_pending():
            return
        remarks = self.meeting.record.remarks(self.meeting.session.id, self.clip_id)
        titles = {stage.id: stage.title for stage in self.stages}
        said = [
            (r, titles.get(stage_of(r, self.stages, self.all_prompts), ELSEWHERE))
            for r in remarks
            if r.family_words.strip()
        ]
        if not said:
            self.app.notify(NOTHING_SAID_YET, family_safe=True)  # type: ignore[call-arg]
            return

        def put_right(correction: Correction | None) -> None:
            if correction is not None and self.meeting.correct_remark(
                correction.remark_id, correction.words, correction.speaker
            ):
                self.show_said()
            if self._words is not None:
                focus_now(self._words)

        adults = self.meeting.record.family.adults
        self.app.push_screen(CorrectRemarkScreen(said, adults), put_right)

    @staticmethod
    def _choice(picker: Select[str] | None) -> str | None:
        if picker is None or not picker.display:
            return None
        value = picker.value
        return None if value is Select.NULL else str(value)

    def keep_pending(self) -> bool:
        """Keep what is in the box as a remark (True when nothing is left unsaved)."""
        box = self._words
        if box is None:  # the view is still being built: nothing typed yet
            return True
        words = box.value.strip()
        if not words:
            return True
        prompt = self._choice(self._prompt_picker)
        kept = self.meeting.keep_remark(
            self.clip_id,
            self.current.id,
            words,
            None if prompt in (None, OWN_REMARK) else prompt,
            self._choice(self._speakers),
            self._choice(self._link_picker),
        )
        if kept:  # a refused save leaves the words in the box
            box.value = ""
            self.show_said()
        return kept

    def move(self, by: int) -> None:
        """The talk moves on (or back) a stage; words in the box are kept first."""
        target = self.stage + by
        if not 0 <= target < len(self.stages) or not self.keep_pending():
            return
        if self.meeting.move_stage(self.clip_id, self.stages[target].id):
            self.stage = target
            self.show_stage(said=False)  # the same remarks: keep_pending showed any new one
            if self._words is not None:
                focus_now(self._words)
