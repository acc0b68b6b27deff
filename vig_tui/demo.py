"""The demo family: a journey already partly done, so every screen has content.

The content lives in `data/demo_family.yaml` (dates are written as "days
ago", so the demo always looks recent). Adding it twice adds nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from .domain import (
    Administration,
    Clip,
    Consent,
    Cycle,
    Family,
    FamilyRecord,
    Film,
    HelpingQuestion,
    Rating,
    Reflection,
    Session,
)
from .domain.ids import now_iso
from .resources import demo_family_file, sample_film
from .store import Store

_TODAY: list[date] = []  # set while building, so one build uses one "today"


def _day(days_ago: int) -> str:
    today = _TODAY[-1] if _TODAY else date.today()
    return (today - timedelta(days=days_ago)).isoformat()


def _stamp(days_ago: int) -> str:
    return f"{_day(days_ago)}T10:00:00{now_iso()[19:] if not _TODAY else '+00:00'}"


def build_demo_record(
    spec: dict[str, Any] | None = None, film: Path | None = None, today: date | None = None
) -> FamilyRecord:
    """The demo record. `today` pins its dates (for snapshots and tests)."""
    if today is not None:
        _TODAY.append(today)
        try:
            return build_demo_record(spec, film)
        finally:
            _TODAY.pop()
    spec = spec if spec is not None else yaml.safe_load(demo_family_file().read_text("utf-8"))
    film_path = film or sample_film()
    family = Family(**spec["family"], demo=True)
    consent_spec = dict(spec.get("consent", {}))
    signed_ago = consent_spec.pop("signed_days_ago", None)
    consent = Consent(
        **consent_spec, signed_on=_day(signed_ago) if signed_ago is not None else None
    )
    record = FamilyRecord(family=family, consent=consent)

    sessions: dict[str, Session] = {}
    for key, s in spec.get("sessions", {}).items():
        s = dict(s)
        ago = s.pop("days_ago")
        session = Session(**s, date=_day(ago), created_at=_stamp(ago), updated_at=_stamp(ago))
        sessions[key] = session
        record.sessions.append(session)

    for i, q in enumerate(spec.get("helping_questions", [])):
        question = HelpingQuestion(
            text=q["text"],
            hoped_for=q.get("hoped_for"),
            order=i,
            session_id=sessions[q.get("agreed_in", "initial")].id,
        )
        for r in q.get("ratings", []):
            session = sessions[r["session"]]
            question.ratings.append(
                Rating(
                    value=r["value"],
                    kind=r["kind"],
                    session_id=session.id,
                    cycle=session.cycle,
                    at=_stamp(int(r.get("days_ago", 0))),
                )
            )
        record.questions.append(question)

    films: dict[int, Film] = {}
    for f in spec.get("films", []):
        film_obj = Film(
            cycle=f["cycle"],
            path=str(film_path),
            recorded_on=_day(f["days_ago"]),
            duration_ms=f.get("duration_ms"),
        )
        films[film_obj.cycle] = film_obj
        record.films.append(film_obj)

    clips: dict[str, Clip] = {}
    for key, c in spec.get("clips", {}).items():
        c = dict(c)
        clip = Clip(film_id=films[c.pop("cycle_film")].id, **c)
        clips[key] = clip
        record.clips.append(clip)
    for number in sorted({c.cycle for c in clips.values()}):
        record.cycles.append(
            Cycle(number=number, clip_order=[c.id for c in clips.values() if c.cycle == number])
        )

    for r in spec.get("reflections", []):
        r = dict(r)
        session = sessions[r.pop("session")]
        clip_key = r.pop("clip", None)
        q_index = r.pop("question", None)
        record.reflections.append(
            Reflection(
                session_id=session.id,
                clip_id=clips[clip_key].id if clip_key else None,
                question_id=record.questions[q_index].id if q_index is not None else None,
                # written down at their meeting, not when the demo was made
                created_at=session.created_at,
                updated_at=session.updated_at,
                **r,
            )
        )

    for a in spec.get("administrations", []):
        a = dict(a)
        session = sessions[a.pop("session")]
        record.administrations.append(
            Administration(session_id=session.id, at=_stamp(int(a.pop("days_ago", 0))), **a)
        )
    return record


def add_demo_family(store: Store) -> tuple[str, bool]:
    """Add the demo family unless it is already there. Returns (id, added)."""
    for summary in store.summaries():
        if summary.demo:
            return summary.id, False
    record = build_demo_record()
    repo = store.create_family(record)
    return repo.id, True
