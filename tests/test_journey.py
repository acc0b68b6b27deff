"""Pilot tests walking each meeting end to end on a temporary store (fake player)."""

from __future__ import annotations

from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.widget import Widget

from vig_tui.domain import Family, RatingKind, SessionKind
from vig_tui.store import Store
from vig_tui.ui.screens.dashboard import DashboardScreen
from vig_tui.ui.screens.home import HomeScreen
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.screens.room import ClosingScreen

from .journey_helpers import (
    Players,
    add_demo,
    back_to_desk,
    leave_meeting,
    make_app,
    past_read_back,
    screen_text,
)


async def go_to(pilot: Pilot[int], screen: MeetingScreen, key: str) -> None:
    keys = [s.key for s in screen.steps]
    screen.go(keys.index(key))
    await pilot.pause()
    await pilot.pause()
    assert screen.step.key == key


async def test_initial_meeting_end_to_end(store: Store) -> None:
    repo = store.create_family(Family(label="Alder"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # open the only family
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("enter")  # next step: the initial meeting
        await pilot.pause()
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        assert app.together, "the family is at the screen: together mode"
        assert meeting.step.key == "prompt:about-you"

        await go_to(pilot, meeting, "prompt:describe-child")
        await pilot.press(*"Curious and [bold]loud[/]")
        await pilot.press("ctrl+n")  # leaving the step saves at once
        await pilot.pause()
        assert repo.record.answer("describe-child", SessionKind.INITIAL_MEETING) == (
            "Curious and [bold]loud[/]"
        )

        await go_to(pilot, meeting, "hq:0")
        await pilot.press(*"How can I help Sam settle?")
        await pilot.press("tab")
        await pilot.press("3")  # where now
        await pilot.press("tab")
        await pilot.press("end")  # hoped for: 10
        await pilot.pause()
        (question,) = repo.record.questions
        assert question.text == "How can I help Sam settle?"
        assert [(r.value, r.kind) for r in question.ratings] == [(3, RatingKind.START)]
        assert question.hoped_for == 10

        # choose only PHQ-9, then answer item 9 with "several days"
        await go_to(pilot, meeting, "qn:choose")
        meeting.family.choose_questionnaires(meeting.session_id, ["phq9"])
        meeting.recompute_steps()
        await go_to(pilot, meeting, "qn:phq9:phq9-1")
        assert "Question 1 of 10" in screen_text(app)
        await pilot.press("1")  # "not at all" → moves on by itself
        await pilot.pause(0.4)
        assert meeting.step.key == "qn:phq9:phq9-2"
        await go_to(pilot, meeting, "qn:phq9:phq9-9")
        await pilot.press("2")
        await pilot.pause(0.4)
        (adm,) = repo.record.administrations
        assert adm.answers == {"phq9-1": 0, "phq9-9": 1}
        assert adm.timepoint == "baseline"
        # the safeguarding alert never reaches the family's screen ...
        visible = screen_text(app).lower()
        assert "safeguarding" not in visible and "harm" not in visible
        assert all("safeguard" not in str(n.title).lower() for n in app._notifications)
        assert meeting.pending_alerts(), "but it is recorded for the practitioner"
        # ... and F2 (practitioner view) brings it up
        await pilot.press("f2")
        await pilot.pause()
        assert not app.together
        assert any("safeguard" in str(n.title).lower() for n in app._notifications)
        await pilot.press("f2")
        await pilot.pause()

        await go_to(pilot, meeting, "finish")
        await pilot.click("#finish")
        await pilot.pause()
        assert isinstance(app.screen, ClosingScreen), "the family sees the end, not the desk"
        assert app.room and app.together
        await back_to_desk(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert not app.room and not app.together
    (initial,) = repo.record.sessions_of(SessionKind.INITIAL_MEETING)
    assert initial.completed
    assert repo.record.next_step().text == "Cycle 1 – filming"


async def test_shared_review_end_to_end(store: Store) -> None:
    family_id = add_demo(store)
    players = Players()
    app = make_app(store, players)
    repo = store.family(family_id)
    cycle_clips = repo.record.clips_for(1)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        await pilot.press("r")
        await past_read_back(pilot)
        await pilot.pause()
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        # the review resumes the demo's finished review of cycle 1
        assert meeting.session.kind == SessionKind.SHARED_REVIEW and meeting.session.cycle == 1
        await pilot.press("ctrl+t")  # one prompt at a time (the conversation view is the default)
        await pilot.pause()
        await go_to(pilot, meeting, f"clip:{cycle_clips[0].id}:watch")
        await pilot.pause()
        player = players.player
        assert player is not None
        assert any(call == "play_clip 1000 5000" for call in player.calls), player.calls
        player.advance(500)
        await pilot.press("f7")  # slower
        await pilot.pause()
        assert player.rate == 0.5
        await pilot.press("f8")  # loop
        assert player.loop

        clip_b = cycle_clips[1]
        await go_to(pilot, meeting, f"clip:{clip_b.id}:prompt:other-feeling")
        assert any(call == "play_clip 6000 10500" for call in player.calls)
        await pilot.press(*"Happy, I think")
        # the practitioner's note is hidden while the family watches
        private = meeting.query_one("#private-note")
        assert not _shown(private)
        await pilot.press("f2")
        await pilot.pause()
        assert _shown(private)
        private.focus()
        await pilot.press(*"activated here")
        await pilot.press("f2")
        await pilot.pause()

        await go_to(pilot, meeting, f"clip:{clip_b.id}:prompt:link-to-question")
        question = repo.record.active_questions()[1]
        from textual.widgets import Select

        meeting.query_one("#question-link", Select).value = question.id
        await pilot.pause()

        rate_key = f"rate:{question.id}"
        await go_to(pilot, meeting, rate_key)
        # this review (its earlier sitting, continued today) already rated it 6;
        # "last time" is the rating before this review
        assert "Last time: 4" in screen_text(app)
        await pilot.press("tab")
        meeting.query_one("#rate-again").focus()
        await pilot.press("8")
        await pilot.pause()

        await go_to(pilot, meeting, "prompt:keep-doing")
        await pilot.press(*" Singing at bedtime.")
        await go_to(pilot, meeting, "guidance")
        assert "practitioner alone" in screen_text(app)
    record = repo.record
    review = meeting.session
    feeling = record.reflection(review.id, "other-feeling", clip_b.id)
    assert feeling is not None and feeling.family_words == "Happy, I think"
    assert feeling.practitioner_note == "activated here"
    link = record.reflection(review.id, "link-to-question", clip_b.id)
    assert link is not None and link.question_id == question.id
    rated = next(q for q in record.questions if q.id == question.id)  # saved as a new value
    assert rated.rating_for_session(review.id).value == 8  # type: ignore[union-attr]
    assert review.keep_doing.endswith("Singing at bedtime.")


def _shown(widget: Widget) -> bool:
    node: DOMNode | None = widget
    while node is not None:
        if not node.display:
            return False
        node = node.parent
    return True


async def test_final_meeting_shows_first_words_and_celebrates(store: Store) -> None:
    family_id = add_demo(store)
    repo = store.family(family_id)
    app = make_app(store)
    async with app.run_test(size=(100, 32)) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert "Cycles 2–3 were not filmed" in screen_text(app), "asked first"
        await pilot.click("#skip-yes")
        await pilot.pause()
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        assert repo.record.family.skipped_cycles == [2, 3]
        assert meeting.step.key == "prompt:describe-child-again"
        text = screen_text(app)
        assert "At the first meeting you said" in text and "Busy, loud and funny" in text
        await pilot.press(*"Gentle and funny")

        first_q = repo.record.active_questions()[0]
        await go_to(pilot, meeting, f"rate:{first_q.id}")
        meeting.query_one("#rate-again").focus()
        await pilot.press("7")
        await pilot.pause()
        await go_to(pilot, meeting, "compare")
        text = screen_text(app)
        assert "first 3  →  now 7" in text
        assert "PHQ-9" not in text, "questionnaire scores are hidden from the family"
        await go_to(pilot, meeting, "celebrate")
        text = screen_text(app)
        assert "Waiting and letting him choose." in text
        assert "Noticing" in text  # principle shown in everyday words
        assert "Being attentive" not in text
        assert "hq:0" not in [s.key for s in meeting.steps], "no new question at the end"
        await go_to(pilot, meeting, "prompt:next-goals")
        await pilot.press(*"How can I keep bedtime calm?")
        await go_to(pilot, meeting, "notes")
    final = repo.record.sessions_of(SessionKind.FINAL_MEETING)[0]
    assert repo.record.reflection(final.id, "describe-child-again").family_words == (  # type: ignore[union-attr]
        "Gentle and funny"
    )
    rated = next(q for q in repo.record.questions if q.id == first_q.id)
    assert [r.kind for r in rated.ratings][-1] == RatingKind.FINAL
    assert not [q for q in repo.record.questions if q.session_id == final.id]
    goal = repo.record.reflection(final.id, "next-goals")
    assert goal is not None and goal.family_words == "How can I keep bedtime calm?"


async def test_half_done_meeting_resumes_where_it_stopped(store: Store) -> None:
    repo = store.create_family(Family(label="Birch"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(repo.id)
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        for _ in range(4):
            await pilot.press("ctrl+n")
            await pilot.pause()
        stopped_at = meeting.step.key
        await leave_meeting(pilot)
        await pilot.pause()
        await back_to_desk(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("i")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.step.key == stopped_at  # type: ignore[attr-defined]
    assert repo.record.sessions[0].progress["step"] == stopped_at


async def test_typing_is_saved_without_leaving_the_field(store: Store) -> None:
    repo = store.create_family(Family(label="Cherry"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(repo.id)
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await pilot.pause()
        await pilot.press(*"We like the park")
        await pilot.pause(0.8)  # debounce is 0.4 s
        assert "saved" in screen_text(app)
    on_disk = Store.open(store.root, readonly=True).read_family(repo.id)
    assert [r.family_words for r in on_disk.reflections] == ["We like the park"]


async def test_user_text_is_shown_literally(store: Store) -> None:
    store.create_family(Family(label="[b]Dove[/] \x1b[31m"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "[b]Dove[/] \\x1b[31m" in text
        await pilot.press("enter")
        await pilot.pause()
        assert "[b]Dove[/]" in screen_text(app)


async def test_review_without_clips_says_what_to_do(store: Store) -> None:
    repo = store.create_family(Family(label="Elder"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(repo.id)
        await pilot.pause()
        await pilot.press("r")  # no meeting yet: nothing to read back or continue
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert any("no clips yet" in str(n.message) for n in app._notifications)
