"""The moments booklet at the desk: check what goes in, then save it as PDF or HTML.

For each clip watched together the screen lists the stills that will be in
the booklet (the ones picked in clip preparation, or the first ones taken
when none were picked), the family's own words that caption them and what
the moment shows in everyday words. It says plainly whether the family's
consent lets them keep copies, and saves the booklet into a folder through
:func:`vig_tui.services.booklet.save_booklet` (the one consent gate). The
practitioner alone: it names what is still to do, never shown in the room.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from ...domain.ids import format_ms
from ...domain.rules.stills import HOW_TO_PICK
from ...errors import VigError
from ...export.booklet import Moment
from ...services.booklet import BookletSaved, booklet_plan, save_booklet
from ...services.profile import last_export_folder, remember_export_folder
from ...services.session import FamilySession
from ..text import literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader, family_title
from .base import VigScreen

NO_MOMENTS = (
    "No clip has been watched together yet, so there are no moments to put in. "
    "The booklet would hold only their helping questions."
)


def moment_lines(moment: Moment) -> Group:
    """One moment as the practitioner checks it: stills, captions, strengths
    (each line indented as a whole, so a long caption wraps under itself)."""
    heading = Text(f"Film {moment.film} · ", style="bold")
    heading.append_text(literal(moment.title or "untitled", style="bold"))
    lines: list[Text] = []
    times = ", ".join(format_ms(at_ms) for _, at_ms in moment.stills)
    if not moment.stills:
        lines.append(Text("No stills taken: this moment goes in with their words only."))
    elif moment.picked:
        lines.append(Text(f"Stills you picked: at {times}"))
    else:
        lines.append(Text(f"Stills: not picked yet, so the first ones will be used (at {times})"))
        lines.append(Text(HOW_TO_PICK, style="dim"))
    for who, words in moment.words:
        caption = Text("Caption: ")
        if who:
            caption.append_text(literal(f"{who}: "))
        caption.append_text(literal(f"“{words}”", style="italic"))
        lines.append(caption)
    if moment.strengths:
        lines.append(Text("What it shows: ").append_text(literal("; ".join(moment.strengths))))
    return Group(heading, *(Padding(line, (0, 0, 0, 2)) for line in lines))


def consent_line(refused: str | None) -> Text:
    if refused is None:
        return Text("The family agreed to keep copies of their clips: the booklet can be made.")
    text = Text("The booklet cannot be made yet. ", style="bold yellow")
    text.append_text(literal(refused, style="yellow"))
    text.append("\nPress Esc, then c on the family's page to open the Consent screen.")
    return text


class BookletScreen(VigScreen):
    FAMILY_SAFE = False
    HELP = """\
## The moments booklet (practitioner alone)

A few printed pages the family keeps: for each clip you watched together,
its stills, their own words about it and what it shows in everyday words,
then their helping questions from first to last rating. Never your notes,
scores or the principles' names.

- The list shows which stills will go in. Tick one to three of a clip's
  stills in clip preparation; until then the first ones taken are used.
- The booklet needs the family's agreement to keep copies of their clips
  (the Consent screen, **c** on the family's page).
- Give a folder and press **Save as PDF** or **Save as HTML**. Without the
  PDF maker (WeasyPrint) it is saved as HTML, which any web browser prints.
- **Esc** goes back.
"""
    DEFAULT_CSS = """
    BookletScreen #booklet { padding: 0 1; }
    BookletScreen #booklet-folder { width: 100%; }
    BookletScreen #booklet-buttons { height: auto; margin-top: 1; }
    BookletScreen #booklet-buttons Button { margin-right: 2; }
    BookletScreen #booklet-result { height: auto; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="booklet.back")]

    def __init__(self, family: FamilySession) -> None:
        super().__init__()
        self.family = family
        self.saved: BookletSaved | None = None

    def compose(self) -> ComposeResult:
        yield VigHeader()
        with VerticalScroll(id="booklet"):
            yield Static(id="booklet-title", classes="title")
            yield Static(id="booklet-consent")
            yield Static("What goes in", classes="section")
            yield Static(id="booklet-moments")
            yield Static("Save it", classes="section")
            yield Label("Into the folder")
            yield Input(last_export_folder(self.vig.store) or str(Path.home()), id="booklet-folder")
            with Horizontal(id="booklet-buttons"):
                yield Button("Save as PDF", id="booklet-pdf", variant="primary")
                yield Button("Save as HTML", id="booklet-html")
            yield Static(id="booklet-result")
        yield VigFooter()

    def on_mount(self) -> None:
        self.refresh_plan()
        self.query_one("#booklet-folder", Input).focus()  # type a folder, Enter saves a PDF

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.refresh_plan()

    def refresh_plan(self) -> None:
        record = self.family.record
        self.sub_title = family_title(record.family.label, "moments booklet")
        title = Text("The moments booklet for ")
        title.append_text(literal(record.family.label))
        self.query_one("#booklet-title", Static).update(title)
        plan = booklet_plan(record, self.vig.packs)
        self.query_one("#booklet-consent", Static).update(consent_line(plan.refused))
        parts: list[Group | Text] = []
        for moment in plan.moments:
            parts += [moment_lines(moment), Text()]
        self.query_one("#booklet-moments", Static).update(
            Group(*parts[:-1]) if parts else Text(NO_MOMENTS)
        )
        for button in self.query(Button):
            button.disabled = plan.refused is not None

    @on(Input.Submitted, "#booklet-folder")
    @on(Button.Pressed, "#booklet-pdf")
    def save_pdf(self) -> None:
        self.save("pdf")

    @on(Button.Pressed, "#booklet-html")
    def save_html(self) -> None:
        self.save("html")

    def save(self, fmt: str) -> None:
        if self.query_one("#booklet-pdf", Button).disabled:
            return  # no consent: the line above says what to do
        for button in self.query(Button):
            button.disabled = True
        self.query_one("#booklet-result", Static).update(Text("Making the booklet…"))
        self._save(fmt, self.query_one("#booklet-folder", Input).value)

    @work(thread=True, exclusive=True, group="saving-the-booklet", exit_on_error=False)
    def _save(self, fmt: str, folder: str) -> None:
        try:
            saved = save_booklet(self.vig.store, self.family.id, self.vig.packs, folder, fmt)
        except VigError as err:
            self.app.call_from_thread(self._done, None, str(err))
            return
        except Exception:  # reported by the app (ReportsFailedWorkers); the buttons come back
            self.app.call_from_thread(self._done, None, "The booklet was not saved.")
            raise
        self.app.call_from_thread(self._done, saved, None)

    def _done(self, saved: BookletSaved | None, problem: str | None) -> None:
        self.saved = saved
        result = self.query_one("#booklet-result", Static)
        if saved is None:
            result.update(literal(problem or "", style="red"))
        else:
            text = Text(f"Saved: {saved.path}", style="bold green")
            if saved.note:
                text.append("\n")
                text.append_text(literal(saved.note, style="yellow"))
            text.append("\nIt holds the family's stills and words: keep it somewhere safe.")
            result.update(text)
            # said where it is seen, however long the list above the buttons is
            self.notify(f"Saved: {saved.path}", title="Booklet saved")
            if kept := remember_export_folder(self.vig.store, saved.path.parent):
                self.notify(kept, severity="warning", markup=False)
        self.refresh_plan()
        # once the line is laid out with its new text (all of it then comes into view)
        self.call_after_refresh(result.scroll_visible, animate=False)
