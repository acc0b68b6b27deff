"""A 0–10 scale the family can set themselves, with keys or the mouse."""

from __future__ import annotations

from time import monotonic

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive

from .sized_by_layout import SizedByLayout

CELL = 4  # characters per number on the scale
#: "1" then "0" typed within this many seconds is read as 10, the way a person types it.
TEN_TYPED_WITHIN_S = 1.0


class RatingScale(SizedByLayout, can_focus=True):
    """Eleven boxes, 0 to 10, the chosen one between ▸ ◂.

    ←/→ move, 0–9 pick, "1" then "0" (or End, or t) picks 10, click picks."""

    DEFAULT_CSS = """
    RatingScale { height: 2; width: 100%; padding: 0 1; }
    RatingScale:focus { background: $boost; }
    """
    BINDINGS = [
        Binding("left", "move(-1)", "Less", show=False, id="rating.less"),
        Binding("right", "move(1)", "More", show=False, id="rating.more"),
        Binding("home", "pick(0)", show=False, id="rating.lowest"),
        Binding("end,t", "pick(10)", show=False, id="rating.highest"),
        *[Binding(str(n), f"digit({n})", show=False, id=f"rating.{n}") for n in range(10)],
    ]

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        def __init__(self, scale: RatingScale, value: int) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

        @property
        def control(self) -> RatingScale:
            return self.scale

    def __init__(
        self, value: int | None = None, *, low: str = "", high: str = "", **kwargs: object
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.set_reactive(RatingScale.value, value)
        self._one_typed_at: float | None = None  # when "1" was typed, for "10"
        self.low = low
        self.high = high

    def render(self) -> Text:
        text = Text()
        for n in range(11):
            if n == self.value:
                # marked by shape too, for monochrome screens: ▸7◂ (▸10◂ takes the gap)
                label = f"▸{n}◂"
                text.append(label, style="bold reverse")
                text.append(" " * (CELL - len(label)))
            else:
                text.append(f"{n:^{CELL - 1}} ", style="bold" if self.has_focus else "")
        text.append("\n")
        if self.low or self.high:
            text.append(f"0 = {self.low}" if self.low else "", style="dim")
            if self.low and self.high:
                text.append("  ·  ", style="dim")
            text.append(f"10 = {self.high}" if self.high else "", style="dim")
        return text

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return 2

    def _set(self, value: int) -> None:
        value = max(0, min(10, value))
        if value != self.value:
            self.value = value
            self.post_message(self.Changed(self, value))

    def action_move(self, delta: int) -> None:
        self._one_typed_at = None
        self._set((self.value if self.value is not None else 5 - (delta > 0)) + delta)

    def action_pick(self, value: int) -> None:
        self._one_typed_at = None
        self._set(value)

    def action_digit(self, digit: int) -> None:
        """A typed digit picks itself, except a "0" just after a "1": that is 10."""
        now, one_at = monotonic(), self._one_typed_at
        ten = digit == 0 and one_at is not None and now - one_at <= TEN_TYPED_WITHIN_S
        self.action_pick(10 if ten and self.value == 1 else digit)
        if digit == 1:
            self._one_typed_at = now

    def on_click(self, event: events.Click) -> None:
        column = event.x - 1  # padding
        if 0 <= column < CELL * 11:
            self.focus()
            self.action_pick(column // CELL)

    def watch_value(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self._one_typed_at = None  # a "0" typed on coming back is 0
        self.refresh()
