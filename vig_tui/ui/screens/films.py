"""Filming and clip preparation for one cycle (the practitioner alone).

Attach the cycle's film (only with filming consent), notice when it has moved
or changed and find it again by its fingerprint, then choose the moments:
the clip list is in review order and can be re-ordered or trimmed.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...domain import Clip, FamilyRecord, Film, format_ms
from ...domain.rules.clips import film_clips_advice
from ...domain.rules.film_date import FilmDate, film_date
from ...playback import ClipDraft, FilmCheck
from ...privacy.consent import check_may_film, check_may_play
from ...services.films import (
    FilmNotAttached,
    LocatedFilm,
    film_health,
    film_status,
    locate_film,
)
from ...services.session import FamilySession, StoreError
from ..text import literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader, family_title
from .base import VigScreen


class FilmScreen(VigScreen):
    FAMILY_SAFE = False
    HELP = """\
## Filming and clip preparation (practitioner alone)

1. **Attach the film** for this cycle: type or paste its path and press Enter.
   The film stays where it is; vig remembers a fingerprint so it notices if the
   file moves or changes. If it has moved, type the new path or a folder to
   search, and vig checks it is the same film.
2. **Prepare clips** (Enter on *Prepare clips*, or **p**): play the film, mark the
   start with **[** and the end with **]**, title and tag the moment, **Ctrl+S** saves.
3. **Order** the clips for the review: select one and press **u** / **d** to move
   it up or down; **x** removes it (asks first).

**Recorded on** is the day the film was made: read from the film when it says
(and the date is believable), otherwise today. Change it and press Enter.

