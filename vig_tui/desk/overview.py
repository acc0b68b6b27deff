"""Service figures: how many families, how many cycles, and what changed.

Change is always first → last: for each helping question, its latest rating
minus its first; for each questionnaire, the latest completed total minus the
first completed total (scores recomputed from the raw answers). A family or
question with a single measurement has no change yet and is counted apart.
Demo families are left out unless asked for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..domain import FamilyRecord, FamilyStatus, SessionKind
from ..outcomes import score_administration


@dataclass
class InstrumentChange:
    questionnaire_id: str
    title: str
    firsts: list[int] = field(default_factory=list)
    lasts: list[int] = field(default_factory=list)
    single: int = 0  # families with only one completed administration

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
            "helping_questions": {
                "with_change": self.questions_with_change,
                "rated_once": self.questions_single,
                "mean_first": self.mean_rating_first,
                "mean_last": self.mean_rating_last,
                "mean_change": self.mean_rating_change,
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
                }
                for q in self.questionnaires
            ],
        }


def service_overview(
    records: Iterable[FamilyRecord], packs: object | None = None, include_demo: bool = False
) -> ServiceOverview:
    out = ServiceOverview()
    status: Counter[str] = Counter()
    instruments: dict[str, InstrumentChange] = {}
    for record in records:
        if record.family.demo and not include_demo:
            out.demo_left_out += 1
            continue
        out.families += 1
        status[str(record.family.status)] += 1
        reviews = record.sessions_of(SessionKind.SHARED_REVIEW)
        out.cycles_completed += len({s.cycle for s in reviews if s.completed and s.cycle})
        out.cycles_skipped += len(record.family.skipped_cycles)
        for missed in record.not_held():
            key = str(missed.attendance)
            out.sessions_not_held[key] = out.sessions_not_held.get(key, 0) + 1
        if any(s.completed for s in record.sessions_of(SessionKind.FINAL_MEETING)):
            out.journeys_completed += 1
        for q in record.questions:
            if q.retired or not q.ratings:
                continue
            if len(q.ratings) < 2:
                out.questions_single += 1
                continue
            first, last = q.first(), q.latest()
            assert first is not None and last is not None
            out.rating_firsts.append(first.value)
            out.rating_lasts.append(last.value)
        totals: dict[str, list[tuple[str, int]]] = {}
        titles: dict[str, str] = {}
        for adm in sorted(record.administrations, key=lambda a: a.at):
            if not adm.completed:
                continue
            view = score_administration(packs, adm)
            if view.total is None:
                continue
            totals.setdefault(adm.questionnaire_id, []).append((adm.at, view.total))
            titles.setdefault(adm.questionnaire_id, view.title.split(" (answered")[0])
        for qid, values in totals.items():
            change = instruments.setdefault(qid, InstrumentChange(qid, titles[qid]))
            if len(values) < 2:
                change.single += 1
                continue
            change.firsts.append(values[0][1])
            change.lasts.append(values[-1][1])
    out.by_status = {s.value: status.get(s.value, 0) for s in FamilyStatus}
    out.questionnaires = sorted(instruments.values(), key=lambda c: c.questionnaire_id)
    return out
