"""One family's outcomes over time, the service charts, and the room's gate.

The change classes come from the packs' rules (PHQ-9: 6 points, clinical
range 10 and above; ratings: 2.45 points), worked by hand below.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual.widget import Widget
from textual.widgets import Static

from vig_tui.demo import build_demo_record
from vig_tui.domain import Administration, FamilyRecord, Rating, RatingKind
from vig_tui.outcomes.trends import Trend, family_trends
from vig_tui.store import Store
from vig_tui.ui.screens.backup import BackupScreen
from vig_tui.ui.screens.dashboard import DashboardScreen
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.screens.outcomes import FamilyOutcomesScreen
from vig_tui.ui.screens.overview import OverviewScreen
from vig_tui.ui.widgets.charts import Chart, plot_label, trend_chart

if TYPE_CHECKING:
    from textual_plotext.plot import Plot

from .journey_helpers import FIXED_DAY, PACKS, make_app, past_read_back, screen_text
from .room_sentinels import leaks, plant, sentinel_packs


def phq9(total: int) -> dict[str, int | str | None]:
    """PHQ-9 answers adding up to `total`, with item 9 left at 0."""
    answers: dict[str, int | str | None] = {}
    left = total
    for n in range(1, 10):
        value = 0 if n == 9 else min(3, left)
        answers[f"phq9-{n}"] = value
        left -= value
    assert left == 0
    return answers


def measured(phq: list[int], ratings: list[int]) -> FamilyRecord:
    """The demo family with PHQ-9 totals and the first question's ratings as given."""
    record = build_demo_record(today=FIXED_DAY)
    record.family.demo = False  # counted in the service figures
    record.family.label = f"Family {phq} {ratings}"
    record.administrations = [
        Administration(
            questionnaire_id="phq9",
            version="1",
            timepoint=f"t{n}",
            answers=phq9(total),
            completed=True,
            at=f"2026-0{n + 1}-10T10:00:00+00:00",
        )
        for n, total in enumerate(phq)
    ]
    question = record.active_questions()[0]
    question.ratings = [
        Rating(
            value=value,
            kind=RatingKind.START if n == 0 else RatingKind.REVIEW,
            at=f"2026-0{n + 1}-12T10:00:00+00:00",
        )
        for n, value in enumerate(ratings)
    ]
    return record


def trend(record: FamilyRecord, kind: str) -> Trend:
    return next(t for t in family_trends(record, PACKS) if t.kind == kind)


def test_first_previous_latest_and_the_change_class_at_each_edge() -> None:
    # (PHQ-9 totals, expected class, expected clinical-range words)
    table = [
        ([15, 12, 9], "reliable improvement", "moved out of the clinical range"),
        ([16, 13, 10], "reliable improvement", "still in the clinical range"),  # 6 points: edge
        ([15, 10], "no reliable change", "still in the clinical range"),  # 5 points
        ([4, 10], "reliable deterioration", "moved into the clinical range"),
        ([9, 4], "no reliable change", "outside the clinical range throughout"),
    ]
    for totals, reliable, clinical in table:
        phq = trend(measured(totals, [3, 5]), "questionnaire")
        assert [p.value for p in phq.points] == totals
        assert phq.first is not None and phq.first.value == totals[0]
        assert phq.latest is not None and phq.latest.value == totals[-1]
        assert (phq.previous.value if phq.previous else None) == (
            totals[-2] if len(totals) > 2 else None
        )
        assert f": {reliable} " in phq.verdict() and clinical in phq.verdict(), totals
        assert f"(n = {len(totals)})" in phq.verdict()
    # ratings: 2.45 points is the edge, so +2 is not reliable and +3 is
    assert "no reliable change" in trend(measured([5, 5], [3, 5]), "question").verdict()
    assert "reliable improvement" in trend(measured([5, 5], [3, 4, 6]), "question").verdict()
    assert "reliable deterioration" in trend(measured([5, 5], [6, 3]), "question").verdict()
    once = trend(measured([12], [4]), "questionnaire")
    assert once.latest is None and "Measured once" in once.verdict()


async def test_the_outcomes_panel_opens_from_the_dashboard(store: Store) -> None:
    family_id = store.create_family(measured([15, 12, 9], [2, 4, 6])).id
    app = make_app(store)
    async with app.run_test(size=(110, 60)) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        said = str(app.screen.query_one("#questionnaires", Static).render())
        assert "first 15/27" in said and "latest 9/27" in said
        assert "-6 (n = 3): reliable improvement" in said and "out of the clinical range" in said
        await pilot.press("g")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, FamilyOutcomesScreen)
        charts = list(app.screen.query(Chart))
        assert len(charts) == 3, "PHQ-9 and both questions were measured more than once"
        numbers = [str(c.numbers) for c in charts]
        assert "first 15 (2026-01-10) · previous 12 (2026-02-10) · latest 9" in numbers[0]
        assert "reliable improvement" in numbers[0] and "out of the clinical range" in numbers[0]
        assert "first 2 " in numbers[1] and "latest 6" in numbers[1]
        text = screen_text(app)
        assert "PHQ-9" in text and "How can I help Sam" in text
        plots = [w for w in app.screen.query(Widget) if type(w).__name__ == "PlotextPlot"]
        assert len(plots) == 3 and all(p.size.height > 0 for p in plots)


