"""One family, open for work: read-only views for screens, and commands.

Every command works on a copy: it copies the item it changes
(``model_copy(deep=True)``), changes and validates the copy, writes it through
the store, and only then is the new value part of the record in memory
(the repository swaps it in after the write succeeded). If the write fails,
the command raises :class:`~vig_tui.store.StoreError` and nothing in memory
has changed: memory always equals disk.

Screens read ``session.record`` and never change what it holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from ..domain import (
    Administration,
    Clip,
    Consent,
    Cycle,
    EndingLetter,
    Family,
    FamilyRecord,
    Film,
    HelpingQuestion,
    RatingKind,
    Reflection,
    Session,
    SessionKind,
)
from ..domain.ids import now_iso, today_iso
from ..domain.rules.consent import check_consent
from ..domain.rules.timepoints import timepoint_for
from ..domain.summary import FamilySummary
from ..flows import respondents_key
from ..privacy.consent import save_consent
from ..store import FamilyRepo, Store, StoreError

if TYPE_CHECKING:
    from .conversation import Conversation
    from .course import Course
    from .safeguarding import Safeguarding
    from .stills import ClipStills

M = TypeVar("M", bound=BaseModel)

#: The text fields of a meeting a screen may save.
MEETING_TEXT_FIELDS = frozenset({"shared_notes", "private_notes", "guidance_reflection"})
#: The text fields of a reflection a screen may save.
REFLECTION_TEXT_FIELDS = frozenset({"family_words", "practitioner_note"})


class ReadingBack(StoreError):
    """A command on a meeting opened to read back: nothing may change."""

    def __init__(self) -> None:
        super().__init__(
            "This meeting is open to read back, so nothing can change. To add to it, "
            "close it and open it again from the dashboard: choose to continue it today."
        )


class AnswersKept(StoreError):
    """Answers to a questionnaire completed in an earlier sitting of this
    meeting: they stand as given (a measure taken then is never taken again
    in its place)."""

    def __init__(self, adm: Administration) -> None:
        super().__init__(kept_answers_words(adm))


def kept_answers_words(adm: Administration) -> str:
    """What the practitioner is told about answers that are kept as given."""
    return (
        f"These answers were completed on {adm.at[:10]} and are kept as they were "
        "given. The questionnaire is filled in again at the final meeting."
    )


def _open_on(meeting: Session, day: str) -> bool:
    """Words said on `day` may be added to this meeting: it is not finished
    and it was begun that day."""
    return not meeting.completed and meeting.date == day


def _copy(item: M) -> M:
    return item.model_copy(deep=True)


def _checked(item: M) -> M:
    """Validate a changed copy as the store would on load (raises ValueError)."""
    return type(item).model_validate(item.model_dump())


class FamilySession:
    """One family's record and every change a screen can make to it."""

    def __init__(self, store: Store, repo: FamilyRepo, *, read_only: bool = False) -> None:
        self._store = store
        self._repo = repo
        self._read_only = read_only

    def reading_back(self) -> FamilySession:
        """The same family, to read a meeting back: every command refuses
        (:class:`ReadingBack`) and nothing in memory or on disk can change."""
        return FamilySession(self._store, self._repo, read_only=True)

    @property
    def read_only(self) -> bool:
        return self._read_only

    def practice_summaries(self) -> list[FamilySummary]:
        """Every family of the practice as Home lists them (a label must be
        its family's own)."""
        return self._store.summaries()

    @classmethod
    def open(cls, store: Store, family_id: str) -> FamilySession:
        """Open a family (raises StoreError, CorruptFileError for a bad file)."""
        return cls(store, store.family(family_id))

    @property
    def course(self) -> Course:
        """Dates, missed sessions, cycles, status, facts: see services/course.py."""
        from .course import Course

        return Course(self)

    @property
    def conversation(self) -> Conversation:
        """A shared review's remarks, stages and clip notes: see services/conversation.py."""
        from .conversation import Conversation

        return Conversation(self)

    @property
    def safeguarding(self) -> Safeguarding:
        """What was done about safeguarding alerts: see services/safeguarding.py."""
        from .safeguarding import Safeguarding

        return Safeguarding(self)

    @property
    def stills(self) -> ClipStills:
        """Read, link and pick the clips' stills: see services/stills.py."""
        from .stills import ClipStills

        return ClipStills(self, self._store)

    # -- read-only views ---------------------------------------------------------
    @property
    def record(self) -> FamilyRecord:
        """The record as it is on disk. Read it; never change it."""
        return self._repo.record

    @property
    def id(self) -> str:
        return self._repo.id

    @property
    def folder(self) -> Path:
        return self._repo.folder

    @property
    def stills_dir(self) -> Path:
        return self._repo.stills_dir

    def meeting(self, session_id: str) -> Session:
        found = self.record.session(session_id)
        if found is None:
            raise KeyError(f"no meeting {session_id} in this record")
        return found

    def question(self, question_id: str) -> HelpingQuestion | None:
        return next((q for q in self.record.questions if q.id == question_id), None)

    def clip(self, clip_id: str | None) -> Clip | None:
        return next((c for c in self.record.clips if c.id == clip_id), None)

    def reflection(self, session_id: str, prompt_id: str, clip_id: str | None) -> Reflection:
        """The answer written in the step-by-step view (see
        :meth:`FamilyRecord.step_answer`), or a new empty one (not saved until
        changed). A remark kept in the conversation view is never this one, so
        editing it never changes another remark."""
        found = self.record.step_answer(session_id, prompt_id, clip_id)
        if found is None:
            return Reflection(session_id=session_id, prompt_id=prompt_id, clip_id=clip_id)
        return found

    def administration(
        self, session_id: str, questionnaire_id: str, version: str, respondent: str | None = None
    ) -> Administration:
        """This meeting's answers to a questionnaire (by `respondent`, when the
        family has several adults), begun in this sitting or, for a meeting
        continued another day, an earlier one (the answers carry on, and `at`
        says when they were last answered); else a new empty set."""
        sittings = self.record.sittings(session_id)
        found = [
            adm
            for adm in self.record.administrations
            if adm.session_id in sittings
            and adm.questionnaire_id == questionnaire_id
            and adm.respondent == respondent
        ]
        if found:
            return max(found, key=lambda adm: sittings.index(str(adm.session_id)))
        if respondent is not None and respondent not in self.record.family.respondents:
            raise ValueError(f"“{respondent}” is not one of this family's adults")
        return Administration(
            questionnaire_id=questionnaire_id,
            version=version,
            timepoint=timepoint_for(self.meeting(session_id)),
            session_id=session_id,
            respondent=respondent,
        )

    @staticmethod
    def answers_kept(session_id: str, adm: Administration) -> bool:
        """Answers completed in an earlier sitting of this meeting (one
        continued on another day): they are read, never changed. Unfinished
        answers carry on in the new sitting."""
        return adm.completed and adm.session_id != session_id

    # -- the one way to write ----------------------------------------------------
    def _write(self, item: M) -> M:
        """Validate, write, and (only after the write) hold it in memory."""
        if self._read_only:
            raise ReadingBack()
        item = _checked(item)
        self._repo.save(item)
        return item

    def _delete(self, item: BaseModel) -> None:
        """Remove from disk, and (only after that) from memory."""
        if self._read_only:
            raise ReadingBack()
        self._repo.delete(item)

    # -- meetings ----------------------------------------------------------------
    def meeting_to_read_back(
        self, kind: SessionKind, cycle: int | None, today: str | None = None
    ) -> Session | None:
        """The meeting of this kind (and cycle) last worked on, when words may no
        longer be added to it as it is: it was finished, or begun before today.
        The desk asks before opening it: read it back (:meth:`reading_back`:
        nothing can change) or carry it on today (:meth:`meeting_to_open`).
        None when there is none yet, or the one begun today is still open."""
        found = self.record.meeting_to_resume(kind, cycle)
        if found is None or _open_on(found, today or today_iso()):
            return None
        return found

    def meeting_to_open(
        self, kind: SessionKind, cycle: int | None, on: str | None = None
    ) -> Session:
        """The meeting to write in on the day `on` (today unless given). One rule
        keeps every word under the day it was said, wherever a meeting is opened:

        - an unfinished meeting of this kind (and cycle) begun that day is carried on;
        - a meeting that was finished, or begun on another day, is never written
          in again: a new sitting dated that day carries it on
          (``Session.continues``), where it stopped (the view, each clip's
          stage and, unless it was finished, the step), so what is said now is
          filed, exported and put in the letter under the day it was said;
        - else a new meeting dated that day.

        Saved before it is returned."""
        day = on or today_iso()
        found = self.record.meeting_to_resume(kind, cycle)
        if found is not None and _open_on(found, day):
            return found
        cycle = cycle if kind == SessionKind.SHARED_REVIEW else None
        meeting = Session(kind=kind, cycle=cycle, date=day)
        if found is not None:
            meeting.continues = found.id
            progress = _copy(found).progress
            if found.completed:  # a finished one is carried on from its first step
                progress.pop("step", None)
            meeting.progress = progress
        return self._write(meeting)

    def set_meeting_text(self, session_id: str, field: str, text: str) -> Session:
        if field not in MEETING_TEXT_FIELDS:
            raise ValueError(f"a meeting has no text field {field!r}")
        meeting = _copy(self.meeting(session_id))
        setattr(meeting, field, text)
        meeting.updated_at = now_iso()
        return self._write(meeting)

    def set_step(self, session_id: str, step_key: str) -> Session:
        """Remember where the meeting stopped, so it resumes there."""
        meeting = self.meeting(session_id)
        if meeting.progress.get("step") == step_key:
            return meeting
        meeting = _copy(meeting)
        meeting.progress["step"] = step_key
        return self._write(meeting)

    def choose_questionnaires(self, session_id: str, chosen: list[str]) -> Session:
        meeting = self.meeting(session_id)
        if meeting.progress.get("questionnaires") == chosen:
            return meeting
        meeting = _copy(meeting)
        meeting.progress["questionnaires"] = list(chosen)
        return self._write(meeting)

    def choose_respondents(
        self, session_id: str, questionnaire_id: str, chosen: list[str]
    ) -> Session:
        """Who is filling in a questionnaire today (adults of this family only)."""
        adults = self.record.family.respondents
        unknown = [name for name in chosen if name not in adults]
        if unknown:
            raise ValueError(f"“{unknown[0]}” is not one of this family's adults")
        key = respondents_key(questionnaire_id)
        meeting = self.meeting(session_id)
        if meeting.progress.get(key) == chosen:
            return meeting
        meeting = _copy(meeting)
        meeting.progress[key] = [a for a in adults if a in chosen]
        return self._write(meeting)

    def finish_meeting(self, session_id: str) -> Session:
        meeting = _copy(self.meeting(session_id))
        meeting.completed = True
        meeting.updated_at = now_iso()
        return self._write(meeting)

    # -- reflections -------------------------------------------------------------
    def save_reflection_text(
        self,
        session_id: str,
        prompt_id: str,
        clip_id: str | None,
        field: str,
        text: str,
        *,
        keep_doing: bool = False,
        speaker: str | None = None,
    ) -> Reflection:
        """Save the family's words or the practitioner's note for a prompt.
        With `keep_doing`, the family's words are also the meeting's
        "what I want to keep doing"; with `speaker` (one of two or more adults),
        the family's words are that adult's."""
        if field not in REFLECTION_TEXT_FIELDS:
            raise ValueError(f"a reflection has no text field {field!r}")
        reflection = _copy(self.reflection(session_id, prompt_id, clip_id))
        setattr(reflection, field, text)
        if speaker is not None and field == "family_words":
            reflection.speaker = self.conversation.speaker_named(speaker)
        reflection.updated_at = now_iso()
        saved = self._write(reflection)
        if keep_doing and field == "family_words":
            meeting = _copy(self.meeting(session_id))
            meeting.keep_doing = text
            self._write(meeting)
        return saved

    def link_question(
        self, session_id: str, prompt_id: str, clip_id: str | None, question_id: str | None
    ) -> Reflection:
        reflection = _copy(self.reflection(session_id, prompt_id, clip_id))
        reflection.question_id = question_id
        return self._write(reflection)

    # -- helping questions -------------------------------------------------------
    def question_slot(self, session_id: str, index: int) -> HelpingQuestion | None:
        agreed = self.record.questions_agreed_in(self.meeting(session_id))
        return agreed[index] if index < len(agreed) else None

    def set_question_text(self, session_id: str, index: int, text: str) -> HelpingQuestion | None:
        """Word (or reword) the meeting's helping question number `index`.
        An empty text for a question not yet written saves nothing."""
        question = self.question_slot(session_id, index)
        if question is None:
            if not text.strip():
                return None
            question = HelpingQuestion(
                text=text, order=len(self.record.questions), session_id=session_id
            )
        else:
            question = _copy(question)
        question.text = text
        return self._write(question)

    def rate_question(
        self, question_id: str, value: int, kind: RatingKind, session_id: str
    ) -> HelpingQuestion:
        """Record (or correct) this meeting's rating of a helping question."""
        question = self.question(question_id)
        if question is None:
            raise KeyError(f"no helping question {question_id}")
        self.record.check_start_open(question, session_id, None)
        question = _copy(question)
        question.set_rating(value, kind, session_id, self.meeting(session_id).cycle)
        return self._write(question)

    def set_hoped_for(self, question_id: str, value: int | None) -> HelpingQuestion:
        question = self.question(question_id)
        if question is None:
            raise KeyError(f"no helping question {question_id}")
        question = _copy(question)
        question.hoped_for = value
        return self._write(question)

    # -- questionnaires ----------------------------------------------------------
    def answer(
        self,
        session_id: str,
        questionnaire_id: str,
        version: str,
        item_id: str,
        value: int | str | None,
        scored_items: list[str] | None = None,
        respondent: str | None = None,
    ) -> Administration:
        """Save one answer (of `respondent`'s, when the family has several
        adults). With `scored_items` (the items that must be answered), the
        administration is marked complete once they all are."""
        adm = self.administration(session_id, questionnaire_id, version, respondent)
        if self.answers_kept(session_id, adm):
            raise AnswersKept(adm)
        adm = _copy(adm)
        adm.answers[item_id] = value
        adm.at = now_iso()  # when they were last answered (a text answer too)
        if scored_items is not None:
            adm.completed = all(i in adm.answers for i in scored_items)
        return self._write(adm)

    # -- consent, letter, family -------------------------------------------------
    def save_consent(self, new: Consent) -> list[str]:
        """Save the consent (and note in the audit log which fields changed);
        returns the names of the fields that changed. Raises ConsentInvalid
        (naming the field) for a record that is not whole."""
        new = _checked(new)
        check_consent(new)
        return save_consent(self._store, self._repo, new)

    def save_letter(self, markdown: str, letter: EndingLetter | None = None) -> EndingLetter:
        changed = _copy(letter) if letter is not None else EndingLetter()
        changed.markdown = markdown
        changed.updated_at = now_iso()
        return self._write(changed)

    def save_family(self, family: Family) -> Family:
        return self._write(_copy(family))

    # -- films and clips ---------------------------------------------------------
    def attach_film(
        self,
        cycle: int,
        path: str,
        fingerprint: str,
        duration_ms: int | None,
        recorded_on: str,
        *,
        playable_ms: int | None = None,
    ) -> Film:
        """Attach the cycle's film (or the same film found again, or a
        confirmed replacement); the cycle's filming counts as done."""
        film = self.record.film_for(cycle)
        if film is None:
            film = Film(
                cycle=cycle,
                path=path,
                fingerprint=fingerprint,
                duration_ms=duration_ms,
                playable_ms=playable_ms,  # set when only the first part decodes
                recorded_on=recorded_on,
            )
        else:
            film = _copy(film)
            if film.fingerprint != fingerprint:  # another film in its place: its own date
                film.recorded_on = recorded_on
            film.path, film.fingerprint, film.duration_ms = path, fingerprint, duration_ms
            film.playable_ms = playable_ms
        saved = self._write(film)
        if not self.record.sessions_of(SessionKind.FILMING, cycle):
            self._write(Session(kind=SessionKind.FILMING, cycle=cycle, completed=True))
        return saved

    def _cycle(self, number: int) -> Cycle:
        existing = next((c for c in self.record.cycles if c.number == number), None)
        return _copy(existing) if existing else Cycle(number=number)

    def save_clip(self, clip: Clip) -> Clip:
        """Save a new or changed clip; a new clip goes to the end of the review order."""
        saved = self._write(_copy(clip))
        cycle = self._cycle(saved.cycle)
        if saved.id not in cycle.clip_order:
            cycle.clip_order = [c.id for c in self.record.clips_for(saved.cycle)]
            self._write(cycle)
        return saved

    def reorder_clips(self, cycle_number: int, order: list[str]) -> Cycle:
        cycle = self._cycle(cycle_number)
        cycle.clip_order = list(order)
        return self._write(cycle)

    def remove_clip(self, clip_id: str) -> None:
        clip = self.clip(clip_id)
        if clip is not None:
            self._delete(clip)

    def add_still(self, clip_id: str, path: Path, at_ms: int) -> Clip | None:
        """Keep a still taken from a clip (its file already inside the family's
        stills folder; anything else is refused there, see services/stills.py)."""
        if self.clip(clip_id) is None:
            return None
        return self.stills.link(clip_id, [(Path(path), at_ms)])


def create_family(store: Store, family: Family) -> FamilySession:
    """Add a new family to the store and open it."""
    return FamilySession(store, store.create_family(_checked(family)))


__all__ = ["FamilySession", "StoreError", "create_family"]
