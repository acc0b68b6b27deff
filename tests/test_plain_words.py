"""Plain words for the family: nothing the family reads uses the practitioner's words.

Two halves: the family-facing fields of every pack under `prompts/`, and every
screen a meeting of each kind shows in the room (each step, then the closing
screen), read as the family at the laptop would see it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.screens.skip_to_final import SkipToFinalDialog

from .journey_helpers import add_demo, make_app, past_read_back, screen_text

PROMPTS = Path(__file__).resolve().parent.parent / "prompts"
#: the principle names, read from the pack the practitioner works with
PRINCIPLES: list[str] = [
    str(p["name"]) for p in yaml.safe_load((PROMPTS / "principles.yaml").read_text())["principles"]
]
PRACTITIONER_WORDS: list[str] = [
    "PHQ",
    "GAD",
    "score",
    "scores",
    "band",
    "bands",
    "initiative",
    "initiatives",
    "reception",
    "micro-analysis",
    "microanalysis",
    "validated",
    "vig project",
    "palette",
    "F2 Practitioner view",
    *PRINCIPLES,
]
_WORDS = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(w) for w in PRACTITIONER_WORDS) + r")(?!\w)",
    re.IGNORECASE,
)
#: pack keys whose text the family reads (any variant of them)
FAMILY_KEYS = {
    "family", "family_name", "family_title", "intro", "instructions", "text", "label",
    "starters", "examples",
}  # fmt: skip
#: lists whose entries' titles are shown to the family as the meeting's heading
TITLED_LISTS = {"sections", "stages", "end_of_review"}


def practitioner_words(text: str) -> list[str]:
    canonical = {w.lower(): w for w in PRACTITIONER_WORDS}
    return sorted({canonical[m.group(1).lower()] for m in _WORDS.finditer(text)})


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def family_fields(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """(place, text) for every family-facing field of a pack read as plain YAML."""
    if isinstance(value, dict):
        for key, v in value.items():
            here = f"{where}.{key}"
            if key in FAMILY_KEYS:
                yield from ((here, s) for s in strings(v))
            elif key in TITLED_LISTS and isinstance(v, list):
                for n, entry in enumerate(v):
                    if isinstance(entry, dict) and isinstance(entry.get("title"), str):
                        yield f"{here}[{n}].title", entry["title"]
                    yield from family_fields(entry, f"{here}[{n}]")
            else:
                yield from family_fields(v, here)
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from family_fields(v, f"{where}[{n}]")


def test_the_word_list_finds_what_it_should() -> None:
    assert practitioner_words("Your PHQ-9 score is in the mild band") == ["PHQ", "band", "score"]
    assert practitioner_words("press F2 practitioner view") == ["F2 Practitioner view"]
    assert practitioner_words("a scoreboard, a bandage, the scores") == ["scores"]


def test_family_wording_in_the_packs_is_plain() -> None:
    found: list[str] = []
    files = sorted(PROMPTS.rglob("*.yaml"))
    assert len(files) >= 9
    seen = 0
    for path in files:
        for place, text in family_fields(yaml.safe_load(path.read_text()), path.name):
            seen += 1
            if words := practitioner_words(text):
                found.append(f"{place}: {words} in {text!r}")
    assert seen > 100, seen
    assert not found, "\n".join(found)


async def walk_meeting(app: VigApp, pilot: Any, family_id: str, key: str) -> list[str]:
    """Every screen of one meeting in the room, step by step, then the closing screen."""
    await pilot.pause()
    app.open_family(family_id)
    await pilot.pause()
    await pilot.press(key)
    await past_read_back(pilot, "r")  # the demo's meetings held days ago: read back
    await pilot.pause()
    if isinstance(app.screen, SkipToFinalDialog):
        await pilot.click("#skip-yes")
        await pilot.pause()
        await pilot.pause()
    meeting = app.screen
    assert isinstance(meeting, MeetingScreen) and app.together
    screens = [screen_text(app)]
    while meeting.index < len(meeting.steps) - 1:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.pause()
        screens.append(screen_text(app))
    if meeting.session.completed:  # a finished meeting says so and offers the way out
        assert "This meeting is finished" in screens[-1], screens[-1]
        await pilot.click("#close-finished")
    else:
        assert "Finish the meeting" in screens[-1], screens[-1]
        await pilot.click("#finish")
    for _ in range(5):
        await pilot.pause()
    assert not isinstance(app.screen, MeetingScreen)
    screens.append(screen_text(app))
    return screens


@pytest.mark.parametrize("key", ["i", "r", "f"], ids=["initial", "review", "final"])
async def test_every_room_screen_of_every_meeting_is_in_plain_words(
    tmp_path: Path, key: str
) -> None:
    """One meeting kind per test (the dashboard key opens it), so the kinds can run side by side."""
    found: list[str] = []
    with Store.open(tmp_path / key) as store:
        family_id = add_demo(store)
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            screens = await walk_meeting(app, pilot, family_id, key)
    assert len(screens) > 5
    for n, text in enumerate(screens):
        if words := practitioner_words(text):
            found.append(f"meeting {key!r}, screen {n}: {words}\n{text}")
    assert not found, "\n\n".join(found)


def test_export_messages_have_no_command_line_terms(tmp_path: Path) -> None:
    """The letter dialog shows these messages too: no "-o" or other flags in them."""
    from vig_tui.export.deliver import ExportError, deliver
    from vig_tui.export.pdf import deliver_printable

    folder = tmp_path / "a folder"
    folder.mkdir()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    messages: list[str] = []
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        attempts: list[Callable[[], object]] = [
            lambda: deliver(store, "words", str(folder), "export.letter", family_id),
            lambda: deliver(store, "words", str(fifo), "export.letter", family_id),
            lambda: deliver_printable(
                store, "<p>words</p>", None, "pdf", "export.letter", family_id
            ),
        ]
        for attempt in attempts:
            with pytest.raises(ExportError) as caught:
                attempt()
            messages.append(str(caught.value))
    for message in messages:
        assert not re.search(r"(?<!\w)--?[a-z]\b", message), message