async def test_the_overview_draws_change_per_family_with_its_numbers(store: Store) -> None:
    for phq, ratings in (([15, 8], [2, 6]), ([12, 11], [5, 4]), ([8, 14], [3, 3])):
        store.create_family(measured(phq, ratings))
    app = make_app(store)
    async with app.run_test(size=(110, 80)) as pilot:
        await pilot.pause()
        app.push_screen(OverviewScreen())
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        charts = {c.id: str(c.numbers) for c in app.screen.query(Chart)}
        assert charts["chart-rating-change"] == (
            "Questions by points moved, first to last (n = 6): -1: 1, +0: 1, +2: 3, +4: 1"
        )
        reliable = charts["chart-reliable"]
        assert "Helping questions (n = 6): 1 improved, 5 no reliable change, 0 deteriorated" in (
            reliable
        )
        assert "PHQ-9 (n = 3): 1 improved, 1 no reliable change, 1 deteriorated" in reliable
        per_person = [n for n in charts.values() if n.startswith("People by points moved")]
        assert per_person == ["People by points moved, first to last (n = 3): -7: 1, -1: 1, +6: 1"]


def test_plot_labels_carry_no_control_characters() -> None:
    assert plot_label("PHQ\x1b[31m-9") == "PHQ[31m-9"
    assert plot_label("A very long questionnaire title") == "A very long q…"


async def test_the_room_never_reaches_the_charts(store: Store, tmp_path: Path) -> None:
    packs = sentinel_packs(tmp_path / "packs")
    family_id = plant(store)
    app = make_app(store)
    app.packs = packs
    async with app.run_test(size=(110, 40), notifications=True) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        await pilot.press("i")
        await past_read_back(pilot, "r")  # held days ago: read back
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen) and app.room
        session = app.open_family_session(family_id)
        assert session is not None
        for screen in (FamilyOutcomesScreen(session), OverviewScreen(), BackupScreen()):
            app.push_screen(screen)
            await pilot.pause()
            text = screen_text(app)
            assert leaks(text) == [], type(screen).__name__
            # words that only these screens use
            shown = [w for w in ("reliable", "clinical range", "out of 27", "Backups") if w in text]
            assert shown == [], type(screen).__name__
            assert app.screen is meeting, f"{type(screen).__name__} was shown in the room"
        for key in ("g", "o", "b"):
            await pilot.press(key)
            await pilot.pause()
        assert not isinstance(app.screen, FamilyOutcomesScreen | OverviewScreen | BackupScreen)
        assert leaks(screen_text(app)) == []


def test_the_app_starts_without_the_plotting_library() -> None:
    code = (
        "import sys, vig_tui.ui.app, vig_tui.ui.screens.home, vig_tui.ui.screens.dashboard;"
        "print('textual_plotext' in sys.modules, 'plotext' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


async def test_question_wording_is_shown_literally_on_the_panel(store: Store) -> None:
    record = measured([12, 6], [2, 7])
    record.active_questions()[0].text = "[bold]Who[/] leads \x1b[31mplay?"
    family_id = store.create_family(record).id
    app = make_app(store)
    async with app.run_test(size=(110, 60)) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]Who[/] leads \\x1b[31mplay?" in text  # escape shown, not obeyed
        assert "\x1b" not in text


class AxisProbe:
    """Stands in for plotext's figure: records the axis and lines a chart asks for."""

    def __init__(self) -> None:
        self.limits: tuple[float, float] | None = None
        self.ticks: tuple[list[float], list[str]] | None = None
        self.hlines: list[float] = []

    def ylim(self, low: float, high: float) -> None:
        self.limits = (low, high)

    def yticks(self, ticks: list[float], labels: list[str]) -> None:
        self.ticks = (ticks, labels)

    def hline(self, y: float, color: str) -> None:
        self.hlines.append(y)

    def __getattr__(self, name: str) -> Callable[..., None]:
        return lambda *args, **kwargs: None  # lines, points and dates: not looked at here


def drawn_axis(t: Trend) -> AxisProbe:
    probe = AxisProbe()
    trend_chart(t).draw(cast("Plot", probe))
    return probe


def test_a_rating_is_drawn_on_whole_number_ticks() -> None:
    probe = drawn_axis(trend(measured([15, 12], [4, 7]), "question"))
    assert probe.limits == (0, 10)
    assert probe.ticks == ([0.0, 2.0, 4.0, 6.0, 8.0, 10.0], ["0", "2", "4", "6", "8", "10"])


def test_the_cut_off_is_a_tick_and_the_line_is_drawn_there() -> None:
    t = trend(measured([15, 12], [4, 7]), "questionnaire")
    assert t.rule is not None and t.rule.cutoff is not None and t.top is not None
    probe = drawn_axis(t)
    assert probe.ticks is not None
    ticks, labels = probe.ticks
    assert all(v == int(v) for v in ticks) and labels == [str(int(v)) for v in ticks]
    assert float(t.rule.cutoff) in ticks and ticks[-1] <= t.top
    assert probe.hlines == [t.rule.cutoff]


def marker_rows(app: Any) -> dict[int, int]:
    """Each plotted point's screen row, by its column (the ● markers)."""
    rows: dict[int, int] = {}
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        for x, char in enumerate(strip.text):
            if char == "●":
                rows[x] = y
    return rows


async def test_ratings_a_point_apart_are_drawn_a_row_apart() -> None:
    """A 0–10 rating chart gives each value its own row: at the usual plot
    height a 3 and a 4 sat on one row, and a 7 on the row labelled 6."""
    from textual.app import App, ComposeResult

    from vig_tui.outcomes.trends import Point

    values = [3, 4, 7, 10, 0]
    trend = Trend(
        kind="question",
        key="1",
        title="How can I help?",
        top=10,
        points=[Point(f"2026-0{n + 1}-01", v) for n, v in enumerate(values)],
    )

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield trend_chart(trend)

    app = Host()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        rows = [row for _x, row in sorted(marker_rows(app).items())]
        assert len(rows) == len(values), rows
        # one row per point of the scale: the row moves exactly as the value does
        base = rows[0] + values[0]
        assert [base - row for row in rows] == values, (rows, values)
