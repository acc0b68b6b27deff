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


def preparation(meeting: MeetingView, clip_id: str | None) -> list[Text]:
    """What the practitioner noted on the clip as they prepared it (practitioner
    only): the principles it was tagged with, the initiative → reception chain,
    the micro-analysis — one line each, those written."""
    clip = meeting.clip(clip_id)
    if clip is None:
        return []
    lines: list[Text] = []
    if clip.principles:
        packs = meeting.packs
        names = [packs.principle(p).name if packs.principle(p) else p for p in clip.principles]
        lines.append(literal("Tagged: " + ", ".join(names)))
    if clip.chain_note:
        lines.append(literal("Initiative → reception: " + clip.chain_note))
    if clip.micro_note:
        lines.append(literal("Micro-analysis: " + clip.micro_note))
    return lines


def other_notes(meeting: MeetingView, clip_id: str, editing: str | None) -> tuple[Text, int] | None:
    """What the practitioner noted on this moment besides the note in the box
    being edited — the other notes, each under where it was written, then what
    was noted as the clip was prepared — and how many; None when there is nothing."""
    record = meeting.record
    notes = notes_besides(meeting, clip_id, editing)
    prepared = preparation(meeting, clip_id)
    if not notes and not prepared:
        return None
    text = Text()
    if notes:
        asked = {
            p.id: prompt_text(p, record, about_a_moment=True)
            for stage in review_stages(meeting.packs, record, "all")
            for p in stage.prompts
        }
        text.append("Your other notes on this moment:", style="bold")
        for note in notes:
            where = asked.get(note.prompt_id, "a prompt") if note.prompt_id else WHOLE_MOMENT
            text.append("\n• ")
            text.append_text(literal(f"{where}: ", style="dim"))
            text.append_text(literal(note.text))
    if prepared:
        if notes:
            text.append("\n")
        text.append("From preparing the clip:", style="bold")
        for line in prepared:
            text.append("\n• ")
            text.append_text(line)
    return text, len(notes) + len(prepared)
