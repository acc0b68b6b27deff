"""A family with two adults: each one's questionnaires and ratings are their own.

A questionnaire records who filled it in (asked as it starts, only when the
family names two or more adults); trends, change verdicts, safeguarding
alerts, exports and the service figures keep the adults apart. Ratings given
`by` an adult make that adult's own series; ratings given together (by None)
are a series of their own. Records from before keep reading as they did."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from textual.pilot import Pilot

from vig_tui.desk import service_overview
from vig_tui.domain import (
    Administration,
    Family,
    FamilyRecord,
    HelpingQuestion,
    Rating,
    RatingKind,
    Session,
    SessionKind,
)
from vig_tui.export.booklet import booklet_html
from vig_tui.export.letter import draft_letter
from vig_tui.export.outcomes_csv import outcomes_csv
from vig_tui.export.record import record_from_dict, record_markdown, record_to_dict
from vig_tui.flows import StepKind, questionnaire_steps
from vig_tui.outcomes import first_and_latest, score_administration
from vig_tui.outcomes.numbers import family_numbers
from vig_tui.outcomes.trends import Trend, family_trends
from vig_tui.packs.change import Reliable
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.dashboard import questionnaire_lines
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.widgets.ratings_chart import ratings_line

from .journey_helpers import PACKS, Players, make_app, screen_text
from .room_sentinels import plant, sentinel_packs
from .test_journey import go_to
from .test_room_walk import enter_room

INITIAL = Session(kind=SessionKind.INITIAL_MEETING, date="2026-01-10", completed=True)
FINAL = Session(kind=SessionKind.FINAL_MEETING, date="2026-04-20", completed=True)


def _phq9(each: int, item9: int = 0) -> dict[str, int | str | None]:
    """PHQ-9 answers: items 1–8 all `each`, item 9 `item9` (total 8 × each + item9)."""
    answers: dict[str, int | str | None] = {f"phq9-{i}": each for i in range(1, 9)}
    answers["phq9-9"] = item9
    return answers


def _adm(
    session: Session, stamp: str, answers: dict[str, int | str | None], who: str | None
) -> Administration:
    return Administration(
        questionnaire_id="phq9",
        version=str(PACKS.questionnaires["phq9"].version),
        timepoint="baseline" if session is INITIAL else "final",
        session_id=session.id,
        answers=answers,
        completed=True,
        at=stamp,
        respondent=who,
    )


def two_adults_record() -> FamilyRecord:
    """Sam goes 16 → 0 (better), Jo 0 → 17 with item 9 above 0 at the end (worse).
    Read as one person, the first and latest (Sam's 16, Jo's 17) would say 'no change'."""
    record = FamilyRecord(family=Family(label="Birch", adults=["Sam", "Jo"]))
    record.sessions = [INITIAL, FINAL]
    record.administrations = [
        _adm(INITIAL, "2026-01-10T10:00:00+00:00", _phq9(2), "Sam"),
        _adm(INITIAL, "2026-01-10T10:10:00+00:00", _phq9(0), "Jo"),
        _adm(FINAL, "2026-04-20T10:00:00+00:00", _phq9(0), "Sam"),
        _adm(FINAL, "2026-04-20T10:10:00+00:00", _phq9(2, item9=1), "Jo"),
    ]
    question = HelpingQuestion(text="How can we make bedtime calmer?")
    for value, by, kind, session in (
        (3, "Sam", RatingKind.START, INITIAL),
        (8, "Jo", RatingKind.START, INITIAL),
        (7, "Sam", RatingKind.FINAL, FINAL),
        (9, "Jo", RatingKind.FINAL, FINAL),
    ):
        question.ratings.append(Rating(value=value, kind=kind, session_id=session.id, by=by))
    shared = HelpingQuestion(text="How can we have more fun?", order=1)
    for value, kind, session in ((2, RatingKind.START, INITIAL), (6, RatingKind.FINAL, FINAL)):
        shared.ratings.append(Rating(value=value, kind=kind, session_id=session.id))  # together
    record.questions = [question, shared]
    return record


def _questionnaire_trends(record: FamilyRecord) -> list[Trend]:
    return [t for t in family_trends(record, PACKS) if t.kind == "questionnaire"]


def test_each_adult_has_their_own_questionnaire_trend_and_verdict() -> None:
    trends = _questionnaire_trends(two_adults_record())
    assert len(trends) == 2, "two people's PHQ-9s are two trends, not one"
    by_title = {t.title: t for t in trends}
    sam = next(t for title, t in by_title.items() if "Sam" in title)
    jo = next(t for title, t in by_title.items() if "Jo" in title)
    assert [p.value for p in sam.points] == [16, 0]
    assert [p.value for p in jo.points] == [0, 17]
    assert sam.change is not None and sam.change.reliable is Reliable.IMPROVED
    assert jo.change is not None and jo.change.reliable is Reliable.DETERIORATED
    assert "+17" in jo.verdict() and "-16" in sam.verdict()


def test_first_and_latest_are_per_adult_on_the_dashboard() -> None:
    record = two_adults_record()
    pairs = first_and_latest(PACKS, record)
    assert [(a.total, b.total if b else None) for a, b in pairs] == [(16, 0), (0, 17)]
    assert ["Sam" in a.title for a, _ in pairs] == [True, False]
    lines = questionnaire_lines(record, PACKS).plain
    # each adult's line carries the verdict of their own change
    assert "Sam: first 16/27" in lines and "Jo: first 0/27" in lines
    assert "reliable deterioration" in lines and "reliable improvement" in lines


def test_an_item_9_alert_names_whose_answer_it_was_once() -> None:
    record = two_adults_record()
    (line,) = [
        line for line in questionnaire_lines(record, PACKS).plain.splitlines() if "⚠" in line
    ]
    assert line.count("Jo") == 1 and "Sam" not in line, line


def test_ratings_by_two_adults_are_two_series_and_together_is_its_own() -> None:
    trends = [t for t in family_trends(two_adults_record(), PACKS) if t.kind == "question"]
    series = {t.title: [p.value for p in t.points] for t in trends}
    assert series == {
        "How can we make bedtime calmer? · Sam": [3, 7],
        "How can we make bedtime calmer? · Jo": [8, 9],
        "How can we have more fun?": [2, 6],  # all given together: one series, as before
    }


def test_ratings_given_together_beside_named_ones_are_their_own_series() -> None:
    record = two_adults_record()
    record.questions[0].ratings.append(
        Rating(value=5, kind=RatingKind.REVIEW, session_id=None, by=None)
    )
    titles = [t.title for t in family_trends(record, PACKS) if t.kind == "question"]
    assert "How can we make bedtime calmer? · together" in titles


def test_service_figures_count_each_adult_change_apart() -> None:
    ov = service_overview([two_adults_record()], PACKS)
    phq = next(q for q in ov.questionnaires if q.questionnaire_id == "phq9")
    assert phq.counts is not None
    assert (phq.counts.n, phq.counts.improved, phq.counts.deteriorated) == (2, 1, 1)
    assert sorted(zip(phq.firsts, phq.lasts, strict=True)) == [(0, 17), (16, 0)]
    assert sorted(ov.rating_firsts) == [2, 3, 8]


def test_exports_say_whose_and_the_service_export_never_names_them() -> None:
    record = two_adults_record()
    markdown = record_markdown(record, PACKS)
    assert markdown.count("filled in by Sam") == 2 and markdown.count("filled in by Jo") == 2
    text = outcomes_csv([record], PACKS)
    rows = list(csv.DictReader(io.StringIO(text)))
    people = [(r["kind"], r["total"], r["person"]) for r in rows if r["kind"] == "questionnaire"]
    assert people == [
        ("questionnaire", "16", "1"),
        ("questionnaire", "0", "2"),
        ("questionnaire", "0", "1"),
        ("questionnaire", "17", "2"),
    ]
    ratings = [(r["rating"], r["person"]) for r in rows if r["kind"] == "rating"]
    assert ratings == [("3", "1"), ("8", "2"), ("7", "1"), ("9", "2"), ("2", ""), ("6", "")]
    assert "Sam" not in text and "Jo" not in text
    kept = family_numbers(record, PACKS).deidentified()
    assert [t.person for t in kept.totals] == [1, 2, 1, 2]
    assert "Sam" not in str(kept.as_dict()) and "Jo" not in str(kept.as_dict())


def test_an_old_record_without_respondents_reads_as_before() -> None:
    record = two_adults_record()
    stored = record_to_dict(record)
    for adm in stored["administrations"]:
        adm.pop("respondent", None)  # written before this was asked
    old = record_from_dict(stored)
    assert all(adm.respondent is None for adm in old.administrations)
    (trend,) = _questionnaire_trends(old)  # nobody is guessed: one series, as it was
    assert trend.title == "PHQ-9" and [p.value for p in trend.points] == [16, 0, 0, 17]
    (alert,) = [a for adm in old.administrations for a in score_administration(PACKS, adm).alerts]
    assert "answered by" not in alert


def test_one_adult_is_asked_nothing_and_two_are_asked_who() -> None:
    session = Session(kind=SessionKind.INITIAL_MEETING, progress={"questionnaires": ["phq9"]})
    for adults in ([], ["Alex"]):
        record = FamilyRecord(family=Family(label="Oak", adults=adults), sessions=[session])
        steps = questionnaire_steps(PACKS, record, session, "Questionnaires", None)
        items = [s for s in steps if s.kind == StepKind.QUESTIONNAIRE_ITEM]
        assert len(items) == 10 and all(s.respondent is None for s in items)
        assert items[0].key == "qn:phq9:phq9-1", "one adult: the same steps as ever"
    record = FamilyRecord(family=Family(label="Elm", adults=["Sam", "Jo"]), sessions=[session])
    session.progress["respondents:phq9"] = ["Jo", "Sam"]
    steps = questionnaire_steps(PACKS, record, session, "Questionnaires", None)
    whose = [s.respondent for s in steps if s.kind == StepKind.QUESTIONNAIRE_ITEM]
    assert whose == ["Sam"] * 10 + ["Jo"] * 10, "each adult's own items, in the family's order"


def test_each_adult_answers_into_their_own_administration(store: Store) -> None:
    from vig_tui.services.session import FamilySession

    repo = store.create_family(Family(label="Ash", adults=["Sam", "Jo"]))
    family = FamilySession(store, repo)
    meeting = family.meeting_to_open(SessionKind.INITIAL_MEETING, None)
    version = str(PACKS.questionnaires["phq9"].version)
    family.choose_respondents(meeting.id, "phq9", ["Sam", "Jo"])
    family.answer(meeting.id, "phq9", version, "phq9-1", 3, None, "Sam")
    family.answer(meeting.id, "phq9", version, "phq9-1", 0, None, "Jo")
    saved = {a.respondent: a.answers for a in store.family(repo.id).record.administrations}
    assert saved == {"Sam": {"phq9-1": 3}, "Jo": {"phq9-1": 0}}


# -- in the meeting: asked plainly in the room, answered into each adult's own set ----------
async def _open_initial_meeting(pilot: Pilot[int], app: VigApp) -> MeetingScreen:
    """From Home, the only family's next step: the initial meeting (together)."""
    await pilot.pause()
    await pilot.press("enter")  # open the only family
    await pilot.pause()
    await pilot.press("enter")  # its next step: the initial meeting
    await pilot.pause()
    await pilot.pause()
    meeting = app.screen
    assert isinstance(meeting, MeetingScreen)
    return meeting


