"""Where a family is in the VIG journey, and what comes next: the stage, the
next step, each cycle's progress and which meeting or cycle a step opens.
Read from a :class:`~vig_tui.domain.record.FamilyRecord` (its methods of the
same names ask here); what the record holds and how it is looked up live there.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from .family import FamilyStatus
from .rules.counts import counted
from .sessions import Session, SessionKind

if TYPE_CHECKING:
    from .record import FamilyRecord


class JourneyStage(StrEnum):
    """Where a family is in the journey: what the next step is."""

    INITIAL_MEETING = "initial_meeting"
    FILMING = "filming"
    CHOOSE_CLIPS = "choose_clips"
    SHARED_REVIEW = "shared_review"
    FINAL_MEETING = "final_meeting"
    COMPLETE = "complete"  # the final meeting is done: the ending letter is next
    PAUSED = "paused"  # involvement paused: reopen to carry on
    CLOSED = "closed"


@dataclass
class NextStep:
    kind: SessionKind | None
    cycle: int | None
    text: str
    stage: JourneyStage

    @property
    def complete(self) -> bool:
        """The journey's meetings are all done (only the ending letter is left)."""
        return self.stage == JourneyStage.COMPLETE


@dataclass
class CycleProgress:
    number: int
    filmed: bool
    clips: int
    reviewed: bool
    review_started: bool
    skipped: bool = False

    @property
    def empty(self) -> bool:
        """Nothing recorded for this cycle: it may be removed."""
        return not (self.filmed or self.clips or self.review_started)

    @property
    def done(self) -> bool:
        return self.reviewed or self.skipped

    def text(self) -> str:
        if self.skipped and not self.reviewed:
            return "skipped"
        if self.reviewed:
            return "reviewed"
        if self.review_started:
            return "review under way"
        if self.clips:
            return f"{counted(self.clips, 'clip')} ready"
        if self.filmed:
            return "filmed – choose clips"
        return "to film"


def cycle_numbers(record: FamilyRecord) -> list[int]:
    """Every cycle of the course so far: the planned ones, and any with a film,
    clips, a review or an order of clips."""
    numbers = {c.number for c in record.cycles if c.clip_order}
    numbers |= {f.cycle for f in record.films}
    numbers |= {c.cycle for c in record.clips}
    numbers |= {s.cycle for s in record.sessions if s.cycle}
    upto = max(numbers | {record.family.planned_cycles})
    return list(range(1, upto + 1))


def cycle_progress(record: FamilyRecord, number: int) -> CycleProgress:
    reviews = record.sessions_of(SessionKind.SHARED_REVIEW, number)
    return CycleProgress(
        number=number,
        filmed=record.film_for(number) is not None,
        clips=len(record.clips_for(number)),
        reviewed=any(s.completed for s in reviews),
        review_started=bool(reviews),
        skipped=number in record.family.skipped_cycles,
    )


def cycles_left(record: FamilyRecord) -> list[int]:
    """Cycles neither reviewed nor skipped: what "go to the final meeting"
    would leave unfilmed (the screen asks before skipping them)."""
    return [n for n in cycle_numbers(record) if not cycle_progress(record, n).done]


def next_step(record: FamilyRecord) -> NextStep:
    """What the journey says comes next for this family."""
    status = record.family.status
    if status == FamilyStatus.CLOSED:
        return NextStep(None, None, "Closed", JourneyStage.CLOSED)
    if status == FamilyStatus.PAUSED:
        paused = f"Paused since {record.family.paused_on or '?'} – reopen to carry on"
        return NextStep(None, None, paused, JourneyStage.PAUSED)
    finals = record.sessions_of(SessionKind.FINAL_MEETING)
    if any(s.completed for s in finals):
        if any(letter.markdown.strip() for letter in record.letters):
            # (short: Home's list at 80 columns cut the longer words mid-word)
            written = "Complete – letter written"
            return NextStep(None, None, written, JourneyStage.COMPLETE)
        return NextStep(None, None, "Complete – write the letter", JourneyStage.COMPLETE)
    if finals:  # the final meeting has begun: carry on with it
        return NextStep(
            SessionKind.FINAL_MEETING, None, "Final meeting", JourneyStage.FINAL_MEETING
        )
    initial = record.sessions_of(SessionKind.INITIAL_MEETING)
    if not initial or not any(s.completed for s in initial):
        return NextStep(
            SessionKind.INITIAL_MEETING, None, "Initial meeting", JourneyStage.INITIAL_MEETING
        )
    for number in cycle_numbers(record):
        progress = cycle_progress(record, number)
        if progress.done:
            continue
        if not progress.filmed:
            return NextStep(
                SessionKind.FILMING, number, f"Cycle {number} – filming", JourneyStage.FILMING
            )
        if not progress.clips:
            return NextStep(
                SessionKind.FILMING,
                number,
                f"Cycle {number} – choose clips",
                JourneyStage.CHOOSE_CLIPS,
            )
        return NextStep(
            SessionKind.SHARED_REVIEW,
            number,
            f"Cycle {number} – shared review",
            JourneyStage.SHARED_REVIEW,
        )
    return NextStep(SessionKind.FINAL_MEETING, None, "Final meeting", JourneyStage.FINAL_MEETING)


def meeting_to_resume(record: FamilyRecord, kind: SessionKind, cycle: int | None) -> Session | None:
    """The meeting last worked on: an unfinished one of this kind (and cycle,
    for a review) that no later sitting carries on, else the latest finished
    one; None when there is none yet. (Whether words may still be added to
    it is the service's rule: ``FamilySession.meeting_to_open``.)"""
    sessions = record.sessions_of(kind, cycle if kind == SessionKind.SHARED_REVIEW else None)
    carried_on = {s.continues for s in record.sessions if s.continues}
    unfinished = [s for s in sessions if not s.completed and s.id not in carried_on]
    chosen = unfinished or sessions
    return chosen[-1] if chosen else None


def cycle_to_open(record: FamilyRecord, kind: SessionKind) -> int | None:
    """The cycle a step of this kind works on when the practitioner picks it
    by hand: the first review still waiting (else the last with clips), or
    the cycle whose filming is next; None for the meetings outside cycles."""
    numbers = cycle_numbers(record)
    if kind == SessionKind.SHARED_REVIEW:
        with_clips = [n for n in numbers if record.clips_for(n)]
        waiting = [n for n in with_clips if not cycle_progress(record, n).reviewed]
        return (waiting or with_clips or [1])[0 if waiting else -1]
    if kind == SessionKind.FILMING:
        step = next_step(record)
        return step.cycle or next(
            (n for n in numbers if not cycle_progress(record, n).reviewed), numbers[-1]
        )
    return None
