"""Each rule of the work in one place (vig_tui.domain.rules and the record),
asked by screens and services alike."""

from __future__ import annotations

import pytest

from vig_tui.domain import (
    Clip,
    Consent,
    Cycle,
    Family,
    FamilyRecord,
    FamilyStatus,
    Film,
    JourneyStage,
    Session,
    SessionKind,
)
from vig_tui.domain.rules.clips import (
    USUAL_MAX_CLIPS,
    clip_count_advice,
    clip_length_advice,
    film_clips_advice,
)
from vig_tui.domain.rules.consent import ConsentInvalid, check_consent, consent_problems
from vig_tui.domain.rules.labels import clean_label, label_key, label_taken
from vig_tui.domain.rules.timepoints import timepoint_for
from vig_tui.playback import ClipDraft
from vig_tui.services.practice import LabelTakenError, Practice
from vig_tui.services.session import FamilySession
from vig_tui.store import Store, read_record

# -- labels ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "other",
    ["Oak", "oak", " Oak ", "Oak\u200b", "\u200bO\u200dak", "Oak\ufeff", "Ｏａｋ", "O\u00adak"],
)
def test_labels_that_read_the_same_collide(other: str) -> None:
    assert label_taken(other, ["Oak"])
    assert label_key(other) == "oak"


def test_different_labels_do_not_collide() -> None:
    assert not label_taken("Oaks", ["Oak"])
    assert not label_taken("Oak tree", ["Oak", "Tree"])
    assert clean_label("  Oak\u200b   tree ") == "Oak tree"


def test_a_family_whose_label_only_differs_by_invisible_characters_is_refused(
    store: Store,
) -> None:
    practice = Practice(store)
    practice.create_family(Family(label="Oak"))
    with pytest.raises(LabelTakenError):
        practice.create_family(Family(label="Oak\u200b"))
    added = practice.create_family(Family(label="Elm\u200b "))
    assert added.record.family.label == "Elm"
    assert sorted(s.label for s in practice.summaries()) == ["Elm", "Oak"]


# -- clips -------------------------------------------------------------------------


def test_clip_length_advice() -> None:
    assert clip_length_advice(3_000) is None and clip_length_advice(10_000) is None
    assert clip_length_advice(0) is None  # not marked yet: nothing to say
    short, long = clip_length_advice(2_000), clip_length_advice(12_500)
    assert short is not None and "2.0 s" in short and "3 to 10 seconds" in short
    assert long is not None and "12.5 s" in long


def test_clip_count_advice() -> None:
    assert clip_count_advice(USUAL_MAX_CLIPS) is None
    advice = clip_count_advice(USUAL_MAX_CLIPS + 1)
    assert advice is not None and "5 clips" in advice


def test_clip_preparation_and_the_film_page_give_the_same_advice() -> None:
    draft = ClipDraft(None, 0, 12_000)
    assert draft.warnings(other_clips=4) == [clip_length_advice(12_000), clip_count_advice(5)]
    clips = [("One", 12_000), ("Two", 4_000)]
    advice = film_clips_advice(clips)
    assert len(advice) == 1 and advice[0].startswith("“One”: This clip lasts 12.0 s")
    assert str(clip_length_advice(12_000)) in advice[0]


# -- consent -----------------------------------------------------------------------


def test_consent_rules() -> None:
    assert consent_problems(Consent()) == []
    assert consent_problems(Consent(filming=True, signed_on="2026-01-10")) == []
    (ticks,) = consent_problems(Consent(filming=True))
    assert ticks.field == "signed_on"
    (order,) = consent_problems(Consent(signed_on="2026-01-10", erase_by="2025-01-01"))
    assert order.field == "erase_by"
    (bad,) = consent_problems(Consent(signed_on="10/01/2026"))
    assert bad.field == "signed_on" and "YYYY-MM-DD" in bad.message
    with pytest.raises(ConsentInvalid):
        check_consent(Consent(supervisor=True))


def test_an_incomplete_consent_is_refused_before_anything_is_written(store: Store) -> None:
    family = FamilySession(store, store.create_family(Family(label="Ash")))
    with pytest.raises(ConsentInvalid) as caught:
        family.save_consent(Consent(filming=True))
    assert caught.value.problem.field == "signed_on"
    on_disk = read_record(store.family_folder(family.id))
    assert family.record == on_disk and not on_disk.consent.filming


# -- the journey ---------------------------------------------------------------------


def _record() -> FamilyRecord:
    return FamilyRecord(family=Family(label="Birch", planned_cycles=1))


def test_each_stage_of_the_journey() -> None:
    record = _record()
    assert record.next_step().stage == JourneyStage.INITIAL_MEETING
    record.sessions.append(Session(kind=SessionKind.INITIAL_MEETING, completed=True))
    assert record.next_step().stage == JourneyStage.FILMING
    film = Film(cycle=1, path="/f.mp4")
    record.films.append(film)
    assert record.next_step().stage == JourneyStage.CHOOSE_CLIPS
    record.clips.append(Clip(film_id=film.id, cycle=1, start_ms=0, end_ms=4_000))
    record.cycles.append(Cycle(number=1))
    step = record.next_step()
    assert (step.stage, step.kind, step.cycle) == (
        JourneyStage.SHARED_REVIEW,
        SessionKind.SHARED_REVIEW,
        1,
    )
    record.sessions.append(Session(kind=SessionKind.SHARED_REVIEW, cycle=1, completed=True))
    assert record.next_step().stage == JourneyStage.FINAL_MEETING
    assert not record.next_step().complete
    record.sessions.append(Session(kind=SessionKind.FINAL_MEETING, completed=True))
    step = record.next_step()
    assert step.complete and step.kind is None
    record.family.status = FamilyStatus.CLOSED
    assert record.next_step().stage == JourneyStage.CLOSED and not record.next_step().complete


def test_complete_does_not_depend_on_the_wording() -> None:
    record = _record()
    record.sessions.append(Session(kind=SessionKind.FINAL_MEETING, completed=True))
    step = record.next_step()
    step.text = "Reise abgeschlossen"  # a translated label changes nothing
    assert step.complete


def test_which_meeting_and_cycle_to_open() -> None:
    record = _record()
    assert record.meeting_to_resume(SessionKind.INITIAL_MEETING, None) is None
    done = Session(kind=SessionKind.INITIAL_MEETING, completed=True, date="2026-01-01")
    record.sessions.append(done)
    assert record.meeting_to_resume(SessionKind.INITIAL_MEETING, None) is done
    open_ = Session(kind=SessionKind.INITIAL_MEETING, date="2026-01-02")
    record.sessions.append(open_)
    assert record.meeting_to_resume(SessionKind.INITIAL_MEETING, None) is open_
    film = Film(cycle=1, path="/f.mp4")
    record.films.append(film)
    record.clips.append(Clip(film_id=film.id, cycle=1, start_ms=0, end_ms=4_000))
    assert record.cycle_to_open(SessionKind.SHARED_REVIEW) == 1
    assert record.cycle_to_open(SessionKind.INITIAL_MEETING) is None


# -- timepoints ----------------------------------------------------------------------


def test_timepoints() -> None:
    assert timepoint_for(Session(kind=SessionKind.INITIAL_MEETING)) == "baseline"
    assert timepoint_for(Session(kind=SessionKind.FINAL_MEETING)) == "final"
    assert timepoint_for(Session(kind=SessionKind.SHARED_REVIEW, cycle=2)) == "cycle-2"