async def test_the_meeting_asks_who_and_keeps_each_adults_answers(store: Store) -> None:
    repo = store.create_family(Family(label="Hazel", adults=["Sam", "Jo"]))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _open_initial_meeting(pilot, app)
        assert app.together
        meeting.family.choose_questionnaires(meeting.session_id, ["phq9"])
        meeting.recompute_steps()
        await go_to(pilot, meeting, "qn:phq9")
        shown = screen_text(app)
        assert "Who is filling this in?" in shown and "Sam" in shown and "Jo" in shown
        app.screen.query_one("#respondent-choice").focus()
        await pilot.press("space", "down", "space")  # tick Sam, then Jo
        await pilot.pause()
        keys = [s.key for s in meeting.steps]
        assert "qn:phq9:phq9-9:Sam" in keys and "qn:phq9:phq9-9:Jo" in keys
        await go_to(pilot, meeting, "qn:phq9:phq9-9:Jo")
        assert "Jo's answers" in screen_text(app)
        await pilot.press("2")  # "several days" on item 9, by Jo
        await pilot.pause(0.4)
        (adm,) = repo.record.administrations
        assert (adm.respondent, adm.answers) == ("Jo", {"phq9-9": 1})
        visible = screen_text(app).lower()
        assert "answered by" not in visible and "harm" not in visible  # never in the room
        await pilot.press("f2")  # at the desk: the alert says whose answer it was
        await pilot.pause()
        titles = [str(n.message) for n in app._notifications if "safeguard" in str(n.title)]
        assert titles and all("answered by Jo" in t for t in titles)


