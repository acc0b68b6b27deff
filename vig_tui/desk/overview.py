"""Service figures: how many families, how many cycles, and what changed.

Change is always first → last: for each helping question, its latest rating
minus its first; for each questionnaire, the latest completed total minus the
first completed total (scores recomputed from the raw answers). A family or
question with a single measurement has no change yet and is counted apart.
Where a family's adults each rated or filled in a questionnaire, each adult's
series counts on its own (two people's scores are never one change).
Demo families are left out unless asked for.

Where a pack declares a reliable-change rule (packs/change.py), each first →
last change is also classed as reliable improvement, reliable deterioration
or no reliable change, and counted when it leaves the clinical range.
Families erased since are counted from their kept, de-identified numbers
(outcomes/kept.py); `families` and `by_status` count only those still held.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..domain import FamilyRecord, FamilyStatus
from ..outcomes.numbers import FamilyNumbers, family_numbers, rating_series, total_series
from ..outcomes.trends import change_rules, instrument_title
from ..packs.change import ChangeCounts, classify
from ..packs.schema import ChangeRule

#: what one n of a questionnaire's figures is: one person's totals (each
#: adult's own when the family named who filled it in), never a family's
PEOPLE = "People (each adult's own answers)"


@dataclass
class InstrumentChange:
    questionnaire_id: str
    title: str
    firsts: list[int] = field(default_factory=list)
    lasts: list[int] = field(default_factory=list)
    single: int = 0  # series (one person's) with only one completed total
    #: the pack's reliable-change rule and how many people fell in each class
    rule: ChangeRule | None = None
    counts: ChangeCounts | None = None

    @property
    def n(self) -> int:
        return len(self.firsts)

    @property
    def mean_first(self) -> float | None:
        return sum(self.firsts) / self.n if self.n else None

    @property
    def mean_last(self) -> float | None:
        return sum(self.lasts) / self.n if self.n else None

    @property
    def mean_change(self) -> float | None:
        if not self.n:
            return None
        return sum(b - a for a, b in zip(self.firsts, self.lasts, strict=True)) / self.n


@dataclass
class ServiceOverview:
    families: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    cycles_completed: int = 0
    cycles_skipped: int = 0
    sessions_not_held: dict[str, int] = field(default_factory=dict)  # attendance -> count
    journeys_completed: int = 0  # final meeting finished
    demo_left_out: int = 0
    rating_firsts: list[int] = field(default_factory=list)
    rating_lasts: list[int] = field(default_factory=list)
    questions_single: int = 0  # questions rated only once so far
    questionnaires: list[InstrumentChange] = field(default_factory=list)
    #: families erased since, counted from the numbers kept without identity
    erased: int = 0
    rating_rule: ChangeRule | None = None
    rating_counts: ChangeCounts | None = None

    @property
    def open(self) -> int:
        return self.families - self.closed

    @property
    def closed(self) -> int:
        return self.by_status.get(FamilyStatus.CLOSED.value, 0)

    @property
    def questions_with_change(self) -> int:
        return len(self.rating_firsts)

    @property
    def mean_rating_first(self) -> float | None:
        n = len(self.rating_firsts)
        return sum(self.rating_firsts) / n if n else None

    @property
    def mean_rating_last(self) -> float | None:
        n = len(self.rating_lasts)
        return sum(self.rating_lasts) / n if n else None

    @property
    def mean_rating_change(self) -> float | None:
        n = len(self.rating_firsts)
        if not n:
            return None
        return sum(b - a for a, b in zip(self.rating_firsts, self.rating_lasts, strict=True)) / n

    def rating_change_counts(self) -> dict[int, int]:
        """How many helping questions moved by each amount (−10 … +10)."""
        counts = Counter(b - a for a, b in zip(self.rating_firsts, self.rating_lasts, strict=True))
        return dict(sorted(counts.items()))

    def as_dict(self) -> dict[str, object]:
        return {
            "families": self.families,
            "open": self.open,
            "closed": self.closed,
            "by_status": dict(self.by_status),
            "cycles_completed": self.cycles_completed,
            "cycles_skipped": self.cycles_skipped,
            "sessions_not_held": dict(self.sessions_not_held),
            "journeys_completed": self.journeys_completed,
            "demo_left_out": self.demo_left_out,
            "erased_families_counted": self.erased,
            "helping_questions": {
                "with_change": self.questions_with_change,
                "rated_once": self.questions_single,
                "mean_first": self.mean_rating_first,
                "mean_last": self.mean_rating_last,
                "mean_change": self.mean_rating_change,
                "reliable_change": _counts(self.rating_counts),
            },
            "questionnaires": [
                {
                    "id": q.questionnaire_id,
                    "title": q.title,
                    "n": q.n,
                    "mean_first": q.mean_first,
                    "mean_last": q.mean_last,
                    "mean_change": q.mean_change,
                    "single": q.single,
                    "reliable_change": _counts(q.counts),
                }
                for q in self.questionnaires
            ],
        }


def _counts(counts: ChangeCounts | None) -> dict[str, int] | None:
    return counts.as_dict() if counts is not None else None


def service_overview(
    records: Iterable[FamilyRecord],
    packs: object | None = None,
    include_demo: bool = False,
    kept: Iterable[FamilyNumbers] = (),
) -> ServiceOverview:
    """Figures over the families in the store and, marked apart, the numbers
    kept from families since erased (see outcomes/kept.py)."""
    numbers = [family_numbers(r, packs) for r in records] + list(kept)
    return overview_of_numbers(numbers, packs, include_demo)


def overview_of_numbers(
    numbers: Iterable[FamilyNumbers], packs: object | None = None, include_demo: bool = False
) -> ServiceOverview:
    out = ServiceOverview()
    status: Counter[str] = Counter()
    instruments: dict[str, InstrumentChange] = {}
    rating_rule, questionnaire_rules = change_rules(packs)
    if rating_rule is not None:
        out.rating_rule, out.rating_counts = rating_rule, ChangeCounts()
    for family in numbers:
        if family.demo and not include_demo:
            out.demo_left_out += 1
            continue
        if family.erased:
            out.erased += 1
        else:
            out.families += 1
            status[family.status] += 1
        out.cycles_completed += len(family.cycles)
        out.cycles_skipped += family.cycles_skipped
        for attendance, count in family.sessions_not_held.items():
            out.sessions_not_held[attendance] = out.sessions_not_held.get(attendance, 0) + count
        out.journeys_completed += family.journey_completed
        for q in family.questions:
            if q.retired:
                continue
            for ratings in rating_series(q).values():  # each adult's own change
                if len(ratings) < 2:
                    out.questions_single += 1
                    continue
                first, last = ratings[0].value, ratings[-1].value
                out.rating_firsts.append(first)
                out.rating_lasts.append(last)
                if out.rating_counts is not None and rating_rule is not None:
                    out.rating_counts.add(classify(first, last, rating_rule))
        for (qid, _person), points in total_series(family.totals).items():
            values = [t.total for t in points if t.total is not None]
            change = instruments.get(qid)
            if change is None:
                rule = questionnaire_rules.get(qid)
                change = InstrumentChange(
                    qid,
                    instrument_title(packs, qid),
                    rule=rule,
                    counts=ChangeCounts() if rule else None,
                )
                instruments[qid] = change
            if len(values) < 2:
                change.single += 1
                continue
            change.firsts.append(values[0])
            change.lasts.append(values[-1])
            if change.rule is not None and change.counts is not None:
                change.counts.add(classify(values[0], values[-1], change.rule))
    out.by_status = {s.value: status.get(s.value, 0) for s in FamilyStatus}
    out.questionnaires = sorted(instruments.values(), key=lambda c: c.questionnaire_id)
    return out
