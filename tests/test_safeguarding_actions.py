"""A safeguarding alert is dealt with, not shown for ever.

The dashboard lists each alert an answer raised (PHQ-9 item 9 above "not at
all"). At the desk the practitioner records what they did about it and the
day (`s`): it is kept in the record (an atomic save through the services
layer), and the alert is then listed as dealt with rather than as open.
The room never shows it (see room_sentinels.py: the words are planted there).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from textual.widgets import Input

from vig_tui.domain import Administration, Family
from vig_tui.domain.reflections import MAX_ACTION
from vig_tui.export.record import record_markdown
from vig_tui.outcomes import raised_alerts
from vig_tui.services.session import FamilySession, ReadingBack
from vig_tui.store import Store
from vig_tui.ui.dialogs.safeguarding import AlertActionScreen
from vig_tui.ui.screens.dashboard import DashboardScreen, questionnaire_lines

from .journey_helpers import PACKS, make_app, screen_text
from .room_sentinels import ACTED_ON, plant

DID = "Talked it through with Jo; Jo agreed to see the GP on Friday"
#: the day Jo's answers raised the alert (a week ago)
RAISED = (date.today() - timedelta(days=7)).isoformat()


def family_with_an_alert(store: Store, adults: list[str] | None = None) -> FamilySession:
    """Jo answered PHQ-9 question 9 "several days" (with Sam, when two adults)."""
    adults = adults or ["Jo"]
    repo = store.create_family(Family(label="Rowan", adults=adults))
    answers: dict[str, int | str | None] = {f"phq9-{n}": 0 for n in range(1, 9)}
    repo.record.administrations.append(
        Administration(
            questionnaire_id="phq9",
            version=str(PACKS.questionnaires["phq9"].version),
            timepoint="baseline",
            answers=answers | {"phq9-9": 1},
            completed=True,
            respondent="Jo" if len(adults) > 1 else None,
            at=f"{RAISED}T10:00:00+00:00",
        )
    )
    repo.save(repo.record.administrations[0])
    return FamilySession.open(store, repo.id)


async def alert_dialog(pilot: Any, family_id: str) -> AlertActionScreen:
    """The family's dashboard, and `s` on it: the dialog for an alert."""
    pilot.app.open_family(family_id)
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, AlertActionScreen)
    return dialog


def test_what_was_done_is_kept_and_the_alert_is_dealt_with(store: Store) -> None:
    family = family_with_an_alert(store)
    (alert,) = raised_alerts(PACKS, family.record)
    assert not alert.dealt_with
    before = questionnaire_lines(family.record, PACKS).plain
    assert "⚠" in before and "Dealt with" not in before
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    family.safeguarding.record_action(
        alert.administration_id, alert.alert_id, f"  {DID}\n", yesterday
    )
    on_disk = store.family(family.id).record
    assert on_disk == family.record, "memory never runs ahead of disk"
    (done,) = on_disk.administrations[0].acted_on
    assert (done.alert_id, done.action, done.on) == (alert.alert_id, DID, yesterday)
    (alert,) = raised_alerts(PACKS, on_disk)
    assert alert.dealt_with
    after = questionnaire_lines(on_disk, PACKS).plain
    assert "⚠" not in after and f"✓ Dealt with on {yesterday}: {DID}" in after
    assert "Question 9" in after, "which alert it was stays listed"
    assert "Talk with the parent about it today" not in after, "no advice for the day once done"
    assert f"Alert {alert.alert_id} dealt with on {yesterday}" in record_markdown(on_disk)
    # recorded again, it is corrected: one account per alert
    family.safeguarding.record_action(
        alert.administration_id, alert.alert_id, "Rang the GP", yesterday
    )
    assert [a.action for a in family.record.administrations[0].acted_on] == ["Rang the GP"]


def test_a_worse_answer_after_it_was_dealt_with_raises_the_alert_again(store: Store) -> None:
    """Dealt with on Jo's "several days"; then question 9 is answered again,
    "nearly every day": the account was about other answers, so the alert is
    open again (it stayed "dealt with", and the meeting warned no one)."""
    family = family_with_an_alert(store)
    (alert,) = raised_alerts(PACKS, family.record)
    today = date.today().isoformat()
    family.safeguarding.record_action(alert.administration_id, alert.alert_id, DID, today)

    def answered(**changes: int | str) -> bool:
        repo = store.family(family.id)
        adm = repo.record.administrations[0].model_copy(deep=True)
        adm.answers |= changes
        repo.save(adm)
        (again,) = raised_alerts(PACKS, store.family(family.id).record)
        return again.dealt_with

    assert answered(**{"phq9-9": 1}), "the same answers saved again change nothing"
    assert not answered(**{"phq9-9": 3}), "a worse answer: open again"
    lines = questionnaire_lines(store.family(family.id).record, PACKS).plain
    assert "⚠" in lines and "Dealt with" not in lines


@pytest.mark.parametrize(
    ("action", "on", "problem"),
    [
        ("   ", date.today().isoformat(), "say in a few words"),
        ("x" * (MAX_ACTION + 1), date.today().isoformat(), f"{MAX_ACTION} characters"),
        (DID, (date.today() + timedelta(days=1)).isoformat(), "in the future"),
        (DID, "last Friday", "YYYY-MM-DD"),
        (
            DID,
            (date.today() - timedelta(days=8)).isoformat(),
            f"before the alert was raised on {RAISED}",
        ),
    ],
)
def test_a_bad_account_is_refused_and_nothing_is_written(
    store: Store, action: str, on: str, problem: str
) -> None:
    family = family_with_an_alert(store)
    (alert,) = raised_alerts(PACKS, family.record)
    with pytest.raises(ValueError, match=problem):
        family.safeguarding.record_action(alert.administration_id, alert.alert_id, action, on)
    assert store.family(family.id).record.administrations[0].acted_on == []
    assert family.record.administrations[0].acted_on == []


