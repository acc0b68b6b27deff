"""Showing people's words exactly as typed.

Anything a practitioner or family typed goes through :func:`literal` before it
reaches the screen: `[bold]`, `[/]` and escape codes are shown as text and can
never change how the screen looks or crash it.
"""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: str) -> str:
    """Make control characters (ESC and friends) visible instead of active."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def literal(value: str, style: str = "") -> Text:
    return Text(clean(value), style=style)
