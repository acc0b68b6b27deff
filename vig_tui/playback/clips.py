"""A clip being prepared: plain data plus gentle checks (pure Python)."""

from __future__ import annotations

from dataclasses import dataclass, field

from vig_tui.domain.ids import format_ms as format_ms  # one formatter for media times
from vig_tui.errors import VigError

#: Moments worth showing usually last this long (milliseconds).
IDEAL_MIN_MS = 3_000
IDEAL_MAX_MS = 10_000
#: A review usually looks at no more than this many clips from one film.
USUAL_MAX_CLIPS = 4


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
        notes: list[str] = []
        outside = not IDEAL_MIN_MS <= self.duration_ms <= IDEAL_MAX_MS
        if self.end_ms > self.start_ms and outside:
            notes.append(
                f"This clip lasts {self.duration_ms / 1000:.1f} s. Moments of 3 to 10 "
                "seconds are usually easiest to talk about; you can still save it."
            )
        if other_clips + 1 > USUAL_MAX_CLIPS:
            notes.append(
                f"This film would have {other_clips + 1} clips. One to four is usually "
                "plenty for a review; you can still save it."
            )
        return notes
