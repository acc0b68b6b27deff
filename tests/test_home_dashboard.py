"""Pilot tests of Home, the new-family form, the dashboard and the recovery screen."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from vig_tui.domain import Family
from vig_tui.store import Store
from vig_tui.ui.dialogs.new_family import NewFamilyScreen
from vig_tui.ui.dialogs.recovery import RecoveryScreen
from vig_tui.ui.screens.dashboard import DashboardScreen
from vig_tui.ui.screens.home import HomeScreen

from .journey_helpers import add_demo, make_app, screen_text


async def test_empty_store_welcomes_and_adds_the_demo_once(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Welcome to vig" in screen_text(app)
        await pilot.click("#add-demo")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert "Demo – Robin and Sam" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("d")  # again: nothing new
        await pilot.pause()
    assert [s.label for s in store.summaries()] == ["Demo – Robin and Sam"]


async def test_the_demo_family_asked_for_again_is_said_to_be_there_already(
    store: Store,
) -> None:
    """`d` a second time does not say "Added" again: the family was there already,
    and it opens."""
    app = make_app(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert [n.title for n in app._notifications] == ["Added"]
        app.clear_notifications()
        await pilot.press("escape")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        said = [(n.title, n.message) for n in app._notifications]
        assert said == [("Already here", "The demo family was added before; here it is.")], said
    assert len(store.summaries()) == 1


async def test_filter_narrows_the_list(store: Store) -> None:
    for label in ("Ash", "Birch", "Cedar"):
        store.create_family(Family(label=label))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#families", DataTable)
        assert table.row_count == 3
        await pilot.press("slash")
        await pilot.press(*"bir")
        await pilot.pause()
        assert table.row_count == 1
        assert "1 of 3 families match" in screen_text(app)
        await pilot.press("enter")  # from the filter to the list
        await pilot.press("enter")  # open Birch
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.record.family.label == "Birch"


async def test_down_from_the_filter_goes_into_the_list(store: Store) -> None:
    for label in ("Ash", "Birch", "Cedar"):
        store.create_family(Family(label=label))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "a")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "filter"
        await pilot.press("down")
        await pilot.pause()
        assert isinstance(app.focused, DataTable) and app.focused.id == "families"
        assert app.screen.query_one("#filter", Input).value == "a"


async def test_a_wider_terminal_shows_a_long_label_whole_and_keeps_the_cursor(
    store: Store,
) -> None:
    """At 80 columns a long label gives way ("…") so the next step stays whole;
    the terminal made wider, the label column is measured again (it stayed cut),
    and the cursor stays on the family it was on."""
    long = "The Oakwood-Hamilton family with their twins and grandmother"
    for label in ("Ash", long, "Cedar"):
        store.create_family(Family(label=label, children=[]))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#families", DataTable)
        table.move_cursor(row=2)
        chosen = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        await pilot.pause()
        assert long not in screen_text(app)
        await pilot.resize_terminal(160, 30)
        for _ in range(3):
            await pilot.pause()
        assert long in screen_text(app)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key == chosen
        await pilot.resize_terminal(80, 24)
        for _ in range(3):
            await pilot.pause()
        assert long not in screen_text(app) and "…" in screen_text(app)


def form_error(form: NewFamilyScreen) -> str:
    return str(form.query_one("#form-error", Static).content)


async def test_new_family_form_explains_bad_input(store: Store) -> None:
    store.create_family(Family(label="Hazel"))
    app = make_app(store)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NewFamilyScreen)
        await pilot.press("enter")
        assert "Please give the family a label" in form_error(form)
        form.query_one("#label", Input).value = "hazel"
        await pilot.press("enter")
        assert "already exists" in form_error(form)
        form.query_one("#label", Input).value = "Holly"
        form.query_one("#children", Input).value = "Sam 3x"
        form.query_one("#label", Input).focus()
        await pilot.press("enter")
        assert "could not read the age" in form_error(form)
        form.query_one("#children", Input).value = "Sam 3, Mia 18m"
        form.query_one("#label", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    holly = store.family(store.resolve("Holly").id).record.family
    assert [(c.name, c.age_years, c.age_months) for c in holly.children] == [
        ("Sam", 3, None),
        ("Mia", 1, 6),
    ]


async def test_dashboard_shows_ratings_cycles_scores_and_consent(store: Store) -> None:
    family_id = add_demo(store)
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        text = screen_text(app)
        assert "Next: Cycle 2 – filming" in text
        assert "How can I help Sam when big feelings take over?" in text
        assert "hoping for 8" in text
        assert "Cycle 1" in text and "reviewed" in text and "2 clips" in text
        assert "PHQ-9: first 8/27 mild" in text  # practitioner view only
        assert "signed" in text and "filming" in text


async def test_corrupt_family_file_offers_the_backup(store: Store) -> None:
    repo = store.create_family(Family(label="Juniper"))
    repo.save(Family(**{**repo.record.family.model_dump(), "referrer": "GP"}))
    family_id, path = repo.id, repo.path
    store.close()
    path.write_bytes(b"{torn")
    reopened = Store.open(store.root)
    app = make_app(reopened)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, RecoveryScreen)
            text = screen_text(app)
            assert "record.json" in text and "left exactly as it is" in text
            assert path.read_bytes() == b"{torn"
            await pilot.click("#restore")
            await pilot.pause()
            app.open_family(family_id)
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
    finally:
        reopened.close()
    assert path.with_name("record.json.corrupt-1").read_bytes() == b"{torn"


async def test_a_finished_course_says_so_whole_in_the_list_at_80_columns(store: Store) -> None:
    """At 80 columns the list cut "Journey complete – letter wri…" mid-word."""
    from vig_tui.demo import build_demo_record
    from vig_tui.domain import Session, SessionKind
    from vig_tui.domain.journey import next_step
    from vig_tui.domain.reflections import EndingLetter

    record = build_demo_record()
    record.sessions.append(Session(kind=SessionKind.FINAL_MEETING, completed=True))
    record.letters.append(EndingLetter(markdown="Dear Robin, ..."))
    store.create_family(record)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert next_step(record).text in screen_text(app)  # whole
