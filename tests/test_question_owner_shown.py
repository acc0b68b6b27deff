"""With two adults, whose helping question is whose is said wherever the
questions are listed: the dashboard and the initial meeting's summary of the
questions just agreed (as the letter and the rating steps say it)."""

from __future__ import annotations

from vig_tui.domain import Family, SessionKind
from vig_tui.domain.rules.wording import owned
from vig_tui.services.session import create_family
from vig_tui.store import Store

from .journey_helpers import make_app, screen_text
from .test_meeting_questions import go_to, open_meeting


async def test_the_second_adults_question_is_said_to_be_theirs(store: Store) -> None:
    family = create_family(store, Family(label="Aspen", adults=["Mum", "Dad"]))
    initial = family.meeting_to_open(SessionKind.INITIAL_MEETING, None)
    mine = family.set_question_text(initial.id, 0, "How can I stay calm at bedtime?")
    his = family.set_question_text(initial.id, 1, "How can I play on the floor more?")
    assert mine is not None and his is not None
    family.course.set_question_owner(mine.id, "Mum")
    family.course.set_question_owner(his.id, "Dad")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_family(family.id)
        await pilot.pause()
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
        assert "Dad's question: How can I play on the floor more?" in shown
        assert "Mum's question: How can I stay calm at bedtime?" in shown
        meeting = await open_meeting(pilot, family.id, SessionKind.INITIAL_MEETING, None)
        keys = [s.key for s in meeting.steps]
        after = max(n for n, s in enumerate(meeting.steps) if s.kind == "set_question") + 1
        await go_to(pilot, meeting, keys[after])
        shown = " ".join(screen_text(app).split())
        assert "Your helping questions:" in shown
        assert "2. Dad's question: How can I play on the floor more?" in shown


def test_with_one_adult_nothing_is_said_of_whose() -> None:
    one, two = Family(label="Cedar", adults=["Kim"]), Family(label="Ash", adults=["Kim", "Jo"])
    assert owned(one, "Kim", "How can I play more?") == "How can I play more?"
    assert owned(two, None, "How can we play more?") == "How can we play more?"
    assert owned(two, "Mum (Aisha)", "Why?") == "The question from Mum (Aisha): Why?"
