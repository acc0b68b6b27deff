"""What the meeting screen does for the conversation view: keep a remark,
move the talk to another stage, choose between the conversation and the
step-by-step view (remembered per meeting), and which prompts are offered
(the practitioner's profile). Every change is a command of the family session,
run through the screen's `save` (a refused save is reported, nothing changes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from .....flows import PromptSet, StepKind, is_conversation, steps_for
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

    def speaker(self) -> str | None:
        me = self._me
        return last_speaker(me.session, me.record.reflections, me.record.family.adults)

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
            return me.family.conversation.add_remark(
                me.session_id,
                clip_id,
                stage,
                words,
                prompt_id=prompt_id,
                speaker=speaker,
                question_id=question_id,
            )

        return me.save(add)

    def move_stage(self, clip_id: str, stage: str) -> bool:
        me = self._me
        return me.save(me.family.conversation.move_stage, me.session_id, clip_id, stage)

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
        staying with the same clip."""
        me = self._me
        session = me.session
        me.flush_fields()
        clip_id = me.steps[me.index].clip_id if me.steps else None
        view = "steps" if is_conversation(session) else "conversation"
        if not me.save(me.family.conversation.set_view, me.session_id, view):
            return
        self.go_to_clip(clip_id)

    def go_to_clip(self, clip_id: str | None) -> None:
        """After the view changed: the first step about the same clip (or the start)."""
        me = self._me
        steps = steps_for(me.packs, me.record, me.session, self.prompt_set)
        first = next((i for i, s in enumerate(steps) if s.clip_id == clip_id), 0)
        me.steps = steps
        me.index = first
        me.go(first)

    def talk_is_showing(self) -> bool:
        me = self._me
        return bool(me.steps) and me.steps[me.index].kind == StepKind.CONVERSATION
