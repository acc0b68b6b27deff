"""The installed `vig`, in tmux, for a family whose course bends, driven
through the screens as a practitioner would: on the course screen a 4th cycle
is added, cycle 2 is skipped, the initial meeting is back-dated and a
cancelled session is noted with its reason; from the dashboard the final
meeting is asked for, which first asks about the cycles not filmed; later the
family is closed with the erase-by date two months on; then `vig export
letter` is read as the family would get it. The store is read from disk after
each step. What happened before (the initial meeting, the first cycle, the
final meeting's ratings and words) is entered through the family session; the
Pilot walk in test_course_walk.py does those through the screens, for two
parents and for a teacher–pupil family."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from vig_tui.domain import Attendance, FamilyRecord, FamilyStatus, RatingKind, SessionKind
from vig_tui.services.session import FamilySession
from vig_tui.store import Store

from .test_course_walk import PARENTS, Case, seed
from .tmux_driver import VIG, Tmux

pytestmark = pytest.mark.tmux

CASE = PARENTS


@pytest.fixture(autouse=True)
def _private_tmux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A tmux server of our own, so nobody else's sessions of the same name clash."""
    folder = tmp_path / "tmux"
    folder.mkdir()
    monkeypatch.setenv("TMUX_TMPDIR", str(folder))
    yield
    server = f"vig-tests-{os.getpid()}"  # the driver's server name, under our folder only
    subprocess.run(["tmux", "-L", server, "kill-server"], capture_output=True, timeout=10)


def vig(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [VIG, "--data-dir", str(root), *args], capture_output=True, text=True, timeout=60
    )


def on_disk(root: Path) -> FamilyRecord:
    """The family as the store holds it now (read without the lock vig holds)."""
    with Store.open(root, readonly=True) as store:
        return store.read_family(store.resolve(CASE.label).id)


def finish_in_store(root: Path, case: Case) -> None:
    """The final meeting's ratings and words, each adult's own."""
    first, second = case.adults
    with Store.open(root) as store:
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


def on_disk_when(root: Path, ready: Callable[[FamilyRecord], bool]) -> FamilyRecord:
    """The record on disk once `ready` holds for it (the app saves as the key
    is handled; a busy machine may take a moment)."""
    deadline = time.monotonic() + 15
    record = on_disk(root)
    while not ready(record) and time.monotonic() < deadline:
        time.sleep(0.2)
        record = on_disk(root)
    return record


def press_until(t: Tmux, key: str, text: str, tries: int = 4) -> None:
    """Press `key` until `text` shows (a key sent while a screen is still
    being built can be lost on a busy machine)."""
    for _ in range(tries):
        t.keys(key)
        try:
            t.wait_for(text, timeout=5)
            return
        except AssertionError:
            continue
    t.wait_for(text, timeout=1)


def tabs(t: Tmux, n: int = 1) -> None:
    """Move the focus on `n` fields, and let it land before typing (keys typed
    while a busy machine is still moving the focus can go astray)."""
    t.keys(*["Tab"] * n)
    time.sleep(0.5)


def fill_in(t: Tmux, text: str, shows: str | None = None) -> None:
    """Replace what the focused box holds with `text`, and see it arrive there
    (`shows`: what the screen then shows); once more if it did not."""
    for _ in range(3):
        t.keys("End", *["BSpace"] * 12)
        t.type(text)
        try:
            t.wait_for(shows or text, timeout=4)
            return
        except AssertionError:
            continue
    t.wait_for(shows or text, timeout=1)


def quit_vig(t: Tmux) -> None:
    t.keys("C-q")
    deadline = time.monotonic() + 10
    while t.alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not t.alive(), "vig did not quit"


