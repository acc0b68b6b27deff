"""Small bar charts as inline SVG, for the printed reports (no plotting library).

Every label is escaped; the numbers are drawn beside their bars, so a chart
says the same as the table next to it for anyone who cannot see colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 520
ROW = 22
LABEL_W = 170


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    #: the text drawn after the bar (the value with its n, say)
    note: str
    colour: str = "#3a7ca5"


def bar_chart(bars: list[Bar], title: str, top: float | None = None) -> str:
    """Horizontal bars, one row each, scaled to `top` (default: the largest)."""
    height = ROW * len(bars) + 30
    biggest = top if top is not None else max((b.value for b in bars), default=0.0)
    span = WIDTH - LABEL_W - 90
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" '
        f'font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="14" font-weight="bold">{escape(title)}</text>',
    ]
    for n, bar in enumerate(bars):
        y = 24 + n * ROW
        length = 0.0 if biggest <= 0 else max(0.0, bar.value) / biggest * span
        parts += [
            f'<text x="{LABEL_W - 6}" y="{y + 14}" text-anchor="end">{escape(bar.label)}</text>',
            f'<rect x="{LABEL_W}" y="{y + 3}" width="{length:.1f}" height="{ROW - 8}" '
            f'fill="{escape(bar.colour)}"/>',
            f'<text x="{LABEL_W + length + 6:.1f}" y="{y + 14}">{escape(bar.note)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)
