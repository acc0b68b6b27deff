"""What the meeting screen does for the conversation view: keep a remark,
move the talk to another stage, choose between the conversation and the
step-by-step view (remembered per meeting), and which prompts are offered
(the practitioner's profile). Every change is a command of the family session,
run through the screen's `save` (a refused save is reported, nothing changes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from .....flows import (
    PromptSet,
    Stage,
    StepKind,
    is_conversation,
    review_stages,
    stage_index,
    stage_of_prompt,
    steps_for,
)
from .....services.conversation import last_speaker
from .....services.session import StoreError
from .view import ConversationView

if TYPE_CHECKING:
    from ..screen import MeetingScreen


class ConversationCommands:
    """Mixed into the meeting screen."""

    @property
    def _me(self) -> MeetingScreen:
        return cast("MeetingScreen", self)

    _prompt_set: PromptSet | None = None

    @property
    def prompt_set(self) -> PromptSet:
        """Which prompts this practitioner's service uses (the profile's choice;
        the shorter core set if the profile cannot be read)."""
        if self._prompt_set is None:
            me = self._me
            from .....services.profile import practitioner_profile

            try:
                self._prompt_set = practitioner_profile(me.vig.store).prompts
            except (StoreError, OSError, ValueError):
                self._prompt_set = "core"
        return self._prompt_set

    #: the last remark kept in the conversation here, and who was chosen as
    #: speaking when it was kept
    _kept_last: tuple[str, str] | None = None

    def speaker(self) -> str | None:
        """Who is speaking unless the practitioner says otherwise: whoever was
        chosen for the last words kept (see `last_speaker`) — for a remark kept
        here, as chosen when it was kept: putting it right with F3 names who
        said it, not who is speaking now."""
        me = self._me
        adults = me.record.family.adults
        found = last_speaker(me.session, me.record.reflections, adults)
        if self._kept_last is None or self._kept_last[1] not in adults:
            return found
        kept_id, chosen = self._kept_last
        mine = [
            r for r in me.record.reflections if r.session_id == me.session.id and r.family_words
        ]
        newest = max(mine, key=lambda r: r.created_at, default=None)
        return chosen if newest is not None and newest.id == kept_id else found

    def keep_remark(
        self,
        clip_id: str,
        stage: str,
        words: str,
        prompt_id: str | None,
        speaker: str | None,
        question_id: str | None,
    ) -> bool:
        me = self._me

        def add() -> object:
            remark = me.family.conversation.add_remark(
                me.session_id,
                clip_id,
                stage,
                words,
                prompt_id=prompt_id,
                speaker=speaker,
                question_id=question_id,
            )
            if remark.speaker is not None:
                self._kept_last = (remark.id, remark.speaker)
            return remark

        return me.save(add)

    def move_stage(self, clip_id: str, stage: str) -> bool:
        me = self._me
        return me.save(me.family.conversation.move_stage, me.session_id, clip_id, stage)

    def correct_remark(self, remark_id: str, words: str, speaker: str | None) -> bool:
        me = self._me
        return me.save(me.family.conversation.correct_remark, remark_id, words, speaker)

    @property
    def reading_back(self) -> bool:
        """The meeting is open to read back: nothing in it can change."""
        return self._me.family.read_only

    # -- keys ------------------------------------------------------------------------------
    def talk_view(self) -> ConversationView | None:
        view = self._me.step_view
        if isinstance(view, ConversationView) and view.ready and view.is_attached:
            return view
        return None  # not a conversation, or one still setting itself up

    def keep_pending_remark(self) -> None:
        view = self.talk_view()
        if view is not None:
            view.keep_pending()

    def action_stage(self, by: int) -> None:
        view = self.talk_view()
        if view is not None:
            view.move(by)

    def action_review_view(self) -> None:
        """Switch this review between the conversation and the step-by-step view,
        keeping the place: the same clip, at the same stage of its talk (the
        step-by-step view's first prompt of the conversation's stage; the
        conversation at the stage of the prompt the steps were on)."""
        me = self._me
        session = me.session
        me.flush_fields()
        self.keep_pending_remark()
        step = me.steps[me.index] if me.steps else None
        clip_id = step.clip_id if step else None
        stages = review_stages(me.packs, me.record, "all")
        view = "steps" if is_conversation(session) else "conversation"
        if clip_id is not None and view == "conversation" and step is not None:
            stage = stage_of_prompt(stages, step.prompt.id if step.prompt else None)
            if stage is not None and not self.move_stage(clip_id, stage):
                return
        if not me.save(me.family.conversation.set_view, me.session_id, view):
            return
        self.go_to_clip(clip_id, stages)

    def go_to_clip(self, clip_id: str | None, stages: list[Stage] | None = None) -> None:
        """After the view changed: the step about the same clip at the stage its
        talk is in (with `stages`; else its first step), or the start."""
        me = self._me
        steps = steps_for(me.packs, me.record, me.session, self.prompt_set)
        about = [i for i, s in enumerate(steps) if s.clip_id == clip_id]
        first = about[0] if about else 0
        at = stage_index(me.session, clip_id, stages) if stages and clip_id else 0
        if stages and clip_id is not None and at > 0:  # at the first stage: the clip's start
            stage = stages[at].id
            asked = {i: steps[i].prompt for i in about}
            first = next(
                (i for i, p in asked.items() if p and stage_of_prompt(stages, p.id) == stage),
                first,
            )
        me.steps = steps
        me.index = first
        me.go(first)

    def talk_is_showing(self) -> bool:
        me = self._me
        return bool(me.steps) and me.steps[me.index].kind == StepKind.CONVERSATION