async def test_one_adult_is_not_asked_who_in_the_meeting(store: Store) -> None:
    repo = store.create_family(Family(label="Rowan", adults=["Alex"]))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _open_initial_meeting(pilot, app)
        meeting.family.choose_questionnaires(meeting.session_id, ["phq9"])
        meeting.recompute_steps()
        await go_to(pilot, meeting, "qn:phq9")
        assert "Who is filling this in?" not in screen_text(app)
        assert not app.screen.query("#respondent-choice")
        await go_to(pilot, meeting, "qn:phq9:phq9-1")
        await pilot.press("1")
        await pilot.pause(0.4)
        (adm,) = repo.record.administrations
        assert adm.respondent is None


async def test_every_questionnaire_step_of_a_two_adult_final_meeting_is_room_safe(
    tmp_path: Path,
) -> None:
    """The planted family (two adults, item 9 answered above 0 by the first):
    every questionnaire step of its final meeting, each adult's items among
    them, shows no practitioner-only sentinel while the family is at the screen."""
    packs = sentinel_packs(tmp_path / "packs")
    with Store.open(tmp_path / "store") as store:
        family_id = plant(store)
        app = VigApp(store, packs=packs, player_factory=Players())
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            walk = await enter_room(app, pilot, family_id, "f")
            meeting = app.screen
            assert isinstance(meeting, MeetingScreen) and app.together
            keys = [s.key for s in meeting.steps]
            assert "qn:phq9:phq9-9:Robin" in keys, "the final meeting asks the same adult again"
            assert not any(k.startswith("qn:gad7:") for k in keys), "nobody guessed for gad7"
            meeting.family.choose_respondents(meeting.session_id, "gad7", ["Robin", "Kai"])
            meeting.recompute_steps()
            keys = [s.key for s in meeting.steps if s.key.startswith("qn:")]
            for key in keys:
                await go_to(pilot, meeting, key)
                await walk.check()  # no sentinel on screen or in a toast
            gad7 = len(packs.questionnaires["gad7"].items)
            assert len([k for k in keys if k.endswith(":Kai")]) == gad7
            assert len([k for k in keys if k.endswith(":Robin")]) == 10 + gad7


