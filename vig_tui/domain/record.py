"""A family's whole record: what is held, and how its meetings, answers and
ratings are looked up. Where the family is in the journey and what comes next
is worked out in :mod:`.journey` (the record's methods of those names ask there).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import journey
from .family import Consent, Family
from .goals import HelpingQuestion, Rating
from .ids import at_or_after
from .journey import CycleProgress, JourneyStage, NextStep
from .media import Clip, Film
from .reflections import Administration, EndingLetter, Reflection
from .rules import ratings
from .sessions import Cycle, Session, SessionKind
from .summary import FamilySummary

__all__ = ["CycleProgress", "FamilyRecord", "FamilySummary", "JourneyStage", "NextStep"]


@dataclass
class FamilyRecord:
    """Everything held about one family, as loaded from its store file."""

    family: Family
    consent: Consent = field(default_factory=Consent)
    questions: list[HelpingQuestion] = field(default_factory=list)
    cycles: list[Cycle] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    films: list[Film] = field(default_factory=list)
    clips: list[Clip] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)
    administrations: list[Administration] = field(default_factory=list)
    letters: list[EndingLetter] = field(default_factory=list)

    # -- lookups -----------------------------------------------------------
    def active_questions(self) -> list[HelpingQuestion]:
        return sorted((q for q in self.questions if not q.retired), key=lambda q: q.order)

    def questions_agreed_in(self, session: Session) -> list[HelpingQuestion]:
        """Questions worded in this meeting, in any of its sittings so far
        (legacy questions count as the first meeting's)."""
        initial = session.kind == SessionKind.INITIAL_MEETING
        sittings = self.sittings(session.id)
        return [
            q
            for q in self.active_questions()
            if q.session_id in sittings or (initial and q.session_id is None)
        ]

    def questions_to_rate(self, session: Session, by: str | None = None) -> list[HelpingQuestion]:
        """Questions agreed before this meeting: the ones to re-rate now (with
        `by`, only that adult's own questions and the shared ones)."""
        when = (session.date, session.created_at)
        sittings = self.sittings(session.id)
        out = []
        for q in self.active_questions():
            if q.session_id in sittings:  # worded in this meeting (this sitting or before)
                continue
            agreed = self.session(q.session_id) if q.session_id else None
            if agreed is not None and (agreed.date, agreed.created_at) > when:
                continue  # worded at a later meeting
            if by is not None and q.owner not in (None, by):
                continue
            out.append(q)
        return out

    def sessions_of(self, kind: SessionKind, cycle: int | None = None) -> list[Session]:
        """The meetings of a kind that took place (cancelled and missed ones are
        kept apart: see :meth:`not_held`), oldest first."""
        return sorted(
            (
                s
                for s in self.sessions
                if s.kind == kind and s.held and (cycle is None or s.cycle == cycle)
            ),
            key=lambda s: (s.date, s.created_at),
        )

    def meetings_of(self, kind: SessionKind, cycle: int | None = None) -> list[Session]:
        """The meetings of a kind that took place, each once however many
        sittings it took (its first sitting stands for it): what to count."""
        return [s for s in self.sessions_of(kind, cycle) if self.sittings(s.id)[0] == s.id]

    def not_held(self) -> list[Session]:
        """Cancelled and did-not-attend sessions, oldest first."""
        return sorted((s for s in self.sessions if not s.held), key=lambda s: s.date)

    def session(self, session_id: str) -> Session | None:
        return next((s for s in self.sessions if s.id == session_id), None)

    def film_for(self, cycle: int) -> Film | None:
        films = [f for f in self.films if f.cycle == cycle]
        return films[-1] if films else None

    def cycles_sharing_film(self, cycle: int) -> list[int]:
        """The other cycles whose film is the same file as `cycle`'s (the same
        fingerprint, or the same path where a fingerprint is missing)."""
        film = self.film_for(cycle)
        if film is None:
            return []
        return [
            number
            for number in sorted({f.cycle for f in self.films} - {cycle})
            if (other := self.film_for(number)) is not None
            and (
                other.fingerprint == film.fingerprint
                if other.fingerprint and film.fingerprint
                else other.path == film.path
            )
        ]

    def clips_for(self, cycle: int) -> list[Clip]:
        """Clips of a cycle in review order (then by start time)."""
        order = next((c.clip_order for c in self.cycles if c.number == cycle), [])
        rank = {clip_id: i for i, clip_id in enumerate(order)}
        clips = [c for c in self.clips if c.cycle == cycle]
        return sorted(clips, key=lambda c: (rank.get(c.id, len(rank)), c.start_ms))

    def reflections_for(self, session_id: str, clip_id: str | None = None) -> list[Reflection]:
        return [
            r
            for r in self.reflections
            if r.session_id == session_id and (clip_id is None or r.clip_id == clip_id)
        ]

    def reflection(
        self, session_id: str, prompt_id: str, clip_id: str | None = None
    ) -> Reflection | None:
        for r in self.reflections:
            if r.session_id == session_id and r.prompt_id == prompt_id and r.clip_id == clip_id:
                return r
        return None

    def sittings(self, session_id: str) -> list[str]:
        """The ids of a meeting's sittings up to this one, earliest first: the
        sittings it continues (see `Session.continues`), then itself."""
        chain: list[str] = []
        found = self.session(session_id)
        while found is not None and found.id not in chain:
            chain.insert(0, found.id)
            found = self.session(found.continues) if found.continues else None
        return chain or [session_id]

    def whole_meeting(self, session_id: str) -> set[str]:
        """The ids of every sitting of the meeting a session belongs to: the
        earlier ones it continues and the later ones that carry it on."""
        ids = set(self.sittings(session_id))
        grew = True
        while grew:
            later = {s.id for s in self.sessions if s.continues in ids} - ids
            ids |= later
            grew = bool(later)
        return ids

    # -- ratings: one per meeting ------------------------------------------------
    def counted_ratings(self, question: HelpingQuestion) -> list[Rating]:
        """The ratings of a helping question that count: one per meeting (and
        per adult, when they rated apart), the latest given in any of its
        sittings, in the order of the meetings (see ``rules.ratings``). Every
        rating stays in the record (it is what was said that day)."""
        return ratings.counted_ratings(self, question)

    def start_stands(self, question: HelpingQuestion, session_id: str, by: str | None) -> bool:
        """Whether a rating by `by` in this meeting would give the starting
        rating again after a later meeting rated the question (refused)."""
        return ratings.start_stands(self, question, session_id, by)

    def check_start_open(self, question: HelpingQuestion, session_id: str, by: str | None) -> None:
        """Refuse, in plain words, a rating that :meth:`start_stands` forbids."""
        ratings.check_start_open(self, question, session_id, by)

    def rating_day(self, rating: Rating) -> str:
        """The day a counted rating stands for: its meeting's first day."""
        return ratings.meeting_place(self, rating)[0]

    def rated(self, question: HelpingQuestion) -> HelpingQuestion:
        """The question as every reader of its ratings sees it (outcomes, charts,
        exports, service figures): its :meth:`counted_ratings` only. A view to
        read; the record keeps every rating."""
        kept = self.counted_ratings(question)
        if kept == question.ratings:  # no meeting was rated twice, none out of order
            return question
        return question.model_copy(update={"ratings": kept})

    def rated_questions(self) -> list[HelpingQuestion]:
        """The current helping questions, in order, as :meth:`rated` shows them."""
        return [self.rated(q) for q in self.active_questions()]

    def added_in(self, sitting: Session) -> bool:
        """Whether anything was written down in this sitting of a meeting: words,
        notes, ratings, helping questions, questionnaire answers or stills. A
        sitting that carried a meeting on and added none of them left the
        meeting as it was (the family's closing screen says so)."""
        start = sitting.created_at
        meeting = set(self.sittings(sitting.id))
        texts = (sitting.shared_notes, sitting.private_notes, sitting.guidance_reflection)
        if any(t.strip() for t in texts) or sitting.keep_doing.strip() or sitting.future_goals:
            return True
        if any(r.session_id == sitting.id for r in self.reflections):
            return True
        for q in self.questions:
            if q.session_id == sitting.id or any(r.session_id == sitting.id for r in q.ratings):
                return True
            if at_or_after(q.updated_at, start):  # reworded, or its hope changed
                return True
        answered = (
            a.session_id in meeting and a.answers and at_or_after(a.at, start)
            for a in self.administrations
        )
        if any(answered):
            return True
        return any(
            at_or_after(still.taken_at, start)
            for clip in self.clips
            if clip.cycle == sitting.cycle
            for still in clip.stills
        )

    def remarks(self, session_id: str, clip_id: str | None) -> list[Reflection]:
        """Everything the family said about a clip in a meeting (in this sitting
        and the earlier ones it continues), in the order it was said (answers to
        prompts and their own remarks; not the clip note)."""
        sittings = set(self.sittings(session_id))
        said = [
            r
            for r in self.reflections
            if r.session_id in sittings and r.clip_id == clip_id and not r.is_clip_note
        ]
        return sorted(said, key=lambda r: r.created_at)

    def step_answer(
        self, session_id: str, prompt_id: str, clip_id: str | None = None
    ) -> Reflection | None:
        """The answer to a prompt written in the step-by-step view of this
        sitting: the one reflection with no review stage (each remark kept in
        the conversation view is its own reflection, with its stage, and is
        never this one)."""
        for r in self.reflections:
            if (
                r.session_id == session_id
                and r.prompt_id == prompt_id
                and r.clip_id == clip_id
                and r.stage is None
            ):
                return r
        return None

    def clip_note(self, session_id: str, clip_id: str) -> Reflection | None:
        """The practitioner's private note on a clip in a meeting, if written:
        this sitting's, else the latest of the earlier sittings it continues."""
        for sitting in reversed(self.sittings(session_id)):
            for r in self.reflections:
                if r.session_id == sitting and r.clip_id == clip_id and r.is_clip_note:
                    return r
        return None

    def answer(self, prompt_id: str, kind: SessionKind) -> str:
        """The family's words for a prompt in the first session of a kind."""
        for session in self.sessions_of(kind):
            found = self.reflection(session.id, prompt_id)
            if found and found.family_words.strip():
                return found.family_words
        return ""

    # -- the journey (see :mod:`.journey`) ----------------------------------------
    def cycle_numbers(self) -> list[int]:
        return journey.cycle_numbers(self)

    def cycle_progress(self, number: int) -> CycleProgress:
        return journey.cycle_progress(self, number)

    def cycles_left(self) -> list[int]:
        """Cycles neither reviewed nor skipped (see :func:`.journey.cycles_left`)."""
        return journey.cycles_left(self)

    def next_step(self) -> NextStep:
        return journey.next_step(self)

    def meeting_to_resume(self, kind: SessionKind, cycle: int | None) -> Session | None:
        """The meeting last worked on (see :func:`.journey.meeting_to_resume`)."""
        return journey.meeting_to_resume(self, kind, cycle)

    def cycle_to_open(self, kind: SessionKind) -> int | None:
        """The cycle a step of this kind works on (see :func:`.journey.cycle_to_open`)."""
        return journey.cycle_to_open(self, kind)
