"""Tab moves the focus in the order the keys came.

Textual hands each key to the widget that has the focus when the app reads the
key, and Tab's "next field" runs only after the key has travelled through that
widget and up to its screen. Keys that arrive together (a paste, a helper
typing quickly, a slow remote link) were all handed on before the focus moved:
"Ab<Tab>Mum" in the New family form put "AbMum" in the label box. So the app
takes Tab and Shift+Tab first, as it reads them, and moves the focus there and
then, before the next key is handed on, in every form of vig at once. Where
Tab means something else (an editor that indents, a widget or screen with its
own Tab binding) the key goes on its usual way.
"""

from __future__ import annotations

from textual.actions import SkipAction
from textual.screen import Screen

#: what Tab and Shift+Tab do when nothing on the way claims them (Textual's screen bindings)
FOCUS_ACTIONS = frozenset({"app.focus_next", "app.focus_previous", "focus_next", "focus_previous"})


def tab_moves_focus(screen: Screen[object], forward: bool) -> bool:
    """Whether Tab (or Shift+Tab) only moves the focus here: neither the focused
    widget nor anything around it up to the screen takes the key for itself."""
    key = "tab" if forward else "shift+tab"
    focused = screen.focused
    if focused is not None and focused.check_consume_key(key, "\t" if forward else None):
        return False  # e.g. an editor that indents with Tab
    node = focused or screen
    for around in (node, *node.ancestors):
        if around is screen.app:
            break
        for binding in around._bindings.key_to_bindings.get(key, ()):
            if binding.action not in FOCUS_ACTIONS:
                return False
    return True


def move_focus_now(screen: Screen[object], forward: bool) -> None:
    """Move the focus for Tab (forward) or Shift+Tab (back) at once; raise
    SkipAction when the key means something else here, so it goes on as usual."""
    if not tab_moves_focus(screen, forward):
        raise SkipAction()
    if forward:
        screen.focus_next()
    else:
        screen.focus_previous()
