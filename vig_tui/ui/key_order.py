"""Keys take effect in the order they came.

Textual hands each key to the widget that has the focus when the app reads the
key, and Tab's "next field" runs only after the key has travelled through that
widget and up to its screen. Keys that arrive together (a paste, a helper
typing quickly, a slow remote link) were all handed on before the focus moved:
"Ab<Tab>Mum" in the New family form put "AbMum" in the label box. So the app
takes Tab and Shift+Tab first, as it reads them, and moves the focus there and
then, before the next key is handed on, in every form of vig at once. Where
Tab means something else (an editor that indents, a widget or screen with its
own Tab binding) the key goes on its usual way.

The same holds for every key the app takes first (a priority binding: Ctrl+N,
F2, Ctrl+S, a stage move). Textual runs its action as it reads the key, while
the keys typed before it may still be waiting in the focused field: "calm"
Ctrl+N "warm" saved an empty answer and put "calmwarm" on the next step, and a
pasted title cut short by Ctrl+S went half into the next clip. So before such
a key's action runs, the field takes the keys it was handed (`keys_handed_on`);
and what the action focuses is focused there and then (`focus_now`), so the
keys after it go there.
"""

from __future__ import annotations

import asyncio
import contextlib

from textual.actions import SkipAction
from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

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


#: the longest a key waits for the focused field to take the keys before it (s)
KEYS_HANDED_ON_WAIT = 1.0


def takes_first(chain: list[tuple[DOMNode, BindingsMap]], key: str) -> bool:
    """Whether some binding on the way to the focused widget takes `key` first
    (a priority binding), before the widget sees it."""
    return any(
        binding.priority
        for _node, bindings in chain
        for binding in bindings.key_to_bindings.get(key, ())
    )


async def keys_handed_on(field: Widget | None) -> None:
    """Return once `field` has handled the keys already handed to it."""
    if field is None or not field.message_queue_size:
        return
    done = asyncio.Event()
    field.call_later(done.set)  # queued behind the keys it was handed
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), KEYS_HANDED_ON_WAIT)


def focus_now(widget: Widget) -> None:
    """Focus `widget` at once (Textual's `focus()` waits its turn behind the
    keys already read, which then went to the field being left)."""
    widget.screen.set_focus(widget)
