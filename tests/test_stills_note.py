"""One wording tells the practitioner how to pick a clip's stills: the key clip
preparation really uses (Space), on the booklet screen and in the export dialog."""

from __future__ import annotations

from rich.console import Console

from vig_tui.export.booklet import Moment
from vig_tui.services.stills import unpicked_note
from vig_tui.ui.screens.booklet import moment_lines

SAID = "Pick them in clip preparation (Space ticks a still for the family)."


def test_the_export_note_and_the_booklet_say_the_same_key() -> None:
    note = unpicked_note(["Clip 1"])
    assert note is not None and note.endswith(SAID)
    moment = Moment(
        film=1,
        title="At the park",
        stills=[("stills/a.png", 1000)],
        picked=False,
        words=[],
        strengths=[],
    )
    console = Console(width=200, record=True)
    console.print(moment_lines(moment))
    assert SAID in console.export_text()
