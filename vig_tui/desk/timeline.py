"""A family's timeline: every session, film, clip, rating, questionnaire and letter
in date order, so the practitioner can look back over the whole journey."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from ..domain import FamilyRecord, RatingKind, format_ms
from ..domain.goals import REPLACED
from ..outcomes import score_administration


class EventKind(StrEnum):
    SESSION = "session"
    FILM = "film"
    CLIP = "clip"
    RATING = "rating"
    QUESTIONNAIRE = "questionnaire"
    LETTER = "letter"

    @property
    def heading(self) -> str:
        return {
            "session": "Sessions",
            "film": "Films",
            "clip": "Clips",
            "rating": "Ratings",
            "questionnaire": "Questionnaires",
            "letter": "Letters",
        }[self.value]


_RANK = {kind: n for n, kind in enumerate(EventKind)}


@dataclass
class TimelineEvent:
    date: str  # YYYY-MM-DD
    kind: EventKind
    title: str
    detail: str = ""  # shareable text (shared notes, family's words, ...)
    private_detail: str = ""  # practitioner-only text (private notes, micro-analysis, ...)
    cycle: int | None = None
    item_id: str = ""
    #: ids this event stands for: a session also covers its reflections,
    #: a clip its reflections, so a search hit on any of them lands here.
    covers: set[str] = field(default_factory=set)
    sort_key: str = ""

    def text(self) -> str:
        return f"{self.title} {self.detail} {self.private_detail}"


def _day(value: str | None) -> str:
    return (value or "")[:10]


def build_timeline(record: FamilyRecord, packs: object | None = None) -> list[TimelineEvent]:
    """All events of a record, oldest first (same day: sessions, films, clips,
    ratings, questionnaires, letters)."""
    sessions = {s.id: s for s in record.sessions}
    events: list[TimelineEvent] = []

    for s in record.sessions:
        mine = [r for r in record.reflections if r.session_id == s.id and r.clip_id is None]
        detail = "\n".join(
            x for x in (s.shared_notes, f"Keep doing: {s.keep_doing}" if s.keep_doing else "") if x
        )
        words = [
            f"{r.speaker}: “{r.family_words}”" if r.speaker else f"“{r.family_words}”"
            for r in mine
            if r.family_words.strip()
        ]
        words += [
            f"Goal for the future: {g.text}" + (f" ({g.by})" if g.by else "")
            for g in s.future_goals
        ]
        if words:
            detail = "\n".join([detail, *words]).strip()
        private = "\n".join(x for x in (s.private_notes, s.guidance_reflection) if x.strip())
        status = "" if s.completed else " (not finished)"
        if not s.held:
            status = f" – {s.attendance.label}"
            detail = "\n".join(x for x in (s.attendance_reason, detail) if x)
        events.append(
            TimelineEvent(
                date=s.date,
                kind=EventKind.SESSION,
                title=s.title() + status,
                detail=detail,
                private_detail=private,
                cycle=s.cycle,
                item_id=s.id,
                covers={s.id, *(r.id for r in mine)},
                sort_key=s.created_at,
            )
        )

    for change in record.family.status_history:
        events.append(
            TimelineEvent(
                date=change.on,
                kind=EventKind.SESSION,
                title={"closed": "Closed", "paused": "Paused", "active": "Reopened"}.get(
                    str(change.status), str(change.status)
                ),
                detail=change.reason,
                item_id=record.family.id,
                sort_key=change.at,
            )
        )
    for number in record.family.skipped_cycles:
        day = record.family.skipped_on.get(str(number))  # kept since the day was recorded
        why = record.family.skip_reasons.get(str(number), "")
        events.append(
            TimelineEvent(
                date=day or _day(record.family.created_at),
                kind=EventKind.SESSION,
                title=f"Cycle {number} – skipped (not filmed)",
                detail=why if day else "; ".join(filter(None, [why, "day skipped not kept"])),
                cycle=number,
                item_id=record.family.id,
                sort_key="~",
            )
        )

    for f in record.films:
        minutes = f" ({format_ms(f.duration_ms).split('.')[0]})" if f.duration_ms else ""
        events.append(
            TimelineEvent(
                date=f.recorded_on or _day(f.attached_at),
                kind=EventKind.FILM,
                title=f"Cycle {f.cycle} – film{minutes}",
                cycle=f.cycle,
                item_id=f.id,
                covers={f.id},
                sort_key=f.attached_at,
            )
        )

    films = {f.id: f for f in record.films}
    for c in record.clips:
        film = films.get(c.film_id)
        mine = [r for r in record.reflections if r.clip_id == c.id]
        words = [f"“{r.family_words}”" for r in mine if r.family_words.strip()]
        detail = "\n".join(x for x in (c.chain_note, *words) if x)
        private = "\n".join(
            x for x in (c.micro_note, *(r.practitioner_note for r in mine)) if x.strip()
        )
        title = f"Cycle {c.cycle} – clip {c.span_text()}"
        if c.title:
            title += f": {c.title}"
        events.append(
            TimelineEvent(
                date=(film.recorded_on if film and film.recorded_on else None)
                or _day(c.created_at),
                kind=EventKind.CLIP,
                title=title,
                detail=detail,
                private_detail=private,
                cycle=c.cycle,
                item_id=c.id,
                covers={c.id, *(r.id for r in mine)},
                sort_key=f"{c.start_ms:012d}",
            )
        )

    for n, q in enumerate(
        record.active_questions() + [q for q in record.questions if q.retired], 1
    ):
        counted = record.counted_ratings(q)
        for rating in q.ratings:
            replaced = "" if any(rating is kept for kept in counted) else f" — {REPLACED}"
            session = sessions.get(rating.session_id or "")
            date = session.date if session else _day(rating.at)
            when = {
                RatingKind.START: "start",
                RatingKind.REVIEW: "review",
                RatingKind.FINAL: "final",
            }[rating.kind]
            hope = f" (hoping for {q.hoped_for})" if q.hoped_for is not None else ""
            events.append(
                TimelineEvent(
                    date=date,
                    kind=EventKind.RATING,
                    title=f"Helping question {n} rated {rating.value}/10 ({when}){replaced}",
                    detail=q.text + hope,
                    cycle=rating.cycle,
                    item_id=q.id,
                    covers={q.id},
                    sort_key=f"{n:02d}{rating.at}",
                )
            )

    for adm in record.administrations:
        session = sessions.get(adm.session_id or "")
        date = session.date if session else _day(adm.at)
        view = score_administration(packs, adm)
        state = view.summary if adm.completed else "not finished"
        events.append(
            TimelineEvent(
                date=date,
                kind=EventKind.QUESTIONNAIRE,
                title=f"{view.title} – {adm.timepoint}",
                detail=f"Total: {state}",
                cycle=session.cycle if session else None,
                item_id=adm.id,
                covers={adm.id},
                sort_key=adm.at,
            )
        )

    for letter in record.letters:
        events.append(
            TimelineEvent(
                date=_day(letter.updated_at),
                kind=EventKind.LETTER,
                title="Ending letter",
                detail=letter.markdown[:200],
                item_id=letter.id,
                covers={letter.id},
                sort_key=letter.updated_at,
            )
        )

    events.sort(key=lambda e: (e.date, _RANK[e.kind], e.sort_key))
    return events


def filter_events(
    events: Iterable[TimelineEvent],
    kinds: set[EventKind] | None = None,
    cycle: int | None = None,
    text: str = "",
) -> list[TimelineEvent]:
    """Events of the given kinds, in one cycle, mentioning all the words of `text`."""
    words = text.casefold().split()
    out = []
    for event in events:
        if kinds is not None and event.kind not in kinds:
            continue
        if cycle is not None and event.cycle != cycle:
            continue
        if words:
            hay = event.text().casefold()
            if not all(w in hay for w in words):
                continue
        out.append(event)
    return out


def event_covering(events: Iterable[TimelineEvent], item_id: str) -> int | None:
    """Position of the event that stands for `item_id` (a search hit), if any."""
    for n, event in enumerate(events):
        if item_id in event.covers:
            return n
    return None
