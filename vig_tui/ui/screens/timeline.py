"""A family's timeline: every session, clip, rating and questionnaire by date."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from ...desk.search import match_spans
from ...desk.timeline import EventKind, TimelineEvent, build_timeline, filter_events
from ...domain import FamilyRecord
from ...domain.rules.counts import counted
from ...services.session import FamilySession
from ..text import literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader, family_title
from ..widgets.literal_select import LiteralSelect
from .base import VigScreen

MARK = "bold black on yellow"
KIND_STYLE = {
    EventKind.SESSION: "bold cyan",
    EventKind.FILM: "magenta",
    EventKind.CLIP: "green",
    EventKind.RATING: "yellow",
    EventKind.QUESTIONNAIRE: "blue",
    EventKind.LETTER: "bold",
}


def marked(value: str, terms: tuple[str, ...]) -> Text:
    text = literal(value)
    for start, end in match_spans(value, terms):
        text.stylize(MARK, start, end)
    return text


KIND_WIDTH = max(len(kind.value) for kind in EventKind) + 2


class TimelineScreen(VigScreen):
    FAMILY_SAFE = False
    HELP = """\
## Timeline

Everything in this family's journey, oldest first: sessions, films, clips,
ratings, questionnaires and the ending letter.

- **↑ / ↓** move through the events; the one highlighted is shown in full
  below, with your private notes under *Practitioner only*.
- **/** filters by words; the two lists narrow it to one kind of event or
  one cycle. **Esc** clears the filter, or goes back.
"""
    BINDINGS = [
        Binding("escape", "back", "Back", id="timeline.back"),
        Binding("slash", "focus_filter", "Filter", id="timeline.filter"),
    ]
    DEFAULT_CSS = """
    TimelineScreen #timeline-filters { height: 3; padding: 0 1; }
    TimelineScreen #timeline-text { width: 1fr; }
    TimelineScreen #timeline-kind { width: 22; }
    TimelineScreen #timeline-cycle { width: 20; }
    TimelineScreen #timeline-body { height: 1fr; padding: 0 1; }
    TimelineScreen #timeline-events { height: 1fr; min-height: 5; }
    TimelineScreen #timeline-detail-box { height: 9; border-top: solid $accent; }
    TimelineScreen #timeline-detail, TimelineScreen #timeline-private { height: auto; }
    TimelineScreen #timeline-count { height: 1; color: $text-muted; }
    """

    def __init__(
        self, family: FamilySession, focus: str | None = None, highlight: tuple[str, ...] = ()
    ) -> None:
        super().__init__()
        self.family = family
        self.focus_id = focus
        self.highlight = tuple(highlight)
        self.events: list[TimelineEvent] = []
        self.shown: list[TimelineEvent] = []

    @property
    def record(self) -> FamilyRecord:
        return self.family.record

    def compose(self) -> ComposeResult:
        yield VigHeader()
        with Horizontal(id="timeline-filters"):
            yield Input(placeholder="Filter by words…", id="timeline-text")
            yield LiteralSelect(
                [(k.heading, k.value) for k in EventKind], prompt="Everything", id="timeline-kind"
            )
            yield LiteralSelect([], prompt="All cycles", id="timeline-cycle")
        with Vertical(id="timeline-body"):
            yield Static("", id="timeline-count")
            yield OptionList(id="timeline-events")
            with VerticalScroll(id="timeline-detail-box"):
                yield Static("", id="timeline-detail")
                yield Static("", id="timeline-private", classes="private")
        yield VigFooter()

    def on_mount(self) -> None:
        self.sub_title = family_title(self.record.family.label, "timeline")
        self.query_one("#timeline-cycle", Select).set_options(
            [(f"Cycle {n}", n) for n in self.record.cycle_numbers()]
        )
        self.reload()
        self.query_one("#timeline-events", OptionList).focus()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.reload()

    def reload(self) -> None:
        self.events = build_timeline(self.record, self.vig.packs)
        self.apply_filter()

    # -- filtering ------------------------------------------------------------------------
    @on(Input.Changed, "#timeline-text")
    @on(Select.Changed)
    def apply_filter(self) -> None:
        kind = self.query_one("#timeline-kind", Select).value
        cycle = self.query_one("#timeline-cycle", Select).value
        kinds = {EventKind(str(kind))} if isinstance(kind, str) else None
        self.shown = filter_events(
            self.events,
            kinds=kinds,
            cycle=cycle if isinstance(cycle, int) else None,
            text=self.query_one("#timeline-text", Input).value,
        )
        events = self.query_one("#timeline-events", OptionList)
        events.clear_options()
        events.add_options(Option(self.line(e), id=str(n)) for n, e in enumerate(self.shown))
        total = len(self.events)
        events_text = counted(total, "event")
        count = f"{len(self.shown)} of {events_text}" if len(self.shown) != total else events_text
        self.query_one("#timeline-count", Static).update(count)
        target = 0
        if self.focus_id is not None:
            found = next((n for n, e in enumerate(self.shown) if self.focus_id in e.covers), None)
            if found is not None:
                target = found
        if self.shown:
            events.highlighted = target
            self.show_detail(self.shown[target])
        else:
            self.show_detail(None)

    def line(self, event: TimelineEvent) -> Text:
        text = Text(f"{event.date}  ", style="dim")
        # the kind column is as wide as the longest kind and a gap, so no two run together
        text.append(f"{event.kind.value:<{KIND_WIDTH}}", style=KIND_STYLE[event.kind])
        text.append_text(marked(event.title, self.highlight))
        return text

    @on(OptionList.OptionHighlighted, "#timeline-events")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.show_detail(self.shown[int(event.option.id)])

    def show_detail(self, event: TimelineEvent | None) -> None:
        detail = self.query_one("#timeline-detail", Static)
        private = self.query_one("#timeline-private", Static)
        if event is None:
            detail.update(Text("Nothing matches the filter.", style="dim"))
            private.update("")
            return
        text = literal(f"{event.date} – ", "bold")
        text.append_text(marked(event.title, self.highlight))
        text.stylize("bold")
        if event.detail:
            text.append("\n")
            text.append_text(marked(event.detail, self.highlight))
        detail.update(text)
        if event.private_detail:
            note = Text("Practitioner only\n", style="bold yellow")
            note.append_text(marked(event.private_detail, self.highlight))
            private.update(note)
        else:
            private.update("")

    # -- keys ------------------------------------------------------------------------------
    def action_focus_filter(self) -> None:
        self.query_one("#timeline-text", Input).focus()

    def action_back(self) -> None:
        filt = self.query_one("#timeline-text", Input)
        if filt.value:
            filt.value = ""
            self.query_one("#timeline-events", OptionList).focus()
            return
        self.app.pop_screen()
