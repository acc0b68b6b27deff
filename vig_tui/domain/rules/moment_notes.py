"""The practitioner's private notes on a moment (a clip) in a meeting.

A shared review has two layouts: the conversation keeps one note on the
moment ("Your note on this moment"); step by step, each prompt has its own
note. Both are the practitioner's notes on the same moment, so each layout
shows the notes written in the other (read-only there; each is edited where it
was written) — nothing written in one layout seems lost in the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..record import FamilyRecord


@dataclass(frozen=True)
class MomentNote:
    #: the prompt it was written under (None: the note on the moment itself)
    prompt_id: str | None
    text: str
    reflection_id: str


def notes_on_moment(record: FamilyRecord, session_id: str, clip_id: str) -> list[MomentNote]:
    """The one rule for "my notes on this moment": in this meeting (this sitting
    and the earlier ones it continues), the note on the moment written in the
    conversation, then each prompt's note written step by step, in the order
    written; empty notes left out."""
    sittings = set(record.sittings(session_id))
    notes: list[MomentNote] = []
    whole = record.clip_note(session_id, clip_id)
    if whole is not None and whole.practitioner_note.strip():
        notes.append(MomentNote(None, whole.practitioner_note.strip(), whole.id))
    per_prompt = sorted(
        (
            r
            for r in record.reflections
            if r.session_id in sittings
            and r.clip_id == clip_id
            and r.prompt_id is not None
            and r.practitioner_note.strip()
        ),
        key=lambda r: r.created_at,
    )
    notes += [MomentNote(r.prompt_id, r.practitioner_note.strip(), r.id) for r in per_prompt]
    return notes
