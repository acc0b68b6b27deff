"""Which ratings of a helping question count, in what order, and which are kept.

A meeting carried on another day is one meeting over several sittings (see
``Session.continues``): it counts one rating per adult, the latest given in
any of its sittings, and that rating takes the meeting's place in the
series: series run in the order of the meetings, never of the day a rating
was changed. A starting rating stands once a later meeting has rated the
question: a baseline given again after the work began says nothing about
where the family started.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..goals import HelpingQuestion, Rating
    from ..record import FamilyRecord


def meeting_of(record: FamilyRecord, session_id: str | None) -> str | None:
    """The id of the first sitting of the meeting a session belongs to
    (None: no such meeting)."""
    if not session_id or record.session(session_id) is None:
        return None
    return record.sittings(session_id)[0]


def meeting_place(record: FamilyRecord, rating: Rating) -> tuple[str, str]:
    """Where a rating goes in a series: its meeting's first day (and when that
    sitting was made), or the day it was given, outside any meeting."""
    meeting = record.session(meeting_of(record, rating.session_id) or "")
    if meeting is None:
        return (rating.at[:10], rating.at)
    return (meeting.date, meeting.created_at)


def counted_ratings(record: FamilyRecord, question: HelpingQuestion) -> list[Rating]:
    """One rating per meeting and adult (the latest given in its sittings),
    in the order of the meetings; ratings given outside a meeting each count."""
    slot: dict[tuple[str, str | None], int] = {}
    out: list[Rating] = []
    for rating in question.ratings:
        meeting = meeting_of(record, rating.session_id)
        if meeting is None:
            out.append(rating)
        elif (meeting, rating.by) in slot:
            out[slot[(meeting, rating.by)]] = rating
        else:
            slot[(meeting, rating.by)] = len(out)
            out.append(rating)
    return sorted(out, key=lambda r: meeting_place(record, r))  # stable: ties keep their order


def start_stands(
    record: FamilyRecord, question: HelpingQuestion, session_id: str, by: str | None
) -> bool:
    """Whether a rating by `by` (None: the adults together, or the only
    adult) in this meeting would start its series again, or afresh, after a
    later meeting has rated the question: the start stands, and may be
    neither changed nor given any more."""
    meeting = meeting_of(record, session_id)
    here = record.session(meeting or "")
    if here is None:
        return False
    place = (here.date, here.created_at)
    others = [r for r in question.ratings if meeting_of(record, r.session_id) != meeting]
    if not any(meeting_place(record, r) > place for r in others):
        return False  # nothing rated after this meeting
    return not any(r.by == by and meeting_place(record, r) < place for r in others)


def start_of(record: FamilyRecord, question: HelpingQuestion, by: str | None) -> Rating | None:
    """The first counted rating of `by`'s series (None: they never rated it)."""
    return next((r for r in counted_ratings(record, question) if r.by == by), None)


def meeting_rating(
    record: FamilyRecord, question: HelpingQuestion, session_id: str
) -> Rating | None:
    """This meeting's counted rating of the question, whichever of its
    sittings `session_id` is: the latest given in any of them (with several
    adults each rating, the one given last). None: not rated at this meeting."""
    meeting = meeting_of(record, session_id)
    if meeting is None:
        return None
    ours = [
        r for r in counted_ratings(record, question) if meeting_of(record, r.session_id) == meeting
    ]
    given = {id(r): n for n, r in enumerate(question.ratings)}
    return max(ours, key=lambda r: given.get(id(r), -1), default=None)


def counted_before(
    record: FamilyRecord, question: HelpingQuestion, session_id: str
) -> list[Rating]:
    """The counted ratings of the meetings before this one (and those given
    outside any meeting before its day), oldest first: what "last time" and
    "first" mean when the question is rated again here. A meeting carried on
    after later meetings were held still has only its own past before it."""
    meeting = meeting_of(record, session_id)
    here = record.session(meeting or "")
    if here is None:
        return counted_ratings(record, question)
    place = (here.date, here.created_at)
    return [r for r in counted_ratings(record, question) if meeting_place(record, r) < place]


def check_start_open(
    record: FamilyRecord, question: HelpingQuestion, session_id: str, by: str | None
) -> None:
    """Refuse (ValueError, in plain words) a rating that :func:`start_stands` forbids."""
    if not start_stands(record, question, session_id, by):
        return
    start = start_of(record, question, by)
    kept = f" ({start.value} on {record.rating_day(start)})" if start is not None else ""
    raise ValueError(
        f"The starting rating stands{kept}: a later meeting has rated this question "
        "since, so where things started can no longer be changed. Rate it at "
        "today's meeting instead."
    )
