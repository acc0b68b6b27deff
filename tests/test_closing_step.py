"""The last step of a meeting: one coherent state, and today's answers counted
in words ("1 answer", never "1 answers"; earlier sittings not counted)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from vig_tui.domain import SessionKind
from vig_tui.domain.rules.counts import counted
from vig_tui.store import Store
from vig_tui.ui.journey import open_step
from vig_tui.ui.screens.dashboard import DashboardScreen
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.screens.meeting.progress import answers_today
from vig_tui.ui.screens.skip_to_final import SkipToFinalDialog

from .journey_helpers import add_demo, make_app, past_read_back, screen_text


def test_one_plural_rule() -> None:
    assert counted(1, "answer") == "1 answer"
    assert counted(0, "answer") == "0 answers"
    assert counted(2, "answer") == "2 answers"
    assert counted(3, "family", "families") == "3 families"
    assert counted(0, "clip", zero="no clips") == "no clips"


async def open_last_step(app: Any, pilot: Any, family_id: str, kind: SessionKind) -> MeetingScreen:
    await pilot.pause()
    app.open_family(family_id)
    await pilot.pause()
    dashboard = app.screen
    assert isinstance(dashboard, DashboardScreen)
    open_step(app, dashboard.family, kind, 1)
    for _ in range(3):
        await pilot.pause()
    await past_read_back(pilot, "r")  # a finished meeting: read it back
    if isinstance(app.screen, SkipToFinalDialog):
        await pilot.click("#skip-yes")
        for _ in range(3):
            await pilot.pause()
    meeting = app.screen
    assert isinstance(meeting, MeetingScreen)
    meeting.go(len(meeting.steps) - 1)
    for _ in range(4):
        await pilot.pause()
    return meeting


async def test_a_finished_meeting_says_so_without_a_finish_button(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)  # the demo's cycle-1 review was finished days ago
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            meeting = await open_last_step(app, pilot, family_id, SessionKind.SHARED_REVIEW)
            assert meeting.session.completed
            text = screen_text(app)
            assert "This meeting is finished" in text, text
            assert "Finish the meeting" not in text, text
            # what comes next is the practitioner's: not in the family's view
            assert "Next for this family" not in text, text
            # the earlier sittings' answers are not today's
            assert "today, in the family's own words: 0 answers" in text, text
            await pilot.press("f2")  # the practitioner's view
            for _ in range(3):
                await pilot.pause()
            assert "Next for this family: Cycle 2 – filming" in screen_text(app)
            await pilot.click("#close-finished")
            for _ in range(3):
                await pilot.pause()
            assert not isinstance(app.screen, MeetingScreen)


async def test_an_open_meeting_offers_finish_and_counts_one_answer(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            meeting = await open_last_step(app, pilot, family_id, SessionKind.FINAL_MEETING)
            assert not meeting.session.completed
            prompt = next(s.prompt for s in meeting.steps if s.prompt is not None)
            meeting.family.save_reflection_text(
                meeting.session_id, prompt.id, None, "family_words", "Calmer now."
            )
            meeting.go(len(meeting.steps) - 1)
            for _ in range(4):
                await pilot.pause()
            text = screen_text(app)
            assert "Finish the meeting" in text and "This meeting is finished" not in text, text
            assert "today, in the family's own words: 1 answer." in text, text
            record = meeting.record
            assert answers_today(record, meeting.session_id) == "1 answer"
            assert answers_today(record, meeting.session_id, date(2000, 1, 1)) == "0 answers"
