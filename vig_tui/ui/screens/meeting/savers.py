"""Save functions for the meeting's self-saving text fields: each runs one
command of the family session (and raises if the disk refused it, so the
field keeps its text and says "not saved")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ....flows import Step
from ....packs import Prompt
from ....services.session import FamilySession

SaveFn = Callable[[str], None]


class FieldSavers:
    def __init__(self, family: FamilySession, session_id: str, packs: Any) -> None:
        self.family = family
        self.session_id = session_id
        self.packs = packs

    def reflection(
        self,
        prompt: Prompt,
        clip_id: str | None,
        field: str,
        speaker: Callable[[], str | None] | None = None,
    ) -> SaveFn:
        """`speaker` says, as the words are saved, whose they are (None: not asked)."""

        def save(text: str) -> None:
            self.family.save_reflection_text(
                self.session_id,
                prompt.id,
                clip_id,
                field,
                text,
                keep_doing=prompt.keep_doing,
                speaker=speaker() if speaker is not None else None,
            )

        return save

    def clip_note(self, clip_id: str) -> SaveFn:
        def save(text: str) -> None:
            self.family.conversation.set_clip_note(self.session_id, clip_id, text)

        return save

    def meeting(self, field: str) -> SaveFn:
        def save(text: str) -> None:
            self.family.set_meeting_text(self.session_id, field, text)

        return save

    def question_text(self, index: int) -> SaveFn:
        def save(text: str) -> None:
            self.family.set_question_text(self.session_id, index, text)

        return save

    def text_answer(self, step: Step) -> SaveFn:
        assert step.questionnaire_id is not None and step.item_id is not None
        qid, item_id, whose = step.questionnaire_id, step.item_id, step.respondent
        version = str(self.packs.questionnaires[qid].version)

        def save(text: str) -> None:
            self.family.answer(self.session_id, qid, version, item_id, text, respondent=whose)

        return save
