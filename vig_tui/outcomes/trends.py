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
from ..domain.goals import TOGETHER
from ..packs.change import Change, classify
from ..packs.schema import ChangeRule
from . import measure_key, whose
from .numbers import (
    family_numbers,
    ordered_questions,
    person_numbers,
    rating_series,
    total_series,
)


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
    """Each questionnaire (by its id; per adult when the family named who
    filled it in), then each current helping question (in order; per adult
    when its ratings name who gave them, ratings given together apart)."""
    numbers = family_numbers(record, packs)
    names = {n: name for name, n in person_numbers(record).items()}
    rating_rule, questionnaire_rules = change_rules(packs)
    trends = []
    series = total_series(numbers.totals)
    for qid, person in sorted(series, key=lambda k: (k[0], k[1] or 0)):
        name = names.get(person) if person is not None else None
        trends.append(
            Trend(
                "questionnaire",
                measure_key(qid, name),
                whose(instrument_title(packs, qid), name),
                series[qid, person][0].total_max,
                [Point(t.date, t.total or 0) for t in series[qid, person]],
                questionnaire_rules.get(qid),
            )
        )
    guide = getattr(packs, "helping_questions", None)
    top = getattr(getattr(guide, "rating", None), "max", 10)
    for q, nums in zip(ordered_questions(record), numbers.questions, strict=True):
        if q.retired:
            continue
        by_person = rating_series(nums)
        if not by_person:
            trends.append(Trend("question", str(nums.number), q.text, top, [], rating_rule))
        for person, ratings in by_person.items():
            key, title = str(nums.number), q.text
            if set(by_person) != {None}:  # named raters: one series each
                name = names.get(person, "?") if person is not None else TOGETHER
                key, title = f"{key}@{name}", f"{q.text} · {name}"
            points = [Point(r.date, r.value) for r in ratings]
            trends.append(Trend("question", key, title, top, points, rating_rule))
    return trends
