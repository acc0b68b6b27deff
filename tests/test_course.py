"""A family's course as it really runs: dates, missed sessions, more or fewer
cycles, closing, edited facts, reworded questions, two adults, goals for the
future — commands of the family session, written before memory changes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from vig_tui.domain import (
    Attendance,
    Child,
    Family,
    FamilyRecord,
    FamilyStatus,
    HelpingQuestion,
    RatingKind,
    Session,
    SessionKind,
    WorkMode,
    parse_children,
)
from vig_tui.domain.rules.dates import check_held_on
from vig_tui.domain.rules.status import Change, allowed_changes, refusal
from vig_tui.export.record import record_from_json, record_json
from vig_tui.services.session import FamilySession, create_family
from vig_tui.store import CURRENT_SCHEMA, Store, StoreError, read_record

from .test_full_disk import fill

TODAY = date(2026, 3, 1)


def two_parents(store: Store) -> FamilySession:
    family = create_family(
        store,
        Family(label="Birch", adults=["Alex", "Jo"], children=parse_children("Sam 3", TODAY)),
    )
    initial = family.course.start_meeting_on(SessionKind.INITIAL_MEETING, None, "2026-01-05", TODAY)
    family.set_question_text(initial.id, 0, "How can I help Sam calm down?")
    family.set_question_text(initial.id, 1, "How can we play together more?")
    return family


def on_disk(store: Store, family: FamilySession) -> FamilyRecord:
    return read_record(store.family_folder(family.id))


# -- dates ------------------------------------------------------------------------------------
def test_a_meeting_can_be_back_dated_but_not_put_in_the_future(store: Store) -> None:
    family = two_parents(store)
    initial = family.record.sessions_of(SessionKind.INITIAL_MEETING)[0]
    assert initial.date == "2026-01-05"
    with pytest.raises(ValueError, match="in the future"):
        family.course.set_meeting_date(initial.id, "2026-03-02", TODAY)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        family.course.set_meeting_date(initial.id, "5/1/2026", TODAY)
    with pytest.raises(ValueError, match="before 2000"):
        check_held_on("1999-12-31", TODAY)
    assert family.meeting(initial.id).date == "2026-01-05"
    assert family.record == on_disk(store, family)


def test_a_films_date_can_be_set(store: Store) -> None:
    family = two_parents(store)
    film = family.attach_film(1, "/films/a.mp4", "abc", 60_000, "2026-01-20")
    changed = family.course.set_film_date(film.id, "2026-01-12", TODAY)
    assert changed.recorded_on == "2026-01-12" == on_disk(store, family).films[0].recorded_on


def test_a_childs_age_grows_with_the_record() -> None:
    sam, ava = parse_children("Sam 3, Ava 2024-01-15", date(2024, 6, 1))
    assert sam.age_on == "2024-06-01" and ava.born_on == "2024-01-15"
    assert sam.age_text(date(2026, 3, 1)) == "4y 9m"
    assert ava.age_text(date(2024, 6, 1)) == "4 months"
    assert ava.age_text(date(2026, 1, 15)) == "2"
    with pytest.raises(ValueError, match="not a real date"):
        parse_children("Mia 2024-02-30")
    with pytest.raises(ValueError, match="after today"):
        parse_children("Mia 2030-01-01", date(2026, 1, 1))
    assert Child(name="Jo").age_text() == ""


# -- sessions that did not happen ----------------------------------------------------------------
def test_a_cancelled_session_is_kept_apart_and_never_resumed(store: Store) -> None:
    family = two_parents(store)
    family.finish_meeting(family.record.sessions[0].id)
    family.attach_film(1, "/films/a.mp4", "abc", 60_000, "2026-01-20")
    missed = family.course.note_not_held(
        SessionKind.SHARED_REVIEW, 1, "2026-02-01", Attendance.DID_NOT_ATTEND, "Sam was ill", TODAY
    )
    record = family.record
    assert record.not_held() == [missed]
    assert record.sessions_of(SessionKind.SHARED_REVIEW, 1) == []
    opened = family.meeting_to_open(SessionKind.SHARED_REVIEW, 1)
    assert opened.id != missed.id and opened.held
    with pytest.raises(ValueError, match="why"):
        family.course.note_not_held(SessionKind.FILMING, 2, "2026-02-01", Attendance.CANCELLED, " ")
    assert on_disk(store, family) == family.record


# -- cycles -------------------------------------------------------------------------------------
def test_cycles_can_be_added_up_to_eight_skipped_and_removed_when_empty(store: Store) -> None:
    family = two_parents(store)
    family.finish_meeting(family.record.sessions[0].id)
    for _ in range(5):
        family.course.add_cycle()
    assert family.record.cycle_numbers() == list(range(1, 9))
    with pytest.raises(ValueError, match="at most 8"):
        family.course.add_cycle()
    family.attach_film(3, "/films/c.mp4", "ccc", 60_000, "2026-02-01")
    with pytest.raises(ValueError, match="cannot be removed"):
        family.course.remove_cycle(3)
    family.course.skip_cycle(2, "Holidays")
    family.course.remove_cycle(1)  # empty: cycles 2.. move down one
    record = on_disk(store, family)
    assert record == family.record
    assert record.cycle_numbers() == list(range(1, 8))
    assert record.films[0].cycle == 2 and record.family.skipped_cycles == [1]
    assert record.family.skip_reasons == {"1": "Holidays"}
    assert record.next_step().text == "Cycle 2 – choose clips"


def test_skipping_to_the_final_meeting_skips_the_cycles_left(store: Store) -> None:
    family = two_parents(store)
    family.finish_meeting(family.record.sessions[0].id)
    assert family.record.next_step().text == "Cycle 1 – filming"
    assert family.record.cycles_left() == [1, 2, 3]
    assert family.course.skip_to_final("The family moved away") == [1, 2, 3]
    step = family.record.next_step()
    assert (step.kind, step.text) == (SessionKind.FINAL_MEETING, "Final meeting")
    assert family.record.cycle_progress(2).text() == "skipped"
    family.course.skip_cycle(2, skip=False)
    assert family.record.next_step().text == "Cycle 2 – filming"


def test_a_final_meeting_once_begun_is_the_next_step(store: Store) -> None:
    family = two_parents(store)
    family.finish_meeting(family.record.sessions[0].id)
    family.meeting_to_open(SessionKind.FINAL_MEETING, None)
    assert family.record.next_step().text == "Final meeting"


# -- status -------------------------------------------------------------------------------------
def test_close_pause_and_reopen_with_dates_and_an_erase_by_date(store: Store) -> None:
    family = two_parents(store)
    family.course.pause("2026-02-01", "A new baby", TODAY)
    assert family.record.next_step().text.startswith("Paused since 2026-02-01")
    with pytest.raises(ValueError, match="only an active family"):
        family.course.pause("2026-02-02", today=TODAY)
    family.course.reopen("2026-02-10", today=TODAY)
    assert family.course.suggested_erase_by("2026-02-20") == "2026-04-22"
    with pytest.raises(ValueError, match="before the closing date"):
        family.course.close("2026-02-20", "2026-02-19", today=TODAY)
    family.course.close("2026-02-20", "2026-04-22", "Work finished", TODAY)
    record = on_disk(store, family)
    assert record == family.record
    assert record.family.status == FamilyStatus.CLOSED and record.family.closed_on == "2026-02-20"
    assert record.consent.erase_by == "2026-04-22"
    assert [c.status for c in record.family.status_history] == ["paused", "active", "closed"]
    assert record.next_step().text == "Closed"
    assert store.resolve("Birch").status == "closed"


@pytest.mark.parametrize("status", list(FamilyStatus))
def test_the_course_commands_accept_exactly_the_changes_the_screen_offers(
    store: Store, status: FamilyStatus
) -> None:
    commands: dict[Change, Callable[[FamilySession], object]] = {
        Change.CLOSE: lambda f: f.course.close("2026-02-20", today=TODAY),
        Change.PAUSE: lambda f: f.course.pause("2026-02-20", today=TODAY),
        Change.REOPEN: lambda f: f.course.reopen("2026-02-20", today=TODAY),
    }
    for change, command in commands.items():
        family = create_family(store, Family(label=f"{status} {change}", status=status))
        if change in allowed_changes(status):
            command(family)
            assert on_disk(store, family).family.status_history[-1].on == "2026-02-20"
        else:
            with pytest.raises(ValueError, match=re.escape(str(refusal(change, status)))):
                command(family)
            assert on_disk(store, family).family.status == status


# -- facts, questions, two adults -----------------------------------------------------------------
def test_family_facts_are_edited_with_a_history(store: Store) -> None:
    family = two_parents(store)
    family.course.edit_facts(
        label="Birch family",
        adults=["Alex", "Jo", "Nan"],
        referrer="Health visitor",
        work_mode=WorkMode.ADULT_CHILD,
    )
    family.course.edit_facts(label="Birch family")  # no change: nothing recorded
    edits = on_disk(store, family).family.edits
    assert [(e.field, e.before, e.after) for e in edits] == [
        ("label", "Birch", "Birch family"),
        ("adults", "Alex, Jo", "Alex, Jo, Nan"),
        ("referrer", "", "Health visitor"),
    ]
    with pytest.raises(ValueError, match="same name"):
        family.course.edit_facts(adults=["Alex", "Alex"])
    with pytest.raises(ValueError, match="needs a label"):
        family.course.edit_facts(label=" ")


def test_a_family_renamed_meets_the_same_label_rule_as_one_added(store: Store) -> None:
    """Renaming took any label: another family's (Home then held two "Oak"s),
    one with invisible characters, or one far too long for a line on Home
    (which a bundle of the family then could not bring back). One rule now
    serves adding, renaming and bringing a family in."""
    from vig_tui.domain import Family
    from vig_tui.domain.rules.labels import LABEL_MAX, LabelError
    from vig_tui.services.practice import Practice

    practice = Practice(store)
    practice.create_family(Family(label="Oak"))
    family = two_parents(store)
    with pytest.raises(LabelError, match="already exists"):
        family.course.edit_facts(label="oak ")
    with pytest.raises(LabelError, match=f"at most {LABEL_MAX}"):
        family.course.edit_facts(label="x" * (LABEL_MAX + 1))
    with pytest.raises(LabelError, match=f"at most {LABEL_MAX}"):
        practice.create_family(Family(label="y" * (LABEL_MAX + 1)))
    family.course.edit_facts(label="Birch\u200b  family")
    assert on_disk(store, family).family.label == "Birch family"
    family.course.edit_facts(label="Birch Family")  # its own label, another case: fine
    assert on_disk(store, family).family.label == "Birch Family"


def test_a_question_reworded_or_retired_keeps_its_ratings(store: Store) -> None:
    family = two_parents(store)
    initial = family.record.sessions[0]
    question = family.record.active_questions()[0]
    family.rate_question(question.id, 3, RatingKind.START, initial.id)
    reworded = family.course.reword_question(question.id, "How can I help Sam feel calm?")
    assert reworded.first_wording() == "How can I help Sam calm down?"
    assert reworded.values() == [3]
    family.course.retire_question(question.id)
    record = on_disk(store, family)
    assert record == family.record
    kept = next(q for q in record.questions if q.id == question.id)
    assert kept.retired and kept.values() == [3] and kept.retired_on
    assert question.id not in [q.id for q in record.active_questions()]


def test_each_adult_rates_their_own_questions_and_has_their_own_words(store: Store) -> None:
    family = two_parents(store)
    initial = family.record.sessions[0]
    first, second = family.record.active_questions()
    family.course.set_question_owner(first.id, "Alex")
    family.course.set_question_owner(second.id, "Jo")
    family.course.rate_question(first.id, 3, RatingKind.START, initial.id, "Alex")
    with pytest.raises(ValueError, match="Jo's question"):
        family.course.rate_question(second.id, 4, RatingKind.START, initial.id, "Alex")
    with pytest.raises(ValueError, match="not one of this family's adults"):
        family.course.rate_question(second.id, 4, RatingKind.START, initial.id, "Pat")
    family.course.rate_question(second.id, 5, RatingKind.START, initial.id, "Jo")
    family.course.save_words(initial.id, "describe-child", None, "Alex", "Lively")
    family.course.save_words(initial.id, "describe-child", None, "Jo", "Cheeky")
    record = on_disk(store, family)
    assert [(r.speaker, r.family_words) for r in record.reflections] == [
        ("Alex", "Lively"),
        ("Jo", "Cheeky"),
    ]
    assert [q.ratings[0].by for q in record.active_questions()] == ["Alex", "Jo"]
    review = Session(kind=SessionKind.SHARED_REVIEW, cycle=1, date="2026-02-01")
    assert [q.id for q in record.questions_to_rate(review, by="Jo")] == [second.id]


def test_goals_for_the_future_are_not_helping_questions(store: Store) -> None:
    family = two_parents(store)
    initial = family.record.sessions[0]
    with pytest.raises(ValueError, match="final meeting"):
        family.course.set_future_goals(initial.id, [("Keep reading", None)])
    final = family.meeting_to_open(SessionKind.FINAL_MEETING, None)
    family.course.set_future_goals(final.id, [("Keep reading at bedtime", "Jo"), (" ", None)])
    record = on_disk(store, family)
    assert [(g.text, g.by) for g in record.session(final.id).future_goals] == [  # type: ignore[union-attr]
        ("Keep reading at bedtime", "Jo")
    ]
    assert len(record.questions) == 2


def test_questions_worded_at_a_later_meeting_are_not_rated_earlier() -> None:
    record = FamilyRecord(family=Family(label="Elm"))
    review = Session(kind=SessionKind.SHARED_REVIEW, cycle=1, date="2026-02-01")
    final = Session(kind=SessionKind.FINAL_MEETING, date="2026-03-01")
    record.sessions += [review, final]
    record.questions.append(HelpingQuestion(text="Later", session_id=final.id))
    assert record.questions_to_rate(review) == []


# -- memory never runs ahead of disk ------------------------------------------------------------
def test_course_commands_on_a_full_disk_change_nothing(tiny_disk: Path) -> None:
    store = Store.open(tiny_disk / "store")
    try:
        family = two_parents(store)
        initial = family.record.sessions[0]
        question = family.record.active_questions()[0]
        final = family.meeting_to_open(SessionKind.FINAL_MEETING, None)
        before = on_disk(store, family)
        fill(tiny_disk, leave=0)
        course = family.course
        for command in (
            lambda: course.set_meeting_date(initial.id, "2026-01-02", TODAY),
            lambda: course.note_not_held(
                SessionKind.FILMING, 1, "2026-01-09", Attendance.CANCELLED, "Snow", TODAY
            ),
            course.add_cycle,
            lambda: course.skip_cycle(2),
            course.skip_to_final,
            lambda: course.remove_cycle(3),
            lambda: course.close("2026-02-20", "2026-04-22", today=TODAY),
            lambda: course.pause("2026-02-20", today=TODAY),
            lambda: course.edit_facts(label="Oak"),
            lambda: course.reword_question(question.id, "Reworded?"),
            lambda: course.retire_question(question.id),
            lambda: course.set_question_owner(question.id, "Jo"),
            lambda: course.rate_question(question.id, 4, RatingKind.START, initial.id, "Jo"),
            lambda: course.save_words(initial.id, "p", None, "Jo", "Words"),
            lambda: course.set_future_goals(final.id, [("More walks", "Alex")]),
        ):
            with pytest.raises(StoreError):
                command()
            assert family.record == on_disk(store, family) == before
        (tiny_disk / "filler").unlink()
    finally:
        store.close()


# -- old stores, exports --------------------------------------------------------------------------
def test_an_old_store_migrates_with_a_copy_kept_aside(store_root: Path) -> None:
    with Store.open(store_root) as store:
        family = two_parents(store)
        final = family.meeting_to_open(SessionKind.FINAL_MEETING, None)
        family_id, path = family.id, store.family_folder(family.id) / "record.json"
    data = json.loads(path.read_bytes())
    data["_meta"]["1"]["schema"] = 2
    (family_doc,) = data["family"].values()
    family_doc["created_at"] = "2024-06-01T10:00:00+00:00"
    family_doc["children"] = [{"name": "Sam", "age_years": 3}]
    data["questions"]["9"] = {
        "id": "future1",
        "text": "Keep singing together",
        "session_id": final.id,
        "ratings": [],
    }
    old = json.dumps(data).encode()
    path.write_bytes(old)
    with Store.open(store_root) as store:
        record = store.family(family_id).record
    assert path.with_name("record.json.schema2").read_bytes() == old
    assert json.loads(path.read_bytes())["_meta"]["1"]["schema"] == CURRENT_SCHEMA == 4
    assert record.family.children[0].age_on == "2024-06-01"
    assert record.family.children[0].age_text(date(2026, 6, 1)) == "5"
    assert "Keep singing together" not in [q.text for q in record.questions]
    goals = record.session(final.id).future_goals  # type: ignore[union-attr]
    assert [g.text for g in goals] == ["Keep singing together"]


def test_the_record_export_keeps_every_new_field(store: Store) -> None:
    family = two_parents(store)
    initial = family.record.sessions[0]
    question = family.record.active_questions()[0]
    family.course.set_question_owner(question.id, "Alex")
    family.course.rate_question(question.id, 3, RatingKind.START, initial.id, "Alex")
    family.course.reword_question(question.id, "Reworded?")
    family.course.save_words(initial.id, "describe-child", None, "Jo", "Cheeky")
    family.course.note_not_held(
        SessionKind.FILMING, 1, "2026-01-09", Attendance.CANCELLED, "Snow", TODAY
    )
    family.course.skip_cycle(2, "Away")
    final = family.meeting_to_open(SessionKind.FINAL_MEETING, None)
    family.course.set_future_goals(final.id, [("More walks", "Alex")])
    family.course.edit_facts(work_mode=WorkMode.PROFESSIONAL_CHILD, professional_role="teacher")
    family.course.close("2026-02-20", "2026-04-22", today=TODAY)
    text = record_json(family.record, store.root)
    assert record_from_json(text) == family.record
    held = json.loads(text)["record"]
    assert held["family"]["skipped_cycles"] == [2]
    assert held["family"]["professional_role"] == "teacher"
    assert [c["status"] for c in held["family"]["status_history"]] == ["closed"]
    assert [s["attendance"] for s in held["sessions"]].count("cancelled") == 1
    assert held["questions"][0]["earlier_wordings"][0]["text"] == "How can I help Sam calm down?"
    assert held["questions"][0]["owner"] == "Alex"
    assert {r["speaker"] for r in held["reflections"]} == {"Jo"}


def test_a_skipped_cycle_keeps_the_day_it_was_skipped(store: Store) -> None:
    from vig_tui.desk.timeline import build_timeline
    from vig_tui.domain.ids import today_iso
    from vig_tui.export.record import record_markdown

    family = two_parents(store)
    family.finish_meeting(family.record.sessions[0].id)
    family.course.skip_cycle(3, "Holidays")
    record = on_disk(store, family)
    record.family.created_at = "2026-01-05T09:00:00+00:00"  # planned long before
    today = today_iso()
    (event,) = [e for e in build_timeline(record) if "skipped" in e.title]
    assert event.date == today and event.detail == "Holidays"
    assert f"- Skipped cycles: 3, skipped {today} (Holidays)" in record_markdown(record)
    assert record.family.skipped_on == {"3": today}
    family.course.skip_cycle(3, skip=False)  # to be filmed after all: no skip day left
    assert on_disk(store, family).family.skipped_on == {}
    family.course.skip_to_final()
    assert on_disk(store, family).family.skipped_on == {"1": today, "2": today, "3": today}
