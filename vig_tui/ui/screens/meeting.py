"""The meetings the family sits in on: initial meeting, shared review, final meeting.

One calm step at a time. The steps come from `vig_tui.flows` (built from the
prompt packs and the record); this screen shows the current one, saves every
field as it is typed, remembers where it stopped, and keeps practitioner-only
things (private notes, cues, scores, alerts, principle names) hidden while the
family is at the screen. F2 switches to the practitioner view and back.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import (
    Button,
    Footer,
    Header,
    Label,
    OptionList,
    ProgressBar,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.option_list import Option

from ...domain import (
    Administration,
    Clip,
    FamilyRecord,
    HelpingQuestion,
    RatingKind,
    Reflection,
    Session,
    SessionKind,
)
from ...flows import Step, gather_celebration, resume_index, steps_for, variant_of
from ...outcomes import first_and_latest
from ...packs import Prompt
from ...services.session import FamilySession, StoreError
from ..text import literal
from ..widgets.autosave import AutosaveInput, AutosaveTextArea, Saved, SaveFailed
from ..widgets.rating_scale import RatingScale
from ..widgets.ratings_chart import ratings_line
from .base import VigScreen

HELP_COMMON = """
**Moving between steps:** Ctrl+N next · Ctrl+B back · Ctrl+O list of all steps ·
Esc closes the meeting (you can come back later and carry on where you stopped).

**Saving:** everything saves by itself as you type. The word *saved* at the top
shows it reached the disk. There is no save button.

