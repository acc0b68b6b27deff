"""A family's outcome numbers without who they are: what service figures need.

:func:`family_numbers` reads, from a record, only what the service overview,
the outcome report, the outcomes CSV and accreditation count: the status, the
cycles finished, each helping question's ratings (numbered 1, 2, 3 — never
their wording), and each questionnaire's totals. No id, label, names or text.

When a family is erased these numbers are kept (see :mod:`.kept`) with every
date cut to its month, so the practitioner's counts and the service's
figures do not fall when the consent form's erasure is carried out.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from ..domain import FamilyRecord, HelpingQuestion, SessionKind
from . import score_administration

_SAFE_WORD = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")


@dataclass
class RatingPoint:
    kind: str
    cycle: int | None
    date: str  # YYYY-MM-DD, or YYYY-MM once erased
    value: int
    person: int | None = None  # who gave it (see person_numbers); None: together


@dataclass
class QuestionNumbers:
    number: int
    hoped_for: int | None
    retired: bool
    ratings: list[RatingPoint] = field(default_factory=list)


@dataclass
class TotalPoint:
    instrument: str
    version: str
    timepoint: str
    cycle: int | None
    date: str
    completed: bool
    total: int | None
    total_max: int | None
    prorated: bool
    person: int | None = None  # who filled it in (see person_numbers); None: not asked


@dataclass
class CyclePoint:
    cycle: int
    date: str


@dataclass
class FamilyNumbers:
    #: the family's id while it is in the store; a fresh random key once erased
    key: str
    erased: bool
    status: str
    demo: bool
    journey_completed: bool
    cycles: list[CyclePoint] = field(default_factory=list)
    questions: list[QuestionNumbers] = field(default_factory=list)
    totals: list[TotalPoint] = field(default_factory=list)
    cycles_skipped: int = 0
    #: sessions that did not happen, by attendance ("cancelled", "did not attend", ...)
    sessions_not_held: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> FamilyNumbers:
        return cls(
            key=str(doc["key"]),
            erased=bool(doc["erased"]),
            status=str(doc["status"]),
            demo=bool(doc.get("demo", False)),
            journey_completed=bool(doc["journey_completed"]),
            cycles=[CyclePoint(**c) for c in doc.get("cycles", [])],
            questions=[
                QuestionNumbers(
                    q["number"],
                    q["hoped_for"],
                    q["retired"],
                    [RatingPoint(**r) for r in q.get("ratings", [])],
                )
                for q in doc.get("questions", [])
            ],
            totals=[TotalPoint(**t) for t in doc.get("totals", [])],
            cycles_skipped=int(doc.get("cycles_skipped", 0)),
            sessions_not_held={
                _word(str(k)): int(v) for k, v in dict(doc.get("sessions_not_held", {})).items()
            },
        )

    def deidentified(self) -> FamilyNumbers:
        """The same numbers under a fresh random key, every date cut to its month."""
        return FamilyNumbers(
            key="erased-" + secrets.token_hex(6),
            erased=True,
            status=self.status,
            demo=self.demo,
            journey_completed=self.journey_completed,
            cycles=[CyclePoint(c.cycle, _month(c.date)) for c in self.cycles],
            questions=[
                QuestionNumbers(
                    q.number,
                    q.hoped_for,
                    q.retired,
                    [
                        RatingPoint(r.kind, r.cycle, _month(r.date), r.value, r.person)
                        for r in q.ratings
                    ],
                )
                for q in self.questions
            ],
            totals=[
                TotalPoint(
                    _word(t.instrument),
                    _word(t.version),
                    _word(t.timepoint),
                    t.cycle,
                    _month(t.date),
                    t.completed,
                    t.total,
                    t.total_max,
                    t.prorated,
                    t.person,
                )
                for t in self.totals
            ],
            cycles_skipped=self.cycles_skipped,
            sessions_not_held={_word(k): v for k, v in self.sessions_not_held.items()},
        )


def _month(date: str) -> str:
    return date[:7] if re.match(r"^\d{4}-\d{2}", date) else ""


def _word(value: str) -> str:
    """Pack ids, versions and timepoints are kept only when they look like ids."""
    return value if _SAFE_WORD.match(value) else "other"


def ordered_questions(record: FamilyRecord) -> list[HelpingQuestion]:
    """The helping questions in the order they are numbered: current ones, then retired."""
    return record.active_questions() + [q for q in record.questions if q.retired]


def person_numbers(record: FamilyRecord) -> dict[str, int]:
    """Each adult named as giving a rating or filling in a questionnaire, as a
    number (1, 2, …): the family's adults in their order, then any other name
    found (an adult since renamed) — so service figures keep people apart
    without keeping who they are."""
    numbers = {name: n for n, name in enumerate(record.family.adults, 1)}
    found = [r.by for q in record.questions for r in q.ratings]
    found += [adm.respondent for adm in record.administrations]
    for name in found:
        if name is not None and name not in numbers:
            numbers[name] = len(numbers) + 1
    return numbers


K = TypeVar("K")
P = TypeVar("P", RatingPoint, TotalPoint)


def _grouped(points: Iterable[P], key: Callable[[P], K]) -> dict[K, list[P]]:
    out: dict[K, list[P]] = {}
    for point in points:
        out.setdefault(key(point), []).append(point)
    return out


def rating_series(question: QuestionNumbers) -> dict[int | None, list[RatingPoint]]:
    """A helping question's ratings as one series per adult who gave them
    (None: given together, or before anyone was named), oldest first."""
    return _grouped(question.ratings, lambda r: r.person)


def total_series(totals: Iterable[TotalPoint]) -> dict[tuple[str, int | None], list[TotalPoint]]:
    """Completed questionnaire totals as one series per questionnaire and
    adult who filled it in (None: not asked), oldest first."""
    done = (t for t in totals if t.completed and t.total is not None)
    return _grouped(done, lambda t: (t.instrument, t.person))


def family_numbers(record: FamilyRecord, packs: object | None) -> FamilyNumbers:
    sessions = {s.id: s for s in record.sessions}
    people = person_numbers(record)
    cycles: dict[int, CyclePoint] = {}
    for s in record.sessions_of(SessionKind.SHARED_REVIEW):
        if s.completed and s.cycle and s.cycle not in cycles:
            cycles[s.cycle] = CyclePoint(s.cycle, s.date)
    questions = []
    for number, q in enumerate(ordered_questions(record), 1):
        points = []
        for r in record.counted_ratings(q):  # a meeting's rating once, however many sittings
            session = sessions.get(r.session_id or "")
            cycle = r.cycle if r.cycle is not None else (session.cycle if session else None)
            points.append(
                RatingPoint(
                    str(r.kind),
                    cycle,
                    record.rating_day(r),  # its meeting's day: axes never run backwards
                    r.value,
                    people.get(r.by) if r.by is not None else None,
                )
            )
        questions.append(QuestionNumbers(number, q.hoped_for, q.retired, points))
    totals = []
    for adm in sorted(record.administrations, key=lambda a: a.at):
        session = sessions.get(adm.session_id or "")
        view = score_administration(packs, adm)
        totals.append(
            TotalPoint(
                adm.questionnaire_id,
                str(adm.version),
                adm.timepoint,
                session.cycle if session else None,
                session.date if session else adm.at[:10],
                adm.completed,
                view.total,
                view.max,
                view.prorated if view.total is not None else False,
                people.get(adm.respondent) if adm.respondent is not None else None,
            )
        )
    not_held: dict[str, int] = {}
    for missed in record.not_held():
        not_held[str(missed.attendance)] = not_held.get(str(missed.attendance), 0) + 1
    return FamilyNumbers(
        key=record.family.id,
        erased=False,
        status=str(record.family.status),
        demo=record.family.demo,
        journey_completed=any(s.completed for s in record.sessions_of(SessionKind.FINAL_MEETING)),
        cycles=sorted(cycles.values(), key=lambda c: c.cycle),
        questions=questions,
        totals=totals,
        cycles_skipped=len(record.family.skipped_cycles),
        sessions_not_held=not_held,
    )
