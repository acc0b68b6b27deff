"""Command palette: open any family by typing part of its label."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .text import literal

if TYPE_CHECKING:
    from .app import VigApp


class FamilyCommands(Provider):
    @property
    def vig(self) -> VigApp:
        return cast("VigApp", self.app)

    async def discover(self) -> Hits:
        for summary in self.vig.store.summaries()[:20]:
            yield DiscoveryHit(
                literal(f"Open {summary.label}"),
                partial(self.vig.open_family, summary.id),
                help=summary.next_step,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for summary in self.vig.store.summaries():
            command = f"Open {summary.label}"
            score = matcher.match(command)
            if score > 0:
                yield Hit(
                    score,
                    literal(command),
                    partial(self.vig.open_family, summary.id),
                    help=summary.next_step,
                )
