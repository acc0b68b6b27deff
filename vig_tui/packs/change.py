"""Reliable and clinically significant change, from the rule a pack declares.

For one measure taken first and last (a questionnaire total, a helping
question's rating):

- **reliable improvement** when it moved at least the pack's
  ``reliable_change`` points in the better direction, **reliable
  deterioration** when it moved that far the other way, otherwise **no
  reliable change**;
- **moved out of the clinical range** when the first score was in the
  clinical range (at or beyond the pack's ``cutoff``) and the last is not;
- **reliable recovery** when both happened.

The thresholds live in the packs (with their source); nothing here knows
any instrument.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .schema import ChangeRule


class Reliable(StrEnum):
    IMPROVED = "reliable improvement"
    DETERIORATED = "reliable deterioration"
    NO_CHANGE = "no reliable change"


@dataclass(frozen=True)
class Change:
    first: float
    last: float
    reliable: Reliable
    #: None when the rule has no cut-off
    started_clinical: bool | None
    ended_clinical: bool | None

    @property
    def left_clinical_range(self) -> bool:
        """From the clinical range at the start to outside it at the end."""
        return bool(self.started_clinical) and self.ended_clinical is False

    @property
    def recovered(self) -> bool:
        """Reliable improvement and out of the clinical range."""
        return self.reliable is Reliable.IMPROVED and self.left_clinical_range


def in_clinical_range(score: float, rule: ChangeRule) -> bool | None:
    if rule.cutoff is None:
        return None
    return score >= rule.cutoff if rule.better == "lower" else score <= rule.cutoff


def classify(first: float, last: float, rule: ChangeRule) -> Change:
    gain = (first - last) if rule.better == "lower" else (last - first)
    if gain >= rule.reliable_change:
        reliable = Reliable.IMPROVED
    elif -gain >= rule.reliable_change:
        reliable = Reliable.DETERIORATED
    else:
        reliable = Reliable.NO_CHANGE
    return Change(
        first, last, reliable, in_clinical_range(first, rule), in_clinical_range(last, rule)
    )


@dataclass
class ChangeCounts:
    """How many measures (families, questions) fell in each class."""

    improved: int = 0
    deteriorated: int = 0
    no_change: int = 0
    started_clinical: int = 0
    left_clinical_range: int = 0
    recovered: int = 0

    @property
    def n(self) -> int:
        return self.improved + self.deteriorated + self.no_change

    def add(self, change: Change) -> None:
        if change.reliable is Reliable.IMPROVED:
            self.improved += 1
        elif change.reliable is Reliable.DETERIORATED:
            self.deteriorated += 1
        else:
            self.no_change += 1
        self.started_clinical += bool(change.started_clinical)
        self.left_clinical_range += change.left_clinical_range
        self.recovered += change.recovered

    def as_dict(self) -> dict[str, int]:
        return {
            "n": self.n,
            "reliable_improvement": self.improved,
            "reliable_deterioration": self.deteriorated,
            "no_reliable_change": self.no_change,
            "started_in_clinical_range": self.started_clinical,
            "left_clinical_range": self.left_clinical_range,
            "reliable_recovery": self.recovered,
        }


def describe_counts(counts: ChangeCounts, has_cutoff: bool) -> str:
    """One plain sentence with n for every figure."""
    text = (
        f"of {counts.n}: {counts.improved} reliable improvement, "
        f"{counts.deteriorated} reliable deterioration, {counts.no_change} no reliable change"
    )
    if has_cutoff:
        text += (
            f"; {counts.left_clinical_range} of {counts.started_clinical} who started in the "
            f"clinical range left it ({counts.recovered} with reliable improvement)"
        )
    return text
