"""Charts in the terminal (textual-plotext), each with its numbers in words.

A chart is never the only way to read a figure: every :class:`Chart` has a
line of text under the plot with the same numbers and their n, for someone
who cannot see the plot (a screen reader, a narrow terminal, no colour).

Inside the plot go numbers, dates and short labels stripped of control
characters (:func:`plot_label`); titles and question wording are shown by
the caller as literal text, so nothing from a pack or a family can change
how the plot is drawn. textual-plotext is imported when a chart is
first composed, never while the app starts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...outcomes.trends import Point, Trend

if TYPE_CHECKING:
    from textual_plotext.plot import Plot

#: draws on a plotext figure
Draw = Callable[["Plot"], None]

CHART_HEIGHT = 10
#: rows a plot takes besides its values: the frame's two and the dates' one
PLOT_FRAME_ROWS = 3
#: the highest whole-number scale given a row for each of its values (0–10 ratings)
ROW_PER_VALUE_UP_TO = 10


def plot_height(top: int | None) -> int:
    """A plot's height in rows. On a short whole-number scale (the 0–10 ratings)
    each value has a row of its own: at the usual height a 3 and a 4 were drawn
    on the same row, and a 7 looked like a 6."""
    if top is not None and 0 < top <= ROW_PER_VALUE_UP_TO:
        return max(CHART_HEIGHT, top + 1 + PLOT_FRAME_ROWS)
    return CHART_HEIGHT


class Chart(Vertical):
    """A plot and, below it, the same figures in words."""

    DEFAULT_CSS = f"""
    Chart {{ height: auto; margin: 0 0 1 0; }}
    Chart > .chart-plot {{ height: {CHART_HEIGHT}; width: 1fr; max-width: 90; }}
    Chart > .chart-numbers {{ height: auto; }}
    """

    def __init__(
        self,
        draw: Draw,
        numbers: Text,
        *,
        height: int = CHART_HEIGHT,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.draw = draw
        self.numbers = numbers
        self.height = height

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        plot = PlotextPlot(classes="chart-plot")
        if self.height != CHART_HEIGHT:
            plot.styles.height = self.height
        self.draw(plot.plt)
        yield plot
        yield Static(self.numbers, classes="chart-numbers")


def whole_counts(plt: Plot, top: int) -> None:
    """A count axis from 0 with whole-number ticks (never "0.50 families")."""
    top = max(top, 1)
    step = max(1, -(-top // 5))
    ticks = [float(t) for t in range(0, top + step, step)]
    plt.ylim(0, ticks[-1])
    plt.yticks(ticks, [str(int(t)) for t in ticks])


def whole_ticks(top: int, cutoff: int | None = None) -> list[int]:
    """Ticks for a measure scored in whole numbers from 0 to `top`: a round step
    (1, 2, 5, 10, 20, ...) giving at most six ticks, and the pack's cut-off as a
    tick of its own, so a 4 never sits beside "3.3" and the line reads as the text."""
    top = max(top, 1)
    steps = (m * 10**e for e in range(12) for m in (1, 2, 5))
    step = next(s for s in steps if top // s <= 5)
    ticks = set(range(0, top + 1, step))
    if cutoff is not None and 0 <= cutoff <= top:
        ticks.add(cutoff)
    return sorted(ticks)


def whole_scale(plt: Plot, top: int, cutoff: int | None = None) -> None:
    """A value axis from 0 to `top` labelled with :func:`whole_ticks`."""
    ticks = whole_ticks(top, cutoff)
    plt.ylim(0, top)
    plt.yticks([float(t) for t in ticks], [str(t) for t in ticks])


def plot_label(label: str, width: int = 14) -> str:
    """A label fit for inside a plot: printable characters only, cut to `width`."""
    plain = "".join(ch for ch in label if ch.isprintable())
    return plain if len(plain) <= width else plain[: width - 1] + "…"


def _when(point: Point | None, name: str) -> str | None:
    return f"{name} {point.value} ({point.date})" if point is not None else None


def trend_numbers(trend: Trend) -> Text:
    """First / previous / latest with their dates, then what the change means."""
    parts = [
        part
        for part in (
            _when(trend.first, "first"),
            _when(trend.previous, "previous"),
            _when(trend.latest, "latest"),
        )
        if part
    ]
    text = Text(" · ".join(parts) if parts else "No values yet.")
    if trend.top is not None and parts:
        text.append(f" (out of {trend.top})", style="dim")
    verdict = trend.verdict()
    change = trend.change
    style = ""
    if change is not None:
        style = {"reliable improvement": "green", "reliable deterioration": "red"}.get(
            change.reliable.value, ""
        )
    text.append("\n")
    text.append(verdict, style=style)
    return text


def trend_chart(trend: Trend, *, id: str | None = None) -> Chart:
    """One measure over time: a line through each value, dated below."""
    xs = [float(x) for x in range(1, trend.n + 1)]
    ys = [p.value for p in trend.points]
    dates = [p.date for p in trend.points]

    def draw(plt: Plot) -> None:
        plt.plot(xs, ys, marker="hd")
        plt.scatter(xs, ys, marker="●")
        plt.xticks(xs, dates)
        cutoff = trend.rule.cutoff if trend.rule is not None else None
        if trend.top is not None:
            whole_scale(plt, trend.top, cutoff)
        if cutoff is not None:
            plt.hline(cutoff, "red")

    return Chart(draw, trend_numbers(trend), height=plot_height(trend.top), id=id, classes="trend")


def bar_chart(
    labels: Sequence[str], counts: Sequence[int], what: str, *, id: str | None = None
) -> Chart:
    """How many fell in each group, with the same counts (and n) in words."""
    total = sum(counts)
    numbers = Text(f"{what} (n = {total}): ")
    numbers.append(
        ", ".join(f"{label}: {count}" for label, count in zip(labels, counts, strict=True))
    )

    def draw(plt: Plot) -> None:
        plt.bar([plot_label(label) for label in labels], list(counts), width=0.6)
        whole_counts(plt, max(counts, default=0))

    return Chart(draw, numbers, id=id, classes="bars")


def grouped_bar_chart(
    groups: Sequence[str],
    series: dict[str, list[int]],
    what: str,
    *,
    id: str | None = None,
) -> Chart:
    """Several counts per group (e.g. improvement / no change / deterioration per measure)."""
    numbers = Text(f"{what}:")
    for n, group in enumerate(groups):
        counted = [(name, values[n]) for name, values in series.items()]
        total = sum(count for _name, count in counted)
        numbers.append(f"\n{group} (n = {total}): ")
        numbers.append(", ".join(f"{count} {name}" for name, count in counted))

    def draw(plt: Plot) -> None:
        # the stubs shipped with textual-plotext call this argument `label`;
        # plotext itself takes `labels`
        cast(Any, plt).multiple_bar(
            [plot_label(group) for group in groups],
            list(series.values()),
            labels=[plot_label(name) for name in series],
            width=0.8,
        )
        whole_counts(plt, max((max(v, default=0) for v in series.values()), default=0))

    return Chart(draw, numbers, id=id, classes="bars")