def test_a_family_read_back_cannot_change_it(store: Store) -> None:
    family = family_with_an_alert(store)
    (alert,) = raised_alerts(PACKS, family.record)
    with pytest.raises(ReadingBack):
        family.reading_back().safeguarding.record_action(
            alert.administration_id, alert.alert_id, DID, date.today().isoformat()
        )


def test_the_alert_names_the_adult_once(store: Store) -> None:
    family = family_with_an_alert(store, ["Sam", "Jo"])
    (line,) = [x for x in questionnaire_lines(family.record, PACKS).plain.splitlines() if "⚠" in x]
    assert line.count("Jo") == 1 and "Sam" not in line, line


async def test_s_on_the_dashboard_records_it(store: Store) -> None:
    family = family_with_an_alert(store)
    app = make_app(store)
    async with app.run_test(size=(100, 36)) as pilot:
        app.open_family(family.id)
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert "s: record what you did" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, AlertActionScreen)
        shown = screen_text(app)
        assert f"Raised on {RAISED}" in shown, "the dialog says when the alert was raised"
        assert app.screen.query_one("#acted-on", Input).value == date.today().isoformat()
        await pilot.press("enter")  # nothing typed: refused, the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, AlertActionScreen)
        assert "Say in a few words" in screen_text(app)
        await pilot.press(*"[bold]Rang[/] the GP", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        text = screen_text(app)
        assert f"✓ Dealt with on {date.today().isoformat()}: [bold]Rang[/] the GP" in text
        assert "⚠" not in text
        on_disk = store.family(family.id).record
        assert [a.action for a in on_disk.administrations[0].acted_on] == ["[bold]Rang[/] the GP"]
        await pilot.press("s")  # nothing left open: the entry kept may be corrected
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AlertActionScreen)
        assert dialog.query_one("#acted-what", Input).value == "[bold]Rang[/] the GP"
        assert dialog.query_one("#acted-on", Input).value == date.today().isoformat()
        box = dialog.query_one("#acted-on", Input)
        box.value = RAISED
        box.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        (done,) = store.family(family.id).record.administrations[0].acted_on
        assert (done.action, done.on) == ("[bold]Rang[/] the GP", RAISED)


def test_the_room_walks_plant_an_account_where_the_desk_shows_it(store: Store) -> None:
    """The room walks (test_room_walk.py, test_room_tmux.py) look for this
    sentinel on every room screen: it is planted where the desk shows it."""
    record = store.family(plant(store)).record
    assert ACTED_ON in questionnaire_lines(record, PACKS).plain


def test_a_meeting_no_longer_reminds_of_an_alert_dealt_with(store: Store) -> None:
    from vig_tui.domain import SessionKind
    from vig_tui.ui.screens.meeting.progress import pending_alerts

    family = family_with_an_alert(store)
    meeting = family.meeting_to_open(SessionKind.INITIAL_MEETING, None)
    version = str(PACKS.questionnaires["phq9"].version)
    adm = family.answer(meeting.id, "phq9", version, "phq9-9", 2)  # said in this meeting
    assert pending_alerts(PACKS, family.record, meeting.id, [], 0)
    (alert,) = [a for a in raised_alerts(PACKS, family.record) if a.administration_id == adm.id]
    family.safeguarding.record_action(adm.id, alert.alert_id, DID, date.today().isoformat())
    assert pending_alerts(PACKS, family.record, meeting.id, [], 0) == []


async def test_with_several_alerts_the_one_chosen_is_the_one_dealt_with(store: Store) -> None:
    from vig_tui.domain import SessionKind
    from vig_tui.ui.widgets.literal_select import LiteralSelect

    family = family_with_an_alert(store)
    version = str(PACKS.questionnaires["phq9"].version)
    meeting = family.meeting_to_open(SessionKind.FINAL_MEETING, None)
    later = family.answer(meeting.id, "phq9", version, "phq9-9", 3)
    first, second = raised_alerts(PACKS, family.record)
    app = make_app(store)
    async with app.run_test(size=(100, 36)) as pilot:
        dialog = await alert_dialog(pilot, family.id)
        dialog.query_one("#acted-alert", LiteralSelect).value = 1
        dialog.query_one("#acted-what").focus()
        await pilot.press(*"Rang the GP", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    left_open = [
        a for a in raised_alerts(PACKS, store.family(family.id).record) if not a.dealt_with
    ]
    assert [a.administration_id for a in left_open] == [first.administration_id]
    assert second.administration_id == later.id


async def test_a_paste_too_long_is_kept_in_the_box_and_said(store: Store) -> None:
    """A 501-character paste into "What you did" vanished whole, with no word
    why: it stays in the box, and keeping it says how long it may be."""
    from textual import events

    family = family_with_an_alert(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await alert_dialog(pilot, family.id)
        box = dialog.query_one("#acted-what", Input)
        box.focus()
        box.post_message(events.Paste("x" * (MAX_ACTION + 1)))
        await pilot.pause()
        assert len(box.value) == MAX_ACTION + 1
        await pilot.click("#acted-keep")
        await pilot.pause()
        assert app.screen is dialog
        assert f"{MAX_ACTION} characters" in screen_text(app)
        assert not store.family(family.id).record.administrations[0].acted_on
