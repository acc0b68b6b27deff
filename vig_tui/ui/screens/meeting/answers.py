"""What the meeting screen does with the answers its step widgets report:
helping questions worded and rated, questionnaires chosen and answered. Each
becomes a command of the family session, run through the screen's `save`."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events
from textual.timer import Timer

from ....domain import RatingKind, SessionKind
from ....flows import StepKind
from .steps import (
    ChooseQuestionnairesView,
    QuestionnaireIntroView,
    QuestionnaireItemView,
    RateQuestionView,
    SetQuestionView,
)

#: how long a choice stays on screen before the next question (s)
MOVE_ON_AFTER = 0.25

if TYPE_CHECKING:
    from .screen import MeetingScreen


class AnswerHandlers:
    """Mixed into the meeting screen (named handlers, found along the MRO)."""

    @property
    def _me(self) -> MeetingScreen:
        return cast("MeetingScreen", self)

    def on_set_question_view_rated(self, message: SetQuestionView.Rated) -> None:
        me = self._me
        me.flush_fields()
        question = me.question_slot(me.step.question_index or 0)
        if question is None:
            me.notify("Write the helping question first, then rate it.")
            message.view.clear(message.which)
            return
        if message.which == "now":
            initial = me.session.kind == SessionKind.INITIAL_MEETING
            kind = RatingKind.START if initial else RatingKind.FINAL
            rate = me.family.course.rate_question  # by the question's own adult, if any
            me.save(rate, question.id, message.value, kind, me.session_id, question.owner)
        else:
            me.save(me.family.set_hoped_for, question.id, message.value)

    def on_set_question_view_owned(self, message: SetQuestionView.Owned) -> None:
        me = self._me
        me.flush_fields()
        question = me.question_slot(me.step.question_index or 0)
        if question is None:
            me.vig.notify(
                "Write the helping question first, then say whose it is.", family_safe=True
            )
            message.view.forget_owner()
            return
        me.save(me.family.course.set_question_owner, question.id, message.owner)

    def on_rate_question_view_rerated(self, message: RateQuestionView.Rerated) -> None:
        me = self._me
        final = me.session.kind == SessionKind.FINAL_MEETING
        kind = RatingKind.FINAL if final else RatingKind.REVIEW
        rate = me.family.course.rate_question  # attributed to the adult rating
        me.save(rate, message.question_id, message.value, kind, me.session_id, message.by)

    def on_choose_questionnaires_view_chosen(
        self, message: ChooseQuestionnairesView.Chosen
    ) -> None:
        me = self._me
        if me.session.progress.get("questionnaires") != message.chosen:
            me.save(me.family.choose_questionnaires, me.session_id, message.chosen)
            me.recompute_steps()
            me.show_progress()

    def on_questionnaire_intro_view_respondents_chosen(
        self, message: QuestionnaireIntroView.RespondentsChosen
    ) -> None:
        me = self._me
        step = me.step
        assert step.questionnaire_id is not None
        choose = me.family.choose_respondents
        if me.save(choose, me.session_id, step.questionnaire_id, message.chosen):
            me.recompute_steps()
            me.show_progress()

    def on_questionnaire_item_view_answered(self, message: QuestionnaireItemView.Answered) -> None:
        self._answer(message.value, message.advance)

    #: the move to the next question after a choice, a moment later so that the
    #: choice is seen (MOVE_ON_AFTER); at most one at a time
    _moving_on: Timer | None = None

    def _answer(self, value: int | str | None, advance: bool) -> None:
        me = self._me
        step = me.step
        assert step.questionnaire_id is not None and step.item_id is not None
        questionnaire = me.packs.questionnaires[step.questionnaire_id]
        scored = [i.id for i in questionnaire.items if i.kind != "text"]
        version = str(questionnaire.version)
        answer = me.family.answer
        qid, item_id, whose = step.questionnaire_id, step.item_id, step.respondent
        if me.save(answer, me.session_id, qid, version, item_id, value, scored, whose):
            me.refresh_alert_mark()
            if advance:  # a second choice on the same question moves on once
                self.stop_moving_on()
                self._moving_on = me.set_timer(MOVE_ON_AFTER, self._move_on)

    async def _move_on(self) -> None:
        self._moving_on = None
        await self._me.action_next()

    def stop_moving_on(self) -> None:
        """Forget the move on after a choice (another move was chosen first)."""
        if self._moving_on is not None:
            self._moving_on.stop()
            self._moving_on = None

    async def on_key(self, event: events.Key) -> None:
        """Digits pick a choice on a questionnaire item (1 = the first answer),
        recorded as the key comes. A digit that comes while the last choice is
        still on screen, on its way to the next question, is for the next
        question: the screen goes there first (answering at a steady pace, a
        digit used to answer the same question again, and then two moves on
        skipped a question, left unanswered)."""
        me = self._me
        if not (me.steps and me.step.kind == StepKind.QUESTIONNAIRE_ITEM):
            return
        if not (event.character and event.character.isdigit()):
            return
        if self._moving_on is not None:
            event.stop()
            await me.action_next()  # (which forgets the move on: it is this one)
            if me.step.kind != StepKind.QUESTIONNAIRE_ITEM:
                return  # the questionnaire is done: the digit answers nothing
        view = me.step_view
        if not isinstance(view, QuestionnaireItemView):
            return
        picked = view.pick_by_number(event.character)
        if picked == view.NOT_A_CHOICE:
            return
        event.stop()
        if picked != view.KEPT:
            self._answer(picked, advance=True)
