"""One family's measures over time, and what their change means.

For the practitioner's outcomes panel: each questionnaire's totals and each
helping question's ratings as a series of dated values, with the first, the
previous and the latest, and — where the packs declare a change rule — the
first → latest change classed by :func:`vig_tui.packs.change.classify` (the
one copy of that rule): reliable improvement, reliable deterioration or no
reliable change, and whether it left the clinical range.

The values come from :func:`.numbers.family_numbers`, the same numbers the
service overview and the outcome report count, so a family's panel and the
service figures can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..domain import FamilyRecord
from ..packs.change import Change, classify
from ..packs.schema import ChangeRule
from .numbers import family_numbers, ordered_questions


def change_rules(packs: object | None) -> tuple[ChangeRule | None, dict[str, ChangeRule]]:
    """The helping questions' change rule and each questionnaire's, from the packs."""
    guide = getattr(packs, "helping_questions", None)
    rating = getattr(guide, "rating", None)
    questionnaires = getattr(packs, "questionnaires", {}) or {}
    return getattr(rating, "change", None), {
        qid: q.scoring.change for qid, q in questionnaires.items() if q.scoring.change
    }


def instrument_title(packs: object | None, qid: str) -> str:
    """A questionnaire's short title from its pack, or its id when the pack is missing."""
    q = (getattr(packs, "questionnaires", {}) or {}).get(qid)
    return str(q.short_title or q.title) if q is not None else qid


@dataclass(frozen=True)
class Point:
    date: str
    value: int


@dataclass
class Trend:
    """One measure of one family, oldest value first."""

    kind: Literal["questionnaire", "question"]
    #: the questionnaire's id, or the question's number (1, 2, 3) as text
    key: str
    title: str
    #: the highest possible value (a questionnaire's maximum total, 10 for ratings)
    top: int | None
    points: list[Point] = field(default_factory=list)
    rule: ChangeRule | None = None

    @property
    def n(self) -> int:
        return len(self.points)

    @property
    def first(self) -> Point | None:
        return self.points[0] if self.points else None

    @property
    def previous(self) -> Point | None:
        """The value before the latest, when there are three or more."""
        return self.points[-2] if len(self.points) > 2 else None

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if len(self.points) > 1 else None

    @property
    def change(self) -> Change | None:
        """First → latest, classed by the pack's rule (None without one, or with one value)."""
        if self.rule is None or self.first is None or self.latest is None:
            return None
        return classify(self.first.value, self.latest.value, self.rule)

    def verdict(self) -> str:
        """What the change means, in one plain sentence (with its n)."""
        if self.first is None:
            return "Not measured yet."
        if self.latest is None:
            return "Measured once so far (n = 1): no change yet."
        moved = self.latest.value - self.first.value
        text = f"Change first → latest {moved:+d} (n = {self.n})"
        change = self.change
        if change is None:
            return text + "; no change rule in its pack."
        text += f": {change.reliable.value} (reliable change is {self.rule_text()})"
        if change.started_clinical is not None:
            if change.left_clinical_range:
                text += "; moved out of the clinical range"
            elif change.started_clinical and change.ended_clinical:
                text += "; still in the clinical range"
            elif change.ended_clinical:
                text += "; moved into the clinical range"
            else:
                text += "; outside the clinical range throughout"
        return text + "."

    def rule_text(self) -> str:
        rule = self.rule
        if rule is None:
            return ""
        points = f"{rule.reliable_change:g} points"
        if rule.cutoff is None:
            return points
        side = "and above" if rule.better == "lower" else "and below"
        return f"{points}, clinical range {rule.cutoff} {side}"


def family_trends(record: FamilyRecord, packs: object | None) -> list[Trend]:
    """Each questionnaire (by its id), then each current helping question (in order)."""
    numbers = family_numbers(record, packs)
    rating_rule, questionnaire_rules = change_rules(packs)
    by_instrument: dict[str, Trend] = {}
    for t in numbers.totals:
        if not t.completed or t.total is None:
            continue
        trend = by_instrument.get(t.instrument)
        if trend is None:
            trend = Trend(
                "questionnaire",
                t.instrument,
                instrument_title(packs, t.instrument),
                t.total_max,
                rule=questionnaire_rules.get(t.instrument),
            )
            by_instrument[t.instrument] = trend
        trend.points.append(Point(t.date, t.total))
    trends = [by_instrument[qid] for qid in sorted(by_instrument)]
    guide = getattr(packs, "helping_questions", None)
    top = getattr(getattr(guide, "rating", None), "max", 10)
    for q, nums in zip(ordered_questions(record), numbers.questions, strict=True):
        if q.retired:
            continue
        points = [Point(r.date, r.value) for r in nums.ratings]
        trends.append(Trend("question", str(nums.number), q.text, top, points, rating_rule))
    return trends
