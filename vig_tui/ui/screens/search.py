"""Search every family's notes, words, clips and helping questions."""

from __future__ import annotations

from time import monotonic

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...desk.search import SearchIndex, SearchResult, SearchResults
from ..text import literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader
from .base import VigScreen

MARK = "bold black on yellow"
#: how long after Search opens the key that opened it, pressed again, is taken as
#: that key again (pressed twice, or held down) rather than as the first letter
SETTLE_S = 0.5


class QueryBox(Input):
    """The search box: the key that opened Search is never its first letter
    while the screen settles; after that every key types as usual."""

    def __init__(self, opening_keys: frozenset[str], *, placeholder: str, id: str) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self.opening_keys = opening_keys
        self.settled_at = monotonic() + SETTLE_S

    async def _on_key(self, event: events.Key) -> None:
        # (Textual calls each class's own key handler in turn: this one first)
        if event.key in self.opening_keys and not self.value and monotonic() < self.settled_at:
            event.stop()
            event.prevent_default()


def result_text(result: SearchResult, width: int = 90) -> Text:
    """Two lines: where it is (family · place · date · field), then the words, matches marked."""
    head = literal(result.family_label, "bold")
    head.append("  ")
    head.append_text(literal(f"{result.place} · {result.date} · {result.field_title}", "dim"))
    if result.private:
        head.append("  private", style="italic yellow")
    snippet, spans = result.snippet(width)
    body = literal(snippet)
    for start, end in spans:
        body.stylize(MARK, start, end)
    return Text("\n").join([head, Text("  ").append_text(body)])


class SearchScreen(VigScreen):
    FAMILY_SAFE = False
    HELP = """\
## Search

Finds words in every family's notes, the family's own words from the
sessions, clip titles and notes, and the helping questions.

- **Type** and the results follow as you go. A word matches the start of
  words in the text, so *bed* finds *bedtime*. Several words must all be in
  the same note; put a phrase in "double quotes".
- **↓ / ↑** move through the results; **Enter** opens the family's timeline
  on that moment. **Esc** from there comes back to these results as you left
  them, the last search selected in the box: type to search for something
  else, or ↓ to go back to the row you opened.
- Results marked *private* are your own notes (never shown to families).

The first search reads every family once, which can take a moment with
many families; after that it keeps up as you type.
"""
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="search.back"),
        Binding("down", "to_results", "Results", show=False, id="search.results"),
        Binding("ctrl+f,slash", "focus_query", "Search box", id="search.focus"),
    ]
    DEFAULT_CSS = """
    SearchScreen #search-body { padding: 0 1; }
    SearchScreen #search-query { margin: 1 0 0 0; }
    SearchScreen #search-status { height: 1; color: $text-muted; margin: 0 0 1 1; }
    SearchScreen #search-results { height: 1fr; }
    SearchScreen #search-results > .option-list--option { padding: 0 0 1 0; }
    """

    def __init__(self, opening_keys: frozenset[str] = frozenset()) -> None:
        """`opening_keys`: the keys that open Search where it was opened from."""
        super().__init__()
        self.opening_keys = opening_keys
        self.results: SearchResults | None = None
        self.index: SearchIndex | None = None
        self._progress = (0, 0)
        #: the query the results list shows (its highlighted row stays while it does)
        self._shown_query: str | None = None

    def compose(self) -> ComposeResult:
        yield VigHeader()
        with Vertical(id="search-body"):
            yield QueryBox(
                self.opening_keys,
                placeholder="Search notes, family's words, clips, helping questions…",
                id="search-query",
            )
            yield Static("", id="search-status")
            yield OptionList(id="search-results")
        yield VigFooter()

    def on_mount(self) -> None:
        self.sub_title = "Search"
        self.index = self.vig.practice.search_index()
        self.prepare_index()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self.index is not None and self.index.ready:
            self.prepare_index()  # families edited since are read again
        self.ready_to_type()

    def ready_to_type(self) -> None:
        """Back from a result, the earlier results stay with the same row
        highlighted, and the box holds the last query selected: a new word
        replaces it, ↓ goes back to that row."""
        box = self.query_one("#search-query", Input)
        box.focus()
        box.select_all()

    # -- the index ---------------------------------------------------------------------
    @work(
        thread=True,
        exclusive=True,
        group="search-index",
        description="reading families for search",
        exit_on_error=False,
    )
    def prepare_index(self) -> None:
        index = self.index
        assert index is not None
        building = not index.ready

        def progress(done: int, total: int) -> None:
            if done == total or done % 50 == 0:
                self.app.call_from_thread(self._show_progress, done, total)

        self.vig.practice.prepare_search(index, progress)
        if building and index.problems:
            self.app.call_from_thread(self._report_problems, list(index.problems))
        self.app.call_from_thread(self.run_search)

    def _report_problems(self, problems: list[str]) -> None:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        self.notify(
            problems[0] + more,
            title="Some families could not be searched",
            severity="warning",
            timeout=15,
        )

    def _show_progress(self, done: int, total: int) -> None:
        self._progress = (done, total)
        self.run_search()

    # -- searching ---------------------------------------------------------------------
    @on(Input.Changed, "#search-query")
    def query_changed(self) -> None:
        self.run_search()

    def run_search(self) -> None:
        if self.index is None or not self.is_mounted:
            return
        query = self.query_one("#search-query", Input).value
        results = self.index.search(query)
        self.results = results
        option_list = self.query_one("#search-results", OptionList)
        # the same query searched again (families re-read): the same row stays highlighted
        keep = option_list.highlighted if query == self._shown_query else None
        self._shown_query = query
        option_list.clear_options()
        width = max(40, self.size.width - 8)
        option_list.add_options(
            Option(result_text(r, width), id=str(n)) for n, r in enumerate(results.results)
        )
        if keep is not None and option_list.option_count:
            option_list.highlighted = min(keep, option_list.option_count - 1)
        self.query_one("#search-status", Static).update(self.status_text(results))

    def status_text(self, results: SearchResults) -> Text:
        index = self.index
        text = Text()
        if index is not None and not index.ready:
            done, total = self._progress
            text.append(f"Reading families… {done} of {total or index.expected}. ", style="yellow")
        if not results.terms:
            families = len(index) if index is not None else 0
            text.append(f"Type to search {families} famil{'y' if families == 1 else 'ies'}.")
        else:
            text.append(results.summary())
        return text

    # -- opening a result ----------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#search-results")
    def open_result(self, event: OptionList.OptionSelected) -> None:
        if self.results is None or event.option.id is None:
            return
        self.open_in_context(self.results.results[int(event.option.id)])

    def open_in_context(self, result: SearchResult) -> None:
        """The family's timeline, landed on the match; Esc there comes straight
        back to these results, as they were left."""
        from .timeline import TimelineScreen

        family = self.vig.open_family_session(result.family_id)
        if family is None:
            return
        self.vig.push_screen(TimelineScreen(family, focus=result.item_id, highlight=result.terms))

    @on(Input.Submitted, "#search-query")
    def open_first(self) -> None:
        """Enter in the search box opens the first result."""
        if self.results is not None and self.results.results:
            self.open_in_context(self.results.results[0])

    def action_to_results(self) -> None:
        option_list = self.query_one("#search-results", OptionList)
        if option_list.option_count:
            option_list.focus()
            if option_list.highlighted is None:
                option_list.highlighted = 0

    def action_focus_query(self) -> None:
        self.ready_to_type()
