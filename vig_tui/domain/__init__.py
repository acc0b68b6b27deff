"""The VIG domain: plain models and rules, no I/O, no UI."""

from .family import (
    MAX_CYCLES,
    Child,
    Consent,
    FactEdit,
    Family,
    FamilyStatus,
    Model,
    StatusChange,
    WorkMode,
    parse_children,
)
from .goals import MAX_HELPING_QUESTIONS, HelpingQuestion, Rating, RatingKind, Wording
from .ids import format_ms, new_id, now_iso, today_iso
from .media import Clip, Film, Still
from .record import CycleProgress, FamilyRecord, FamilySummary, JourneyStage, NextStep
from .reflections import Administration, EndingLetter, Reflection
from .sessions import Attendance, Cycle, FutureGoal, Session, SessionKind

__all__ = [
    "MAX_CYCLES",
    "MAX_HELPING_QUESTIONS",
    "Administration",
    "Attendance",
    "Child",
    "Clip",
    "Consent",
    "Cycle",
    "CycleProgress",
    "EndingLetter",
    "FactEdit",
    "Family",
    "FamilyRecord",
    "FamilyStatus",
    "FamilySummary",
    "Film",
    "FutureGoal",
    "HelpingQuestion",
    "JourneyStage",
    "Model",
    "NextStep",
    "Rating",
    "RatingKind",
    "Reflection",
    "Session",
    "SessionKind",
    "StatusChange",
    "Still",
    "Wording",
    "WorkMode",
    "format_ms",
    "new_id",
    "now_iso",
    "parse_children",
    "today_iso",
]
