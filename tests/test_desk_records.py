"""A known family record for the desk and export tests, and the desk core
(timeline, service overview, accreditation, the practitioner's log)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vig_tui.desk import build_timeline, count_stages, filter_events, service_overview
from vig_tui.desk.timeline import EventKind, event_covering
from vig_tui.domain import (
    Administration,
    Child,
    Clip,
    Consent,
    Cycle,
    Family,
    FamilyRecord,
    FamilyStatus,
    Film,
    HelpingQuestion,
    Rating,
    RatingKind,
    Reflection,
    Session,
    SessionKind,
)
from vig_tui.packs import load_packs
from vig_tui.store import Store, StoreUnavailableError
from vig_tui.store.practitioner import Discussed, PractitionerLog, SupervisionEntry

# Practitioner-only text: must never reach the family's letter.
SECRETS = {
    "private_notes": "PRIVATE-sleepless-worry",
    "guidance_reflection": "GUIDANCE-asked-too-fast",
    "micro_note": "MICRO-initiative-at-1.4s",
    "practitioner_note": "PRACTNOTE-activated-early",
}


def _phq9(value: int) -> dict[str, int | str | None]:
    return {f"phq9-{i}": (value if i < 9 else 0) for i in range(1, 10)}


def full_record(
    label: str = "Rowan family",
    final: bool = True,
    demo: bool = False,
    status: FamilyStatus = FamilyStatus.ACTIVE,
) -> FamilyRecord:
    """A journey with an initial meeting, one reviewed cycle and (optionally) a final meeting."""
    family = Family(
        label=label,
        adults=["Alex"],
        children=[Child(name="Mo", age_years=2)],
        demo=demo,
        status=status,
    )
    record = FamilyRecord(family=family, consent=Consent(filming=True, signed_on="2026-01-05"))
    initial = Session(
        kind=SessionKind.INITIAL_MEETING,
        date="2026-01-10",
        completed=True,
        shared_notes="Alex hopes for calmer teatimes.",
        private_notes=SECRETS["private_notes"],
    )
    review = Session(
        kind=SessionKind.SHARED_REVIEW,
        cycle=1,
        date="2026-02-01",
        completed=True,
        keep_doing="Getting down to Mo's level and waiting.",
        shared_notes="We watched the puzzle clip three times.",
        guidance_reflection=SECRETS["guidance_reflection"],
    )
    record.sessions += [initial, review]
    film = Film(cycle=1, path="/films/rowan-1.mp4", recorded_on="2026-01-25")
    record.films.append(film)
    clip = Clip(
        film_id=film.id,
        cycle=1,
        start_ms=2000,
        end_ms=7000,
        title="The puzzle piece",
        principles=["attentive", "receiving"],
        chain_note="Mo holds up a piece; Alex nods.",
        micro_note=SECRETS["micro_note"],
    )
    record.clips.append(clip)
    record.cycles.append(Cycle(number=1, clip_order=[clip.id]))
    q1 = HelpingQuestion(text="How can I help Mo settle at teatime?", hoped_for=8, order=0)
    q2 = HelpingQuestion(text="How can we enjoy playing together?", hoped_for=9, order=1)
    q1.ratings = [
        Rating(value=2, kind=RatingKind.START, session_id=initial.id),
        Rating(value=5, kind=RatingKind.REVIEW, session_id=review.id, cycle=1),
    ]
    q2.ratings = [
        Rating(value=4, kind=RatingKind.START, session_id=initial.id),
        Rating(value=6, kind=RatingKind.REVIEW, session_id=review.id, cycle=1),
    ]
    record.questions += [q1, q2]
    record.reflections += [
        Reflection(
            session_id=initial.id,
            prompt_id="describe-child",
            family_words="A whirlwind who never sits still.",
        ),
        Reflection(
            session_id=initial.id,
            prompt_id="describe-relationship",
            family_words="Loving but tense at teatime.",
        ),
        Reflection(
            session_id=review.id,
            clip_id=clip.id,
            prompt_id="what-helped",
            family_words="I slowed right down and he came to me.",
            practitioner_note=SECRETS["practitioner_note"],
        ),
        Reflection(
            session_id=review.id,
            clip_id=clip.id,
            prompt_id="notice-other",
            family_words="He checks my face before he tries.",
        ),
    ]
    record.administrations.append(
        Administration(
            questionnaire_id="phq9",
            version="1",
            timepoint="baseline",
            session_id=initial.id,
            completed=True,
            at="2026-01-10T10:00:00+00:00",
            answers=_phq9(2),
        )
    )
    record.administrations.append(
        Administration(
            questionnaire_id="checkin",
            version="1",
            timepoint="baseline",
            session_id=initial.id,
            completed=True,
            at="2026-01-10T10:05:00+00:00",
            answers={
                "enjoyed-time": 1,
                "understood-needs": 2,
                "came-to-me": 1,
                "worn-out": 3,
                "stayed-calm": 1,
                "had-support": 2,
                "overall": 4,
                "anything-else": '=HYPERLINK("x")',
            },
        )
    )
    if final:
        fin = Session(kind=SessionKind.FINAL_MEETING, date="2026-03-01", completed=True)
        record.sessions.append(fin)
        q1.ratings.append(Rating(value=8, kind=RatingKind.FINAL, session_id=fin.id))
        q2.ratings.append(Rating(value=7, kind=RatingKind.FINAL, session_id=fin.id))
        record.reflections += [
            Reflection(
                session_id=fin.id,
                prompt_id="describe-child-again",
                family_words="Curious and funny, and he lets me help.",
            ),
            Reflection(
                session_id=fin.id,
                prompt_id="describe-relationship-again",
                family_words="Warmer; teatime is our chat time now.",
            ),
            Reflection(
                session_id=fin.id, prompt_id="what-changed", family_words="I wait before I jump in."
            ),
            Reflection(
                session_id=fin.id,
                prompt_id="next-goals",
                family_words="Bedtime stories without rushing.",
            ),
        ]
        record.administrations.append(
            Administration(
                questionnaire_id="phq9",
                version="1",
                timepoint="final",
                session_id=fin.id,
                completed=True,
                at="2026-03-01T10:00:00+00:00",
                answers=_phq9(1),
            )
        )
    return record


# -- timeline ----------------------------------------------------------------------------------
def test_timeline_is_in_date_order_and_has_every_kind() -> None:
    record = full_record()
    events = build_timeline(record, load_packs())
    assert [e.date for e in events] == sorted(e.date for e in events)
    kinds = {e.kind for e in events}
    assert kinds >= {
        EventKind.SESSION,
        EventKind.FILM,
        EventKind.CLIP,
        EventKind.RATING,
        EventKind.QUESTIONNAIRE,
    }
    assert len([e for e in events if e.kind == EventKind.RATING]) == 6
    phq = [e for e in events if e.kind == EventKind.QUESTIONNAIRE and "PHQ-9" in e.title]
    assert [e.detail for e in phq] == ["Total: 16/27 moderately severe", "Total: 8/27 mild"]
    # the clip event stands for the reflections about it, private notes kept apart
    clip_event = next(e for e in events if e.kind == EventKind.CLIP)
    assert "I slowed right down" in clip_event.detail
    assert SECRETS["micro_note"] in clip_event.private_detail
    assert SECRETS["micro_note"] not in clip_event.detail
    note = next(r for r in record.reflections if r.prompt_id == "what-helped")
    assert events[event_covering(events, note.id) or 0] is clip_event


def test_timeline_filters() -> None:
    events = build_timeline(full_record())
    ratings = filter_events(events, kinds={EventKind.RATING})
    assert ratings and all(e.kind == EventKind.RATING for e in ratings)
    cycle1 = filter_events(events, cycle=1)
    assert cycle1 and all(e.cycle == 1 for e in cycle1)
    puzzle = filter_events(events, text="PUZZLE")
    assert [e.kind for e in puzzle] == [EventKind.CLIP, EventKind.SESSION]  # clip: film date
    assert [e.kind for e in filter_events(events, text="puzzle piece")] == [EventKind.CLIP]


# -- service overview ----------------------------------------------------------------------------
def test_service_overview_figures() -> None:
    records = [
        full_record("A"),
        full_record("B", final=False, status=FamilyStatus.CLOSED),
        full_record("Demo", demo=True),
    ]
    ov = service_overview(records, load_packs())
    assert (ov.families, ov.open, ov.closed, ov.demo_left_out) == (2, 1, 1, 1)
    assert ov.cycles_completed == 2 and ov.journeys_completed == 1
    # A: 2→8 and 4→7; B: 2→5 and 4→6  → mean change (6+3+3+2)/4
    assert ov.mean_rating_change == pytest.approx(3.5)
    assert ov.rating_change_counts() == {2: 1, 3: 2, 6: 1}
    phq = next(q for q in ov.questionnaires if q.questionnaire_id == "phq9")
    assert (phq.n, phq.single, phq.mean_first, phq.mean_last) == (1, 1, 16, 8)
    assert ov.as_dict()["helping_questions"]["mean_change"] == pytest.approx(3.5)  # type: ignore[index]


# -- accreditation -----------------------------------------------------------------------------
def _family_with_cycles(label: str, dates: list[str]) -> FamilyRecord:
    record = FamilyRecord(family=Family(label=label))
    for n, day in enumerate(dates, 1):
        record.sessions.append(
            Session(kind=SessionKind.SHARED_REVIEW, cycle=n, date=day, completed=True)
        )
    record.sessions.append(
        Session(
            kind=SessionKind.SHARED_REVIEW, cycle=len(dates) + 1, date="2027-01-01", completed=False
        )
    )  # unfinished: no count
    return record


def test_accreditation_stages_need_cycles_and_new_families() -> None:
    # 5 cycles with family A, then 1 with B: stage 1 complete on B's cycle (6 cycles, 2 families)
    a = _family_with_cycles("A", [f"2026-01-0{d}" for d in range(1, 6)])
    b = _family_with_cycles("B", ["2026-02-01", "2026-03-01", "2026-03-02"])
    c = _family_with_cycles("C", ["2026-04-01"])
    demo = _family_with_cycles("Demo", ["2026-01-01"])
    demo.family.demo = True
    progress = count_stages([a, b, c, demo])
    one, two, three = progress.stages
    assert one.complete and len(one.cycles) == 6 and one.new_families == ["A", "B"]
    assert one.completed_on == "2026-02-01"
    assert not two.complete and len(two.cycles) == 3 and two.new_families == ["C"]
    assert progress.current is two and len(three.cycles) == 0
    assert progress.families == 3


def test_a_stage_waits_for_enough_new_families() -> None:
    a = _family_with_cycles("A", [f"2026-01-{d:02d}" for d in range(1, 10)])
    progress = count_stages([a])
    assert len(progress.stages[0].cycles) == 9 and not progress.stages[0].complete


# -- the practitioner's log ------------------------------------------------------------------------
def test_practitioner_log_saves_atomically_and_reads_read_only(store_root: Path) -> None:
    with Store.open(store_root) as store:
        log = PractitionerLog.open(store)
        entry = SupervisionEntry(
            date="2026-02-03",
            hours=1.5,
            notes="Waiting, not rushing.",
            discussed=[Discussed(family_id="f1", cycle=1)],
        )
        log.save(entry)
        log.save(SupervisionEntry(date="2026-01-03", hours=1, notes="First session."))
        log.close()
    assert (store_root / "practitioner.json").exists()
    readonly = Store.open(store_root, readonly=True)
    log = PractitionerLog.open(readonly)
    assert [e.notes for e in log.entries()] == ["First session.", "Waiting, not rushing."]
    assert log.hours == 2.5
    assert log.entries()[1].discussed == [Discussed(family_id="f1", cycle=1)]
    with pytest.raises(StoreUnavailableError):
        log.save(SupervisionEntry(notes="x"))


def test_supervision_entry_refuses_a_bad_date() -> None:
    with pytest.raises(ValueError):
        SupervisionEntry(date="2026-02-30")
    with pytest.raises(ValueError):
        SupervisionEntry(date="3 March")
