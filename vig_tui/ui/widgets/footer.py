"""The footer every vig screen uses: help and the way out always come first,
and keys that do not fit are left out whole, least important first.

Textual's footer lists a screen's keys before the app's, so on a narrow
terminal (80 columns) F1 (help), Quit and Esc were the first to be cut off,
and the last key shown was cut mid-word ("e▏"). Here they lead, and a key
that does not fit in full is not shown at all: its place in the order says
how much it matters (a screen lists its keys most important first), and F1
lists every key.

The footer is one widget that draws its keys as one line of text. Textual's
footer is a widget per key, built again whenever the keys change: about a
third of the widgets of a screen like the dashboard, styled and laid out as
the screen opens, and a layout of the whole screen whenever a key came or
went. Here a change of keys repaints one line.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode
from textual.screen import Screen

from .sized_by_layout import SizedByLayout

ActiveBindings = dict[str, ActiveBinding]

#: keys that are always on screen, in this order: help, the way back, quitting,
#: and switching between the family's and the practitioner's view. Known by
#: their usual key, so they still lead when a keymap moves them.
ALWAYS_SHOWN = ("f1", "escape", "ctrl+q", "f2")

#: what stands between the keys and the palette's key, at the right
PALETTE_BAR = "▏"


def usual_key(node: DOMNode, binding: Binding) -> str:
    """The key a binding has before any keymap (the node keeps its own bindings)."""
    if binding.id:
        for key, bindings in node._bindings.key_to_bindings.items():
            if any(b.id == binding.id for b in bindings):
                return key
    return binding.key


def keys_that_fit(widths: list[tuple[bool, int]], room: int) -> list[bool]:
    """Which keys to show, given (always shown?, width) in order of importance
    (the always-shown keys first): each while it fits whole, and none after the
    first that does not. On a very narrow terminal even an always-shown key is
    left out whole rather than cut (F1 comes first, and lists every key)."""
    shown: list[bool] = []
    left = room
    full = False
    for _always, width in widths:
        full = full or width > left
        shown.append(not full)
        if not full:
            left -= width
    return shown


@dataclass(frozen=True)
class FooterKey:
    """One key as the footer offers it."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    #: help, the way back, quitting, the view: never left out
    always: bool = False

    #: drawn without spaces around the key (the palette's key, at the right)
    compact: bool = False

    def words(self) -> tuple[str, str]:
        """The key and its description as drawn: " f1 " and "Help " (compact:
        "^p" and " palette")."""
        if self.compact:
            return self.display, f" {self.description}" if self.description else ""
        return f" {self.display} ", f"{self.description} " if self.description else ""

    @property
    def width(self) -> int:
        """The cells the key takes on the line."""
        return sum(Text(part).cell_len for part in self.words())


@dataclass(frozen=True)
class Placed:
    """A key drawn on the footer's line, from column `start` to `end`."""

    key: FooterKey
    start: int
    end: int


