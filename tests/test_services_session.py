"""The family session writes first and changes memory only after the write:
on a really full disk (a tiny tmpfs) every command fails cleanly and the
record in memory equals the record on disk."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from vig_tui.domain import (
    Clip,
    Consent,
    Family,
    FamilyRecord,
    Film,
    HelpingQuestion,
    RatingKind,
    Reflection,
    Session,
    SessionKind,
)
from vig_tui.services.session import FamilySession, create_family
from vig_tui.store import Store, StoreError, read_record
from vig_tui.ui.screens.meeting import MeetingScreen

from .journey_helpers import make_app
from .test_full_disk import fill


def seeded_record() -> FamilyRecord:
    record = FamilyRecord(family=Family(label="Rowan"))
    record.consent = Consent(filming=True, watch_in_sessions=True, signed_on="2026-01-10")
    meeting = Session(kind=SessionKind.INITIAL_MEETING)
    record.sessions.append(meeting)
    question = HelpingQuestion(text="How can I help Sam settle?", session_id=meeting.id)
    question.set_rating(3, RatingKind.START, meeting.id)
    record.questions.append(question)
    record.reflections.append(
        Reflection(session_id=meeting.id, prompt_id="about-you", family_words="We like the park")
    )
    film = Film(cycle=1, path="/films/cycle1.mp4", fingerprint="abc", duration_ms=60_000)
    record.films.append(film)
    record.clips.append(Clip(film_id=film.id, cycle=1, start_ms=1_000, end_ms=9_000))
    return record


@pytest.fixture
def full(tiny_disk: Path) -> Iterator[tuple[Store, FamilySession]]:
    store = Store.open(tiny_disk / "store")
    family = FamilySession(store, store.create_family(seeded_record()))
    fill(tiny_disk, leave=0)
    try:
        yield store, family
    finally:
        (tiny_disk / "filler").unlink()
        store.close()


def on_disk(store: Store, family: FamilySession) -> FamilyRecord:
    return read_record(store.family_folder(family.id))


def commands(family: FamilySession) -> list[tuple[str, Callable[[], object]]]:
    record = family.record
    meeting = record.sessions[0]
    question = record.questions[0]
    clip = record.clips[0]
    return [
        ("finish a meeting", lambda: family.finish_meeting(meeting.id)),
        ("remember the step", lambda: family.set_step(meeting.id, "hq:0")),
        ("save shared notes", lambda: family.set_meeting_text(meeting.id, "shared_notes", "x")),
        (
            "save the family's words",
            lambda: family.save_reflection_text(
                meeting.id, "about-you", None, "family_words", "We like the beach"
            ),
        ),
        (
            "keep doing",
            lambda: family.save_reflection_text(
                meeting.id, "keep", None, "family_words", "Singing", keep_doing=True
            ),
        ),
        ("link a question", lambda: family.link_question(meeting.id, "about-you", None, "q")),
        ("reword a question", lambda: family.set_question_text(meeting.id, 0, "How can I?")),
        ("add a question", lambda: family.set_question_text(meeting.id, 1, "A second one")),
        (
            "rate a question",
            lambda: family.rate_question(question.id, 7, RatingKind.START, meeting.id),
        ),
        ("hope for", lambda: family.set_hoped_for(question.id, 9)),
        ("choose questionnaires", lambda: family.choose_questionnaires(meeting.id, ["phq9"])),
        ("answer", lambda: family.answer(meeting.id, "phq9", "1", "phq9-1", 2, ["phq9-1"])),
        (
            "save consent",
            lambda: family.save_consent(record.consent.model_copy(update={"supervisor": True})),
        ),
        ("save the letter", lambda: family.save_letter("Dear Rowan family")),
        (
            "save the family",
            lambda: family.save_family(record.family.model_copy(update={"label": "Ash"})),
        ),
        (
            "attach a film",
            lambda: family.attach_film(1, "/films/moved.mp4", "abc", 60_000, "2026-01-11"),
        ),
        ("save a clip", lambda: family.save_clip(clip.model_copy(update={"title": "Smiles"}))),
        (
            "add a clip",
            lambda: family.save_clip(Clip(film_id=clip.film_id, cycle=1, start_ms=0, end_ms=500)),
        ),
        ("reorder clips", lambda: family.reorder_clips(1, [clip.id])),
        ("remove a clip", lambda: family.remove_clip(clip.id)),
        ("open a new meeting", lambda: family.meeting_to_open(SessionKind.FINAL_MEETING, None)),
        (
            "add a still",
            lambda: family.add_still(clip.id, family.folder / "stills" / "s.png", 2_000),
        ),
    ]


def test_every_command_on_a_full_disk_leaves_memory_equal_to_disk(
    full: tuple[Store, FamilySession],
) -> None:
    store, family = full
    before = on_disk(store, family)
    assert family.record == before
    for what, command in commands(family):
        with pytest.raises(StoreError):
            command()
        assert family.record == on_disk(store, family), f"{what}: memory ran ahead of disk"
    assert on_disk(store, family) == before


def test_commands_change_memory_and_disk_together(store: Store) -> None:
    family = FamilySession(store, store.create_family(seeded_record()))
    first_clip = family.record.clips[0].id
    for what, command in commands(family):
        command()
        assert family.record == on_disk(store, family), what
    meeting = family.record.sessions[0]
    assert meeting.completed and meeting.shared_notes == "x" and meeting.keep_doing == "Singing"
    assert family.record.family.label == "Ash"
    assert first_clip not in [c.id for c in family.record.clips]
    assert [c.end_ms for c in family.record.clips] == [500]  # the added one; the first removed


def test_a_bad_value_is_refused_before_anything_is_written(store: Store) -> None:
    family = FamilySession(store, store.create_family(seeded_record()))
    clip = family.record.clips[0]
    before = on_disk(store, family)
    with pytest.raises(ValueError):
        family.save_clip(clip.model_copy(update={"end_ms": 0}))  # ends before it starts
    with pytest.raises(ValueError):
        family.set_meeting_text(family.record.sessions[0].id, "kind", "x")
    assert family.record == before == on_disk(store, family)


def test_create_family_opens_a_session(store: Store) -> None:
    family = create_family(store, Family(label="Hazel"))
    assert store.resolve("Hazel").id == family.id
    assert family.record == on_disk(store, family)


async def test_finishing_a_meeting_on_a_full_disk_keeps_memory_equal_to_disk(
    tiny_disk: Path,
) -> None:
    """Through the screen: the meeting is not marked finished in memory when
    the disk refused it (today's main marked it and kept going)."""
    store = Store.open(tiny_disk / "store")
    family_id = store.create_family(seeded_record()).id
    app = make_app(store)
    try:
        async with app.run_test(size=(100, 40)) as pilot:
            app.open_family(family_id)
            await pilot.pause()
            await pilot.press("i")  # the initial meeting
            await pilot.pause()
            await pilot.pause()
            meeting = app.screen
            assert isinstance(meeting, MeetingScreen)
            meeting.go([s.key for s in meeting.steps].index("finish"))
            await pilot.pause()
            await pilot.pause()
            fill(tiny_disk, leave=0)
            await pilot.click("#finish")
            await pilot.pause()
            assert isinstance(app.screen, MeetingScreen), "a meeting not saved stays open"
            disk = read_record(store.family_folder(family_id))
            assert not disk.sessions_of(SessionKind.INITIAL_MEETING)[0].completed
            assert meeting.record == disk, "memory ran ahead of disk"
            (tiny_disk / "filler").unlink()
            await pilot.pause(0.3)  # a button ignores a second press while it still shows the first
            await pilot.click("#finish")
            await pilot.pause()
        assert read_record(store.family_folder(family_id)).sessions[0].completed
    finally:
        store.close()