# -- what the family sees of a shared question each adult rated --------------------------------
def test_the_letter_gives_each_adult_their_own_first_and_latest() -> None:
    markdown = draft_letter(two_adults_record(), PACKS).markdown
    assert "- Sam: **3** out of 10 at the start, **7** most recently." in markdown
    assert "- Jo: **8** out of 10 at the start, **9** most recently." in markdown
    assert "put this at **3**" not in markdown and "put it at **9**" not in markdown
    assert "At the start you put this at **2** out of 10." in markdown  # together: as before


async def test_first_and_last_side_by_side_are_each_adults_own(store: Store) -> None:
    record = two_adults_record()
    record.family.label = "Hazel"
    record.sessions = [INITIAL]  # the final meeting is opened by the app
    for question in record.questions:
        question.ratings = [r for r in question.ratings if r.session_id == INITIAL.id]
    record.questions[0].ratings.append(Rating(value=6, kind=RatingKind.REVIEW, by="Sam"))
    store.create_family(record)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # open the only family
        await pilot.pause()
        await pilot.press("f")  # the final meeting (the cycles skipped)
        await pilot.pause()
        if not isinstance(app.screen, MeetingScreen):
            await pilot.press("tab", "enter")
            await pilot.pause()
            await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen) and app.together
        await go_to(pilot, meeting, "compare")
        shown = screen_text(app)
        assert "Sam: first 3  →  now 6" in shown and "Jo: first 8  →  now 8" in shown
        assert "  first 2  →  now 2" in shown, "rated together only: one line, as before"
        assert "first 3  →  now 8" not in shown, "never one adult's first beside another's now"


