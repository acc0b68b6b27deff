"""A clip being prepared: plain data plus gentle checks (pure Python)."""

from __future__ import annotations

from dataclasses import dataclass, field

from vig_tui.domain.ids import format_ms as format_ms  # one formatter for media times
from vig_tui.domain.rules.clips import clip_count_advice, clip_length_advice
from vig_tui.errors import VigError


class ClipInvalid(VigError, ValueError):
    """The clip cannot be saved as it stands (e.g. it ends before it starts)."""


@dataclass
class ClipDraft:
    id: str | None
    start_ms: int
    end_ms: int
    title: str = ""
    principles: list[str] = field(default_factory=list)
    chain_note: str = ""
    micro_note: str = ""

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms

    def errors(self) -> list[str]:
        """Problems that stop the clip being saved."""
        problems: list[str] = []
        if self.start_ms < 0:
            problems.append("The start is before the beginning of the film.")
        if self.end_ms <= self.start_ms:
            problems.append("The end needs to come after the start.")
        return problems

    def validate(self) -> None:
        problems = self.errors()
        if problems:
            raise ClipInvalid(" ".join(problems))

    def warnings(self, other_clips: int = 0) -> list[str]:
        """Gentle reminders that never block saving.

        ``other_clips`` is how many *other* clips this film already has.
        """
        notes = [clip_length_advice(self.duration_ms), clip_count_advice(other_clips + 1)]
        return [n for n in notes if n]
