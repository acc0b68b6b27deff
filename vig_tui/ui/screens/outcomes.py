"""One family's outcomes over time: questionnaire totals and helping-question
ratings, each as a chart with its numbers and what the change means.

Practitioner-only: totals, the clinical range and reliable change are never
shown to the family (the room refuses this screen; see ui/room.py).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from ...outcomes.trends import Trend, family_trends
from ...services.session import FamilySession
from ..text import literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader, family_title
from .base import VigScreen


class FamilyOutcomesScreen(VigScreen):
    FAMILY_SAFE = False
    HELP = """\
## Outcomes (practitioner only)

Each questionnaire the family filled in and each current helping question,
over time: a chart, then the first, previous and latest values with their
dates, and what the change from first to latest means.

- **Reliable improvement / deterioration**: the change is at least the
  reliable-change figure the questionnaire's pack declares (with its source);
  smaller changes are **no reliable change**.
- **Clinical range**: where the pack gives a cut-off, whether the family
  started in the clinical range and whether they left it.

Scores are worked out again from the answers each time. **Esc** goes back.
"""
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="outcomes.back")]
    DEFAULT_CSS = """
    FamilyOutcomesScreen #outcomes { padding: 0 2; }
    FamilyOutcomesScreen #outcomes Static { height: auto; }
    """

    def __init__(self, family: FamilySession) -> None:
        super().__init__()
        self.family = family
        self.trends: list[Trend] = []

    def compose(self) -> ComposeResult:
        yield VigHeader()
        yield VerticalScroll(id="outcomes")
        yield VigFooter()

    def on_mount(self) -> None:
        self.sub_title = family_title(self.family.record.family.label, "outcomes")
        self.trends = family_trends(self.family.record, self.vig.packs)
        self.query_one("#outcomes", VerticalScroll).mount_all(self.widgets())

    def widgets(self) -> list[Widget]:
        from ..widgets.charts import trend_chart, trend_numbers

        parts: list[Widget] = [Static(literal(self.family.record.family.label), classes="title")]
        sections = (
            ("questionnaire", "Questionnaires (totals over time)", "No questionnaires yet."),
            ("question", "Helping questions (ratings over time)", "No helping questions yet."),
        )
        for kind, heading, none in sections:
            parts.append(Static(heading, classes="section"))
            trends = [t for t in self.trends if t.kind == kind]
            if not trends:
                parts.append(Static(Text(none, style="dim")))
            for n, trend in enumerate(trends):
                parts.append(Static(literal(trend.title), classes="trend-title"))
                if trend.n >= 2:
                    parts.append(trend_chart(trend, id=f"trend-{kind}-{n}"))
                else:
                    parts.append(Static(trend_numbers(trend), id=f"trend-{kind}-{n}"))
        return parts
