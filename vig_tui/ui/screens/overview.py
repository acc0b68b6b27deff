"""The service overview: families, cycles and what changed, as charts and numbers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from ...desk.overview import ServiceOverview, service_overview
from ...domain import FamilyRecord
from ...domain.rules.counts import counted
from ...packs import ChangeRule
from ...packs.change import describe_counts
from ...services.practice import StoreError
from ..text import literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader
from .base import VigScreen

BAR = "█"


def bar(value: float, top: float, width: int = 30) -> str:
    if top <= 0 or value <= 0:
        return ""
    cells = max(1, round(value / top * width))
    return BAR * cells


def number(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:+.1f}" if signed else f"{value:.1f}"


def status_chart(ov: ServiceOverview) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(width=10)
    table.add_column(justify="right", width=5)
    table.add_column()
    top = max(ov.by_status.values(), default=0)
    for status, count in ov.by_status.items():
        table.add_row(status, str(count), Text(bar(count, top), style="cyan"))
    return table


def change_chart(ov: ServiceOverview) -> Table | Text:
    counts = ov.rating_change_counts()
    if not counts:
        return Text("No helping question has been rated twice yet.", style="dim")
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", width=6)
    table.add_column(justify="right", width=5)
    table.add_column()
    top = max(counts.values())
    for change in range(min(counts), max(counts) + 1):
        n = counts.get(change, 0)
        style = "green" if change > 0 else "red" if change < 0 else "dim"
        table.add_row(f"{change:+d}", str(n), Text(bar(n, top), style=style))
    return table


def reliable_from(rule: ChangeRule | None) -> str:
    """How big a change of a rating must be to count as reliable: the pack's own
    figure, shown as the family's outcomes panel shows it."""
    if rule is None:
        return "Reliable change "
    return f"Reliable change (at least {rule.reliable_change:g} points), "


def ratings_figures(ov: ServiceOverview) -> Text:
    text = Text()
    text.append(
        f"{counted(ov.questions_with_change, 'helping question')} rated at least twice: "
        f"first {number(ov.mean_rating_first)} → last {number(ov.mean_rating_last)}, "
        "mean change "
    )
    text.append(number(ov.mean_rating_change, signed=True), style="bold")
    text.append(" points.")
    if ov.rating_counts is not None and ov.rating_counts.n:
        text.append(f"\n{reliable_from(ov.rating_rule)}{describe_counts(ov.rating_counts, False)}.")
    if ov.questions_single:
        text.append(f"\n{ov.questions_single} more rated once so far (no change yet).", style="dim")
    return text


def questionnaire_table(ov: ServiceOverview) -> Group | Table | Text:
    if not ov.questionnaires:
        return Text("No questionnaires filled in yet.", style="dim")
    table = Table(box=None, padding=(0, 1), show_edge=False)
    table.add_column("Questionnaire")
    table.add_column("n", justify="right")
    table.add_column("first", justify="right")
    table.add_column("last", justify="right")
    table.add_column("change", justify="right")
    table.add_column("first ▒ / last █")
    top = max((max(q.mean_first or 0, q.mean_last or 0) for q in ov.questionnaires), default=0)
    notes = []
    for q in ov.questionnaires:
        if q.counts is not None and q.counts.n and q.rule is not None:
            counted = describe_counts(q.counts, q.rule.cutoff is not None)
            notes.append(f"{q.title}: reliable change {counted}.")
        chart = Text(
            ("▒" * max(0, round((q.mean_first or 0) / top * 20))) if top else "", style="blue"
        )
        chart.append("\n")
        chart.append(
            ("█" * max(0, round((q.mean_last or 0) / top * 20))) if top else "", style="cyan"
        )
        table.add_row(
            q.title,
            str(q.n),
            number(q.mean_first),
            number(q.mean_last),
            number(q.mean_change, signed=True),
            chart,
        )
    if notes:
        return Group(table, Text("\n".join(notes)))
    return table


def service_charts(ov: ServiceOverview) -> list[Widget]:
    """Change per family and reliable-change classes, as charts with their numbers."""
    from ..widgets.charts import bar_chart, grouped_bar_chart

    charts: list[Widget] = []
    counts = ov.rating_change_counts()
    if counts:
        charts.append(Static("Helping questions: change per question", classes="chart-title"))
        charts.append(
            bar_chart(
                [f"{c:+d}" for c in counts],
                list(counts.values()),
                "Questions by points moved, first to last",
                id="chart-rating-change",
            )
        )
    for q in ov.questionnaires:
        moved = Counter(b - a for a, b in zip(q.firsts, q.lasts, strict=True))
        if moved:
            changes = sorted(moved)
            charts.append(Static(literal(f"{q.title}: change per person"), classes="chart-title"))
            charts.append(
                bar_chart(
                    [f"{c:+d}" for c in changes],
                    [moved[c] for c in changes],
                    "People by points moved, first to last",
                )
            )
    measures = [("Helping questions", ov.rating_counts)] + [
        (q.title, q.counts) for q in ov.questionnaires
    ]
    classed = [(name, c) for name, c in measures if c is not None and c.n]
    if classed:
        charts.append(Static("Reliable change", classes="chart-title"))
        charts.append(
            grouped_bar_chart(
                [name for name, _c in classed],
                {
                    "improved": [c.improved for _n, c in classed],
                    "no reliable change": [c.no_change for _n, c in classed],
                    "deteriorated": [c.deteriorated for _n, c in classed],
                },
                "Reliable change, first to last",
                id="chart-reliable",
            )
        )
    if not charts:
        charts.append(Static(Text("Nothing measured twice yet.", style="dim")))
    return charts


