"""What the family says in a shared review is filed under the day it was said,
and never looks lost.

- A review that was finished (or begun on an earlier day) is never written in
  again as it is: `r` at the desk asks whether to read it back (nothing can
  change) or continue it today, as a new sitting dated today that carries it on.
- The step-by-step view shows every remark kept for a prompt and clip (the
  conversation view keeps each remark on its own), and its box never changes
  another remark.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from vig_tui.demo import build_demo_record
from vig_tui.domain import FamilyRecord, SessionKind
from vig_tui.domain.ids import today_iso
from vig_tui.export.record import record_markdown
from vig_tui.services.session import FamilySession
from vig_tui.store import Store
from vig_tui.ui.screens.meeting import MeetingScreen

from .journey_helpers import FIXED_DAY, leave_meeting, make_app, screen_text

REVIEW = SessionKind.SHARED_REVIEW
#: planted in private places: never on screen in the family's view
PRIVATE_NOTE = "SNTprivatenote"
CLIP_NOTE = "SNTclipnote"


def demo(store: Store, record: FamilyRecord | None = None) -> FamilySession:
    """The demo family: cycle 1's review finished 28 days before FIXED_DAY."""
    record = record or build_demo_record(today=FIXED_DAY)
    return FamilySession.open(store, store.create_family(record).id)


def on_disk(store: Store, family: FamilySession) -> FamilyRecord:
    return store.family(family.id).record


def section(markdown: str, heading: str) -> str:
    """The text under one `###` heading of the exported record."""
    assert heading in markdown, heading
    return markdown.split(heading, 1)[1].split("\n###", 1)[0]


# -- 1. a finished review, or one begun another day ----------------------------------------------
def test_words_added_after_a_review_was_finished_are_filed_under_today(store: Store) -> None:
    family = demo(store)
    finished = family.record.sessions_of(REVIEW, 1)[0]
    assert finished.completed and finished.date != today_iso()
    kept = [r.model_dump() for r in family.record.reflections if r.session_id == finished.id]
    opened = family.meeting_to_open(REVIEW, 1)
    assert opened.id != finished.id, "a finished review is never written in again"
    assert opened.date == today_iso() and not opened.completed
    tower = family.record.clips_for(1)[0]
    family.conversation.add_remark(opened.id, tower.id, "seeing", "He smiled at me today")
    family.save_reflection_text(opened.id, "notice-other", tower.id, "family_words", "Typed today")
    record = on_disk(store, family)
    assert [r.model_dump() for r in record.reflections if r.session_id == finished.id] == kept
    assert record.session(finished.id) == finished
    markdown = record_markdown(record)
    today = section(markdown, f"### {today_iso()} – Cycle 1 – shared review (continued)")
    assert "He smiled at me today" in today and "Typed today" in today
    earlier = section(markdown, f"### {finished.date} – Cycle 1 – shared review")
    assert "Typed today" not in earlier and "smiled" not in earlier
    assert "He keeps looking up at me" in earlier  # the old words stay under their day
    # the earlier words still show with today's sitting (nothing looks lost)
    said = [r.family_words for r in record.remarks(opened.id, tower.id)]
    assert said[0] == "He keeps looking up at me to see if I'm watching."
    assert said[-2:] == ["He smiled at me today", "Typed today"]