class VigFooter(SizedByLayout, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer-key--key",
        "footer-key--description",
        "footer-key--hover",
        "footer-key--palette-bar",
    }
    DEFAULT_CSS = """
    VigFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .footer-key--palette-bar {
            color: $foreground 20%;
        }
    }
    """

    #: the keys drawn at the last paint, where they are on the line
    placed: tuple[Placed, ...] = ()
    #: the keys as last worked out from the screen's bindings (None: to do at the next paint)
    _keys: tuple[FooterKey, ...] | None = None
    #: the key under the mouse pointer
    _hover: FooterKey | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        if hasattr(type(self.app), "together"):  # the palette's key goes with the family's view
            self.watch(self.app, "together", self._view_changed, init=False)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Bindings are told to have changed several times as a screen opens
        (each focus change, each step shown): the keys are worked out once, as
        the footer's one line is next painted. A change while the app has no
        focus (the terminal left) is not one to show."""
        if not screen.app.app_focus or screen is not self.screen:
            return
        self._keys = None
        self.refresh()

    def _view_changed(self, _together: bool) -> None:
        self._keys = None
        # a covered screen repaints as it is uncovered: a refresh now would
        # repaint what covers it, every cell of it (Textual counts the screen
        # just under the top one as "current")
        if self.screen is self.app.screen:
            self.refresh()

    async def rebuild_now(self) -> None:
        """Kept for screens that bring the footer up to date with a step: the
        keys are worked out at the next paint, in any case."""
        self._keys = None
        self.refresh()

    # -- what the footer offers ------------------------------------------------------
    @staticmethod
    def one_per_action(active: ActiveBindings) -> dict[str, tuple[DOMNode, Binding, bool, str]]:
        """The shown bindings, one key per action (the first bound to it): F1
        and "?" both open help, and "?" is a key only while no text field has
        the focus — one footer key either way."""
        first: dict[str, tuple[DOMNode, Binding, bool, str]] = {}
        for node, binding, enabled, tooltip in active.values():
            if binding.show:
                first.setdefault(binding.action, (node, binding, enabled, tooltip))
        return first

    def keys(self) -> tuple[FooterKey, ...]:
        """The keys to offer, in order: the always-shown ones first (in
        ALWAYS_SHOWN's order), then the screen's in its own order."""
        if self._keys is None:
            self._keys = self._work_out_keys()
        return self._keys

    def _work_out_keys(self) -> tuple[FooterKey, ...]:
        active = self.screen.active_bindings
        ranked: list[tuple[int, FooterKey]] = []
        for node, binding, enabled, tooltip in self.one_per_action(active).values():
            usual = usual_key(node, binding)
            rank = ALWAYS_SHOWN.index(usual) if usual in ALWAYS_SHOWN else len(ALWAYS_SHOWN)
            key = self._key(binding, enabled, tooltip, always=rank < len(ALWAYS_SHOWN))
            ranked.append((rank, key))
        ranked.sort(key=lambda pair: pair[0])  # stable: the screen's order otherwise
        return tuple(key for _rank, key in ranked)

    def palette_key(self) -> FooterKey | None:
        """The command palette's key, at the right; never while the family's
        view is on (the palette is the practitioner's)."""
        if not self.app.ENABLE_COMMAND_PALETTE or getattr(self.app, "together", False):
            return None
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is None:
            return None
        _node, binding, enabled, tooltip = palette
        tip = binding.tooltip or tooltip or binding.description
        return self._key(binding, enabled, tip, compact=True)

    def _key(
        self,
        binding: Binding,
        enabled: bool,
        tooltip: str,
        always: bool = False,
        compact: bool = False,
    ) -> FooterKey:
        display = self.app.get_key_display(binding)
        return FooterKey(
            binding.key, display, binding.description, enabled, tooltip, always, compact
        )

    # -- drawing ------------------------------------------------------------------------
    def render(self) -> Text:
        keys = self.keys()
        palette = self.palette_key()
        width = self.size.width
        # in order of importance: the always-shown keys, the palette's (at the
        # right, after its bar), then the screen's own
        always = [key for key in keys if key.always]
        ordered: list[tuple[FooterKey, int]] = [(key, key.width) for key in always]
        if palette is not None:
            ordered.append((palette, len(PALETTE_BAR) + palette.width + 1))
        ordered += [(key, key.width) for key in keys if not key.always]
        fits = keys_that_fit([(key.always, cells) for key, cells in ordered], width)
        shown = {key for (key, _cells), fit in zip(ordered, fits, strict=True) if fit}
        if palette not in shown:
            palette = None
        palette_width = 0 if palette is None else len(PALETTE_BAR) + palette.width + 1
        line = Text(no_wrap=True, overflow="crop", end="")
        placed: list[Placed] = []
        for key in keys:
            if key in shown:
                placed.append(self._draw(line, key))
        if palette is not None:
            line.append(" " * max(0, width - palette_width - line.cell_len))
            line.append(PALETTE_BAR, self.get_component_rich_style("footer-key--palette-bar"))
            placed.append(self._draw(line, palette))
            line.append(" ")
        self.placed = tuple(placed)
        return line

    def _draw(self, line: Text, key: FooterKey) -> Placed:
        start = line.cell_len
        key_words, description = key.words()
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        if key == self._hover:
            hover = self.get_component_rich_style("footer-key--hover")
            key_style, description_style = key_style + hover, description_style + hover
        if not key.enabled:
            key_style, description_style = (
                key_style + Style(dim=True),
                description_style + Style(dim=True),
            )
        line.append(key_words, key_style)
        if description:
            line.append(description, description_style)
        return Placed(key, start, line.cell_len)

    @property
    def shown_keys(self) -> list[str]:
        """What the footer shows, as "key Words" (for tests and the bench)."""
        return [f"{p.key.display} {p.key.description}".strip() for p in self.placed]

    # -- the mouse ----------------------------------------------------------------------
    def key_at(self, x: int) -> FooterKey | None:
        return next((p.key for p in self.placed if p.start <= x < p.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self.key_at(event.x)
        if key != self._hover:
            self._hover = key
            self.tooltip = key.tooltip if key is not None and key.tooltip else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        event.stop()
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
