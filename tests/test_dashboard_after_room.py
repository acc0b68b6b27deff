"""The dashboard after the room: back at the desk it shows the record as it is
now, practitioner-only parts included (a safeguarding alert raised in the
meeting must be there at once, not only after reopening the family)."""

from __future__ import annotations

from vig_tui.domain import Administration, Family, SessionKind
from vig_tui.store import Store
from vig_tui.ui.screens.dashboard import DashboardScreen
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.screens.room import ClosingScreen

from .journey_helpers import add_demo, back_to_desk, leave_meeting, make_app, screen_text


async def test_an_alert_from_the_meeting_is_on_the_dashboard_after_the_room(
    store: Store,
) -> None:
    repo = store.create_family(Family(label="Rowan"))
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_family(repo.id)
        await pilot.pause()
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        assert "No questionnaires filled in yet" in screen_text(app)
        await pilot.press("i")
        await pilot.pause()
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen) and app.together
        # the parent answers PHQ-9 in the meeting: question 9 "several days"
        answers: dict[str, int | str | None] = {f"phq9-{n}": 0 for n in range(1, 10)}
        meeting.record.administrations.append(
            Administration(
                questionnaire_id="phq9",
                version="1",
                timepoint="baseline",
                session_id=meeting.session.id,
                answers=answers | {"phq9-9": 1},
                completed=True,
            )
        )
        await leave_meeting(pilot)
        assert isinstance(app.screen, ClosingScreen)
        await back_to_desk(pilot)
        assert app.screen_stack[-1] is dashboard and not app.together
        text = screen_text(app)
        assert "Questionnaires (practitioner only)" in text
        assert "⚠" in text
        assert "No questionnaires filled in yet" not in text


async def test_an_alert_from_an_unfinished_questionnaire_is_on_the_dashboard(
    store: Store,
) -> None:
    """A parent who stops the mood questionnaire at question 9, having answered
    it above "Not at all": the alert is at the desk, not hidden until the
    questionnaire is finished."""
    repo = store.create_family(Family(label="Rowan"))
    repo.record.administrations.append(
        Administration(
            questionnaire_id="phq9",
            version="1",
            timepoint="baseline",
            answers={"phq9-1": 0, "phq9-9": 2},
            completed=False,
        )
    )
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_family(repo.id)
        await pilot.pause()
        text = screen_text(app)
        assert "⚠" in text and "No questionnaire finished yet" in text
        assert "No questionnaires filled in yet" not in text


async def test_the_dashboard_at_80x24_shows_the_whole_next_step_and_each_count_once(
    store: Store,
) -> None:
    family_id = add_demo(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        assert "Next: Cycle 2 – filming" in screen_text(app)
        # cycle 1's review is taken away: its clips are ready and the review is next
        record = dashboard.record
        record.sessions = [s for s in record.sessions if s.kind != SessionKind.SHARED_REVIEW]
        record.reflections = []
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen_stack[-1] is dashboard
        text = screen_text(app)
        assert "Next: Cycle 1 – shared review  ⏎" in text
        row = next(line for line in text.splitlines() if "Cycle 1" in line and "clip" in line)
        assert row.count("clip") == 1, row