def test_a_bent_course_through_the_screens_of_the_installed_vig(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        family = seed(store, CASE)
        q1 = family.record.active_questions()[0]
        family.course.reword_question(q1.id, "How can I help things stay calm?")
    initial = on_disk(root).sessions_of(SessionKind.INITIAL_MEETING)[0]
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

    t = Tmux("vig-course", root, width=110, height=40)
    try:
        t.wait_for(CASE.label)
        press_until(t, "Enter", "Next: Cycle 2 – filming")
        press_until(t, "o", f"{CASE.label} – course")
        t.wait_for("Status: active")
        time.sleep(0.5)  # the closing date has the focus

        # cycle 2 is not filmed, and a 4th cycle is added: Tab past the status
        # fields and buttons (an active family is offered Close and Pause, not Reopen)
        # to the cycle's number and why, then Add, then Skip
        tabs(t, 5)
        fill_in(t, "2", shows="Cycle ▊  2 ")
        tabs(t)
        fill_in(t, "Away for a month")
        tabs(t)
        t.keys("Enter")
        t.wait_for("Cycle 4: to film")
        assert on_disk_when(root, lambda r: r.family.planned_cycles == 4).family.planned_cycles == 4
        tabs(t)
        t.keys("Enter")
        t.wait_for("Cycle 2: skipped – Away for a month")
        record = on_disk_when(root, lambda r: bool(r.family.skipped_cycles))
        assert record.family.skipped_cycles == [2]
        assert record.family.skip_reasons == {"2": "Away for a month"}

        # the initial meeting was held on paper in January: the first meeting in the list
        tabs(t, 3)  # Film after all, Remove, then the list of meetings and films
        t.keys("Enter")  # the list opens on its blank line
        time.sleep(0.5)
        t.keys("Down", "Enter")  # the line after it: the initial meeting
        t.wait_for("  Initial", timeout=5)
        time.sleep(1.0)  # the list closes and gives the focus back
        tabs(t)
        fill_in(t, "2026-01-05")
        tabs(t)
        t.keys("Enter")
        t.wait_for("2026-01-05  Initial")
        dated = on_disk_when(root, lambda r: r.session(initial.id) != initial).session(initial.id)
        assert dated is not None and dated.date == "2026-01-05"

        # cycle 2's review was cancelled in February (a shared review, cancelled: the defaults)
        tabs(t, 2)
        fill_in(t, "2", shows="▎▊  2 ")
        tabs(t)
        fill_in(t, "2026-02-15")
        tabs(t, 2)
        fill_in(t, "Snowed in")
        tabs(t)
        t.keys("Enter")
        t.wait_for("cancelled – Snowed in")
        (missed,) = on_disk_when(root, lambda r: bool(r.not_held())).not_held()
        assert (missed.kind, missed.cycle, missed.date) == (
            SessionKind.SHARED_REVIEW,
            2,
            "2026-02-15",
        )
        assert (missed.attendance, missed.attendance_reason) == (Attendance.CANCELLED, "Snowed in")

        # the family wants to finish: the final meeting asks about cycles 3–4 first
        press_until(t, "Escape", "Next: Cycle 3 – filming")
        press_until(t, "f", "Cycles 3–4 were not filmed")
        t.type("Family chose to finish early")
        t.keys("Enter")
        t.wait_for("Part 1 of")  # the final meeting, opened
        record = on_disk(root)
        assert record.family.skipped_cycles == [2, 3, 4]
        assert record.family.skip_reasons["3"] == "Family chose to finish early"
        assert len(record.sessions_of(SessionKind.FINAL_MEETING)) == 1
        quit_vig(t)
    finally:
        t.close()

    finish_in_store(root, CASE)
    t = Tmux("vig-course-close", root, width=110, height=40)
    try:
        # vig was quit in the room (the final meeting was open): it opens in the
        # room again, and the practitioner goes back to the desk the usual way
        t.wait_for("Thank you")
        press_until(t, "F2", "Back to the practitioner's desk?")
        t.type("desk")
        t.keys("Enter")
        t.wait_for(CASE.label)
        press_until(t, "Enter", "Complete – ")
        press_until(t, "o", f"{CASE.label} – course")
        time.sleep(0.8)  # the date field takes the focus
        fill_in(t, "2026-03-20")
        t.wait_for("2026-05-20")  # erase-by: two months later, offered
        tabs(t, 3)  # reason, erase-by, then Close
        t.keys("Enter")
        t.wait_for("You can reopen it later")  # asked once; staying open is the default
        tabs(t)
        t.keys("Enter")
        t.wait_for("Closed on 2026-03-20")
        record = on_disk(root)
        assert record.family.status == FamilyStatus.CLOSED
        assert record.family.closed_on == "2026-03-20"
        assert record.consent.erase_by == "2026-05-20"
        press_until(t, "Escape", "Status: closed since 2026-03-20")
        quit_vig(t)
    finally:
        t.close()

    letter = vig(root, "export", "letter", CASE.label)
    assert letter.returncode == 0, letter.stderr
    text = letter.stdout
    first, second = CASE.adults
    assert "will be added at the final meeting" not in text
    assert "has no final rating" not in letter.stderr
    sign_off = text.split("It was a joy to work with you.", 1)[1]  # closes with their line
    for line in ("Dana Reyes", "VIG guider", "dana@example.org"):
        assert line in sign_off
    for words in (
        f"{first}: “Calmer and chatty”",
        f"{second}: “Gentler”",
        f"{second}: “Read together every night”",
        f"**{first}'s question: How can I help things stay calm?**",
        "at first it was “How do I stop the shouting?”",
    ):
        assert words in text, words
