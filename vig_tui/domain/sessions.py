"""Cycles and the sessions that make up a family's journey."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field

from .family import Model
from .ids import new_id, now_iso, today_iso


class SessionKind(StrEnum):
    INITIAL_MEETING = "initial_meeting"
    FILMING = "filming"
    SHARED_REVIEW = "shared_review"
    FINAL_MEETING = "final_meeting"
    OTHER = "other"

    @property
    def title(self) -> str:  # type: ignore[override]
        return {
            "initial_meeting": "Initial meeting",
            "filming": "Filming",
            "shared_review": "Shared review",
            "final_meeting": "Final meeting",
            "other": "Other contact",
        }[self.value]

    @property
    def together(self) -> bool:
        """True when the family sits at the screen for this kind of session."""
        return self in (
            SessionKind.INITIAL_MEETING,
            SessionKind.SHARED_REVIEW,
            SessionKind.FINAL_MEETING,
        )


class Attendance(StrEnum):
    """Whether a planned meeting took place."""

    HELD = "held"
    CANCELLED = "cancelled"  # called off beforehand, by either side
    DID_NOT_ATTEND = "did_not_attend"  # the family did not come

    @property
    def label(self) -> str:
        return {"held": "held", "cancelled": "cancelled", "did_not_attend": "did not attend"}[
            self.value
        ]


class FutureGoal(Model):
    """Something to keep working on after the work ends, set at the final
    meeting: an idea to carry on, never a helping question to rate."""

    id: str = Field(default_factory=new_id)
    text: str
    by: str | None = None  # the adult who named it, when there are several
    created_at: str = Field(default_factory=now_iso)


class Cycle(Model):
    id: str = Field(default_factory=new_id)
    number: int = Field(ge=1, le=9)
    clip_order: list[str] = Field(default_factory=list)  # clip ids in review order


class Session(Model):
    """One meeting. `shared_notes` belong to the family's record;
    `private_notes` and `guidance_reflection` are the practitioner's alone.

    A meeting carried on another day (or after it was finished) is a new
    sitting dated that day, which `continues` the earlier one: what is said
    in it is kept under the day it was said (see
    ``FamilySession.meeting_to_open``)."""

    id: str = Field(default_factory=new_id)
    kind: SessionKind
    cycle: int | None = None
    date: str = Field(default_factory=today_iso)
    shared_notes: str = ""
    private_notes: str = ""
    guidance_reflection: str = ""  # practitioner's own reflection, for supervision
    keep_doing: str = ""  # "what I want to keep doing", in the family's words
    completed: bool = False
    attendance: Attendance = Attendance.HELD
    attendance_reason: str = ""  # why it was cancelled or missed
    future_goals: list[FutureGoal] = Field(default_factory=list)  # final meeting only
    progress: dict[str, Any] = Field(default_factory=dict)  # where to resume
    continues: str | None = None  # the earlier sitting this one carries on (its id)
    created_at: str = Field(default_factory=now_iso)
    updated_at: str = Field(default_factory=now_iso)

    @property
    def held(self) -> bool:
        return self.attendance == Attendance.HELD

    def title(self) -> str:
        more = " (continued)" if self.continues else ""
        if self.cycle:
            return f"Cycle {self.cycle} – {self.kind.title.lower()}{more}"
        return self.kind.title + more
