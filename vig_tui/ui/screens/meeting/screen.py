"""The meetings the family sits in on: initial meeting, shared review, final meeting.

One calm step at a time. The steps come from `vig_tui.flows` (built from the
prompt packs and the record); this screen keeps the navigation, the view mode
(family or practitioner) and the player slot, shows the current step with the
widget for its kind (`steps/`), and turns what those widgets report into
commands of the family session. Practitioner-only things (private notes, cues,
scores, alerts, principle names) stay hidden while the family is at the screen.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button

from ....domain import (
    Administration,
    Clip,
    FamilyRecord,
    HelpingQuestion,
    Reflection,
    Session,
    SessionKind,
)
from ....flows import Step, StepKind, resume_index, steps_for
from ....services.session import FamilySession, StoreError
from ...widgets.autosave import AutosaveInput, AutosaveTextArea, Pending, Saved, SaveFailed
from ...widgets.footer import VigFooter
from ...widgets.header import VigHeader
from ...widgets.sized_by_layout import (
    ChangingColumn,
    LaidOutButton,
    LaidOutColumn,
    LaidOutRow,
    LaidOutScroll,
    LaidOutText,
)
from ...widgets.status_line import StatusLine
from ..base import VigScreen
from .answers import AnswerHandlers
from .conversation import ConversationCommands
from .help import meeting_help
from .player import MeetingPlayer
from .progress import pending_alerts
from .savers import FieldSavers
from .showing import VIEWS, ShowsSteps
from .steps import FinishView, PromptView, StepView


class MeetingScreen(AnswerHandlers, ConversationCommands, ShowsSteps, VigScreen):
    FAMILY_SAFE = True
    TOGETHER = True
    KEEPS_ITS_VIEW = True  # F1 or Ctrl+O and back: the view F2 chose stays
    #: nothing is focused as the screen opens: the first step's first field is
    #: (see `_focus_first`), so no widget takes the focus only to lose it
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("ctrl+n", "next", "Next", id="meeting.next", priority=True),
        Binding("ctrl+b", "back", "Back", id="meeting.back", priority=True),
        Binding("ctrl+o", "steps", "All steps", id="meeting.steps", priority=True),
        Binding("f2", "toggle_view", "Switch view", id="meeting.view", priority=True),
        Binding("ctrl+down", "stage(1)", "Next stage", id="meeting.stage_on", priority=True),
        Binding(
            "ctrl+up", "stage(-1)", "Stage back", id="meeting.stage_back", show=False, priority=True
        ),
        Binding(  # priority, like Ctrl+N: a key typed just after must not overtake it
            "ctrl+t",
            "review_view",
            "Other view",
            id="meeting.review_view",
            show=False,
            priority=True,
        ),
        Binding("escape", "ask_to_leave", "Close", id="meeting.leave"),
        Binding("f5", "player('play_pause')", "Play/pause", id="meeting.play", priority=True),
        Binding("f6", "player('replay')", "Replay", id="meeting.replay", show=False, priority=True),
        Binding("f7", "player('slower')", "Slower", id="meeting.slower", show=False, priority=True),
        Binding("f8", "player('loop')", "Loop", id="meeting.loop", show=False, priority=True),
        Binding("f9", "player('freeze')", "Freeze", id="meeting.freeze", show=False, priority=True),
        Binding("f4", "stills", "Stills", id="meeting.stills", show=False, priority=True),
        # the keys the player's hints name, whenever no text field has the key
        Binding("r", "player('replay')", "Replay", id="meeting.replay_r", show=False),
        Binding("l", "player('loop')", "Loop", id="meeting.loop_l", show=False),
    ]

    def __init__(self, family: FamilySession, session: Session) -> None:
        super().__init__()
        self.family = family
        self.session_id = session.id
        self.steps: list[Step] = []
        self.index = 0
        self._showing = asyncio.Lock()
        self._shown_kind: StepKind | None = None
        self._bindings_for_clip: tuple[bool, bool] | None = None
        self._announced: set[str] = set()
        self.player = MeetingPlayer(self)
        self._savers: FieldSavers | None = None
        #: the widget of the step on screen when it is not a prompt (None for prompts)
        self.step_view: StepView | None = None
        #: the one PromptView, once built (a query of the screen by id walks all
        #: its widgets: a few ms at every step)
        self.prompt_view: PromptView | None = None

    # -- read-only views -------------------------------------------------------------
    @property
    def HELP(self) -> str:  # type: ignore[override]
        return meeting_help(self.session.kind)

    @property
    def record(self) -> FamilyRecord:
        return self.family.record

    @property
    def session(self) -> Session:
        """This meeting as it is on disk (read-only: change it through `family`)."""
        return self.family.meeting(self.session_id)

    @property
    def packs(self) -> Any:
        return self.vig.packs

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    @property
    def savers(self) -> FieldSavers:
        if self._savers is None:
            self._savers = FieldSavers(self.family, self.session_id, self.packs)
        return self._savers

    def rating_anchor(self, value: int) -> str:
        rating = self.packs.helping_questions.rating
        if rating is None:
            return ""
        return next((str(a.label) for a in rating.anchors if a.value == value), "")

    def question_slot(self, index: int) -> HelpingQuestion | None:
        return self.family.question_slot(self.session_id, index)

    def administration(
        self, questionnaire_id: str, respondent: str | None = None
    ) -> Administration:
        version = str(self.packs.questionnaires[questionnaire_id].version)
        return self.family.administration(self.session_id, questionnaire_id, version, respondent)

    def answers_kept(self, adm: Administration) -> bool:
        return self.family.answers_kept(self.session_id, adm)

    def clip(self, clip_id: str | None) -> Clip | None:
        return self.family.clip(clip_id)

    def reflection(self, prompt_id: str, clip_id: str | None) -> Reflection:
        return self.family.reflection(self.session_id, prompt_id, clip_id)

    # -- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # the first step is built with the screen, so the screen is laid out and
        # painted once with it (not empty first, then again with the step)
        self.steps = steps_for(self.packs, self.record, self.session, self.prompt_set)
        self.index = resume_index(self.steps, self.session)
        first = StepKind(self.step.kind) if self.steps else None
        self.sub_title = f"{self.record.family.label} · {self.session.title()}"
        if self.family.read_only:  # see `_read_back_only`
            self.sub_title += f" · {self.session.date}, read back"
        yield VigHeader()
        with LaidOutRow(id="journey-bar"):
            yield LaidOutText(self._title() if self.steps else "", id="journey-title")
            yield StatusLine(id="alert-mark")
            yield StatusLine(id="saved-mark")
        # the player panel comes just after the first paint (see `_first_painted`)
        slot = LaidOutColumn(id="player-slot")
        slot.display = first is not None and self.clip(self.step.clip_id) is not None
        yield slot
        # Tab moves between fields only (the body taking the focus restyled all in it);
        # prompt steps reuse one PromptView, mounted as the first one shows;
        # every other kind of step gets its own widget in #other-view
        # (laid out once when a step grows, see widgets/sized_by_layout.py)
        with LaidOutScroll(id="step-body", can_focus=False):
            if first == StepKind.PROMPT:
                self.prompt_view = PromptView(self, id="prompt-view")
                yield self.prompt_view
            with ChangingColumn(id="other-view") as other_view:
                other_view.display = first not in (None, StepKind.PROMPT)
                if first is not None and first != StepKind.PROMPT:
                    self.step_view = VIEWS[first](self, self.step)
                    yield self.step_view
        last = len(self.steps) - 1
        with LaidOutRow(id="journey-nav"):
            yield LaidOutButton("◀ Back", id="nav-back", compact=True, disabled=self.index == 0)
            progress = Text(self.progress_text(), style="dim") if self.steps else ""
            yield StatusLine(progress, id="journey-progress")
            yield LaidOutButton(
                "Next ▶",
                id="nav-next",
                variant="primary",
                compact=True,
                disabled=self.index >= last,
            )
        yield VigFooter()
        # over the header's row, on a layer of its own (see vig.tcss), and last:
        # showing it moves nothing else and changes no other widget's place in
        # the paint order, so F2 repaints it and what the view changes, not the screen
        # (sized by the layout that first shows it, at the first F2: no second one)
        yield LaidOutText(
            "PRACTITIONER VIEW — private notes, cues and scores are showing. F2 hides them.",
            id="private-banner",
            classes="private-banner",
        )

    def on_mount(self) -> None:
        self.vig.together = True
        if self.steps:
            step = self.step
            if step.kind == StepKind.PROMPT:
                assert self.prompt_view is not None
                self.prompt_view.fill(step)
            self._shown_kind = StepKind(step.kind)
            self._keys_and_focus(step)  # the bar was built with the step
        self.refresh_alert_mark()
        if self.family.read_only:  # where "✓ saved" would show: nothing will be
            self.query_one("#saved-mark", StatusLine).show(Text("read only", style="bold"))
        # what may wait for the first paint (the film's checks, starting the
        # player) comes just after it (run as the footer's: it rebuilds the footer)
        footer = self.query_one(VigFooter)
        self.screen_layout_refresh_signal.subscribe(footer, self._first_painted)

    async def _first_painted(self, _screen: object = None) -> None:
        """The player and the footer's keys, just after the first paint, in one
        layout (not one each); then where the meeting is, saved."""
        footer = self.query_one(VigFooter)
        self.screen_layout_refresh_signal.unsubscribe(footer)
        with self.app.batch_update():
            mounting = self.player.show(self.step) if self.steps else None
            if mounting is not None:
                await mounting
            await footer.rebuild_now()
        if self.family.read_only:  # the first step's fields are all there by now
            self._read_back_only()
        self._save_progress()  # a meeting opened for the first time: where it starts

    @property
    def step_on_screen(self) -> bool:
        """The step is shown, with its clip's player when it has one."""
        if self._shown_kind is None:
            return False
        slot = self.query_one("#player-slot")
        return not slot.display or bool(slot.children)

    # -- navigation --------------------------------------------------------------------
    def flush_fields(self) -> None:
        """Save every field's unsaved words now (one walk of the screen)."""
        self.keep_pending_remark()
        for widget in self.query_one("#step-body").walk_children():
            if isinstance(widget, AutosaveTextArea | AutosaveInput):
                widget.flush()

    def recompute_steps(self) -> None:
        key = self.step.key if self.steps else None
        self.steps = steps_for(self.packs, self.record, self.session, self.prompt_set)
        keys = [s.key for s in self.steps]
        self.index = keys.index(key) if key in keys else min(self.index, len(self.steps) - 1)

    def go(self, index: int) -> None:
        """Go to step `index` (shown after the next paint)."""
        self._move_to(index)
        self.call_after_refresh(self.show_step)

    async def step_to(self, index: int) -> None:
        """Go to step `index` and show it before anything else is handled: a
        key's own move (Ctrl+N, Ctrl+B), so what is typed just after it (in
        the same burst of keys) goes to the step it moved to, not the one left
        (the keys before it were typed into the step left: see key_order.py)."""
        self._move_to(index)
        await self.show_step()

    def _move_to(self, index: int) -> None:
        self.stop_moving_on()  # a move chosen now replaces one on its way
        self.flush_fields()
        self.recompute_steps()
        self.index = max(0, min(len(self.steps) - 1, index))

    async def action_next(self) -> None:
        if self.index < len(self.steps) - 1:
            await self.step_to(self.index + 1)

    async def action_back(self) -> None:
        if self.index > 0:
            await self.step_to(self.index - 1)

    @on(Button.Pressed, "#nav-next")
    async def _next_pressed(self) -> None:
        await self.action_next()

    @on(Button.Pressed, "#nav-back")
    async def _back_pressed(self) -> None:
        await self.action_back()

    def action_steps(self) -> None:
        from ...dialogs.step_list import StepListScreen

        def chosen(index: int | None) -> None:
            if index is not None:
                self.go(index)

        self.app.push_screen(
            StepListScreen(self.steps, self.index, self.packs, self.vig.together, self.record),
            chosen,
        )

    def action_ask_to_leave(self) -> None:
        """Esc asks first: a stray key in the room must not end the meeting."""
        from ...dialogs.leave_meeting import LeaveMeetingScreen

        self.app.push_screen(
            LeaveMeetingScreen(), lambda stop: self.action_leave() if stop else None
        )

    def action_leave(self) -> None:
        self.flush_fields()
        self._save_progress()
        self.player.stop()
        self.app.pop_screen()

    def on_screen_suspend(self) -> None:
        self.flush_fields()
        self._save_progress()

    def action_toggle_view(self) -> None:
        self.vig.together = not self.vig.together
        if (prompt_view := self.prompt_view) is not None:
            prompt_view.show_cue()  # left as it was while its private box was hidden
            prompt_view.show_other_notes()  # (the same)
        self.refresh_alert_mark(remind=True)
        self.show_progress()
        # Into the practitioner's view: the step's private note, so what is typed
        # next stays private (the family's box kept the cursor, and a note typed
        # there became the family's words, with the note's box below the screen).
        # Back to the family's view: their own box.
        if self.vig.together or not self._focus_first(private=True):
            self._focus_first()

    # -- saving: every change is a command of the family session ----------------------------
    def save(self, command: Callable[..., object], *args: Any) -> bool:
        """Run a command of the family session; a failed save is reported and
        leaves the record (in memory and on disk) as it was."""
        try:
            command(*args)
        except StoreError as err:
            self.vig.save_failed(err)
            self.query_one("#saved-mark", StatusLine).show(Text("not saved", style="bold red"))
            return False
        self.mark_saved()
        return True

    def mark_saved(self) -> None:
        self.query_one("#saved-mark", StatusLine).show(Text("✓ saved", style="dim"))
        self.vig.save_succeeded()

    @on(Saved)
    def _field_saved(self) -> None:
        self.mark_saved()

    @on(Pending)
    def _field_pending(self) -> None:
        """Typing since the last save: "✓ saved" would not be true of it yet."""
        self.query_one("#saved-mark", StatusLine).show(Text("saving…", style="dim"))

    @on(SaveFailed)
    def _field_failed(self, message: SaveFailed) -> None:
        self.query_one("#saved-mark", StatusLine).show(Text("not saved", style="bold red"))
        if isinstance(message.error, StoreError):
            self.vig.save_failed(message.error)
        else:
            self.notify(str(message.error), severity="error")

    def _save_progress(self) -> None:
        """Remember the step on screen, so the meeting resumes there."""
        if self.family.read_only:
            return
        if self.steps and self.session.progress.get("step") != self.step.key:
            self.save(self.family.set_step, self.session_id, self.step.key)

    @on(PromptView.LinkChosen)
    def _link_chosen(self, message: PromptView.LinkChosen) -> None:
        step = message.step
        assert step.prompt is not None
        link = self.family.link_question
        self.save(link, self.session_id, step.prompt.id, step.clip_id, message.question_id)

    @on(FinishView.Finish)
    def _finish(self) -> None:
        self.flush_fields()
        if self.save(self.family.finish_meeting, self.session_id):
            self.player.stop()
            self.notify("The meeting is finished and saved.", title="Done")
            self.app.pop_screen()

    # -- the player slot ------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Player keys only show (and work) while a clip is on screen."""
        if self.family.read_only and action in ("stills", "stage", "review_view"):
            return False  # they change the record: a meeting read back never does
        if action in ("player", "stills"):
            return bool(self.steps) and self.step.clip_id is not None
        if action == "stage":
            return self.talk_is_showing()
        if action == "review_view":
            return self.session.kind == SessionKind.SHARED_REVIEW
        return True

    def action_player(self, action: str) -> None:
        self.player.act(action)

    def action_stills(self) -> None:
        from ..stills import open_clip_stills

        open_clip_stills(self.app, self.family, self.clip(self.step.clip_id))

    def on_player_panel_still_saved(self, message: Any) -> None:
        """A still of the current clip is kept with the clip (inside the store)."""
        clip_id = self.step.clip_id
        if clip_id is not None:
            at_ms = self.player.position_ms()
            self.save(self.family.add_still, clip_id, Path(message.path), at_ms)

    # -- alerts ----------------------------------------------------------------------------
    def pending_alerts(self) -> list[str]:
        return pending_alerts(self.packs, self.record, self.session_id, self.steps, self.index)

    def refresh_alert_mark(self, remind: bool = False) -> None:
        """The ◆ for pending alerts; in the practitioner view the alerts themselves —
        new ones as they arise, and all of them again on switching to that view."""
        alerts = self.pending_alerts()
        mark = self.query_one("#alert-mark", StatusLine)
        mark.show(Text(" ◆ ", style="bold") if alerts else "")
        if self.vig.together:
            return
        for alert in alerts:
            if remind or alert not in self._announced:
                self._announced.add(alert)
                self.notify(alert, title="For you: safeguarding", severity="warning", timeout=20)
