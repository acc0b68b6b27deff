"""The installed `vig`, in tmux, for a family whose course bends: the profile
set with `vig profile`, the "cycles were not filmed" question before the final
meeting, closing with the erase-by date two months on, then `vig export
letter` read as the family would get it. Once for two parents, once for a
teacher and a teaching assistant with a pupil (their earlier course — a
back-dated meeting, a missed session, a 4th cycle, a skipped cycle, each
adult's own ratings and words, a reworded question, goals for the future —
entered through the family session beforehand; the Pilot walk in
test_course_walk.py does those through the screens)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from vig_tui.domain import Attendance, FamilyStatus, RatingKind, SessionKind
from vig_tui.store import Store

from .test_course_walk import PARENTS, SCHOOL, Case, seed
from .tmux_driver import VIG, Tmux


def vig(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [VIG, "--data-dir", str(root), *args], capture_output=True, text=True, timeout=60
    )


def prepare(root: Path, case: Case) -> None:
    with Store.open(root) as store:
        family = seed(store, case)
        course = family.course
        initial = family.record.sessions_of(SessionKind.INITIAL_MEETING)[0]
        course.set_meeting_date(initial.id, "2026-01-05")
        course.note_not_held(
            SessionKind.SHARED_REVIEW, 2, "2026-02-15", Attendance.CANCELLED, "Snowed in"
        )
        course.add_cycle()
        course.skip_cycle(2, "Away for a month")
        q1 = family.record.active_questions()[0]
        course.reword_question(q1.id, "How can I help things stay calm?")
        # the final meeting is opened in the app; its ratings and words are added after


def finish_in_store(root: Path, case: Case) -> None:
    first, second = case.adults
    with Store.open(root) as store:
        from vig_tui.services.session import FamilySession

        family = FamilySession.open(store, store.resolve(case.label).id)
        final = family.record.sessions_of(SessionKind.FINAL_MEETING)[0]
        q1, q2 = family.record.active_questions()
        course = family.course
        course.rate_question(q1.id, 8, RatingKind.FINAL, final.id, first)
        course.rate_question(q2.id, 7, RatingKind.FINAL, final.id, second)
        course.save_words(final.id, "describe-child-again", None, first, "Calmer and chatty")
        course.save_words(final.id, "describe-child-again", None, second, "Gentler")
        course.set_future_goals(final.id, [("Read together every night", second)])
        family.finish_meeting(final.id)


def quit_vig(t: Tmux) -> None:
    t.keys("C-q")
    deadline = time.monotonic() + 10
    while t.alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not t.alive(), "vig did not quit"


@pytest.mark.parametrize("case", [PARENTS, SCHOOL], ids=["two-parents", "teacher-pupil"])
def test_closing_a_bent_course_in_the_installed_vig(tmp_path: Path, case: Case) -> None:
    root = tmp_path / "store"
    prepare(root, case)
    out = vig(
        root,
        "profile",
        "--name",
        "Dana Reyes",
        "--role",
        "VIG guider",
        "--contact",
        "dana@example.org",
        "--signature",
        "It was a joy to work with you.",
    )
    assert out.returncode == 0, out.stderr

    t = Tmux(f"vig-course-{case.mode.value}", root, width=110, height=40)
    try:
        t.wait_for(case.label)
        t.keys("Enter")
        t.wait_for("Next: Cycle 3 – filming")
        t.keys("f")
        t.wait_for("Cycles 3–4 were not filmed")
        t.type("Family chose to finish early")
        t.keys("Enter")
        t.wait_for("Part 1 of")  # the final meeting, opened
        quit_vig(t)
    finally:
        t.close()

    finish_in_store(root, case)
    t = Tmux(f"vig-course2-{case.mode.value}", root, width=110, height=40)
    try:
        t.wait_for(case.label)
        t.keys("Enter")
        t.wait_for("Journey complete")
        time.sleep(0.5)
        t.keys("o")
        t.wait_for("Erase films by")
        time.sleep(0.8)  # the date field takes the focus
        t.keys("End", *["BSpace"] * 10)
        time.sleep(0.5)
        t.type("2026-03-20")
        t.wait_for("2026-05-20")  # erase-by: two months later, offered
        time.sleep(0.5)
        t.keys("Tab", "Tab", "Tab", "Enter")  # erase-by, reason, then Close
        t.wait_for("Closed on 2026-03-20")
        t.keys("Escape")
        t.wait_for("Status: closed since 2026-03-20")
        quit_vig(t)
    finally:
        t.close()

    with Store.open(root, readonly=True) as store:
        record = store.read_family(store.resolve(case.label).id)
    assert record.family.status == FamilyStatus.CLOSED
    assert record.consent.erase_by == "2026-05-20"
    assert record.family.skipped_cycles == [2, 3, 4]
    assert record.family.skip_reasons["3"] == "Family chose to finish early"

    letter = vig(root, "export", "letter", case.label)
    assert letter.returncode == 0, letter.stderr
    text = letter.stdout
    first, second = case.adults
    assert "will be added at the final meeting" not in text
    assert "has no final rating" not in letter.stderr
    sign_off = text.split("With warm wishes,", 1)[1]
    for line in ("It was a joy to work with you.", "Dana Reyes", "VIG guider", "dana@example.org"):
        assert line in sign_off
    for words in (
        f"{first}: “Calmer and chatty”",
        f"{second}: “Gentler”",
        f"{second}: “Read together every night”",
        f"**{first}'s question: How can I help things stay calm?**",
        "at first it was “How do I stop the shouting?”",
    ):
        assert words in text, words
