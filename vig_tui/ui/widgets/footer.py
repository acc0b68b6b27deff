"""The footer every vig screen uses: help and the way out always come first,
and keys that do not fit are left out whole, least important first.

Textual's footer lists a screen's keys before the app's, so on a narrow
terminal (80 columns) F1 (help), Quit and Esc were the first to be cut off,
and the last key shown was cut mid-word ("e▏"). Here they lead, and a key
that does not fit in full is not shown at all: its place in the order says
how much it matters (a screen lists its keys most important first), and F1
lists every key.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from .sized_by_layout import ArrangedOnce, SizedByLayout

ActiveBindings = dict[str, ActiveBinding]

#: keys that are always on screen, in this order: help, the way back, quitting,
#: and switching between the family's and the practitioner's view. Known by
#: their usual key, so they still lead when a keymap moves them.
ALWAYS_SHOWN = ("f1", "escape", "ctrl+q", "f2")


def usual_key(node: DOMNode, binding: Binding) -> str:
    """The key a binding has before any keymap (the node keeps its own bindings)."""
    if binding.id:
        for key, bindings in node._bindings.key_to_bindings.items():
            if any(b.id == binding.id for b in bindings):
                return key
    return binding.key


def key_width(key: Widget) -> int:
    """The cells a footer key takes in full: its words, padding and margin."""
    styles = key.styles
    content = key.get_content_width(key.app.size, key.app.size)
    return content + styles.gutter.width + styles.margin.width


def keys_that_fit(widths: list[tuple[bool, int]], room: int) -> list[bool]:
    """Which keys to show, given (always shown?, width) in order of importance:
    the always-shown keys, then the others in order while they fit whole."""
    left = room - sum(width for always, width in widths if always)
    shown: list[bool] = []
    full = False
    for always, width in widths:
        if always:
            shown.append(True)
            continue
        full = full or width > left
        shown.append(not full)
        if not full:
            left -= width
    return shown


class LaidOutFooterKey(FooterKey, SizedByLayout):
    """A footer key sized by the layout that shows it (a key born as a step
    changes did not otherwise lay the screen out a second time)."""


class VigFooter(Footer, ArrangedOnce, SizedByLayout):
    # Keys that do not fit are left out (`fit_keys`), so there is never anything
    # to scroll to: Textual's footer scrolls sideways, and its (invisible) scroll
    # bar coming and going as keys went in laid the screen out once more.
    DEFAULT_CSS = """
    VigFooter { overflow-x: hidden; }
    """

    #: each key on screen → its usual key (set on every compose; never changed in place)
    _usual: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        # The screen's keys are known as the footer is first composed, so they
        # show at once: Textual's footer starts empty and builds every key again
        # after the first paint. Each key is born with the footer's style (a key
        # bound to the footer's `compact` costs a message and a restyle, for a
        # style that never changes here).
        self._bindings_ready = True
        active = self.screen.active_bindings
        self._built = self._keys(active)
        self._usual = {
            binding.key: usual_key(node, binding)
            for node, binding, _enabled, _tip in active.values()
        }
        first = self._one_per_action(active)
        self.styles.grid_size_columns = len(first)
        keys = sorted((self._footer_key(*shown) for shown in first.values()), key=self._rank)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            _node, binding, enabled, _tip = palette
            keys.append(
                LaidOutFooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )
            )
        self._fit_before_mount(keys)
        yield from keys

    #: the width each key has taken, by what it shows (see `_fit_before_mount`)
    _measured: dict[tuple[str, str, bool], int] | None = None

    def _width_known(self, key: FooterKey) -> int | None:
        return (self._measured or {}).get((key.key_display, key.description, self.compact))

    def _which_shown(
        self, keys: list[FooterKey], width_of: Callable[[FooterKey], int | None]
    ) -> list[bool] | None:
        """Which of `keys` show at the footer's width: the palette's key and the
        always-shown ones, then the others in order while they fit whole. None
        when the footer's width or a key's width is not known yet."""
        widths = [width_of(key) for key in keys]
        if not self.size.width or None in widths:
            return None
        known = [w or 0 for w in widths]
        palette = [key.has_class("-command-palette") for key in keys]
        room = self.size.width - sum(w for w, p in zip(known, palette, strict=True) if p)
        fitting = [
            (self.always_shown(k), w) for k, w, p in zip(keys, known, palette, strict=True) if not p
        ]
        fits = iter(keys_that_fit(fitting, room))
        return [True if p else next(fits) for p in palette]

    def _fit_before_mount(self, keys: list[FooterKey]) -> None:
        """Keys seen before (a step's keys come back at every step of its kind)
        are left out before they go in, rather than just after: a key hidden
        once on screen laid the screen out a second time."""
        for key, shown in zip(keys, self._which_shown(keys, self._width_known) or [], strict=False):
            if not shown:  # set before the key is mounted: no refresh to ask for
                key.styles.set_rule("display", "none")

    def _footer_key(self, binding: Binding, enabled: bool, tooltip: str) -> FooterKey:
        key = LaidOutFooterKey(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            binding.action,
            disabled=not enabled,
            tooltip=tooltip,
        )
        key.set_reactive(FooterKey.compact, self.compact)
        key.set_class(self.compact, "-compact", update=False)
        return key

    def _rank(self, widget: Widget) -> int:
        key = widget.key if isinstance(widget, FooterKey) else ""
        usual = self._usual.get(key, key)
        return ALWAYS_SHOWN.index(usual) if usual in ALWAYS_SHOWN else len(ALWAYS_SHOWN)

    def always_shown(self, key: FooterKey) -> bool:
        return self._rank(key) < len(ALWAYS_SHOWN)

    #: a rebuild is asked for and not yet done
    _rebuild_asked = False
    #: the keys the footer was last built with (see `_keys`)
    _built: tuple[tuple[object, ...], ...] | None = None

    @staticmethod
    def _one_per_action(active: ActiveBindings) -> dict[str, tuple[Binding, bool, str]]:
        """The shown bindings, one key per action (the first bound to it): F1
        and "?" both open help, and "?" is a key only while no text field has
        the focus — one footer key either way."""
        first: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                first.setdefault(binding.action, (binding, enabled, tooltip))
        return first

    def _keys(self, active: ActiveBindings | None = None) -> tuple[tuple[object, ...], ...]:
        """What the footer shows of the screen's bindings (`_one_per_action`)
        and the palette's key: a change of focus that changes neither (a field's
        own hidden keys, a second key for help) rebuilds nothing."""
        if active is None:
            active = self.screen.active_bindings  # worked out afresh at each use
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        shown = tuple(
            (binding.key, binding.description, enabled, tooltip)
            for binding, enabled, tooltip in self._one_per_action(active).values()
        )
        if palette is None:
            return shown
        _node, binding, enabled, tooltip = palette
        return (*shown, (binding.key, binding.description, enabled, tooltip))

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Bindings are told to have changed several times as a screen opens
        (each focus change, each step shown): one rebuild after the next
        refresh, and none when the keys it would show are the same."""
        self._bindings_ready = True
        if not screen.app.app_focus or self._rebuild_asked:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_asked = True
            self.call_after_refresh(self._rebuild)

    async def rebuild_now(self) -> None:
        """The rebuild, now rather than after the next refresh (for a screen that
        puts it in one layout with other changes); one already asked for then
        finds nothing to do."""
        await self._rebuild()

    async def _rebuild(self) -> None:
        self._rebuild_asked = False  # a change from here on asks again
        if self.is_attached and self._keys() != self._built:
            await self.recompose()

    async def recompose(self) -> None:
        await super().recompose()
        self.fit_keys()

    def on_resize(self) -> None:
        self.fit_keys()

    def fit_keys(self) -> None:
        """Show the keys that fit whole, most important first."""
        keys = list(self.query_children(FooterKey))
        measured = self._measured = self._measured or {}
        for key in keys:
            measured[(key.key_display, key.description, self.compact)] = key_width(key)
        for key, shown in zip(keys, self._which_shown(keys, key_width) or [], strict=False):
            if key.has_class("-command-palette"):
                continue  # its own rules show it (never in the family's view)
            if key.display != shown:  # setting it at all redraws the key and lays out again
                key.display = shown
