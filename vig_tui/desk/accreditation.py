"""Counting cycles and families against the AVIGuk accreditation stages.

Stage 1: 6 cycles with at least 2 families; stage 2: 9 more cycles with at
least 3 more families; stage 3: 12 more cycles with at least 3 more families.

A cycle counts once its shared review is marked finished. Cycles are taken
in date order: each stage collects cycles until it has both enough cycles and
enough families new to that stage; later cycles go to the next stage. Demo
families never count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..domain import FamilyRecord, SessionKind
from ..outcomes.numbers import FamilyNumbers

ERASED_LABEL = "a family since erased"


@dataclass(frozen=True)
class StageRule:
    number: int
    cycles: int
    families: int


STAGES: tuple[StageRule, ...] = (
    StageRule(1, 6, 2),
    StageRule(2, 9, 3),
    StageRule(3, 12, 3),
)


@dataclass(frozen=True)
class CountedCycle:
    family_id: str
    family_label: str
    cycle: int
    date: str


@dataclass
class StageProgress:
    rule: StageRule
    cycles: list[CountedCycle] = field(default_factory=list)
    new_families: list[str] = field(default_factory=list)  # labels, in order met

    @property
    def complete(self) -> bool:
        return len(self.cycles) >= self.rule.cycles and len(self.new_families) >= self.rule.families

    @property
    def completed_on(self) -> str | None:
        return self.cycles[-1].date if self.complete and self.cycles else None

    def text(self) -> str:
        done = "complete" if self.complete else "in progress"
        return (
            f"Stage {self.rule.number}: {len(self.cycles)}/{self.rule.cycles} cycles, "
            f"{len(self.new_families)}/{self.rule.families} new families – {done}"
        )


@dataclass
class AccreditationProgress:
    stages: list[StageProgress]
    cycles: list[CountedCycle]
    extra: list[CountedCycle] = field(default_factory=list)  # beyond stage 3

    @property
    def current(self) -> StageProgress | None:
        """The first stage not yet complete (None when all three are)."""
        return next((s for s in self.stages if not s.complete), None)

    @property
    def families(self) -> int:
        return len({c.family_id for c in self.cycles})


def completed_cycles(record: FamilyRecord) -> list[CountedCycle]:
    """One entry per cycle whose shared review is finished (the first finished review's date)."""
    out: dict[int, CountedCycle] = {}
    for s in record.sessions_of(SessionKind.SHARED_REVIEW):
        if s.completed and s.cycle and s.cycle not in out:
            out[s.cycle] = CountedCycle(record.family.id, record.family.label, s.cycle, s.date)
    return list(out.values())


def count_stages(
    records: Iterable[FamilyRecord], kept: Iterable[FamilyNumbers] = ()
) -> AccreditationProgress:
    """Stages from the families in the store and the cycles kept, dated by
    month, from families since erased (so an erasure never lowers a count)."""
    cycles: list[CountedCycle] = []
    for record in records:
        if not record.family.demo:
            cycles.extend(completed_cycles(record))
    for family in kept:
        if not family.demo:
            cycles.extend(
                CountedCycle(family.key, ERASED_LABEL, c.cycle, c.date) for c in family.cycles
            )
    cycles.sort(key=lambda c: (c.date, c.family_label.casefold(), c.cycle))
    stages = [StageProgress(rule) for rule in STAGES]
    seen: set[str] = set()
    extra: list[CountedCycle] = []
    n = 0
    for cycle in cycles:
        while n < len(stages) and stages[n].complete:
            n += 1
        if n >= len(stages):
            extra.append(cycle)
            continue
        stage = stages[n]
        stage.cycles.append(cycle)
        if cycle.family_id not in seen:
            seen.add(cycle.family_id)
            stage.new_families.append(cycle.family_label)
    return AccreditationProgress(stages=stages, cycles=cycles, extra=extra)