def test_a_review_begun_another_day_is_carried_on_in_a_sitting_of_today(store: Store) -> None:
    record = build_demo_record(today=FIXED_DAY)
    begun = record.sessions_of(REVIEW, 1)[0]
    begun.completed = False  # stopped part-way, 28 days ago
    family = demo(store, record)
    tower = family.record.clips_for(1)[0]
    family.set_step(begun.id, f"clip:{tower.id}:talk")
    family.conversation.move_stage(begun.id, tower.id, "inside")
    begun = family.meeting(begun.id)
    assert family.meeting_to_read_back(REVIEW, 1) == begun, "the desk asks first"
    today = family.meeting_to_open(REVIEW, 1)
    assert today.id != begun.id and today.date == today_iso()
    assert today.progress == begun.progress, "it carries on where it stopped"
    assert family.meeting_to_open(REVIEW, 1) == today, "the same day: the same sitting"
    assert family.meeting_to_read_back(REVIEW, 1) is None
    assert family.record.meeting_to_resume(REVIEW, 1) == today
    family.finish_meeting(today.id)
    record = on_disk(store, family)
    assert record.cycle_progress(1).reviewed
    assert record.meeting_to_resume(REVIEW, 1) == record.session(today.id)
    markdown = record_markdown(record)
    assert f"### {begun.date} – Cycle 1 – shared review (continued on {today_iso()})" in markdown
    # a meeting held on paper on an earlier day and entered now is filed under that day
    on_paper = family.course.start_meeting_on(REVIEW, 1, "2026-02-20", FIXED_DAY)
    assert on_paper.date == "2026-02-20" and on_paper.continues == today.id


async def test_r_on_a_finished_review_asks_at_the_desk_then_reads_back_or_continues(
    store: Store,
) -> None:
    from vig_tui.ui.screens.read_back import ReadBackDialog

    family = demo(store)
    finished = family.record.sessions_of(REVIEW, 1)[0]
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(family.id)
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReadBackDialog), "r on a finished review asks first"
        assert not app.together, "asked at the desk, before the family's screen opens"
        text = " ".join(screen_text(app).split())
        assert "finished on" in text and "Read it back" in text and "Continue it today" in text
        await pilot.press("r")  # read it back
        for _ in range(4):
            await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen) and meeting.session_id == finished.id
        assert meeting.family.read_only
        assert "read only" in screen_text(app)
        words = meeting.query_one("#talk-words", Input)
        assert words.disabled, "nothing can be typed into a meeting read back"
        await pilot.press(*"Not kept", "enter", "ctrl+down", "ctrl+t")
        await pilot.pause()
        assert on_disk(store, family) == family.record
        assert [s.id for s in family.record.sessions_of(REVIEW, 1)] == [finished.id]
        await leave_meeting(pilot)
        await pilot.pause()
        app.close_room()
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReadBackDialog)
        await pilot.press("c")  # continue it today
        for _ in range(4):
            await pilot.pause()
        opened = app.screen
        assert isinstance(opened, MeetingScreen) and not opened.family.read_only
        today = opened.session
        assert today.continues == finished.id and today.date == today_iso()
        # said so far: not lost (the box shows the newest; scrolled back, the rest)
        opened.query_one("#talk-said").scroll_home(animate=False)
        await pilot.pause()
        assert "Proud. He wanted me to see it." in screen_text(app)
        await pilot.press(*"Said today", "enter")
        await pilot.pause()
    record = on_disk(store, family)
    said_today = [r for r in record.reflections if r.family_words == "Said today"]
    assert [r.session_id for r in said_today] == [today.id]


# -- 2. the step-by-step view shows every remark -------------------------------------------------
def review_today_with_remarks(store: Store) -> tuple[FamilySession, str, str]:
    """The demo family, two adults, its cycle 1 review held today with no
    step-by-step answers yet; two remarks answering "notice-other" about the
    first clip, kept in the conversation view (one each), a private note on the
    clip. Returns the family, the review's id and the clip's id."""
    record = build_demo_record(today=FIXED_DAY)
    record.family.adults = ["Robin", "Alex"]
    review = record.sessions_of(REVIEW, 1)[0]
    review.completed = False
    review.date = today_iso()
    record.reflections = [r for r in record.reflections if r.session_id != review.id]
    family = demo(store, record)
    tower = family.record.clips_for(1)[0].id
    talk = family.conversation
    talk.add_remark(
        review.id, tower, "seeing", "Looking for me", prompt_id="notice-other", speaker="Robin"
    )
    talk.add_remark(
        review.id, tower, "seeing", "He checks I'm there", prompt_id="notice-other", speaker="Alex"
    )
    talk.set_clip_note(review.id, tower, CLIP_NOTE)
    return family, review.id, tower


