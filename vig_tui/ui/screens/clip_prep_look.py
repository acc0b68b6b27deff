"""What clip preparation looks like and says: its help text, its styles and
how a clip is listed."""

from __future__ import annotations

from rich.text import Text

from vig_tui.playback.clips import ClipDraft, format_ms


def clip_label(draft: ClipDraft) -> Text:
    """'0:02.00–0:06.00  Title' with the title shown exactly as typed."""
    text = Text(f"{format_ms(draft.start_ms)}–{format_ms(draft.end_ms)}  ", style="dim")
    text.append(draft.title or "(untitled)")
    return text


HELP = """\
## Preparing clips (practitioner alone)

- **Space** plays or pauses the film; **←/→** jump 1 s, **Shift+←/→** 5 s;
  **.** steps one frame, **,** steps back.
- **[** marks the start of a moment at the current position, **]** the end.
  **{** / **}** choose which mark to nudge; **-** / **=** nudge it by a frame,
  **_** / **+** by a second. **v** previews the clip: the player then stays
  inside it (the marks line says so) until **w** goes back to the whole film,
  the clip is saved or a new one is started.
- **s** slows down (½, ¼), **l** loops, **f** freezes, **p** saves a still
  (kept inside the family's folder, never next to the film). It is listed
  under the clip's stills and shown there; **Space** on a still ticks it
  for the family's booklet and letter (up to three per clip, and only stills
  inside the marked moment). The stills and ticks are kept with the clip when
  it is saved.
- Tab to the title, the principles and the notes; **Ctrl+S** saves the clip,
  **Ctrl+N** starts a new one. **Esc** leaves; with something entered and not
  saved it first says so (and goes back to the player), and Esc again leaves.

Clips of 3–10 seconds and up to four per film usually work best; vig warns
but never stops you.
"""

CSS = """
    ClipPrepScreen {
        layout: vertical;
    }
    ClipPrepScreen #cp-heading {
        height: 1;
        padding: 0 1;
        text-style: bold;
    }
    ClipPrepScreen #cp-marks {
        height: 1;
        padding: 0 1;
    }
    ClipPrepScreen #cp-advice {
        height: auto;
        max-height: 3;
        padding: 0 1;
        color: $warning;
    }
    ClipPrepScreen #cp-keys {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    ClipPrepScreen #cp-form {
        height: 1fr;
        padding: 0 1;
    }
    ClipPrepScreen #cp-form > Label {
        margin-top: 1;
        text-style: bold;
    }
    ClipPrepScreen #cp-title {
        width: 100%;
    }
    ClipPrepScreen SelectionList {
        height: auto;
        max-height: 8;
    }
    ClipPrepScreen TextArea {
        height: 4;
    }
    ClipPrepScreen #cp-clips {
        height: auto;
        max-height: 7;
    }
    """

#: the screen's own keys, in one line that fits 80 columns (F1 says them in full)
KEYS_LINE = "[] mark  {} which  -= frame  _+ 1 s  v preview  w whole film  p still  ^s save"

#: beside the marks while a preview keeps the player inside the clip
PREVIEW_HOLDS = "in preview · w whole film"
