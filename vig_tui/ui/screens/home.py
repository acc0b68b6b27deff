"""Home: every family at a glance, a filter, and a way to add one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal
from textual.coordinate import Coordinate
from textual.widgets import Button, DataTable, Input, Static

from ...domain import FamilySummary
from ...domain.rules.counts import counted
from ..text import clean, literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader
from ..widgets.sized_by_layout import LaidOutColumn, LaidOutText
from .base import VigScreen

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions

#: Home lists a screenful before its first paint (as many rows as the terminal
#: is high: a few more than the table shows, and none drawn that are not on
#: screen); the rest follow LATER_STEP at a time (or more, so there
#: are at most LATER_STEPS of them), the first once the first page is on screen,
#: each LATER_PAUSE_S apart, so keys are answered in between. Every step costs more
#: than its rows (steps that come before a paint share its redraw):
#: the table redraws the rows on screen (its drawing cache is per change) and
#: walks all its rows for their heights.
LATER_STEP = 250
LATER_STEPS = 10
LATER_PAUSE_S = 0.05

#: the list's columns: (key, heading)
COLUMNS = (
    ("label", "Family"),
    ("children", "Children"),
    ("status", "Status"),
    ("next", "Next step"),
)

WELCOME = (
    "Welcome to vig.\n\n"
    "This is where you keep the families you work with: their helping questions, "
    "the short moments you choose from their films, and what everyone said when you "
    "watched them together.\n\n"
    "Everything stays on this computer, in a folder only you can open."
)


def shown_text(value: str) -> str:
    """`value` as the list shows it: control characters made visible."""
    if value.isascii() and value.isprintable():
        return value  # nothing to make visible (the usual case, and quick)
    return clean(value)


def text_width(value: str) -> int:
    """The cells `value` takes in the list as shown (its longest line), as
    Rich would measure it."""
    if value.isascii() and value.isprintable():
        return len(value)
    return max((cell_len(line) for line in clean(value).splitlines()), default=0)


class FamilyCell:
    """One cell of the family list, shown as literal text.

    The table measures every cell it is given with Rich, which cost more than
    everything else in listing a family; this cell has no measure of its own,
    and the columns get their widths from `text_width` instead (see
    `column_widths`). Its Text is made only when it is drawn."""

    __slots__ = ("plain", "style")

    def __init__(self, value: str, style: str = "") -> None:
        self.plain = shown_text(value)
        self.style = style

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[Text | Segment]:
        plain, width = self.plain, options.max_width
        if not (plain.isascii() and plain.isprintable()):
            yield Text(plain, style=self.style, no_wrap=True, overflow="ellipsis")
            return
        # one line of plain text, a character a cell: drawn as it is, or cut
        # with "…" as the Text above would be, without Rich laying it out
        if len(plain) > width:
            plain = plain[: max(width - 1, 0)] + "…"
        if plain:
            yield Segment(plain, console.get_style(self.style) if self.style else None)


#: what a family's row shows, column by column (see COLUMNS): the summary's fields
ROW_FIELDS = ("label", "children", "status", "next_step")
row_texts: Callable[[FamilySummary], tuple[str, str, str, str]] = attrgetter(*ROW_FIELDS)


#: the family label column is never cut narrower than this
MIN_LABEL_WIDTH = 16
#: what the table takes beside its columns' texts: a cell's padding either
#: side of each column, and the scrollbar
_CELL_PADDING = 2
_SCROLLBAR = 2


def column_widths(rows: list[FamilySummary], room: int | None = None) -> list[int]:
    """Each column as wide as the widest of its heading and the rows' texts; when
    that is wider than `room` (the screen's width), the label column gives way
    (a long label ends in "…"), so the children, status and next step stay whole."""
    widths = [len(heading) for _key, heading in COLUMNS]
    for n, field in enumerate(ROW_FIELDS):
        texts = list(map(attrgetter(field), rows))
        joined = "".join(texts)
        # all plain (the usual case): a text's width is its length, so the
        # column is measured in one pass in C instead of text by text
        measure = len if joined.isascii() and joined.isprintable() else text_width
        widths[n] = max(widths[n], max(map(measure, texts), default=0))
    if room is not None:
        over = sum(widths) + _CELL_PADDING * len(widths) + _SCROLLBAR - room
        if over > 0:
            widths[0] = max(MIN_LABEL_WIDTH, widths[0] - over)
    return widths


class HomeScreen(VigScreen):
    FAMILY_SAFE = False
    #: the list has the focus from the start, so it is drawn once at start
    #: (focused later, its rows were drawn again); an empty store focuses
    #: its first button instead (see refresh_families)
    AUTO_FOCUS = "#families"
    HELP = """\
## Home

Every family in your store, with the step that comes next.

- **Type in the filter box** to narrow the list by label, child or step;
  Enter or ↓ goes into the list.
- **Enter** or a click opens the family's dashboard.
- **n** adds a new family; **d** adds the demo family (once).
- **s** searches every family's notes · **o** service overview · **l** your own
  log (supervision, accreditation) · **a** the audit log · **p** your profile
  (signs the letters) · **b** back up the whole store · **h** hides or shows
  closed families.
- **Ctrl+P** opens the command palette (open any family by name).
"""
    BINDINGS = [
        Binding("n", "new_family", "New family", id="home.new"),
        Binding("d", "add_demo", "Demo family", id="home.demo"),
        Binding("s", "search", "Search", id="home.search"),
        Binding("o", "overview", "Overview", id="home.overview"),
        Binding("l", "log", "My log", id="home.log"),
        Binding("a", "audit", "Audit", show=False, id="home.audit"),
        Binding("p", "profile", "Profile", show=False, id="home.profile"),
        Binding("b", "backup", "Backup", show=False, id="home.backup"),
        Binding("h", "toggle_closed", "Hide closed", show=False, id="home.hide_closed"),
        Binding("slash", "focus_filter", "Filter", id="home.filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="home.clear"),
    ]

    hide_closed = False
    _listed_at_mount = False
    #: the families listed and the columns' widths they were given
    _shown: list[FamilySummary] = []
    _widths: list[int] = []
    _listing = 0  # bumped by every listing, so a stale one stops adding rows

    def action_toggle_closed(self) -> None:
        self.hide_closed = not self.hide_closed
        self.refresh_families()

    def action_profile(self) -> None:
        from .profile import ProfileScreen

        self.app.push_screen(ProfileScreen())

    def compose(self) -> ComposeResult:
        yield VigHeader()
        # above the list and the welcome alike: with every folder gone, the
        # store must not read as a new, empty one
        missing = Static("", id="family-folder-missing", classes="notice")
        missing.display = False
        yield missing
        with LaidOutColumn(id="home-empty"):
            with Center():
                yield Static(WELCOME, id="welcome-text")
            with Center(), Horizontal(id="welcome-buttons"):
                yield Button("Add the demo family", id="add-demo", variant="primary")
                yield Button("New family", id="new-family-empty")
        with LaidOutColumn(id="home-list"):
            yield Input(placeholder="Filter families…", id="filter")
            yield DataTable(id="families", cursor_type="row", zebra_stripes=True)
            yield LaidOutText("", id="home-count")
            yield LaidOutText("", id="erase-due", classes="notice")
            yield LaidOutText("", id="backup-due", classes="notice")
        yield VigFooter()

    def on_mount(self) -> None:
        self.refresh_families()
        self.refresh_backup_reminder()
        self.refresh_missing_families()
        self._listed_at_mount = True
        self.call_after_refresh(self.vig.home_shown)

    def on_screen_resume(self) -> None:
        # (VigScreen's handler runs too: Textual calls each class's handler)
        if self._listed_at_mount:  # the first resume comes straight after the mount
            self._listed_at_mount = False
            return
        self.refresh_families()
        self.refresh_backup_reminder()

    def refresh_missing_families(self) -> None:
        """Families the index holds whose folder is gone (as vig found them when
        it opened the store): the first named, with the way to get it back."""
        notes = self.vig.practice.missing_families()
        notice = self.query_one("#family-folder-missing", Static)
        notice.display = bool(notes)
        if notes:
            more = (
                f" (And {len(notes) - 1} more: `vig families` names each one.)" if notes[1:] else ""
            )
            notice.update(literal(notes[0] + more))

    def refresh_backup_reminder(self) -> None:
        key = next(
            (
                self.app.get_key_display(active.binding)
                for active in self.active_bindings.values()
                if active.binding.id == "home.backup"
            ),
            "b",
        )
        reminder = self.vig.practice.backup_reminder(how=f"press {key}")
        notice = self.query_one("#backup-due", Static)
        notice.display = reminder is not None
        notice.update(literal(reminder or ""))

    def on_resize(self) -> None:
        """A wider or narrower terminal: the label column is measured again (it
        gives way on a narrow screen and had stayed cut when the screen grew),
        with the same family under the cursor."""
        if not self._shown or column_widths(self._shown, self.app.size.width) == self._widths:
            return
        table = self.query_one("#families", DataTable)
        row = table.cursor_row
        at = None
        if table.is_valid_row_index(row):
            at = table.coordinate_to_cell_key(Coordinate(row, 0)).row_key
        self.refresh_families()
        if at is not None and at in table.rows:
            table.move_cursor(row=table.get_row_index(at))

    # -- content -----------------------------------------------------------------
    def matches(self, summary: FamilySummary, needle: str) -> bool:
        if not needle:
            return True
        hay = f"{summary.label} {summary.children} {summary.status} {summary.next_step}"
        return needle.casefold() in hay.casefold()

    def refresh_families(self) -> None:
        summaries = self.vig.practice.summaries()
        empty = not summaries
        self.query_one("#home-empty").display = empty
        self.query_one("#home-list").display = not empty
        table = self.query_one("#families", DataTable)
        needle = self.query_one("#filter", Input).value.strip()
        shown = [s for s in summaries if self.matches(s, needle)] if needle else summaries
        hidden = 0
        if self.hide_closed:
            hidden = len([s for s in shown if s.status == "closed"])
            shown = [s for s in shown if s.status != "closed"]
        # columns as wide as what they hold: at 80 columns the next step is not cut
        table.clear(columns=True)
        self._shown = shown
        widths = self._widths = column_widths(shown, self.app.size.width)
        for (key, heading), width in zip(COLUMNS, widths, strict=True):
            table.add_column(heading, key=key, width=width)
        self._listing += 1
        first = self.app.size.height
        step = max(LATER_STEP, -(-(len(shown) - first) // LATER_STEPS))
        self._add_rows(table, shown[:first], self._listing, first, step)
        if len(shown) > first:  # the rest start once the first page is on screen
            rest = partial(self._add_rows, table, shown[first:], self._listing, step, step)
            self.call_after_refresh(self.set_timer, LATER_PAUSE_S, rest)
        count = self.query_one("#home-count", Static)
        if needle:
            count.update(f"{len(shown)} of {counted(len(summaries), 'family', 'families')} match")
        else:
            count.update(counted(len(summaries), "family", "families"))
        if hidden:
            count.update(f"{len(shown)} shown · {hidden} closed hidden (h shows them)")
        due = self.vig.practice.past_erase_by()
        notice = self.query_one("#erase-due", Static)
        notice.display = bool(due)
        if due:
            names = ", ".join(s.label for s in due[:4]) + (" …" if len(due) > 4 else "")
            notice.update(
                literal(f"Past their erase-by date: {names}. Open the family and press x to erase.")
            )
        if empty:
            self.query_one("#add-demo", Button).focus()
        elif not isinstance(self.focused, Input):
            table.focus()

    def _add_rows(
        self,
        table: DataTable[object],
        rows: list[FamilySummary],
        listing: int,
        count: int,
        step: int,
    ) -> None:
        """Add `count` rows now and the rest `step` at a time once Home is up,
        so a store of thousands of families shows its first page (and takes
        keys) at once. A newer listing (the filter typed into) stops an older one."""
        if listing != self._listing:
            return
        for s in rows[:count]:
            label, children, status, next_step = row_texts(s)
            table.add_row(
                FamilyCell(label),
                FamilyCell(children),
                FamilyCell(status, style="dim" if status == "closed" else ""),
                FamilyCell(next_step),
                key=s.id,
            )
        if len(rows) > count:
            rest = rows[count:]
            later = partial(self._add_rows, table, rest, listing, step, step)
            self.set_timer(LATER_PAUSE_S, later)  # keys first

    # -- events ----------------------------------------------------------------------
    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.refresh_families()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.query_one("#families", DataTable).focus()

    def on_key(self, event: events.Key) -> None:
        """Down from the filter box goes into the list, as Enter does."""
        if event.key == "down" and isinstance(self.focused, Input) and self.focused.id == "filter":
            event.stop()
            event.prevent_default()
            self.filter_submitted()

    @on(DataTable.RowSelected, "#families")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.vig.open_family(event.row_key.value)

    @on(Button.Pressed, "#add-demo")
    def action_add_demo(self) -> None:
        try:
            family_id, added = self.vig.practice.add_demo()
        except Exception as err:  # store errors and a missing demo file alike
            self.notify(str(err), title="Could not add the demo family", severity="error")
            return
        if added:
            self.refresh_families()
            self.notify("The demo family is ready to explore.", title="Added")
        else:
            self.notify("The demo family was added before; here it is.", title="Already here")
        self.vig.open_family(family_id)

    @on(Button.Pressed, "#new-family-empty")
    def new_family_pressed(self) -> None:
        self.action_new_family()

    def action_new_family(self) -> None:
        from ..dialogs.new_family import NewFamilyScreen

        def created(family_id: str | None) -> None:
            self.refresh_families()
            if family_id:
                self.vig.open_family(family_id)

        self.app.push_screen(NewFamilyScreen(), created)

    def action_search(self) -> None:
        from .search import SearchScreen

        keys = frozenset(
            key
            for key, active in self.active_bindings.items()
            if active.binding.id == "home.search"
        )
        self.app.push_screen(SearchScreen(keys))

    def action_overview(self) -> None:
        from .overview import OverviewScreen

        self.app.push_screen(OverviewScreen())

    def action_log(self) -> None:
        from .practitioner_log import PractitionerLogScreen

        self.app.push_screen(PractitionerLogScreen())

    def action_backup(self) -> None:
        from .backup import BackupScreen

        self.app.push_screen(BackupScreen())

    def action_audit(self) -> None:
        from .audit import AuditScreen

        self.app.push_screen(AuditScreen())

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        filt = self.query_one("#filter", Input)
        filt.value = ""
        self.query_one("#families", DataTable).focus()
