"""What was said: the family's own words and the practitioner's note."""

from __future__ import annotations

from pydantic import Field

from .family import Model
from .ids import new_id, now_iso


class Reflection(Model):
    """An answer to one prompt, in one session, optionally about one clip."""

    id: str = Field(default_factory=new_id)
    session_id: str
    prompt_id: str
    clip_id: str | None = None
    question_id: str | None = None  # helping question this moment links to
    family_words: str = ""
    speaker: str | None = None  # the adult whose words these are, when there are several
    practitioner_note: str = ""  # private: never shown in together mode
    created_at: str = Field(default_factory=now_iso)
    updated_at: str = Field(default_factory=now_iso)


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


class EndingLetter(Model):
    """The letter the family keeps: drafted from the record, then edited."""

    id: str = Field(default_factory=new_id)
    markdown: str = ""
    drafted_at: str = Field(default_factory=now_iso)
    updated_at: str = Field(default_factory=now_iso)
