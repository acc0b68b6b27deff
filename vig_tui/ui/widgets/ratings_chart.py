"""A one-line chart of a helping question's 0–10 ratings over time."""

from __future__ import annotations

from rich.text import Text

from ...domain import HelpingQuestion
from ...domain.goals import TOGETHER
from ..text import literal

BLOCKS = " ▁▂▃▄▅▆▇█"


def ratings_line(question: HelpingQuestion) -> Text:
    """e.g. `3 ▃ ▅ ▆ 7  (hoping for 8)`: first, each rating as a bar, latest —
    for each adult apart, named, when the adults rated it each for themselves."""
    series = question.by_rater()
    text = Text()
    if not series:
        text.append("not rated yet", style="dim")
    for n, (rater, ratings) in enumerate(series.items()):
        if len(series) > 1:
            text.append("   " if n else "")
            text.append_text(literal(f"{rater or TOGETHER} "))
        values = [r.value for r in ratings]
        text.append(f"{values[0]:>2} ", style="bold")
        for value in values:
            text.append(BLOCKS[round(value / 10 * (len(BLOCKS) - 1))] + " ", style="cyan")
        text.append(f"{values[-1]:>2}", style="bold")
    if question.hoped_for is not None:
        text.append(f"   hoping for {question.hoped_for}", style="dim")
    return text
