"""A family's course as it really runs: dates, missed sessions, more or fewer
cycles, closing and reopening, edited facts, reworded questions, two adults,
goals for the future.

Every command follows the family session's rule: copy what changes, validate,
write through the store, and only then hold the new value (so memory never
runs ahead of disk). The rules themselves live in ``domain/rules``; these
commands only apply them. Reach them as ``session.course``.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from ..domain import (
    MAX_CYCLES,
    Attendance,
    Child,
    FactEdit,
    Family,
    FamilyStatus,
    Film,
    FutureGoal,
    HelpingQuestion,
    RatingKind,
    Reflection,
    Session,
    SessionKind,
    StatusChange,
    Wording,
    WorkMode,
)
from ..domain.ids import now_iso, today_iso
from ..domain.rules.dates import check_erase_by, check_held_on, default_erase_by
from ..domain.rules.labels import checked_label
from ..domain.rules.status import Change, refusal
from ..domain.rules.wording import whose

if TYPE_CHECKING:
    from .session import FamilySession

#: family facts that may be edited, and how each is shown in the edit history
EDITABLE_FACTS = ("label", "adults", "children", "referrer", "work_mode", "professional_role")


def _fact_text(family: Family, name: str) -> str:
    value = getattr(family, name)
    if name == "children":
        return family.children_text()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


class Course:
    """The course commands of one open family (see :attr:`FamilySession.course`)."""

    def __init__(self, session: FamilySession) -> None:
        self._session = session

    @property
    def _family(self) -> Family:
        return self._session.record.family

    def _family_copy(self) -> Family:
        return self._family.model_copy(deep=True)

    def _adult(self, name: str | None) -> str | None:
        """A named adult of this family (None stays None)."""
        if name is None:
            return None
        if name not in self._family.adults:
            known = ", ".join(self._family.adults) or "no adults are named yet"
            raise ValueError(f"“{name}” is not one of this family's adults ({known})")
        return name

    # -- dates -----------------------------------------------------------------------
    def set_meeting_date(self, meeting_id: str, day: str, today: date | None = None) -> Session:
        meeting = self._session.meeting(meeting_id).model_copy(deep=True)
        meeting.date = check_held_on(day, today)
        meeting.updated_at = now_iso()
        return self._session._write(meeting)

    def set_film_date(self, film_id: str, day: str, today: date | None = None) -> Film:
        film = next((f for f in self._session.record.films if f.id == film_id), None)
        if film is None:
            raise KeyError(f"no film {film_id} in this record")
        film = film.model_copy(deep=True)
        film.recorded_on = check_held_on(day, today, "the filming date")
        return self._session._write(film)

    def start_meeting_on(
        self, kind: SessionKind, cycle: int | None, day: str, today: date | None = None
    ) -> Session:
        """Open (or carry on with) a meeting held on `day` — e.g. one held on paper
        last week and entered now: its words are filed under that day (the
        rule of ``FamilySession.meeting_to_open``, for that day)."""
        day = check_held_on(day, today)
        return self._session.meeting_to_open(kind, cycle, on=day)

    # -- sessions that did not take place --------------------------------------------------
    def note_not_held(
        self,
        kind: SessionKind,
        cycle: int | None,
        day: str,
        attendance: Attendance,
        reason: str,
        today: date | None = None,
    ) -> Session:
        """Record a cancelled or missed session, with why. It is kept on the
        timeline and counted in the overview, but never resumed or counted as done."""
        if attendance == Attendance.HELD:
            raise ValueError("a session that took place is recorded by holding the meeting")
        if not reason.strip():
            raise ValueError("say briefly why the session did not take place")
        session = Session(
            kind=kind,
            cycle=cycle if kind in (SessionKind.FILMING, SessionKind.SHARED_REVIEW) else None,
            date=check_held_on(day, today, "the session date"),
            attendance=attendance,
            attendance_reason=reason.strip(),
        )
        return self._session._write(session)

    # -- cycles -----------------------------------------------------------------------------
    def add_cycle(self) -> Family:
        count = len(self._session.record.cycle_numbers())
        if count >= MAX_CYCLES:
            raise ValueError(f"a family can have at most {MAX_CYCLES} cycles")
        family = self._family_copy()
        family.planned_cycles = count + 1
        return self._session._write(family)

    def skip_cycle(self, number: int, reason: str = "", skip: bool = True) -> Family:
        """Mark a cycle as not filmed (or, with `skip=False`, to be filmed after all)."""
        record = self._session.record
        if number not in record.cycle_numbers():
            raise ValueError(f"there is no cycle {number}")
        if skip and record.cycle_progress(number).reviewed:
            raise ValueError(f"cycle {number} has been reviewed; it cannot be skipped")
        family = self._family_copy()
        skipped = set(family.skipped_cycles)
        if skip:
            if number not in skipped:
                family.skipped_on[str(number)] = today_iso()
            skipped.add(number)
            if reason.strip():
                family.skip_reasons[str(number)] = reason.strip()
        else:
            skipped.discard(number)
            family.skip_reasons.pop(str(number), None)
            family.skipped_on.pop(str(number), None)
        family.skipped_cycles = sorted(skipped)
        return self._session._write(family)

    def skip_to_final(self, reason: str = "") -> list[int]:
        """Skip every cycle not yet reviewed (ask the practitioner first: see
        :meth:`FamilyRecord.cycles_left`); returns the cycles skipped."""
        left = self._session.record.cycles_left()
        if left:
            family = self._family_copy()
            family.skipped_cycles = sorted(set(family.skipped_cycles) | set(left))
            for number in left:
                family.skipped_on[str(number)] = today_iso()
                if reason.strip():
                    family.skip_reasons[str(number)] = reason.strip()
            self._session._write(family)
        return left

    def remove_cycle(self, number: int) -> None:
        """Remove an empty cycle; later cycles move down one (one atomic save)."""
        record = self._session.record
        numbers = record.cycle_numbers()
        if number not in numbers:
            raise ValueError(f"there is no cycle {number}")
        if len(numbers) == 1:
            raise ValueError("a family keeps at least one cycle")
        if not record.cycle_progress(number).empty:
            raise ValueError(f"cycle {number} has a film, clips or a review; it cannot be removed")
        if any(s.cycle == number for s in record.sessions):
            raise ValueError(f"cycle {number} has sessions on the record; mark it skipped instead")
        new = copy.deepcopy(record)

        def moved(n: int) -> int:
            return n - 1 if n > number else n

        new.cycles = [c for c in new.cycles if c.number != number]
        for item in [*new.cycles]:
            item.number = moved(item.number)
        for film in new.films:
            film.cycle = moved(film.cycle)
        for clip in new.clips:
            clip.cycle = moved(clip.cycle)
        for session in new.sessions:
            session.cycle = moved(session.cycle) if session.cycle else session.cycle
        for question in new.questions:
            for rating in question.ratings:
                rating.cycle = moved(rating.cycle) if rating.cycle else rating.cycle
        family = new.family
        family.planned_cycles = max(1, len(numbers) - 1)
        family.skipped_cycles = sorted({moved(n) for n in family.skipped_cycles if n != number})
        family.skip_reasons = {
            str(moved(int(k))): v for k, v in family.skip_reasons.items() if int(k) != number
        }
        family.skipped_on = {
            str(moved(int(k))): v for k, v in family.skipped_on.items() if int(k) != number
        }
        new.family = Family.model_validate(family.model_dump())
        self._session._repo.replace_all(new)

    # -- the family's involvement -----------------------------------------------------------
    def _check_change(self, change: Change) -> None:
        why = refusal(change, self._family.status)
        if why is not None:
            raise ValueError(why)

    def _set_status(self, status: FamilyStatus, on: str, reason: str) -> Family:
        family = self._family_copy()
        family.status = status
        family.status_history.append(StatusChange(status=status, on=on, reason=reason.strip()))
        family.closed_on = on if status == FamilyStatus.CLOSED else None
        family.paused_on = on if status == FamilyStatus.PAUSED else None
        return self._session._write(family)

    def suggested_erase_by(self, closed_on: str) -> str:
        """Two months after closing, as the consent form promises."""
        return default_erase_by(date.fromisoformat(closed_on)).isoformat()

    def close(
        self, on: str, erase_by: str | None = None, reason: str = "", today: date | None = None
    ) -> Family:
        """Close the family's involvement on `on`; with `erase_by`, the films
        and clips are due to be erased by then (saved on the consent)."""
        on = check_held_on(on, today, "the closing date")
        self._check_change(Change.CLOSE)
        if erase_by is not None:
            erase_by = check_erase_by(erase_by, on)
        family = self._set_status(FamilyStatus.CLOSED, on, reason)
        if erase_by is not None and self._session.record.consent.erase_by != erase_by:
            consent = self._session.record.consent.model_copy(deep=True)
            consent.erase_by = erase_by
            consent.updated_at = now_iso()
            self._session.save_consent(consent)
        return family

    def pause(self, on: str, reason: str = "", today: date | None = None) -> Family:
        self._check_change(Change.PAUSE)
        return self._set_status(FamilyStatus.PAUSED, check_held_on(on, today, "the date"), reason)

    def reopen(self, on: str, reason: str = "", today: date | None = None) -> Family:
        self._check_change(Change.REOPEN)
        return self._set_status(FamilyStatus.ACTIVE, check_held_on(on, today, "the date"), reason)

    # -- the family's facts -----------------------------------------------------------------
    def edit_facts(
        self,
        *,
        label: str | None = None,
        adults: Sequence[str] | None = None,
        children: Sequence[Child] | None = None,
        referrer: str | None = None,
        work_mode: WorkMode | None = None,
        professional_role: str | None = None,
    ) -> Family:
        """Change any of the family's facts; each change is kept in its edit history."""
        changes: dict[str, object] = {}
        if label is not None:  # the same rule as a family added: kept clean, short, its own
            others = [
                s.label for s in self._session.practice_summaries() if s.id != self._family.id
            ]
            changes["label"] = checked_label(label, others)
        if adults is not None:
            names = [a.strip() for a in adults if a.strip()]
            if len(set(names)) != len(names):
                raise ValueError(
                    "two adults have the same name — add an initial to tell them apart"
                )
            changes["adults"] = names
        if children is not None:
            changes["children"] = list(children)
        if referrer is not None:
            changes["referrer"] = referrer.strip()
        if work_mode is not None:
            changes["work_mode"] = WorkMode(work_mode)
        if professional_role is not None:
            changes["professional_role"] = professional_role.strip()
        family = self._family_copy()
        for name, value in changes.items():
            before = _fact_text(family, name)
            setattr(family, name, value)
            after = _fact_text(family, name)
            if before != after:
                family.edits.append(FactEdit(field=name, before=before, after=after))
        if family == self._family:
            return self._family
        return self._session._write(family)

    # -- helping questions -------------------------------------------------------------------
    def _question(self, question_id: str) -> HelpingQuestion:
        question = self._session.question(question_id)
        if question is None:
            raise KeyError(f"no helping question {question_id}")
        return question.model_copy(deep=True)

    def reword_question(self, question_id: str, text: str) -> HelpingQuestion:
        """New wording for a question; the earlier one is kept, and so are its ratings."""
        question = self._question(question_id)
        text = " ".join(text.split())
        if not text:
            raise ValueError("a helping question needs words (retire it instead)")
        if text == question.text:
            return self._session.question(question_id) or question
        question.earlier_wordings.append(Wording(text=question.text))
        question.text = text
        return self._session._write(question)

    def retire_question(self, question_id: str, retire: bool = True) -> HelpingQuestion:
        """Stop asking a question (or bring it back); its ratings stay in the record."""
        question = self._question(question_id)
        question.retired = retire
        question.retired_on = now_iso() if retire else None
        return self._session._write(question)

    def set_question_owner(self, question_id: str, adult: str | None) -> HelpingQuestion:
        question = self._question(question_id)
        question.owner = self._adult(adult)
        return self._session._write(question)

    def rate_question(
        self, question_id: str, value: int, kind: RatingKind, meeting_id: str, by: str | None
    ) -> HelpingQuestion:
        """This meeting's rating, given by `by` (the question's own adult, when it has one)."""
        question = self._question(question_id)
        by = self._adult(by)
        if question.owner is not None and by is not None and by != question.owner:
            raise ValueError(
                f"this is {whose(question.owner, 'question')}; {question.owner} rates it"
            )
        self._session.record.check_start_open(question, meeting_id, by)
        rating = question.set_rating(
            value, kind, meeting_id, self._session.meeting(meeting_id).cycle, by
        )
        rating.by = by  # a correction may also change who gave it (None: together)
        return self._session._write(question)

    # -- words, attributed ---------------------------------------------------------------------
    def save_words(
        self,
        meeting_id: str,
        prompt_id: str,
        clip_id: str | None,
        speaker: str | None,
        text: str,
    ) -> Reflection:
        """One adult's words for a prompt (each adult keeps their own answer)."""
        speaker = self._adult(speaker)
        self._session.meeting(meeting_id)
        found = next(
            (
                r
                for r in self._session.record.reflections
                if (r.session_id, r.prompt_id, r.clip_id, r.speaker)
                == (meeting_id, prompt_id, clip_id, speaker)
            ),
            None,
        )
        reflection = (
            found.model_copy(deep=True)
            if found is not None
            else Reflection(
                session_id=meeting_id, prompt_id=prompt_id, clip_id=clip_id, speaker=speaker
            )
        )
        reflection.family_words = text
        return self._session._write(reflection)

    # -- goals for the future ---------------------------------------------------------------
    def set_future_goals(self, meeting_id: str, goals: Sequence[tuple[str, str | None]]) -> Session:
        """The final meeting's goals for the future: (text, who named it) pairs.
        They are ideas to carry on, never helping questions to rate."""
        meeting = self._session.meeting(meeting_id).model_copy(deep=True)
        if meeting.kind != SessionKind.FINAL_MEETING:
            raise ValueError("goals for the future are set at the final meeting")
        meeting.future_goals = [
            FutureGoal(text=" ".join(text.split()), by=self._adult(by))
            for text, by in goals
            if text.strip()
        ]
        meeting.updated_at = now_iso()
        return self._session._write(meeting)
