"""The VIG domain: plain models and rules, no I/O, no UI.

Names are imported on first use, so code that needs only a summary or an id
never pays for the record models.
"""

from typing import TYPE_CHECKING

from .. import lazy_exports

if TYPE_CHECKING:
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
    from .journey import CycleProgress, JourneyStage, NextStep
    from .media import Clip, Film, Still
    from .record import FamilyRecord
    from .reflections import Administration, AlertAction, EndingLetter, Reflection
    from .sessions import Attendance, Cycle, FutureGoal, Session, SessionKind
    from .summary import FamilySummary

_EXPORTS = {
    "MAX_CYCLES": ".family",
    "FactEdit": ".family",
    "StatusChange": ".family",
    "Wording": ".goals",
    "Attendance": ".sessions",
    "FutureGoal": ".sessions",
    "Child": ".family",
    "Consent": ".family",
    "Family": ".family",
    "FamilyStatus": ".family",
    "Model": ".family",
    "WorkMode": ".family",
    "parse_children": ".family",
    "MAX_HELPING_QUESTIONS": ".goals",
    "HelpingQuestion": ".goals",
    "Rating": ".goals",
    "RatingKind": ".goals",
    "format_ms": ".ids",
    "new_id": ".ids",
    "now_iso": ".ids",
    "today_iso": ".ids",
    "Clip": ".media",
    "Film": ".media",
    "Still": ".media",
    "CycleProgress": ".journey",
    "FamilyRecord": ".record",
    "FamilySummary": ".summary",
    "JourneyStage": ".journey",
    "NextStep": ".journey",
    "Administration": ".reflections",
    "AlertAction": ".reflections",
    "EndingLetter": ".reflections",
    "Reflection": ".reflections",
    "Cycle": ".sessions",
    "Session": ".sessions",
    "SessionKind": ".sessions",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "MAX_CYCLES",
    "MAX_HELPING_QUESTIONS",
    "Administration",
    "AlertAction",
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
