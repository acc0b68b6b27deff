"""The footer every vig screen uses: help and the way out always come first.

Textual's footer lists a screen's keys before the app's, so on a narrow
terminal (80 columns) F1 (help), Quit and Esc were the first to be cut off.
Here they lead.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: keys that are always on screen: help, the way back, and quitting
ALWAYS_SHOWN = ("f1", "escape", "ctrl+q")


def _rank(widget: Widget) -> int:
    key = widget.key if isinstance(widget, FooterKey) else ""
    return ALWAYS_SHOWN.index(key) if key in ALWAYS_SHOWN else len(ALWAYS_SHOWN)


class VigFooter(Footer):
    def compose(self) -> ComposeResult:
        # vig binds no key groups, so every key is a plain FooterKey and may be reordered
        for key in sorted(super().compose(), key=_rank):
            if isinstance(key, FooterKey) and not key.has_class("-command-palette"):
                # born with the footer's style: a bound FooterKey starts compact and
                # is then told it isn't, restyling itself twice on every recompose
                key.set_reactive(FooterKey.compact, self.compact)
                key.set_class(self.compact, "-compact", update=False)
            yield key
