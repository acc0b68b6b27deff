"""Command palette: open any family by typing part of its label — at the desk only.

In the room (the family at the laptop) the app opens :class:`RoomPalette`
instead, whose only provider is :class:`RoomCommands`: help and quit, never
another family or anything practitioner-only.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar, cast

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider

from .text import literal, markup_safe

if TYPE_CHECKING:
    from .app import VigApp


class FamilyCommands(Provider):
    @property
    def vig(self) -> VigApp:
        return cast("VigApp", self.app)

    async def discover(self) -> Hits:
        if self.vig.room:  # never another family while the family is at the laptop
            return
        for summary in self.vig.store.summaries()[:20]:
            yield DiscoveryHit(
                literal(f"Open {summary.label}"),
                partial(self.vig.open_family, summary.id),
                help=markup_safe(summary.next_step),
            )

    async def search(self, query: str) -> Hits:
        if self.vig.room:
            return
        matcher = self.matcher(query)
        for summary in self.vig.store.summaries():
            command = f"Open {summary.label}"
            score = matcher.match(command)
            if score > 0:
                yield Hit(
                    score,
                    literal(command),
                    partial(self.vig.open_family, summary.id),
                    help=markup_safe(summary.next_step),
                )


class RoomCommands(Provider):
    """The family-safe commands: what the app lists in :meth:`VigApp.room_commands`."""

    @property
    def vig(self) -> VigApp:
        return cast("VigApp", self.app)

    async def discover(self) -> Hits:
        for command in self.vig.room_commands(self.screen):
            yield DiscoveryHit(
                literal(command.title), command.callback, help=markup_safe(command.help)
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.vig.room_commands(self.screen):
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score, literal(command.title), command.callback, help=markup_safe(command.help)
                )


class RoomPalette(CommandPalette):
    """The palette as the family may see it."""

    FAMILY_SAFE: ClassVar[bool] = True

    def __init__(self) -> None:
        super().__init__(providers=[RoomCommands], id="--command-palette")
