"""A one-line chart of a helping question's 0–10 ratings over time."""

from __future__ import annotations

from rich.text import Text

from ...domain import HelpingQuestion

BLOCKS = " ▁▂▃▄▅▆▇█"


def ratings_line(question: HelpingQuestion) -> Text:
    """e.g. `3 ▃ ▅ ▆ 7  (hoping for 8)`: first, each rating as a bar, latest."""
    values = question.values()
    text = Text()
    if not values:
        text.append("not rated yet", style="dim")
    else:
        text.append(f"{values[0]:>2} ", style="bold")
        for value in values:
            text.append(BLOCKS[round(value / 10 * (len(BLOCKS) - 1))] + " ", style="cyan")
        text.append(f"{values[-1]:>2}", style="bold")
    if question.hoped_for is not None:
        text.append(f"   hoping for {question.hoped_for}", style="dim")
    return text