def test_the_step_box_never_changes_a_remark_kept_in_the_conversation(store: Store) -> None:
    family, review, tower = review_today_with_remarks(store)
    family.save_reflection_text(review, "notice-other", tower, "family_words", "In the step view")
    family.save_reflection_text(review, "notice-other", tower, "practitioner_note", PRIVATE_NOTE)
    record = on_disk(store, family)
    said = [(r.family_words, r.speaker) for r in record.remarks(review, tower)]
    assert said == [
        ("Looking for me", "Robin"),
        ("He checks I'm there", "Alex"),
        ("In the step view", None),
    ]
    assert [r.practitioner_note for r in record.remarks(review, tower)][:2] == ["", ""]


async def test_the_step_by_step_view_shows_every_remark_for_the_prompt(store: Store) -> None:
    family, review, tower = review_today_with_remarks(store)
    family.save_reflection_text(review, "notice-other", tower, "practitioner_note", PRIVATE_NOTE)
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_family(family.id)
        await pilot.pause()
        await pilot.press("r")
        for _ in range(4):
            await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen) and meeting.session_id == review
        await pilot.press("ctrl+t")  # the step-by-step view
        await pilot.pause()
        keys = [s.key for s in meeting.steps]
        meeting.go(keys.index(f"clip:{tower}:prompt:notice-other"))
        for _ in range(3):
            await pilot.pause()
        shown = " ".join(screen_text(app).split())
        assert "Looking for me" in shown and "He checks I'm there" in shown
        assert "(Alex)" in shown and "(Robin)" in shown, "who said it, when named"
        assert PRIVATE_NOTE not in shown and CLIP_NOTE not in shown
        assert app.focused is not None and app.focused.id == "family-words"
        await pilot.press(*"Typed in the box")
        meeting.flush_fields()
        await pilot.pause()
        await pilot.press("f2")  # the practitioner's view shows the private note
        await pilot.pause()
        assert PRIVATE_NOTE in " ".join(screen_text(app).split())
    said = [r.family_words for r in on_disk(store, family).remarks(review, tower)]
    assert said == ["Looking for me", "He checks I'm there", "Typed in the box"]


def test_the_letter_quotes_every_sitting_of_a_meeting(store: Store) -> None:
    """Words said when the (finished) initial meeting was continued today are
    quoted in the ending letter with the first sitting's."""
    from vig_tui.export.letter import draft_letter

    family = demo(store)
    today = family.meeting_to_open(SessionKind.INITIAL_MEETING, None)
    assert today.continues is not None
    family.save_reflection_text(today.id, "describe-child", None, "family_words", "Gentle too")
    letter = draft_letter(on_disk(store, family), None).markdown
    assert "He loves cars" in letter and "Gentle too" in letter


def test_an_initial_meeting_continued_another_day_keeps_its_questions_and_answers(
    store: Store,
) -> None:
    """Begun on an earlier day with a helping question worded and rated and a
    questionnaire half answered: today's sitting carries them on (no empty
    slot to word the question again, the answers so far still there), and a
    rating changed today is today's."""
    from vig_tui.domain import RatingKind

    record = build_demo_record(today=FIXED_DAY)
    initial = record.sessions_of(SessionKind.INITIAL_MEETING)[0]
    initial.completed = False
    for q in record.questions:  # not rated since (else the start stands: see rules.ratings)
        q.ratings = [r for r in q.ratings if r.kind == RatingKind.START]
    # the PHQ-9 only begun (the demo's was completed: see the test after this one)
    record.administrations = [a for a in record.administrations if a.questionnaire_id != "phq9"]
    family = demo(store, record)
    question = family.record.questions_agreed_in(initial)[0]
    half = family.answer(initial.id, "phq9", "1", "phq9-1", 2)
    today = family.meeting_to_open(SessionKind.INITIAL_MEETING, None)
    assert today.continues == initial.id
    assert family.question_slot(today.id, 0) == question, "worded already: not a new slot"
    assert question not in family.record.questions_to_rate(today)
    carried = family.administration(today.id, "phq9", "1")
    assert carried.id == half.id and carried.answers == half.answers
    family.answer(today.id, "phq9", "1", "phq9-2", 3)
    family.rate_question(question.id, 5, RatingKind.START, today.id)
    record = on_disk(store, family)
    phq9 = [a for a in record.administrations if a.questionnaire_id == "phq9"]
    assert [a.id for a in phq9] == [half.id], "one questionnaire, carried on"
    assert phq9[0].answers == half.answers | {"phq9-2": 3}
    assert len(record.questions) == len(family.record.questions)
    ratings = {r.session_id: r.value for r in record.questions[0].ratings}
    assert ratings[today.id] == 5 and ratings[initial.id] == 3  # each sitting its own