No film can be attached or played without the family's filming consent.
"""
    DEFAULT_CSS = """
    #film-date-row { height: auto; }
    #film-date-row Label { padding: 1 0 0 0; }
    /* the whole date and the cursor after it (border and padding take 6) */
    #film-date { width: 18; }
    #film-date-source { width: 1fr; height: auto; padding: 1 0 0 1; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Dashboard", id="films.back"),
        Binding("p", "prepare", "Prepare clips", id="films.prepare"),
        Binding("u", "move(-1)", "Move up", id="films.up"),
        Binding("d", "move(1)", "Move down", id="films.down"),
        Binding("x", "remove", "Remove clip", id="films.remove"),
    ]

    def __init__(self, family: FamilySession, cycle: int) -> None:
        super().__init__()
        self.family = family
        self.cycle = cycle
        self._remove_armed: str | None = None
        #: where the filming date came from, said once just after attaching
        self._date_said = ""

    @property
    def record(self) -> FamilyRecord:
        return self.family.record

    def compose(self) -> ComposeResult:
        yield VigHeader()
        with VerticalScroll(id="films"):
            yield Static(id="films-title", classes="title")
            yield Static(id="consent-line")
            yield Label("The film for this cycle (path to the video file)")
            # focusing the box never selects the path, so a stray key cannot replace it
            yield Input(
                id="film-path",
                placeholder=f"/home/me/Videos/family-cycle-{self.cycle}.mp4",
                select_on_focus=False,
            )
            yield Static(id="film-status")
            with Horizontal(id="film-date-row"):
                yield Label("Recorded on ")
                yield Input(id="film-date", placeholder="YYYY-MM-DD", max_length=10)
                yield Static(id="film-date-source", classes="dim")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Prepare clips", id="prepare", variant="primary")
            yield Static("Clips, in the order they will be watched", classes="section")
            yield OptionList(id="clip-list")
            yield Static(id="clip-advice", classes="dim")
        yield VigFooter()

    def on_mount(self) -> None:
        self.sub_title = family_title(
            self.record.family.label, f"cycle {self.cycle} films and clips"
        )
        self.refresh_view()
        self._focus_where_keys_work()

    def _focus_where_keys_work(self) -> None:
        """The path box only while there is no film to attach to; once a film is
        attached, the clip list, where p, u, d and x work (never a text box they
        would be typed into)."""
        if self.record.film_for(self.cycle) is None:
            self.query_one("#film-path", Input).focus()
        else:
            self.query_one("#clip-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.refresh_view()

    # -- view -----------------------------------------------------------------------------
    def refresh_view(self) -> None:
        record = self.record
        self.query_one("#films-title", Static).update(
            literal(f"{record.family.label} · Cycle {self.cycle} – filming and clips")
        )
        problem = check_may_film(record.consent)
        self.query_one("#consent-line", Static).update(
            Text(problem, style="yellow")
            if problem
            else Text("Filming consent: recorded ✓", style="dim")
        )
        film = record.film_for(self.cycle)
        path_input = self.query_one("#film-path", Input)
        status = self.query_one("#film-status", Static)
        self.query_one("#film-date-row").display = film is not None
        if film is None:
            status.update(Text("No film attached yet.", style="dim"))
        else:
            date_input = self.query_one("#film-date", Input)
            if not date_input.has_focus:
                date_input.value = film.recorded_on or ""
            self.query_one("#film-date-source", Static).update(literal(self._date_said))
            if not path_input.value:
                path_input.value = film.path
            status.update(Text("Checking the film is still there …", style="dim"))
            self._check_attached(film)
        self.query_one("#prepare", Button).disabled = film is None or problem is not None
        clips = record.clips_for(self.cycle)
        options = self.query_one("#clip-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for n, clip in enumerate(clips, 1):
            label = Text(f"{n}. ")
            label.append_text(literal(clip.title or "untitled"))
            label.append(f"   {clip.span_text()}", style="dim")
            if clip.principles:
                label.append("   " + ", ".join(clip.principles), style="italic")
            options.add_option(Option(label, id=clip.id))
        if clips:
            options.highlighted = min(highlighted or 0, len(clips) - 1)
        advice = film_clips_advice([(c.title, c.length_ms) for c in clips])
        if film is not None:  # clips past the playable part of a damaged film
            health = film_health(film)
            for clip in clips:
                if (late := health.clip_problem(clip.start_ms, clip.end_ms)) is not None:
                    advice.append(f"“{clip.title or 'untitled'}”: {late}")
        if not clips:
            advice.append("No clips yet. Prepare clips to choose the moments to watch together.")
        self.query_one("#clip-advice", Static).update(literal("\n".join(advice)))

    @work(thread=True, exclusive=True, group="film")
    def _check_attached(self, film: Film) -> None:
        """Hashing the film can be slow (a USB disk): never on the UI thread."""
        check = film_status(film)
        self.app.call_from_thread(self._show_check, film, check)

    def _show_check(self, film: Film, check: FilmCheck) -> None:
        status = self.query_one("#film-status", Static)
        if check.ok:
            length = format_ms(film.duration_ms) if film.duration_ms else "?"
            status.update(literal(f"Attached: {Path(film.path).name} ({length})"))
            if (warning := film_health(film).warning) is not None:
                status.update(Text(f"{Path(film.path).name}: {warning}", style="yellow"))
        else:
            status.update(
                Text(
                    check.message + " Type its new path, or a folder to search, and press Enter.",
                    style="yellow",
                )
            )

    # -- attaching a film ---------------------------------------------------------------------
    @on(Input.Submitted, "#film-path")
    def attach(self, event: Input.Submitted) -> None:
        problem = check_may_film(self.record.consent)
        if problem:
            self.notify(problem, title="Not attached", severity="warning")
            return
        raw = event.value.strip()
        if not raw:
            return
        self.query_one("#film-status", Static).update(Text("Checking the film …", style="dim"))
        clips = [(c.start_ms, c.end_ms) for c in self.record.clips_for(self.cycle)]
        self._locate(raw, self.record.film_for(self.cycle), clips)

    class Progress(Message):
        """A line of progress from film work running in a worker."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    @on(Progress)
    def _show_progress(self, message: Progress) -> None:
        self.query_one("#film-status", Static).update(literal(message.text))

    @work(thread=True, exclusive=True, group="film")
    def _locate(self, typed: str, known: Film | None, clips: list[tuple[int, int]]) -> None:
        """Find, fingerprint, check and measure the film off the UI thread."""
        try:

            def progress(line: str) -> None:
                self.post_message(self.Progress(line))

            found = locate_film(typed, known, progress, clips=clips)
        except FilmNotAttached as err:
            self.app.call_from_thread(self._not_attached, err)
            return
        self.app.call_from_thread(self._located, found)

    def _not_attached(self, err: FilmNotAttached) -> None:
        if err.severity == "warning":
            self.notify(err.message, title="Not attached", severity="warning", markup=False)
        else:
            self.notify(err.message, title="Not attached", severity="error", markup=False)
        self.refresh_view()

    def _located(self, found: LocatedFilm) -> None:
        if found.replaces_other and self._armed_new_film != str(found.path):
            self._armed_new_film = str(found.path)
            self.notify(
                "This is a different film from the one attached before. Press "
                "Enter again to attach it instead.",
                severity="warning",
            )
            self.refresh_view()
            return
        recorded = found.recorded or film_date(None)
        new_film = self.record.film_for(self.cycle) is None or found.replaces_other
        try:
            # the same film found again, or (confirmed) another film in its place
            self.family.attach_film(
                self.cycle,
                str(found.path),
                found.fingerprint,
                found.duration_ms,
                recorded.day,
                playable_ms=found.playable_ms,
            )
        except StoreError as err:
            self.vig.save_failed(err)
            return
        if new_film:
            self._date_said = _date_said(recorded)
        self._armed_new_film = None
        self.query_one("#film-path", Input).value = str(found.path)
        if found.warning:
            self.notify(found.warning, title="Attached, but damaged", severity="warning")
        else:
            self.notify("The film is attached.", title="Saved")
        shared = self.record.cycles_sharing_film(self.cycle)
        if new_film and shared:
            cycles = " and ".join(f"cycle {n}" for n in shared)
            self.notify(
                f"This is the same film as {cycles}'s. That is fine if one recording "
                "serves both; if not, attach this cycle's own film here instead.",
                title="A film already used",
                severity="warning",
            )
        self.refresh_view()
        self._focus_where_keys_work()

    _armed_new_film: str | None = None

    @on(Input.Submitted, "#film-date")
    def set_recorded_on(self, event: Input.Submitted) -> None:
        film = self.record.film_for(self.cycle)
        if film is None:
            return
        try:
            self.family.course.set_film_date(film.id, event.value)
        except ValueError as err:
            self.notify(str(err), title="Not saved", severity="warning", markup=False)
            return
        except StoreError as err:
            self.vig.save_failed(err)
            return
        self._date_said = "set by hand"
        self.notify(f"The film is dated {event.value.strip()}.", title="Saved")
        self.refresh_view()
        self._focus_where_keys_work()

    # -- clips ---------------------------------------------------------------------------------
    def save_draft(self, draft: ClipDraft) -> str:
        film = self.record.film_for(self.cycle)
        assert film is not None
        existing = self.family.clip(draft.id)
        values = {
            "start_ms": draft.start_ms,
            "end_ms": draft.end_ms,
            "title": draft.title,
            "principles": list(draft.principles),
            "chain_note": draft.chain_note,
            "micro_note": draft.micro_note,
        }
        if existing is None:
            clip = Clip(film_id=film.id, cycle=self.cycle, **values)  # type: ignore[arg-type]
        else:
            clip = existing.model_copy(update=values)
        return self.family.save_clip(clip).id  # validated there: end after start, etc.

    def action_prepare(self) -> None:
        from ...services.stills import prep_still_name
        from .clip_prep import ClipPrepScreen

        film = self.record.film_for(self.cycle)
        problem = check_may_play(self.record.consent)
        if problem or film is None:
            self.notify(problem or "Attach the film first.", severity="warning")
            return
        drafts = [
            ClipDraft(
                id=c.id,
                start_ms=c.start_ms,
                end_ms=c.end_ms,
                title=c.title,
                principles=list(c.principles),
                chain_note=c.chain_note,
                micro_note=c.micro_note,
            )
            for c in self.record.clips_for(self.cycle)
        ]
        principles = [(p.id, str(p.name)) for p in getattr(self.vig.packs, "principles", [])]
        stills = self.family.stills_dir

        def still_path(at_ms: int) -> Path:
            return stills / prep_still_name(self.cycle, at_ms)

        self.app.push_screen(
            ClipPrepScreen(
                self.vig.get_player(),
                Path(film.path),
                drafts,
                principles,
                self.save_draft,
                still_path=still_path,
                stills=self.family.stills,
            )
        )

    @on(Button.Pressed, "#prepare")
    def _prepare_pressed(self) -> None:
        self.action_prepare()

    def _selected_clip_id(self) -> str | None:
        options = self.query_one("#clip-list", OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        return options.get_option_at_index(options.highlighted).id

    def action_move(self, delta: int) -> None:
        clip_id = self._selected_clip_id()
        if clip_id is None:
            return
        order = [c.id for c in self.record.clips_for(self.cycle)]
        i = order.index(clip_id)
        j = max(0, min(len(order) - 1, i + delta))
        order[i], order[j] = order[j], order[i]
        try:
            self.family.reorder_clips(self.cycle, order)
        except StoreError as err:
            self.vig.save_failed(err)
            return
        self.refresh_view()
        self.query_one("#clip-list", OptionList).highlighted = j

    def action_remove(self) -> None:
        clip_id = self._selected_clip_id()
        if clip_id is None:
            return
        if self._remove_armed != clip_id:
            self._remove_armed = clip_id
            self.notify(
                "Press x again to remove this clip. The film itself is not touched.",
                severity="warning",
            )
            return
        try:
            self.family.remove_clip(clip_id)
        except StoreError as err:
            self.vig.save_failed(err)
            return
        self._remove_armed = None
        self.refresh_view()


def _date_said(recorded: FilmDate) -> str:
    """Where the filming date came from, for the line beside it."""
    return recorded.source + (f" — {recorded.note}" if recorded.note else "")
