"""The help shown for a meeting (F1)."""

from __future__ import annotations

from ....domain import SessionKind

HELP_COMMON = """
**Moving between steps:** Ctrl+N next · Ctrl+B back · Ctrl+O list of all steps ·
Esc asks before the meeting closes ("Stop for now"; Esc again keeps going), and
you can come back later and carry on where you stopped.

**Saving:** everything saves by itself as you type. The word *saved* at the top
shows it reached the disk; *saving…* means the last words typed are about to
(a moment after the typing stops). There is no save button.

**F2** switches between the family's view and the practitioner view. The
practitioner view shows private notes, cues and scores, and is marked in yellow.
A small ◆ at the top means something is waiting in the practitioner view.

**Two or more adults:** each questionnaire starts by asking who is filling it in
(tick one or both); each adult then answers their own set, and their scores,
changes and alerts are kept apart. At the final meeting the same adults are
ticked to begin with.

**Another day:** what the family says is kept under the day they say it. A
meeting that was finished, or begun on an earlier day, is never written in
again as it is: opening it from the dashboard asks whether to *read it back*
(it opens as it was kept, and nothing can change) or *continue it today* (a new
sitting, dated today, carries on where it stopped; the earlier words still show
and keep their own date).
"""

HELP_BY_KIND = {
    SessionKind.INITIAL_MEETING: "## Initial meeting\n\nTalk together about the parent, the "
    "child and their relationship; agree up to three helping questions in the family's own "
    "words and rate them; fill in the first questionnaires.\n",
    SessionKind.SHARED_REVIEW: "## Shared review\n\nWatch each moment together and talk about "
    "it in your own order. Type what the family says and press **Enter** to keep it; above "
    "the box, choose the question you asked (or none, when the words are their own). "
    "**Ctrl+Down** moves the talk to the next stage, **Ctrl+Up** back. **Ctrl+T** shows one "
    "question at a time instead (remembered for this meeting). **F3** puts right a remark "
    "already kept: its words, or which adult said it (or takes it back). **F5** play/pause · "
    "**F6** replay · **F7** slower · **F8** loop · **F9** freeze · **F4** stills of the clip · Tab "
    "to the player for more keys.\n",
    SessionKind.FINAL_MEETING: "## Final meeting\n\nLook back, rate the helping questions one "
    "last time, repeat the questionnaires, celebrate, and agree what comes next.\n",
}


def meeting_help(kind: SessionKind) -> str:
    return HELP_BY_KIND.get(kind, "") + HELP_COMMON