def test_answers_completed_at_an_earlier_sitting_are_kept_as_given(store: Store) -> None:
    """The initial meeting, finished weeks ago with the PHQ-9 completed (an
    item-9 answer among them), is continued today: a key on a question shows
    the answer and changes nothing. It rewrote the baseline in place, dated
    it today and reopened it — and the self-harm alert vanished undealt with."""
    from vig_tui.services.session import AnswersKept

    record = build_demo_record(today=FIXED_DAY)
    family = demo(store, record)
    initial = family.record.sessions_of(SessionKind.INITIAL_MEETING)[0]
    baseline = next(
        a
        for a in family.record.administrations
        if a.session_id == initial.id and a.questionnaire_id == "phq9" and a.completed
    )
    today = family.meeting_to_open(SessionKind.INITIAL_MEETING, None)
    assert today.continues == initial.id
    shown = family.administration(today.id, "phq9", baseline.version)
    assert shown.id == baseline.id and family.answers_kept(today.id, shown)
    with pytest.raises(AnswersKept, match="kept as they were given"):
        family.answer(today.id, "phq9", baseline.version, "phq9-9", 0)
    kept = next(a for a in on_disk(store, family).administrations if a.id == baseline.id)
    assert kept == baseline


def test_the_clip_note_carries_on_and_an_edit_today_is_todays(store: Store) -> None:
    family = demo(store)
    finished = family.record.sessions_of(REVIEW, 1)[0]
    tower = family.record.clips_for(1)[0].id
    earlier = family.conversation.set_clip_note(finished.id, tower, "Froze the frame here")
    today = family.meeting_to_open(REVIEW, 1)
    assert family.record.clip_note(today.id, tower) == earlier  # shown in today's box
    family.conversation.set_clip_note(today.id, tower, "Froze the frame here; again today")
    record = on_disk(store, family)
    assert record.clip_note(finished.id, tower) == earlier  # the earlier note as it was
    note = record.clip_note(today.id, tower)
    assert note is not None and note.session_id == today.id and note.id != earlier.id


async def test_an_answer_key_in_a_meeting_read_back_changes_nothing_and_says_nothing(
    store: Store,
) -> None:
    """A digit on a questionnaire question of a meeting read back (the family
    may be looking) picked the answer and put up "Not saved"; now the question
    is shown as it was answered and the key does nothing."""
    from vig_tui.ui.screens.read_back import ReadBackDialog

    family = demo(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(family.id)
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ReadBackDialog)
        await pilot.press("r")
        for _ in range(4):
            await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen) and meeting.family.read_only
        item = next(i for i, s in enumerate(meeting.steps) if s.key.endswith("phq9-9"))
        meeting.go(item)
        for _ in range(4):
            await pilot.pause()
        await pilot.press("1")
        for _ in range(4):
            await pilot.pause()
        assert meeting.index == item, "nothing answered, nothing moved on"
        assert "Not saved" not in screen_text(app) and not app._notifications
        assert on_disk(store, family) == family.record
