"""Clip preparation: the practitioner, alone, picks the moments to show the family.

Watch the whole film, mark a start and an end, nudge them frame by frame,
preview the clip, give it a title, tick the principles it shows, note the
initiative → reception chain and any micro-analysis, and save. Warnings (clip
length, number of clips) are advice only; they never stop a save.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, SelectionList, Static, TextArea
from textual.widgets.option_list import Option

from vig_tui.playback.clips import ClipDraft, format_ms
from vig_tui.playback.player import Player, PlayerState
from vig_tui.ui.widgets.player_panel import PlayerPanel
from vig_tui.ui.widgets.ticks import TickList

from ..widgets.footer import VigFooter
from ..widgets.text_editor import TextEditor
from .clip_prep_look import CSS, HELP, KEYS_LINE, PREVIEW_HOLDS, clip_label
from .clip_prep_stills import StillPicker, StillsPort

NUDGES: dict[str, int] = {"frame": 0, "second": 1000}  # 0 → the film's frame length

#: Messages our own form edits raise; silenced when the screen fills the form itself.
FORM_CHANGES = (Input.Changed, TextArea.Changed, SelectionList.SelectedChanged)


class ClipPrepScreen(Screen[None]):
    FAMILY_SAFE = False
    HELP = HELP
    DEFAULT_CSS = CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save clip", priority=True, id="clip_prep.save"),
        Binding("v", "preview", "Preview", id="clip_prep.preview"),
        Binding("w", "whole_film", "Whole film", show=False, id="clip_prep.whole_film"),
        Binding("left_curly_bracket", "select_mark('start')", "Start", key_display="{",
                show=False, id="clip_prep.select_start"),
        Binding("right_curly_bracket", "select_mark('end')", "End", key_display="}",
                show=False, id="clip_prep.select_end"),
        Binding("minus", "nudge(-1, 'frame')", "−frame", key_display="-", show=False,
                id="clip_prep.nudge_back_frame"),
        Binding("equals_sign", "nudge(1, 'frame')", "+frame", key_display="=", show=False,
                id="clip_prep.nudge_forward_frame"),
        Binding("underscore", "nudge(-1, 'second')", "−1 s", key_display="_", show=False,
                id="clip_prep.nudge_back_second"),
        Binding("plus", "nudge(1, 'second')", "+1 s", key_display="+", show=False,
                id="clip_prep.nudge_forward_second"),
        Binding("ctrl+n", "new_clip", "New clip", id="clip_prep.new"),
        Binding("escape", "back", "Back", id="clip_prep.back"),
    ]  # fmt: skip

    def __init__(
        self,
        player: Player,
        film_path: Path,
        existing: list[ClipDraft],
        principles: list[tuple[str, str]],
        on_save: Callable[[ClipDraft], object],
        *,
        still_path: Callable[[int], Path] | None = None,
        stills: StillsPort | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``on_save`` receives each saved draft. A new clip arrives with ``id=None``;
        if ``on_save`` returns a str (or a ClipDraft) its id is kept, so saving the
        same clip again updates it rather than adding another. With ``stills``
        (a family's), stills taken here are kept with the clip, ticked or not."""
        super().__init__(name=name, id=id, classes=classes)
        self.player = player
        self.film_path = film_path
        self.clips: list[ClipDraft] = [replace(c, principles=list(c.principles)) for c in existing]
        self.principles = list(principles)
        self.on_save = on_save
        self.still_path = still_path
        self.stills_port = stills if still_path is not None else None
        self.start_ms: int | None = None
        self.end_ms: int | None = None
        self.selected = "start"
        self.editing_id: str | None = None
        self.editing_index: int | None = None
        #: the form as the clip was opened (or last saved); anything else is unsaved
        self._opened: tuple[object, ...] = ()
        #: the key the "not saved" warning was last given for (pressed again, it goes ahead)
        self._asked_for: str | None = None
        #: whether the marks line says a preview holds the player
        self._said_preview = False

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield Static(Text(f"Preparing clips · {self.film_path.name}"), id="cp-heading")
        yield PlayerPanel(
            self.player,
            self.film_path,
            marking=True,
            still_path=self.still_path,
            id="cp-player",
        )
        yield Static(id="cp-marks")
        yield Static(id="cp-advice")
        with VerticalScroll(id="cp-form"):
            yield Label("Title")
            yield Input(placeholder="A few words to recognise the moment", id="cp-title")
            yield Label("Principles this moment shows")
            yield TickList[str](
                *[(Text(name), pid) for pid, name in self.principles], id="cp-principles"
            )
            yield Label("Initiative → reception (what the child did, how it was received)")
            yield TextEditor(id="cp-chain")
            yield Label("Micro-analysis notes")
            yield TextEditor(id="cp-micro")
            yield StillPicker(self.stills_port, id="cp-stills-picker")
            yield Label("Clips on this film (Enter to edit one)")
            yield OptionList(id="cp-clips")
        yield Static(Text(KEYS_LINE), id="cp-keys")
        yield VigFooter()

    def on_mount(self) -> None:
        self._opened = self._form_state()
        self._refresh_clip_list()
        self._refresh_marks()
        # Tab goes from the player straight to the title, not to the scrolling form
        self.query_one("#cp-form").can_focus = False
        self.query_one(PlayerPanel).focus()
        # the player's keys (r, a jump past the end) may start or end a clip too
        self.set_interval(0.2, self._watch_preview, name="preview-watch")

    @property
    def panel(self) -> PlayerPanel:
        return self.query_one(PlayerPanel)

    # ------------------------------------------------------------ the draft
    def current_draft(self) -> ClipDraft:
        principle_list = self.query_one("#cp-principles", SelectionList)
        return ClipDraft(
            id=self.editing_id,
            start_ms=self.start_ms if self.start_ms is not None else 0,
            end_ms=self.end_ms if self.end_ms is not None else 0,
            title=self.query_one("#cp-title", Input).value,
            principles=[str(v) for v in principle_list.selected],
            chain_note=self.query_one("#cp-chain", TextArea).text,
            micro_note=self.query_one("#cp-micro", TextArea).text,
        )

    def _form_state(self) -> tuple[object, ...]:
        """Everything the form holds that saving would keep."""
        draft, picker = self.current_draft(), self.query_one(StillPicker)
        return (
            self.start_ms,
            self.end_ms,
            replace(draft, start_ms=0, end_ms=0, principles=sorted(draft.principles)),
            sorted(picker.chosen),
            [s.name for s in picker.stills if s.fresh],
        )

    @property
    def dirty(self) -> bool:
        """Something was entered since the clip was opened (or saved)."""
        return self._form_state() != self._opened

    def _other_clip_count(self) -> int:
        return len(self.clips) - (1 if self.editing_index is not None else 0)

    def advice(self) -> list[str]:
        """What the screen is currently advising (problems first, then warnings)."""
        if self.start_ms is None or self.end_ms is None:
            return []
        draft = self.current_draft()
        return draft.errors() + draft.warnings(self._other_clip_count())

    def _refresh_marks(self) -> None:
        def part(label: str, value: int | None, which: str) -> Text:
            chosen = self.selected == which
            text = Text("▸ " if chosen else "  ", style="bold")
            text.append(f"{label} ", style="bold" if chosen else "")
            text.append(format_ms(value) if value is not None else "not marked")
            return text

        line = Text()
        line.append_text(part("Start", self.start_ms, "start"))
        line.append("   ")
        line.append_text(part("End", self.end_ms, "end"))
        if self.start_ms is not None and self.end_ms is not None:
            line.append(f"   lasts {(self.end_ms - self.start_ms) / 1000:.2f} s", style="dim")
        self._said_preview = self.previewing
        if self._said_preview:
            line.append(f"   {PREVIEW_HOLDS}", style="bold")
        self.query_one("#cp-marks", Static).update(line)
        self.query_one("#cp-advice", Static).update(Text("\n".join(self.advice())))
        self.panel.set_marks(self.start_ms, self.end_ms)
        self.query_one(StillPicker).set_moment(self.start_ms, self.end_ms)

    def _refresh_clip_list(self) -> None:
        options = self.query_one("#cp-clips", OptionList)
        options.clear_options()
        options.add_options([Option(clip_label(c), id=str(i)) for i, c in enumerate(self.clips)])
        if self.clips:  # Enter edits a clip at once, with no arrow key first
            options.highlighted = self.editing_index or 0

    @property
    def previewing(self) -> bool:
        """True while a clip preview keeps the player inside the clip."""
        return self.player.film_path is not None and self.player.clip is not None

    def _watch_preview(self) -> None:
        if self.previewing != self._said_preview:
            self._refresh_marks()

    def _end_preview(self) -> None:
        """Free the whole film again, paused where the preview was."""
        if self.previewing:
            self.player.play_film(self.player.position_ms(), paused=True)

    def _set_mark(self, which: str, value: int) -> None:
        length = self.player.length_ms
        value = max(0, value)
        if length > 0:
            value = min(value, length)
        if which == "start":
            self.start_ms = value
        else:
            self.end_ms = value
        self.selected = which
        self._asked_for = None
        self._refresh_marks()

    def _show(self, position_ms: int) -> None:
        """Show this frame, paused, even if it lies outside the clip being previewed."""
        player = self.player
        if player.film_path is None:
            return
        clip = player.clip
        outside = clip is not None and not (
            clip.start_ms <= position_ms <= (clip.end_ms if clip.end_ms is not None else 1 << 62)
        )
        if outside or player.state in (PlayerState.READY, PlayerState.ERROR):
            player.play_film(position_ms, paused=True)
        else:
            player.freeze()
            player.seek(position_ms)

    # ------------------------------------------------------------- handlers
    @on(PlayerPanel.MarkRequested)
    def _marked(self, message: PlayerPanel.MarkRequested) -> None:
        self._set_mark(message.which, message.position_ms)

    @on(PlayerPanel.StillSaved)
    def _still_taken(self, message: PlayerPanel.StillSaved) -> None:
        """A still of the clip being prepared: listed, shown, kept when the clip is saved.
        (The message goes on to the app, which makes the file private.)"""
        picker, at_ms = self.query_one(StillPicker), self.player.position_ms()
        problem = picker.add_taken(message.path, at_ms)
        if problem:
            self.notify(problem, severity="warning", markup=False)
            return
        if picker.outside(at_ms):
            self.notify(
                "This still is outside the marked moment; it will not be shown in the room.",
                severity="warning",
            )
        self._asked_for = None

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(SelectionList.SelectedChanged)
    def _edited(self) -> None:
        self._asked_for = None
        self.query_one("#cp-advice", Static).update(Text("\n".join(self.advice())))

    @on(OptionList.OptionSelected, "#cp-clips")
    def _pick_clip(self, event: OptionList.OptionSelected) -> None:
        index = int(event.option.id or 0)
        self.load(index)

    def load(self, index: int) -> None:
        """Put an existing clip into the form for editing."""
        clip = self.clips[index]
        self.editing_index = index
        self.editing_id = clip.id
        self.start_ms, self.end_ms = clip.start_ms, clip.end_ms
        with self.prevent(*FORM_CHANGES):
            self.query_one("#cp-title", Input).value = clip.title
            self.query_one("#cp-principles", TickList).start_over(clip.principles)
            self.query_one("#cp-chain", TextArea).text = clip.chain_note
            self.query_one("#cp-micro", TextArea).text = clip.micro_note
            self.query_one(StillPicker).load(clip.id)
        self.selected = "start"
        self._opened = self._form_state()
        self._end_preview()  # another clip: the last one's preview lets go
        self._refresh_marks()
        self._show(clip.start_ms)

    # --------------------------------------------------------------- actions
    def action_select_mark(self, which: str) -> None:
        self.selected = which
        self._refresh_marks()

    def action_nudge(self, direction: int, unit: str) -> None:
        step = NUDGES[unit] or self.player.frame_ms
        current = self.start_ms if self.selected == "start" else self.end_ms
        if current is None:
            self.panel.say("Mark the start with [ and the end with ] first.")
            return
        self._set_mark(self.selected, current + int(direction) * step)
        value = self.start_ms if self.selected == "start" else self.end_ms
        assert value is not None
        self._show(value)

    def action_preview(self) -> None:
        if self.start_ms is None or self.end_ms is None:
            self.panel.say("Mark the start with [ and the end with ] to preview the clip.")
            return
        if self.end_ms <= self.start_ms:
            self.panel.say("The end needs to come after the start before it can be previewed.")
            return
        if self.player.film_path is None:
            return
        self.player.play_clip(self.start_ms, self.end_ms)
        self.panel.say("Previewing the clip. w goes back to the whole film.")
        self._refresh_marks()

    def action_whole_film(self) -> None:
        if self.player.film_path is not None:
            self._end_preview()
            self.panel.say("Back to the whole film.")
            self._refresh_marks()

    def action_save(self) -> None:
        if self.start_ms is None or self.end_ms is None:
            self.notify("Mark the start ([) and the end (]) before saving.", severity="warning")
            return
        draft = self.current_draft()
        problems = draft.errors()
        if problems:
            self.notify(" ".join(problems), severity="warning")
            return
        try:
            result = self.on_save(draft)
        except Exception as exc:  # the store reports its own problems; keep the draft
            self.notify(f"The clip was not saved: {exc}", severity="error", markup=False)
            return
        if isinstance(result, ClipDraft):
            draft = result
        elif isinstance(result, str):
            draft = replace(draft, id=result)
        if self.editing_index is None:
            self.clips.append(draft)
            self.editing_index = len(self.clips) - 1
        self.clips[self.editing_index] = draft
        self.editing_id = draft.id  # saving again updates this clip, never adds another
        self._refresh_clip_list()
        if not self._keep_stills(draft.id):
            return
        self.notify(f"Saved “{draft.title or 'untitled clip'}”.", markup=False)
        self._clear_form()
        self.panel.focus()  # back to the film: ← → [ ] work again for the next clip

    def _keep_stills(self, clip_id: str | None) -> bool:
        """Keep the stills taken and the ticks with the saved clip (False if that failed)."""
        picker = self.query_one(StillPicker)
        if self.stills_port is None or clip_id is None:
            return True
        try:
            self.stills_port.keep(clip_id, picker.taken, picker.chosen)
        except Exception as exc:  # the store reports its own problems; keep the form
            self.notify(
                f"The clip was saved, but not its stills: {exc}", severity="error", markup=False
            )
            return False
        return True

    def _ask_first(self, again: str) -> bool:
        """Something was entered and not saved: say so (once for this key; the
        same key again goes ahead). True when it was said."""
        if not self.dirty or self._asked_for == again:
            return False
        self._asked_for = again
        self.panel.focus()
        self.notify(
            f"This clip has not been saved. Press ctrl+s to save it, or {again}.",
            severity="warning",
        )
        return True

    def action_new_clip(self) -> None:
        # a clip marked and filled in, not saved, went without a word
        if self._ask_first("ctrl+n again to start a new clip"):
            return
        self.query_one(StillPicker).discard_taken()  # stills of a clip not saved
        self._clear_form()
        self.panel.focus()  # as after a save: [ ] mark the next clip at once

    def _clear_form(self) -> None:
        """Ready for the next clip: the last one's preview no longer holds the player."""
        self._end_preview()
        self.editing_id = None
        self.editing_index = None
        self.start_ms = self.end_ms = None
        self.selected = "start"
        with self.prevent(*FORM_CHANGES):
            self.query_one("#cp-title", Input).value = ""
            self.query_one("#cp-principles", TickList).start_over()
            self.query_one("#cp-chain", TextArea).text = ""
            self.query_one("#cp-micro", TextArea).text = ""
            self.query_one(StillPicker).load(None)
        self._opened = self._form_state()
        self._refresh_marks()

    def action_back(self) -> None:
        """Leaves at once when nothing was entered; otherwise asks once (and
        takes the player keys back), and a second Esc leaves."""
        if self._ask_first("Esc again to leave"):
            return
        self.query_one(StillPicker).discard_taken()  # stills of a clip not saved
        self.player.pause()
        self.dismiss(None)
