"""The practitioner's other notes on a moment, shown read-only beside the note
box of either review layout (the rule: :func:`notes_on_moment`)."""

from __future__ import annotations

from rich.text import Text

from ....domain.rules.moment_notes import MomentNote, notes_on_moment
from ....flows import prompt_text, review_stages
from ...text import literal
from .steps.base import MeetingView

#: where a note written in the conversation came from, said in the step-by-step view
WHOLE_MOMENT = "on this moment (conversation)"


def notes_besides(meeting: MeetingView, clip_id: str, editing: str | None) -> list[MomentNote]:
    """The notes on this moment other than the one in the box being edited
    (`editing`: its reflection's id; None when that note is not written yet)."""
    notes = notes_on_moment(meeting.record, meeting.session.id, clip_id)
    return [n for n in notes if n.reflection_id != editing]


def other_notes(meeting: MeetingView, clip_id: str, editing: str | None) -> Text | None:
    """The notes on this moment other than the one in the box being edited,
    each under where it was written; None when there are none."""
    record = meeting.record
    notes = notes_besides(meeting, clip_id, editing)
    if not notes:
        return None
    asked = {
        p.id: prompt_text(p, record)
        for stage in review_stages(meeting.packs, record, "all")
        for p in stage.prompts
    }
    text = Text("Your other notes on this moment:", style="bold")
    for note in notes:
        where = WHOLE_MOMENT if note.prompt_id is None else asked.get(note.prompt_id, "a prompt")
        text.append("\n• ")
        text.append_text(literal(f"{where}: ", style="dim"))
        text.append_text(literal(note.text))
    return text