class RecordsLoader:
    """Reads every family in a thread, reporting progress on the main thread."""

    def __init__(self, screen: VigScreen, on_progress: Callable[[int, int], None]) -> None:
        self.screen = screen
        self.on_progress = on_progress

    def read(self) -> list[FamilyRecord]:
        """Every readable family; one that cannot be read is reported and skipped."""
        app = self.screen.app
        screen = self.screen

        def progress(done: int, total: int) -> None:
            if (done == total or done % 50 == 0) and screen.is_mounted:
                app.call_from_thread(self.on_progress, done, total)

        problems: list[str] = []
        records = screen.vig.practice.records(progress, problems)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            app.call_from_thread(
                app.notify,
                problems[0] + more,
                title="Some families could not be read",
                severity="warning",
                timeout=15,
            )
        return records


class OverviewScreen(VigScreen):
    FAMILY_SAFE = False
    HELP = """\
## Service overview

Figures across every family in the store (the demo family is left out):

- how many families are open and closed, and cycles completed (a cycle
  counts once its shared review is finished);
- the mean change from the first to the last rating of each helping
  question;
- for each questionnaire, the mean first and last totals of the people who
  filled it in at least twice (scores are worked out from the answers);
- charts of how far each question and each person moved, and how many
  showed reliable improvement, no reliable change or reliable deterioration
  (each chart has its numbers, with n, written under it).

When a family's adults each filled in a questionnaire or each rated a
helping question, each adult's change counts on its own.

For reports, `vig export outcomes` writes every rating and questionnaire
as a spreadsheet (CSV). **r** reads the figures again; **Esc** goes back.
"""
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="overview.back"),
        Binding("r", "reload", "Refresh", id="overview.reload"),
    ]
    DEFAULT_CSS = """
    OverviewScreen #overview { padding: 0 2; }
    OverviewScreen #overview Static { height: auto; }
    OverviewScreen #overview-charts { height: auto; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.overview: ServiceOverview | None = None

    def compose(self) -> ComposeResult:
        yield VigHeader()
        with VerticalScroll(id="overview"):
            yield Static("Reading families…", id="overview-status", classes="dim")
            yield Static("Families", classes="section")
            yield Static(id="overview-families")
            yield Static("Helping questions: change from first to last rating", classes="section")
            yield Static(id="overview-ratings")
            yield Static(id="overview-change-chart")
            yield Static("Questionnaires: first and last totals", classes="section")
            yield Static(id="overview-questionnaires")
            yield Static("Charts", classes="section")
            yield Vertical(id="overview-charts")
        yield VigFooter()

    def on_mount(self) -> None:
        self.sub_title = "Service overview"
        self.action_reload()

    def action_reload(self) -> None:
        self.query_one("#overview-status", Static).update("Reading families…")
        self.load()

    @work(
        thread=True,
        exclusive=True,
        group="overview",
        description="reading families for the overview",
        exit_on_error=False,
    )
    def load(self) -> None:
        records = RecordsLoader(self, self._progress).read()
        try:
            kept = self.vig.practice.kept_numbers()
        except StoreError as err:
            kept = []
            self.app.call_from_thread(
                self.app.notify, str(err), title="Erased families' numbers", severity="warning"
            )
        overview = service_overview(records, self.vig.packs, False, kept)
        if self.is_mounted:
            self.app.call_from_thread(self.show, overview)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#overview-status", Static).update(f"Reading families… {done} of {total}")

    def show(self, ov: ServiceOverview) -> None:
        self.overview = ov
        demo = " (the demo family is not counted)" if ov.demo_left_out else ""
        if ov.erased:
            demo += f" · and {counted(ov.erased, 'family', 'families')} since erased (numbers only)"
        self.query_one("#overview-status", Static).update(
            Text(
                f"{counted(ov.families, 'family', 'families')}: {ov.open} open, "
                f"{ov.closed} closed · {counted(ov.cycles_completed, 'cycle')} completed, "
                f"{ov.cycles_skipped} skipped · "
                f"{counted(ov.journeys_completed, 'journey')} finished · "
                f"{counted(ov.sessions_not_held.get('cancelled', 0), 'session')} cancelled, "
                f"{ov.sessions_not_held.get('did_not_attend', 0)} not attended{demo}"
            )
        )
        self.query_one("#overview-families", Static).update(status_chart(ov))
        self.query_one("#overview-ratings", Static).update(ratings_figures(ov))
        self.query_one("#overview-change-chart", Static).update(change_chart(ov))
        self.query_one("#overview-questionnaires", Static).update(questionnaire_table(ov))
        charts = self.query_one("#overview-charts", Vertical)
        charts.remove_children()
        charts.mount_all(service_charts(ov))
