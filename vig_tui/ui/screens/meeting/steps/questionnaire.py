"""Questionnaires: choosing them, their introduction, and one item per screen."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import OptionList, ProgressBar, SelectionList
from textual.widgets.option_list import Option

from .....domain.rules.counts import counted
from .....domain.rules.wording import whose
from .....flows import (
    StepKind,
    chosen_questionnaires,
    chosen_respondents,
    offered_questionnaires,
)
from .....services.session import kept_answers_words
from ....text import literal
from ....widgets.autosave import AutosaveTextArea
from ....widgets.rating_scale import RatingScale
from ....widgets.sized_by_layout import LaidOutRow, LaidOutText
from ....widgets.ticks import TickList
from .base import StepView
from .prompt import prompt_header


class ChooseQuestionnairesView(StepView):
    KIND = StepKind.CHOOSE_QUESTIONNAIRES

    class Chosen(Message):
        """The questionnaires for today, in the packs' order."""

        def __init__(self, chosen: list[str]) -> None:
            super().__init__()
            self.chosen = chosen

    def compose(self) -> ComposeResult:
        meeting, packs = self.meeting, self.meeting.packs
        if self.step.prompt is not None:
            yield from prompt_header(meeting, self.step)
        chosen = set(
            chosen_questionnaires(packs, meeting.record, meeting.session, self.step.prompt)
        )
        yield LaidOutText(Text("Which questionnaires today? (space ticks or unticks)", style="dim"))
        choices = [
            (literal(packs.questionnaires[qid].title_for_family), qid, qid in chosen)
            for qid in offered_questionnaires(packs, meeting.session)
        ]
        yield TickList[str](*choices, id="questionnaire-choice")

    @on(SelectionList.SelectedChanged, "#questionnaire-choice")
    def _chosen(self, event: SelectionList.SelectedChanged[str]) -> None:
        selected = list(event.selection_list.selected)
        order = [qid for qid in self.meeting.packs.questionnaires if qid in selected]
        self.post_message(self.Chosen(order))