**F2** switches between the family's view and the practitioner view. The
practitioner view shows private notes, cues and scores, and is marked in yellow.
A small ◆ at the top means something is waiting in the practitioner view.
"""

HELP_BY_KIND = {
    SessionKind.INITIAL_MEETING: "## Initial meeting\n\nTalk together about the parent, the "
    "child and their relationship; agree up to three helping questions in the family's own "
    "words and rate them; fill in the first questionnaires.\n",
    SessionKind.SHARED_REVIEW: "## Shared review\n\nWatch each moment together and talk about "
    "it, step by step. **F5** play/pause · **F6** replay · **F7** slower · **F8** loop · "
    "**F9** freeze · Tab to the player for more keys.\n",
    SessionKind.FINAL_MEETING: "## Final meeting\n\nLook back, rate the helping questions one "
    "last time, repeat the questionnaires, celebrate, and agree what comes next.\n",
}


def _no_save(text: str) -> None:
    """Placeholder until a step gives the field its own save."""


class MeetingScreen(VigScreen):
    FAMILY_SAFE = True
    TOGETHER = True
    BINDINGS = [
        Binding("ctrl+n", "next", "Next", id="meeting.next", priority=True),
        Binding("ctrl+b", "back", "Back", id="meeting.back", priority=True),
        Binding("ctrl+o", "steps", "All steps", id="meeting.steps", priority=True),
        Binding("f2", "toggle_view", "Practitioner view", id="meeting.view", priority=True),
        Binding("escape", "leave", "Close", id="meeting.leave"),
        Binding("f5", "player('play_pause')", "Play/pause", id="meeting.play", priority=True),
        Binding("f6", "player('replay')", "Replay", id="meeting.replay", show=False, priority=True),
        Binding("f7", "player('slower')", "Slower", id="meeting.slower", show=False, priority=True),
        Binding("f8", "player('loop')", "Loop", id="meeting.loop", show=False, priority=True),
        Binding("f9", "player('freeze')", "Freeze", id="meeting.freeze", show=False, priority=True),
    ]

    def __init__(self, family: FamilySession, session: Session) -> None:
        super().__init__()
        self.family = family
        self.session_id = session.id
        self.steps: list[Step] = []
        self.index = 0
        self._panel: Widget | None = None
        self._panel_clip: str | None = None
        self._showing = asyncio.Lock()
        self._shown_kind: str | None = None
        self._bindings_for_clip: bool | None = None
        self._announced: set[str] = set()

    # -- properties ----------------------------------------------------------------
    @property
    def HELP(self) -> str:  # type: ignore[override]
        return HELP_BY_KIND.get(self.session.kind, "") + HELP_COMMON

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

    # -- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="journey-bar"):
            yield Static(id="journey-title")
            yield Static("", id="alert-mark")
            yield Static("", id="saved-mark")
        yield Static(
            "PRACTITIONER VIEW — private notes, cues and scores are showing. F2 hides them.",
            id="private-banner",
            classes="private-banner private",
        )
        yield Vertical(id="player-slot")
        with VerticalScroll(id="step-body"):
            # prompt steps (most of every meeting) reuse one set of widgets;
            # every other kind of step is built in #other-view when shown
            yield Vertical(*self.render_prompt(), id="prompt-view")
            yield Vertical(id="other-view")
        with Horizontal(id="journey-nav"):
            yield Button("◀ Back", id="nav-back", compact=True)
            yield Static(id="journey-progress")
            yield Button("Next ▶", id="nav-next", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.vig.together = True
        self.sub_title = f"{self.record.family.label} · {self.session.title()}"
        self.query_one("#step-body").can_focus = False  # Tab moves between fields only
        self.steps = steps_for(self.packs, self.record, self.session)
        self.index = resume_index(self.steps, self.session)
        self.refresh_alert_mark()
        self.call_after_refresh(self.show_step)

    # -- navigation --------------------------------------------------------------------
    def flush_fields(self) -> None:
        for field in self.query(AutosaveTextArea):
            field.flush()
        for single in self.query(AutosaveInput):
            single.flush()

    def recompute_steps(self) -> None:
        key = self.step.key if self.steps else None
        self.steps = steps_for(self.packs, self.record, self.session)
        keys = [s.key for s in self.steps]
        self.index = keys.index(key) if key in keys else min(self.index, len(self.steps) - 1)

    def go(self, index: int) -> None:
        self.flush_fields()
        self.recompute_steps()
        self.index = max(0, min(len(self.steps) - 1, index))
        self.call_later(self.show_step)

    def action_next(self) -> None:
        if self.index < len(self.steps) - 1:
            self.go(self.index + 1)

    def action_back(self) -> None:
        if self.index > 0:
            self.go(self.index - 1)

    @on(Button.Pressed, "#nav-next")
    def _next_pressed(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#nav-back")
    def _back_pressed(self) -> None:
        self.action_back()

    def action_steps(self) -> None:
        from .step_list import StepListScreen

        def chosen(index: int | None) -> None:
            if index is not None:
                self.go(index)

        self.app.push_screen(
            StepListScreen(self.steps, self.index, self.packs, self.vig.together), chosen
        )

    def action_leave(self) -> None:
        self.flush_fields()
        self._stop_player()
        self.app.pop_screen()

    def on_screen_suspend(self) -> None:
        self.flush_fields()

    def action_toggle_view(self) -> None:
        self.vig.together = not self.vig.together
        self.refresh_alert_mark(remind=True)
        self.show_progress()
        self._focus_first()

    def on_screen_resume(self) -> None:
        # Returning from help or the step list must not flip the view back.
        pass

    def _save_progress(self) -> None:
        if self.session.progress.get("step") != self.step.key:
            self.save(self.family.set_step, self.session_id, self.step.key)

    # -- saving ----------------------------------------------------------------------------
    def save(self, command: Callable[..., object], *args: Any) -> bool:
        """Run a command of the family session; a failed save is reported and
        leaves the record (in memory and on disk) as it was."""
        try:
            command(*args)
        except StoreError as err:
            self.vig.save_failed(err)
            self.query_one("#saved-mark", Static).update(Text("not saved", style="bold red"))
            return False
        self.mark_saved()
        return True

    def mark_saved(self) -> None:
        self.query_one("#saved-mark", Static).update(Text("✓ saved", style="dim"))

    @on(Saved)
    def _field_saved(self) -> None:
        self.mark_saved()

    @on(SaveFailed)
    def _field_failed(self, message: SaveFailed) -> None:
        self.query_one("#saved-mark", Static).update(Text("not saved", style="bold red"))
        if isinstance(message.error, StoreError):
            self.vig.save_failed(message.error)
        else:
            self.notify(str(message.error), severity="error")

    def reflection(self, prompt_id: str, clip_id: str | None) -> Reflection:
        return self.family.reflection(self.session_id, prompt_id, clip_id)

    def reflection_saver(
        self, prompt: Prompt, clip_id: str | None, field: str
    ) -> Callable[[str], None]:
        def save(text: str) -> None:
            self.family.save_reflection_text(
                self.session_id, prompt.id, clip_id, field, text, keep_doing=prompt.keep_doing
            )

        return save

    def session_saver(self, field: str) -> Callable[[str], None]:
        def save(text: str) -> None:
            self.family.set_meeting_text(self.session_id, field, text)

        return save

    # -- alerts ----------------------------------------------------------------------------
    def pending_alerts(self) -> list[str]:
        """Alerts raised by today's answers. An alert about a question left
        unanswered only counts once the meeting has moved past that question,
        so nothing changes on screen when the family merely reaches it."""
        from ...packs import ScoringError, score

        alerts: list[str] = []
        position = {s.key: i for i, s in enumerate(self.steps)}
        for adm in self.record.administrations:
            questionnaire = self.packs.questionnaires.get(adm.questionnaire_id)
            if adm.session_id != self.session.id or questionnaire is None:
                continue
            try:
                result = score(questionnaire, adm.answers)
            except ScoringError:
                continue
            for alert in result.alerts:
                item_step = position.get(f"qn:{adm.questionnaire_id}:{alert.item_id}", -1)
                if alert.answer is not None or self.index > item_step:
                    alerts.append(alert.message)
        return alerts

    def refresh_alert_mark(self, remind: bool = False) -> None:
        """The ◆ for pending alerts; in the practitioner view the alerts themselves —
        new ones as they arise, and all of them again on switching to that view."""
        alerts = self.pending_alerts()
        mark = self.query_one("#alert-mark", Static)
        mark.update(Text(" ◆ ", style="bold") if alerts else "")
        if self.vig.together:
            return
        for alert in alerts:
            if remind or alert not in self._announced:
                self._announced.add(alert)
                self.notify(alert, title="For you: safeguarding", severity="warning", timeout=20)

    # -- showing a step ---------------------------------------------------------------------
    async def show_step(self) -> None:
        async with self._showing:
            await self._show_step()

    async def _show_step(self) -> None:
        if not self.steps:
            return
        step = self.step
        self._save_progress()
        self._update_player(step)
        body = self.query_one("#step-body", VerticalScroll)
        prompt_view = self.query_one("#prompt-view")
        other_view = self.query_one("#other-view")
        if step.kind == "prompt":
            self.fill_prompt(step)
            prompt_view.display = True
            other_view.display = False
            if self._shown_kind not in (None, "prompt"):
                await other_view.remove_children()
        else:
            await other_view.remove_children()
            await other_view.mount_all(list(getattr(self, f"render_{step.kind}")(step)))
            prompt_view.display = False
            other_view.display = True
        self._shown_kind = step.kind
        body.scroll_home(animate=False)
        # the bar changes last, so "Step N" only shows once step N is on screen
        title = Text()
        title.append(literal(step.title or self.session.title()))
        self.query_one("#journey-title", Static).update(title)
        self.show_progress()
        self.query_one("#nav-back", Button).disabled = self.index == 0
        self.query_one("#nav-next", Button).disabled = self.index >= len(self.steps) - 1
        has_clip = step.clip_id is not None
        if has_clip != self._bindings_for_clip:  # the footer is rebuilt only when it changes
            self._bindings_for_clip = has_clip
            self.refresh_bindings()
        self._focus_first()

    def progress_text(self) -> str:
        """Where we are. The family sees parts ("Moment 1 of 2", "Part 3 of 7"),
        not "step 14 of 50"; the practitioner view shows both."""
        step = self.step
        if step.clip_id is not None:
            clips = [c.id for c in self.record.clips_for(self.session.cycle or 1)]
            part = (
                f"Moment {clips.index(step.clip_id) + 1} of {len(clips)}"
                if step.clip_id in clips
                else "A moment"
            )
        else:
            groups = number = 0
            last: str | None = None
            for i, s in enumerate(self.steps):
                if s.clip_id is not None:  # the clips are counted as moments instead
                    last = None
                    continue
                if s.title != last:
                    groups, last = groups + 1, s.title
                if i == self.index:
                    number = groups
            part = f"Part {number} of {groups}"
        if self.vig.together:
            return part
        return f"{part} · step {self.index + 1} of {len(self.steps)}"

    def show_progress(self) -> None:
        if self.steps:
            self.query_one("#journey-progress", Static).update(
                Text(self.progress_text(), style="dim")
            )

    def _focus_first(self) -> None:
        """Focus the first field the person at the screen can see."""
        body = self.query_one("#step-body", VerticalScroll)
        for widget in body.query("*"):
            if not widget.focusable or widget.has_class("private"):
                continue
            chain = [widget, *widget.ancestors]
            chain = chain[: chain.index(body)] if body in chain else chain
            if not all(node.display for node in chain):
                continue
            if self.vig.together and any(node.has_class("private") for node in chain):
                continue
            widget.focus()
            return
        self.query_one("#nav-next", Button).focus()

    # -- the player (shared review) ---------------------------------------------------------
    def _clip(self, clip_id: str | None) -> Clip | None:
        return next((c for c in self.record.clips if c.id == clip_id), None)

    def _update_player(self, step: Step) -> None:
        slot = self.query_one("#player-slot", Vertical)
        clip = self._clip(step.clip_id)
        slot.display = clip is not None
        if clip is None:
            return
        if self._panel is None:
            self._panel = self._make_panel(clip)
            slot.mount(self._panel)
        if self._panel_clip != clip.id:
            self._panel_clip = clip.id
            self.call_after_refresh(self._start_clip, clip)

    def _make_panel(self, clip: Clip) -> Widget:
        from ...playback import film_problem
        from ...privacy.consent import check_may_watch_together
        from ..widgets.player_panel import PlayerPanel

        blocked = check_may_watch_together(self.record.consent)
        film = next((f for f in self.record.films if f.id == clip.film_id), None)
        if film is not None and not blocked and film_problem(film.path, film.fingerprint):
            # never play a replaced film; no path on screen (the family may be watching)
            blocked = (
                "This clip cannot be played: its film has moved or changed since it was "
                "attached. Check it on the Films screen."
            )
        if blocked or film is None:
            reason = blocked or "The film for this clip is not attached."
            return Static(Text(reason, style="yellow"), id="player-blocked")
        player = self.vig.get_player()
        stills = self.family.stills_dir

        def still_path(at_ms: int) -> Path:
            return stills / f"clip-{clip.id[:8]}-{at_ms:07d}.png"

        return PlayerPanel(player, Path(film.path), still_path=still_path, id="player")

    def _start_clip(self, clip: Clip) -> None:
        from ..widgets.player_panel import PlayerPanel

        if isinstance(self._panel, PlayerPanel) and self._panel.problem is None:
            self._panel._run(lambda: self._panel.player.play_clip(clip.start_ms, clip.end_ms))  # type: ignore[union-attr]

    def _stop_player(self) -> None:
        from ..widgets.player_panel import PlayerPanel

        if isinstance(self._panel, PlayerPanel):
            # the player may already be gone or never opened
            with contextlib.suppress(Exception):
                self._panel.player.pause()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Player keys only show (and work) while a clip is on screen."""
        if action == "player":
            return bool(self.steps) and self.step.clip_id is not None
        return True

    def on_player_panel_still_saved(self, message: Any) -> None:
        """A still of the current clip is kept with the clip (inside the store)."""
        clip_id = self.step.clip_id
        if clip_id is None:
            return
        at_ms = self._panel.player.position_ms() if self._panel is not None else 0  # type: ignore[attr-defined]
        self.save(self.family.add_still, clip_id, Path(message.path), at_ms)

    def action_player(self, action: str) -> None:
        from ..widgets.player_panel import PlayerPanel

        if isinstance(self._panel, PlayerPanel) and self.query_one("#player-slot").display:
            getattr(self._panel, f"action_{action}")()

    # -- step renderers ----------------------------------------------------------------------
    def _prompt_header(self, step: Step) -> Iterable[Widget]:
        prompt = step.prompt
        if prompt is None:
            return
        variant = variant_of(self.record)
        yield Static(literal(prompt.text(variant)), classes="prompt-text")
        cue = prompt.cue(variant)
        principle = self.packs.principle(prompt.principle) if prompt.principle else None
        if cue or principle:
            text = Text("For you: ", style="bold")
            if cue:
                text.append(cue + " ")
            if principle:
                text.append(f"({principle.name})", style="italic")
            yield Static(text, classes="cue private")

    def render_prompt(self) -> Iterable[Widget]:
        """The same widgets serve every prompt step; `fill_prompt` puts the step's
        content in them, so moving from prompt to prompt needs no re-mounting."""
        yield Static(id="prompt-text", classes="prompt-text")
        yield Vertical(Static(id="prompt-cue", classes="cue"), classes="private private-box")
        yield Static(Text("At the first meeting you said:", style="dim"), id="earlier-label")
        yield Static(id="earlier-words", classes="earlier-words")
        yield Label("In the family's own words")
        yield AutosaveTextArea("", _no_save, id="family-words", classes="family-words")
        yield Label("This moment links to the helping question:", id="link-label")
        yield Select([], prompt="choose a question", id="question-link")
        yield Vertical(
            Label("Practitioner's note (private)"),
            AutosaveTextArea("", _no_save, id="private-note", classes="private-note"),
            classes="private private-box",
        )

    def fill_prompt(self, step: Step) -> None:
        assert step.prompt is not None
        prompt = step.prompt
        variant = variant_of(self.record)
        self.query_one("#prompt-text", Static).update(literal(prompt.text(variant)))
        cue = prompt.cue(variant)
        principle = self.packs.principle(prompt.principle) if prompt.principle else None
        cue_text = Text("For you: ", style="bold")
        if cue:
            cue_text.append(cue + " ")
        if principle:
            cue_text.append(f"draws out {principle.name.lower()}", style="italic")
        cue_widget = self.query_one("#prompt-cue", Static)
        cue_widget.update(cue_text)
        cue_widget.display = bool(cue or principle)  # inside a .private box: hidden together
        earlier = ""
        if prompt.repeats:
            earlier = self.record.answer(prompt.repeats, SessionKind.INITIAL_MEETING)
        if not earlier and self.index > 0 and self.steps[self.index - 1].kind == "set_question":
            agreed = self.record.questions_agreed_in(self.session)
            if agreed:
                earlier = "\n".join(f"{n}. {q.text}" for n, q in enumerate(agreed, 1))
                self.query_one("#earlier-label", Static).update(
                    Text("Your helping questions:", style="dim")
                )
        elif earlier:
            self.query_one("#earlier-label", Static).update(
                Text("At the first meeting you said:", style="dim")
            )
        self.query_one("#earlier-label").display = bool(earlier)
        words = self.query_one("#earlier-words", Static)
        words.display = bool(earlier)
        words.update(literal(f"“{earlier}”" if prompt.repeats else earlier))
        reflection = self.reflection(prompt.id, step.clip_id)
        self.query_one("#family-words", AutosaveTextArea).rebind(
            reflection.family_words,
            self.reflection_saver(prompt, step.clip_id, "family_words"),
        )
        self.query_one("#private-note", AutosaveTextArea).rebind(
            reflection.practitioner_note,
            self.reflection_saver(prompt, step.clip_id, "practitioner_note"),
        )
        linking = bool(step.clip_id and self.record.active_questions() and step.links_question)
        self.query_one("#link-label").display = linking
        select = self.query_one("#question-link", Select)
        select.display = linking
        if linking:
            with self.prevent(Select.Changed):
                select.set_options([(q.text, q.id) for q in self.record.active_questions()])
                select.value = reflection.question_id or Select.NULL

    @on(Select.Changed, "#question-link")
    def _link_changed(self, event: Select.Changed) -> None:
        step = self.step
        if step.prompt is None:
            return
        value = event.value
        question_id = None if value is Select.NULL else str(value)
        self.save(
            self.family.link_question, self.session_id, step.prompt.id, step.clip_id, question_id
        )

    # helping questions ---------------------------------------------------------------------
    def _anchor(self, value: int) -> str:
        rating = self.packs.helping_questions.rating
        if rating is None:
            return ""
        return next((str(a.label) for a in rating.anchors if a.value == value), "")

    def _question_slot(self, index: int) -> HelpingQuestion | None:
        return self.family.question_slot(self.session_id, index)

    def render_set_question(self, step: Step) -> Iterable[Widget]:
        index = step.question_index or 0
        question = self._question_slot(index)
        if index > 0 and self._question_slot(index - 1) is None:
            most = self.packs.helping_questions.max_questions
            yield Static(
                Text(
                    "Write the question before this one first — or go on: "
                    f"one to {most} questions is plenty.",
                    style="dim",
                )
            )
            return
        guide = self.packs.helping_questions
        heading = "Your helping question" if index == 0 else f"Helping question {index + 1}"
        if self.session.kind == SessionKind.FINAL_MEETING:
            heading = "Something to keep working on" + (f" ({index + 1})" if index else "")
        yield Static(heading, classes="prompt-text")
        if guide.starters:
            yield Static(Text("It can start like: " + "  ".join(guide.starters), style="dim"))
        yield AutosaveInput(
            question.text if question else "",
            self._question_text_saver(index),
            placeholder="How can I …?",
            id="question-text",
        )
        rating = guide.rating
        now_prompt = rating.where_now.text(variant_of(self.record)) if rating else "Where now?"
        hoped_prompt = rating.hoped_for.text(variant_of(self.record)) if rating else "Hoped for?"
        first = question.first() if question else None
        yield Label(now_prompt)
        yield RatingScale(
            first.value if first else None,
            low=self._anchor(0),
            high=self._anchor(10),
            id="rate-now",
        )
        yield Label(hoped_prompt)
        yield RatingScale(
            question.hoped_for if question else None,
            low=self._anchor(0),
            high=self._anchor(10),
            id="rate-hoped",
        )

    def _question_text_saver(self, index: int) -> Callable[[str], None]:
        def save(text: str) -> None:
            self.family.set_question_text(self.session_id, index, text)

        return save

    @on(RatingScale.Changed, "#rate-now, #rate-hoped")
    def _question_rated(self, event: RatingScale.Changed) -> None:
        self.flush_fields()
        question = self._question_slot(self.step.question_index or 0)
        if question is None:
            self.notify("Write the helping question first, then rate it.")
            event.scale.value = None
            return
        if event.scale.id == "rate-now":
            kind = (
                RatingKind.START
                if self.session.kind == SessionKind.INITIAL_MEETING
                else RatingKind.FINAL
            )
            if event.value is not None:
                self.save(
                    self.family.rate_question, question.id, event.value, kind, self.session_id
                )
        else:
            self.save(self.family.set_hoped_for, question.id, event.value)

    def render_rate_question(self, step: Step) -> Iterable[Widget]:
        question = next((q for q in self.record.questions if q.id == step.question_id), None)
        if question is None:
            yield Static("This helping question is no longer there.")
            return
        yield from self._prompt_header(step)
        yield Static(literal(question.text), classes="question-text")
        mine = question.rating_for_session(self.session.id)
        earlier = [r for r in question.ratings if r.session_id != self.session.id]
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
            low=self._anchor(0),
            high=self._anchor(10),
            id="rate-again",
        )

    @on(RatingScale.Changed, "#rate-again")
    def _question_rerated(self, event: RatingScale.Changed) -> None:
        question = next((q for q in self.record.questions if q.id == self.step.question_id), None)
        if question is None:
            return
        kind = (
            RatingKind.FINAL
            if self.session.kind == SessionKind.FINAL_MEETING
            else RatingKind.REVIEW
        )
        if event.value is not None:
            self.save(self.family.rate_question, question.id, event.value, kind, self.session_id)

    # questionnaires ---------------------------------------------------------------------------
    def render_choose_questionnaires(self, step: Step) -> Iterable[Widget]:
        from ...flows import chosen_questionnaires, offered_questionnaires

        if step.prompt is not None:
            yield from self._prompt_header(step)
        chosen = set(chosen_questionnaires(self.packs, self.record, self.session))
        yield Static(Text("Which questionnaires today? (space ticks or unticks)", style="dim"))
        choices = [
            (literal(str(self.packs.questionnaires[qid].title)), qid, qid in chosen)
            for qid in offered_questionnaires(self.packs, self.session)
        ]
        yield SelectionList[str](*choices, id="questionnaire-choice")

    @on(SelectionList.SelectedChanged, "#questionnaire-choice")
    def _questionnaires_chosen(self, event: SelectionList.SelectedChanged[str]) -> None:
        selected = list(event.selection_list.selected)
        order = [qid for qid in self.packs.questionnaires if qid in selected]
        if self.session.progress.get("questionnaires") != order:
            self.save(self.family.choose_questionnaires, self.session_id, order)
            self.recompute_steps()
            self.show_progress()

    def administration(self, questionnaire_id: str) -> Administration:
        version = str(self.packs.questionnaires[questionnaire_id].version)
        return self.family.administration(self.session_id, questionnaire_id, version)

    def render_questionnaire_intro(self, step: Step) -> Iterable[Widget]:
        assert step.questionnaire_id is not None
        questionnaire = self.packs.questionnaires[step.questionnaire_id]
        yield Static(literal(str(questionnaire.title)), classes="prompt-text")
        if questionnaire.instructions:
            yield Static(literal(str(questionnaire.instructions)))
        if not questionnaire.validated:
            notice = questionnaire.notice or "This is not a validated questionnaire."
            yield Static(literal(str(notice)), classes="notice")
        yield Static(
            Text(
                f"{len(questionnaire.items)} questions, one at a time. Press Ctrl+N to begin.",
                style="dim",
            )
        )
        if questionnaire.source:
            yield Static(literal(f"Source: {questionnaire.source}"), classes="private dim")

    def render_questionnaire_item(self, step: Step) -> Iterable[Widget]:
        assert step.questionnaire_id is not None and step.item_id is not None
        questionnaire = self.packs.questionnaires[step.questionnaire_id]
        item = questionnaire.item(step.item_id)
        assert item is not None
        number = [i.id for i in questionnaire.items].index(item.id) + 1
        total = len(questionnaire.items)
        adm = self.administration(step.questionnaire_id)
        bar = ProgressBar(total=total, show_eta=False, show_percentage=False, id="qn-progress")
        bar.progress = number - 1
        with_progress = Horizontal(
            Static(Text(f"Question {number} of {total}", style="bold")),
            bar,
            classes="qn-progress-row",
        )
        yield with_progress
        if questionnaire.instructions and number == 1:
            yield Static(literal(str(questionnaire.instructions)), classes="dim")
        yield Static(literal(item.text), classes="prompt-text")
        answer = adm.answers.get(item.id)
        if item.kind == "choice":
            options = questionnaire.options_for(item)
            option_list = OptionList(
                *[
                    Option(
                        Text(f" {n}   {o.label}")
                        + (Text("   ✓ your answer", style="bold") if o.score == answer else Text()),
                        id=str(o.score),
                    )
                    for n, o in enumerate(options, 1)
                ],
                id="qn-choices",
                classes="big-choices",
            )
            yield option_list
            if answer is not None:
                scores = [o.score for o in options]
                if answer in scores:
                    option_list.highlighted = scores.index(int(answer))
            yield Static(
                Text("Choose with the arrow keys and Enter, a number, or a click.", style="dim")
            )
        elif item.kind == "scale":
            low = item.min or 0
            high = item.max if item.max is not None else 10
            anchors = {a.value: str(a.label) for a in item.anchors}
            yield RatingScale(
                int(answer) if isinstance(answer, int) else None,
                low=anchors.get(low, ""),
                high=anchors.get(high, ""),
                id="qn-scale",
            )
        else:
            yield AutosaveTextArea(
                str(answer or ""),
                self._text_answer_saver(step),
                id="qn-text",
                classes="family-words",
            )

    def _record_answer(self, step: Step, value: int | str | None, advance: bool) -> None:
        assert step.questionnaire_id is not None and step.item_id is not None
        questionnaire = self.packs.questionnaires[step.questionnaire_id]
        scored = [i.id for i in questionnaire.items if i.kind != "text"]
        if self.save(
            self.family.answer,
            self.session_id,
            step.questionnaire_id,
            str(questionnaire.version),
            step.item_id,
            value,
            scored,
        ):
            self.refresh_alert_mark()
            if advance:
                self.set_timer(0.25, self.action_next)

    def _text_answer_saver(self, step: Step) -> Callable[[str], None]:
        def save(text: str) -> None:
            assert step.questionnaire_id is not None and step.item_id is not None
            version = str(self.packs.questionnaires[step.questionnaire_id].version)
            self.family.answer(self.session_id, step.questionnaire_id, version, step.item_id, text)

        return save

    @on(OptionList.OptionSelected, "#qn-choices")
    def _choice_made(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self._record_answer(self.step, int(event.option.id), advance=True)

    @on(RatingScale.Changed, "#qn-scale")
    def _scale_answered(self, event: RatingScale.Changed) -> None:
        self._record_answer(self.step, event.value, advance=False)

    def on_key(self, event: Any) -> None:
        """Digits pick a choice on a questionnaire item (1 = the first answer)."""
        if not (self.steps and self.step.kind == "questionnaire_item"):
            return
        if event.character and event.character.isdigit():
            choices = self.query("#qn-choices")
            if choices:
                option_list = choices.first(OptionList)
                n = int(event.character) - 1
                if 0 <= n < option_list.option_count:
                    option_list.highlighted = n
                    option_list.action_select()
                    event.stop()

    # the shared review ----------------------------------------------------------------------
    def render_watch(self, step: Step) -> Iterable[Widget]:
        clip = self._clip(step.clip_id)
        if clip is None:
            yield Static("This clip is no longer there.")
            return
        clips = self.record.clips_for(clip.cycle)
        number = [c.id for c in clips].index(clip.id) + 1
        yield Static(Text(f"Moment {number} of {len(clips)}", style="dim"))
        yield Static(literal(clip.title or "A moment"), classes="prompt-text")
        yield Static("Let's watch this moment together. Watch it as many times as you like.")
        yield Static(
            Text("F5 play or pause · F6 again · F7 slower · F8 loop · F9 freeze", style="dim")
        )
        if clip.principles:
            names = [
                self.packs.principle(p).name if self.packs.principle(p) else p
                for p in clip.principles
            ]
            yield Static(Text("Tagged: " + ", ".join(names), style="italic"), classes="private cue")
        if clip.chain_note:
            yield Static(
                literal("Initiative → reception: " + clip.chain_note), classes="private cue"
            )
        if clip.micro_note:
            yield Static(literal("Micro-analysis: " + clip.micro_note), classes="private cue")

    def render_notes(self, step: Step) -> Iterable[Widget]:
        yield Static("Anything else to note from today?", classes="prompt-text")
        yield Label("Notes for the family's record")
        yield AutosaveTextArea(
            self.session.shared_notes,
            self.session_saver("shared_notes"),
            id="shared-notes",
            classes="family-words",
        )
        yield Vertical(
            Label("Private notes (practitioner only)"),
            AutosaveTextArea(
                self.session.private_notes,
                self.session_saver("private_notes"),
                id="session-private-notes",
                classes="private-note",
            ),
            classes="private private-box",
        )

    def render_guidance(self, step: Step) -> Iterable[Widget]:
        yield Static(
            Text(
                "This step is for the practitioner alone, after the family has gone. "
                "Press F2 for the practitioner view.",
                style="dim",
            ),
            classes="together-only",
        )
        yield Vertical(
            Static("Your own guidance, for supervision", classes="prompt-text"),
            Static(
                Text(
                    "When did the family become active? What did you do that "
                    "helped — or got in the way?",
                    style="dim",
                )
            ),
            AutosaveTextArea(
                self.session.guidance_reflection,
                self.session_saver("guidance_reflection"),
                id="guidance",
                classes="family-words",
            ),
            classes="private private-box",
        )

    def render_celebrate(self, step: Step) -> Iterable[Widget]:
        celebration = gather_celebration(self.packs, self.record)
        yield Static("Look at what you have done", classes="prompt-text")
        if celebration.keep_doing:
            yield Static(Text("What you wanted to keep doing:", style="bold"))
            for words in celebration.keep_doing:
                yield Static(literal(f"  “{words}”"))
        if celebration.strengths:
            yield Static(Text("Strengths we saw in your films:", style="bold"))
            for name, count in celebration.strengths:
                yield Static(literal(f"  ★ {name}" + (f"  ({count} moments)" if count > 1 else "")))
        if celebration.words:
            yield Static(Text("In your own words:", style="bold"))
            for where, words in celebration.words:
                line = literal(f"  “{words}”")
                line.append(f"  — {where}", style="dim")
                yield Static(line)
        if not (celebration.words or celebration.strengths or celebration.keep_doing):
            yield Static(Text("Nothing from the reviews has been written down yet.", style="dim"))

    def render_compare(self, step: Step) -> Iterable[Widget]:
        yield Static("Your helping questions, from first to last", classes="prompt-text")
        for question in self.record.questions_to_rate(self.session):
            yield Static(literal(question.text), classes="question-text")
            first, last = question.first(), question.latest()
            line = Text()
            if first and last:
                line.append(f"  first {first.value}  →  now {last.value}   ", style="bold")
            line.append_text(ratings_line(question))
            yield Static(line)
        pairs = first_and_latest(self.packs, self.record)
        if pairs:
            lines = [Static(Text("Questionnaires (practitioner only)", style="bold"))]
            for first_score, latest_score in pairs:
                text = Text(f"  {first_score.title}: first {first_score.summary}")
                if latest_score is not None:
                    text.append(f" → latest {latest_score.summary}")
                lines.append(Static(text))
            yield Vertical(*lines, classes="private private-box")

    def render_finish(self, step: Step) -> Iterable[Widget]:
        said = [r for r in self.record.reflections_for(self.session.id) if r.family_words.strip()]
        yield Static("Thank you", classes="prompt-text")
        yield Static(
            f"{len(said)} answers were written down today, in the family's own words. "
            "Everything is already saved."
        )
        if self.session.completed:
            yield Static(Text("This meeting is marked as finished.", style="dim"))
        yield Button("Finish the meeting", id="finish", variant="success")

    @on(Button.Pressed, "#finish")
    def _finish(self) -> None:
        self.flush_fields()
        if self.save(self.family.finish_meeting, self.session_id):
            self._stop_player()
            self.notify("The meeting is finished and saved.", title="Done")
            self.app.pop_screen()
