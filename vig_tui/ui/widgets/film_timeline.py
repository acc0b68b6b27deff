"""Timeline: the player panel's one-line bar of the film, the clip and the playhead."""

from __future__ import annotations

from rich.text import Text

from .sized_by_layout import SizedByLayout


class Timeline(SizedByLayout):
    """A one-line progress bar: the film, the clip range and the playhead."""

    DEFAULT_CSS = """
    Timeline { height: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.position_ms = 0
        self.length_ms = 0
        self.range_ms: tuple[int | None, int | None] = (None, None)

    def show(
        self, position_ms: int, length_ms: int, range_ms: tuple[int | None, int | None]
    ) -> None:
        changed = (position_ms, length_ms, range_ms) != (
            self.position_ms,
            self.length_ms,
            self.range_ms,
        )
        self.position_ms, self.length_ms, self.range_ms = position_ms, length_ms, range_ms
        if changed:
            self.refresh()

    def render(self) -> Text:
        width = max(4, self.size.width)
        if self.length_ms <= 0:
            return Text("─" * width, style="dim")

        def column(ms: int) -> int:
            return min(width - 1, max(0, round(ms / self.length_ms * (width - 1))))

        start, end = self.range_ms
        low = column(start) if start is not None else None
        high = column(end) if end is not None else None
        head = column(self.position_ms)
        text = Text()
        for x in range(width):
            if x == head:
                text.append("●", style="bold")
            elif low is not None and high is not None and low <= x <= high:
                text.append("━", style="bold green")
            elif x in (low, high):
                text.append("┃", style="green")
            else:
                text.append("─", style="dim")
        return text
