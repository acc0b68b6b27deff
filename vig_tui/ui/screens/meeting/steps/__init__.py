"""One widget per kind of meeting step, chosen by :class:`~vig_tui.flows.StepKind`."""

from __future__ import annotations

from .....flows import StepKind
from .base import MeetingView, StepView
from .closing import CelebrateView, CompareView, FinishView, GuidanceView, NotesView, WatchView
from .prompt import PromptView, prompt_header
from .questionnaire import ChooseQuestionnairesView, QuestionnaireIntroView, QuestionnaireItemView
from .questions import RateQuestionView, SetQuestionView

#: The widget for each kind of step (prompt steps reuse one PromptView instead).
STEP_VIEWS: dict[StepKind, type[StepView]] = {
    view.KIND: view
    for view in (
        SetQuestionView,
        RateQuestionView,
        ChooseQuestionnairesView,
        QuestionnaireIntroView,
        QuestionnaireItemView,
        WatchView,
        NotesView,
        GuidanceView,
        CelebrateView,
        CompareView,
        FinishView,
    )
}

__all__ = [
    "STEP_VIEWS",
    "ChooseQuestionnairesView",
    "FinishView",
    "MeetingView",
    "PromptView",
    "QuestionnaireIntroView",
    "QuestionnaireItemView",
    "RateQuestionView",
    "SetQuestionView",
    "StepView",
    "prompt_header",
]