class QuestionnaireIntroView(StepView):
    KIND = StepKind.QUESTIONNAIRE_INTRO

    class RespondentsChosen(Message):
        """Who is filling in this questionnaire (a family with several adults)."""

        def __init__(self, chosen: list[str]) -> None:
            super().__init__()
            self.chosen = chosen

    def compose(self) -> ComposeResult:
        assert self.step.questionnaire_id is not None
        qid = self.step.questionnaire_id
        questionnaire = self.meeting.packs.questionnaires[qid]
        adults = self.meeting.record.family.respondents
        yield LaidOutText(literal(questionnaire.title_for_family), classes="prompt-text")
        if questionnaire.family_title:
            yield LaidOutText(literal(str(questionnaire.title)), classes="private dim")
        if questionnaire.instructions:
            yield LaidOutText(literal(str(questionnaire.instructions)))
        if not questionnaire.validated:
            notice = questionnaire.notice or "This is not a validated questionnaire."
            yield LaidOutText(literal(str(notice)), classes="notice private")
        if adults:  # asked in words the family may see: it is on the screen in the room
            yield LaidOutText(
                Text("Who is filling this in? (space ticks or unticks)", style="bold")
            )
            chosen = set(chosen_respondents(self.meeting.record, self.meeting.session, qid))
            yield TickList[str](
                *[(literal(a), a, a in chosen) for a in adults], id="respondent-choice"
            )
        yield LaidOutText(
            Text(
                f"{counted(len(questionnaire.items), 'question')}, one at a time"
                + (" for each person ticked" if adults else "")
                + ". Press Ctrl+N to begin.",
                style="dim",
            )
        )
        if questionnaire.source:
            yield LaidOutText(literal(f"Source: {questionnaire.source}"), classes="private dim")

    @on(SelectionList.SelectedChanged, "#respondent-choice")
    def _respondents_chosen(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        self.post_message(self.RespondentsChosen(list(event.selection_list.selected)))


class QuestionnaireItemView(StepView):
    KIND = StepKind.QUESTIONNAIRE_ITEM

    class Answered(Message):
        """An answer to this item; `advance` moves on by itself (a choice)."""

        def __init__(self, value: int | str | None, advance: bool) -> None:
            super().__init__()
            self.value = value
            self.advance = advance

    def compose(self) -> ComposeResult:
        step, meeting = self.step, self.meeting
        assert step.questionnaire_id is not None and step.item_id is not None
        questionnaire = meeting.packs.questionnaires[step.questionnaire_id]
        item = questionnaire.item(step.item_id)
        assert item is not None
        number = [i.id for i in questionnaire.items].index(item.id) + 1
        total = len(questionnaire.items)
        adm = meeting.administration(step.questionnaire_id, step.respondent)
        answer = adm.answers.get(item.id)
        bar = ProgressBar(total=total, show_eta=False, show_percentage=False, id="qn-progress")
        bar.progress = number - 1
        yield LaidOutRow(
            LaidOutText(Text(f"Question {number} of {total}", style="bold")),
            bar,
            classes="qn-progress-row",
        )
        if step.respondent is not None:  # whose answers these are (the family's own names)
            yield LaidOutText(literal(whose(step.respondent, "answers", start=True)), classes="dim")
        if questionnaire.instructions and number == 1:
            yield LaidOutText(literal(str(questionnaire.instructions)), classes="dim")
        yield LaidOutText(literal(item.text), classes="prompt-text")
        # answers completed at an earlier sitting of this meeting are shown, not changed
        kept = meeting.answers_kept(adm)
        if kept:
            yield LaidOutText(kept_answers_words(adm), classes="notice")
        if item.kind == "choice":
            options = questionnaire.options_for(item)
            mark = Text("   ✓ your answer", style="bold")
            option_list = OptionList(
                *[
                    Option(
                        Text(f" {n}   {o.label}") + (mark if o.score == answer else Text()),
                        id=str(o.score),
                    )
                    for n, o in enumerate(options, 1)
                ],
                id="qn-choices",
                classes="big-choices",
            )
            option_list.disabled = kept
            yield option_list
            scores = [o.score for o in options]
            if answer in scores:
                option_list.highlighted = scores.index(int(answer))  # type: ignore[arg-type]
            yield LaidOutText(
                Text("Choose with the arrow keys and Enter, a number, or a click.", style="dim")
            )
        elif item.kind == "scale":
            low = item.min or 0
            high = item.max if item.max is not None else 10
            anchors = {a.value: str(a.label) for a in item.anchors}
            yield RatingScale(
                int(answer) if isinstance(answer, int) else None,
                low=anchors.get(low, ""),
                high=anchors.get(high, ""),
                id="qn-scale",
                disabled=kept,
            )
        else:
            box = AutosaveTextArea(
                str(answer or ""),
                meeting.savers.text_answer(step),
                id="qn-text",
                classes="family-words",
            )
            box.read_only = kept
            yield box

    @on(OptionList.OptionSelected, "#qn-choices")
    def _choice_made(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.post_message(self.Answered(int(event.option.id), advance=True))

    @on(RatingScale.Changed, "#qn-scale")
    def _scale_answered(self, event: RatingScale.Changed) -> None:
        event.stop()
        self.post_message(self.Answered(event.value, advance=False))

    #: what a digit did: nothing (not one of the choices), or nothing because
    #: the answer is kept as given
    NOT_A_CHOICE, KEPT = "not a choice", "kept"

    def pick_by_number(self, character: str) -> int | str:
        """Digits pick a choice (1 = the first answer): its score, highlighted
        (the screen records it there and then), or why nothing was picked."""
        choices = self.query("#qn-choices")
        if not choices:
            return self.NOT_A_CHOICE
        option_list = choices.first(OptionList)
        if option_list.disabled:  # kept as given: the digit changes nothing
            return self.KEPT
        n = int(character) - 1
        if not 0 <= n < option_list.option_count:
            return self.NOT_A_CHOICE
        option_list.highlighted = n
        option = option_list.get_option_at_index(n)
        return int(option.id) if option.id is not None else self.NOT_A_CHOICE
