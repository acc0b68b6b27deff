"""The shared review as a conversation: commands for the conversation view.

Each remark the family makes about a clip is its own reflection, with the
review stage the talk was in, the prompt the practitioner asked (or none: the
family's own remark) and, when the family has several adults, who said it.
Like every command of the family session, each one works on a copy, writes it
and only then holds it in memory (see services/session.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..domain import Reflection, Session
from ..domain.ids import now_iso
from ..flows import VIEW_KEY, stage_key

if TYPE_CHECKING:
    from .session import FamilySession

#: How a shared review's clips are shown: one conversation per clip (the
#: default) or one prompt per screen.
ReviewView = Literal["conversation", "steps"]
REVIEW_VIEWS: tuple[ReviewView, ...] = ("conversation", "steps")


def last_speaker(meeting: Session, remarks: list[Reflection], adults: list[str]) -> str | None:
    """Who is speaking unless the practitioner says otherwise: whoever was
    chosen last in this meeting, else the first adult (None with fewer than two)."""
    if len(adults) < 2:
        return None
    for remark in sorted(remarks, key=lambda r: r.created_at, reverse=True):
        if remark.session_id == meeting.id and remark.speaker in adults:
            return remark.speaker
    return adults[0]


class Conversation:
    """The conversation view's commands for one family."""

    def __init__(self, session: FamilySession) -> None:
        self._session = session

    def _clip_in(self, meeting_id: str, clip_id: str) -> Session:
        meeting = self._session.meeting(meeting_id)
        if self._session.clip(clip_id) is None:
            raise KeyError(f"no clip {clip_id} in this record")
        return meeting

    def speaker_named(self, name: str | None) -> str | None:
        """Whose words these are: one of two or more adults (None with one adult)."""
        return self._speaker(name)

    def _speaker(self, name: str | None) -> str | None:
        adults = self._session.record.family.adults
        if name is None or len(adults) < 2:
            return None  # with one adult, the words are simply the family's
        if name not in adults:
            raise ValueError(f"“{name}” is not one of this family's adults ({', '.join(adults)})")
        return name

    def add_remark(
        self,
        meeting_id: str,
        clip_id: str,
        stage: str,
        words: str,
        *,
        prompt_id: str | None = None,
        speaker: str | None = None,
        question_id: str | None = None,
    ) -> Reflection:
        """Keep one remark, as said, as a reflection of its own (tied to a
        helping question when the practitioner chose one)."""
        self._clip_in(meeting_id, clip_id)
        if not words.strip():
            raise ValueError("there are no words to keep")
        if not stage.strip():
            raise ValueError("a remark needs the stage the talk is in")
        if question_id is not None and self._session.question(question_id) is None:
            raise KeyError(f"no helping question {question_id} in this record")
        remark = Reflection(
            session_id=meeting_id,
            clip_id=clip_id,
            stage=stage,
            prompt_id=prompt_id or None,
            speaker=self._speaker(speaker),
            question_id=question_id,
            family_words=words.strip(),
        )
        return self._session._write(remark)

    def set_clip_note(self, meeting_id: str, clip_id: str, text: str) -> Reflection:
        """The practitioner's private note on a clip (never shown to the family)."""
        self._clip_in(meeting_id, clip_id)
        found = self._session.record.clip_note(meeting_id, clip_id)
        note = (  # a note from an earlier sitting is carried on as this sitting's own
            found.model_copy(deep=True)
            if found is not None and found.session_id == meeting_id
            else Reflection(session_id=meeting_id, clip_id=clip_id)
        )
        note.practitioner_note = text
        note.updated_at = now_iso()
        return self._session._write(note)

    def move_stage(self, meeting_id: str, clip_id: str, stage: str) -> Session:
        """Remember which stage a clip's talk is in, so the meeting resumes there."""
        meeting = self._clip_in(meeting_id, clip_id)
        if meeting.progress.get(stage_key(clip_id)) == stage:
            return meeting
        meeting = meeting.model_copy(deep=True)
        meeting.progress[stage_key(clip_id)] = stage
        return self._session._write(meeting)

    def set_view(self, meeting_id: str, view: ReviewView) -> Session:
        """Show this review's clips as conversations or one prompt at a time."""
        if view not in REVIEW_VIEWS:
            raise ValueError(f"a review is shown as {' or '.join(REVIEW_VIEWS)}, not {view!r}")
        meeting = self._session.meeting(meeting_id)
        if meeting.progress.get(VIEW_KEY) == view:
            return meeting
        meeting = meeting.model_copy(deep=True)
        meeting.progress[VIEW_KEY] = view
        return self._session._write(meeting)

    def correct_remark(self, remark_id: str, words: str, speaker: str | None) -> Reflection | None:
        """Put right a remark kept as said: its words, or which adult said them
        (`speaker`, one of two or more adults; None: no one adult is named for
        them). Words left empty take the remark back: it is removed, unless it
        also holds the practitioner's note on a prompt (the step-by-step view),
        which stays. Returns the remark as corrected, or None when it was
        taken back."""
        found = next((r for r in self._session.record.reflections if r.id == remark_id), None)
        if found is None or found.is_clip_note or not found.family_words.strip():
            raise KeyError(f"no remark {remark_id} in this record")
        remark = found.model_copy(deep=True)
        remark.family_words = words.strip()
        if len(self._session.record.family.adults) > 1:
            remark.speaker = self._speaker(speaker)  # None: no one adult is named
        # (with one adult today, a name kept when there were two stays as it was)
        remark.updated_at = now_iso()
        if remark.family_words or remark.practitioner_note.strip():
            return self._session._write(remark)
        self._session._delete(found)
        return None
