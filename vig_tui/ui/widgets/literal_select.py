"""The drop-down list vig uses everywhere: its choices are shown as written.

Textual reads a choice given as a string as markup, so a helping question such
as "What helps [Sam] settle at [bedtime]?" lost its words in the list, and one
with a stray "[/]" closed the app as the list opened (in front of the family).
Choices come from the family's words and from packs, so every list in vig is a
:class:`LiteralSelect`, which hands Textual each choice as plain text
(`ui.text.literal`: control characters made visible too). A house test keeps
any other Select out of vig.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from rich.console import RenderableType
from textual.widgets import Select
from textual.widgets._select import NoSelection

from ..text import literal

T = TypeVar("T")


def literal_choices(options: Iterable[tuple[RenderableType, T]]) -> list[tuple[RenderableType, T]]:
    """Each choice's words as plain text (a renderable given is kept as it is)."""
    return [
        (literal(prompt) if isinstance(prompt, str) else prompt, value) for prompt, value in options
    ]


class LiteralSelect(Select[T]):
    """A `Select` whose choices are never read as markup."""

    def __init__(
        self,
        options: Iterable[tuple[RenderableType, T]],
        *,
        prompt: str = "Select",
        allow_blank: bool = True,
        value: T | NoSelection = Select.NULL,
        type_to_search: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
        tooltip: RenderableType | None = None,
        compact: bool = False,
    ) -> None:
        super().__init__(
            literal_choices(options),
            prompt=prompt,
            allow_blank=allow_blank,
            value=value,
            type_to_search=type_to_search,
            name=name,
            id=id,
            classes=classes,
            disabled=disabled,
            tooltip=tooltip,
            compact=compact,
        )

    def set_options(self, options: Iterable[tuple[RenderableType, T]]) -> None:
        super().set_options(literal_choices(options))
