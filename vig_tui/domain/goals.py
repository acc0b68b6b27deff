"""Helping questions: the family's own goals with 0–10 ratings over time."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from .family import Model
from .ids import new_id, now_iso

MAX_HELPING_QUESTIONS = 3
#: how ratings the adults gave together are named beside those each gave alone
TOGETHER = "together"
#: how a rating is marked where every rating held is listed (record, timeline)
#: when a later sitting of the same meeting rated the question again: only the
#: latest counts (see ``FamilyRecord.counted_ratings``)
REPLACED = "rated again later in the same meeting (not counted)"


class RatingKind(StrEnum):
    START = "start"  # where we are now, at the initial meeting
    REVIEW = "review"  # re-rated at a shared review
    FINAL = "final"  # re-rated at the final meeting


class Rating(Model):
    value: int = Field(ge=0, le=10)
    kind: RatingKind
    at: str = Field(default_factory=now_iso)
    session_id: str | None = None
    cycle: int | None = None
    by: str | None = None  # the adult who gave it, when there are several


def when_first(rating: Rating, *, start: bool = False) -> str:
    """When the first rating of a series was given, in words: "at the start"
    only for a rating of the initial meeting. An adult who first rated a
    shared question at a review started there: their first number is never
    "the start" (it came after work had begun). With `start`, capitalised to
    begin a sentence."""
    if rating.kind == RatingKind.START:
        said = "at the start"
    elif rating.kind == RatingKind.REVIEW:
        said = f"when first rated in cycle {rating.cycle}" if rating.cycle else "when first rated"
    else:
        said = "when first rated, at the final meeting"
    return said[0].upper() + said[1:] if start else said


class Wording(Model):
    """An earlier wording of a helping question, kept when it was reworded."""

    text: str
    until: str = Field(default_factory=now_iso)


class HelpingQuestion(Model):
    id: str = Field(default_factory=new_id)
    text: str
    hoped_for: int | None = Field(default=None, ge=0, le=10)
    ratings: list[Rating] = Field(default_factory=list)
    order: int = 0
    session_id: str | None = None  # the meeting where it was agreed
    created_at: str = Field(default_factory=now_iso)
    retired: bool = False
    retired_on: str | None = None
    owner: str | None = None  # the adult whose question it is, when there are several
    updated_at: str | None = None  # last saved (None: not since this was kept)
    earlier_wordings: list[Wording] = Field(default_factory=list)

    @property
    def reworded(self) -> bool:
        return bool(self.earlier_wordings)

    def first_wording(self) -> str:
        return self.earlier_wordings[0].text if self.earlier_wordings else self.text

    # first and latest of the ratings this object holds: the ones that count
    # only on ``FamilyRecord.rated(question)``; on the stored question (every
    # rating given, sittings and adults mixed) ask ``rules.ratings`` instead
    # (``start_of``, ``meeting_rating``, ``counted_before``)
    def first(self) -> Rating | None:
        return self.ratings[0] if self.ratings else None

    def latest(self) -> Rating | None:
        return self.ratings[-1] if self.ratings else None

    def values(self) -> list[int]:
        return [r.value for r in self.ratings]

    def by_rater(self) -> dict[str | None, list[Rating]]:
        """The ratings as one series per adult who gave them (None: given
        together, or before anyone was named), oldest first: one adult's 3
        and another's 8 are two people's answers, never one line. A series
        starts at the first meeting that adult rated it (see :func:`when_first`:
        only the initial meeting's rating is "the start")."""
        out: dict[str | None, list[Rating]] = {}
        for rating in self.ratings:
            out.setdefault(rating.by, []).append(rating)
        return out

    def rating_for_session(self, session_id: str) -> Rating | None:
        for rating in self.ratings:
            if rating.session_id == session_id:
                return rating
        return None

    def set_rating(
        self,
        value: int,
        kind: RatingKind,
        session_id: str | None,
        cycle: int | None = None,
        by: str | None = None,
    ) -> Rating:
        """Record (or correct) this session's rating; one rating per session."""
        if not 0 <= value <= 10:
            raise ValueError("a rating is a whole number from 0 to 10")
        if session_id is not None:
            existing = self.rating_for_session(session_id)
            if existing is not None:
                existing.value = value
                existing.at = now_iso()
                existing.by = by if by is not None else existing.by
                return existing
        rating = Rating(value=value, kind=kind, session_id=session_id, cycle=cycle, by=by)
        self.ratings.append(rating)
        return rating
