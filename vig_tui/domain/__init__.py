"""The VIG domain: plain models and rules, no I/O, no UI."""

from .family import (
    Child,
    Consent,
    Family,
    FamilyStatus,
    Model,
    WorkMode,
    parse_children,
)
from .goals import MAX_HELPING_QUESTIONS, HelpingQuestion, Rating, RatingKind
from .ids import format_ms, new_id, now_iso, today_iso
from .media import Clip, Film, Still
from .record import CycleProgress, FamilyRecord, FamilySummary, JourneyStage, NextStep
from .reflections import Administration, EndingLetter, Reflection
from .sessions import Cycle, Session, SessionKind

__all__ = [
    "MAX_HELPING_QUESTIONS",
    "Administration",
    "Child",
    "Clip",
    "Consent",
    "Cycle",
    "CycleProgress",
    "EndingLetter",
    "Family",
    "FamilyRecord",
    "FamilyStatus",
    "FamilySummary",
    "Film",
    "HelpingQuestion",
    "JourneyStage",
    "Model",
    "NextStep",
    "Rating",
    "RatingKind",
    "Reflection",
    "Session",
    "SessionKind",
    "Still",
    "WorkMode",
    "format_ms",
    "new_id",
    "now_iso",
    "parse_children",
    "today_iso",
]
