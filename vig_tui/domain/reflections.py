"""What was said: the family's own words and the practitioner's note."""

from __future__ import annotations

from pydantic import Field

from .family import Model
from .ids import new_id, now_iso


class Reflection(Model):
    """Something the family said in one session, optionally about one clip:
    an answer to a prompt, or (with no `prompt_id`) a remark of their own.

    In the conversation view of a shared review each remark is its own
    reflection (so a prompt may have several, one per remark), carrying the
    review `stage` the talk was in. A reflection about a clip with neither a
    prompt nor a stage holds the practitioner's private note on that clip.
    """

    id: str = Field(default_factory=new_id)
    session_id: str
    prompt_id: str | None = None  # None: the family's own remark (or a clip note)
    clip_id: str | None = None
    stage: str | None = None  # the review stage the talk was in (conversation view)
    question_id: str | None = None  # helping question this moment links to
    family_words: str = ""
    speaker: str | None = None  # the adult whose words these are, when there are several
    practitioner_note: str = ""  # private: never shown in together mode
    created_at: str = Field(default_factory=now_iso)
    updated_at: str = Field(default_factory=now_iso)

    @property
    def is_clip_note(self) -> bool:
        """The practitioner's private note on a clip (see the class notes)."""
        return self.clip_id is not None and self.prompt_id is None and self.stage is None

    @property
    def asked(self) -> str:
        """What the words answer, for lists and exports: the prompt's id, or
        that they were the family's own remark."""
        return self.prompt_id or "own words"


#: the longest account of what was done about an alert (a short note, not a report)
MAX_ACTION = 500


class AlertAction(Model):
    """What the practitioner did about a safeguarding alert raised by a set of
    answers (for example PHQ-9 item 9), and the day they did it. Practitioner
    only, like the alert: never shown while the family is at the screen."""

    alert_id: str  # the pack's alert rule
    action: str = Field(min_length=1, max_length=MAX_ACTION)
    on: str  # the day they acted, YYYY-MM-DD
    recorded_at: str = Field(default_factory=now_iso)
    #: the scored answers it was done about (None in records from before this was kept)
    answers: dict[str, int | None] | None = None


class Administration(Model):
    """One completion of a questionnaire. Only raw answers are stored;
    scores are always recomputed from them."""

    id: str = Field(default_factory=new_id)
    questionnaire_id: str
    version: str
    timepoint: str  # e.g. "baseline", "cycle-2", "final"
    session_id: str | None = None
    answers: dict[str, int | str | None] = Field(default_factory=dict)
    completed: bool = False
    at: str = Field(default_factory=now_iso)
    #: the adult who filled it in, when the family has several (None: not
    #: asked — one adult, or a record from before this was asked)
    respondent: str | None = None
    #: what the practitioner did about the alerts these answers raised
    acted_on: list[AlertAction] = Field(default_factory=list)

    def scored_answers(self) -> dict[str, int | None]:
        """The answers that are scored (and so can raise an alert): not words."""
        return {k: v for k, v in self.answers.items() if not isinstance(v, str)}

    def action_on(self, alert_id: str) -> AlertAction | None:
        """What was done about this alert, while the answers are the ones it was
        done about: a scored answer changed since (a worse one the same day)
        raises the alert again, to be dealt with anew."""
        action = next((a for a in self.acted_on if a.alert_id == alert_id), None)
        if action is None or action.answers not in (None, self.scored_answers()):
            return None
        return action


class EndingLetter(Model):
    """The letter the family keeps: drafted from the record, then edited."""

    id: str = Field(default_factory=new_id)
    markdown: str = ""
    drafted_at: str = Field(default_factory=now_iso)
    updated_at: str = Field(default_factory=now_iso)