def test_the_booklet_draws_each_adults_own_start_and_end() -> None:
    def no_stills(_path: str) -> bytes:
        raise AssertionError("no stills here")

    page = booklet_html(two_adults_record(), PACKS, no_stills)
    for title, start, end in (
        ("How can we make bedtime calmer? · Sam", 3, 7),
        ("How can we make bedtime calmer? · Jo", 8, 9),
        ("How can we have more fun?", 2, 6),
    ):
        chart = page.split(f"<title>{title}</title>")[1].split("</svg>")[0]
        assert f">{start} of 10<" in chart and f">{end} of 10<" in chart


def test_the_dashboards_rating_line_draws_each_adult_apart() -> None:
    mixed, together = two_adults_record().questions
    assert ratings_line(mixed).plain == "Sam  3 ▂ ▆  7   Jo  8 ▆ ▇  9"
    assert ratings_line(together).plain == " 2 ▂ ▅  6", "rated together only: as before"


async def test_an_adults_name_is_shown_as_written_in_the_question(store: Store) -> None:
    store.create_family(Family(label="Yew", adults=["[red]Sam[/]", "Jo"]))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _open_initial_meeting(pilot, app)
        meeting.family.choose_questionnaires(meeting.session_id, ["phq9"])
        meeting.family.choose_respondents(meeting.session_id, "phq9", ["[red]Sam[/]"])
        meeting.recompute_steps()
        await go_to(pilot, meeting, "qn:phq9")
        assert "[red]Sam[/]" in screen_text(app)
        await go_to(pilot, meeting, "qn:phq9:phq9-1:[red]Sam[/]")
        assert "The answers from [red]Sam[/]" in screen_text(app)  # shown literally


def test_the_report_names_what_it_counts_people_not_families() -> None:
    """One family, two adults, each with their own PHQ-9 change: the reliable
    change table counts 2 people; a header saying "Families" would have read
    as two families."""
    from vig_tui.desk.report import report_html

    overview = service_overview([two_adults_record()], PACKS, include_demo=True)
    (phq9,) = overview.questionnaires
    assert phq9.counts is not None and phq9.counts.n == 2 and overview.families == 1
    html = report_html(overview, "2026-12-01")
    table = html.split("<h3>PHQ-9</h3>", 1)[1].split("<figure>", 1)[0]
    assert "<th>Families</th>" not in table
    assert "<th>People (each adult&#x27;s own answers)</th>" in table
