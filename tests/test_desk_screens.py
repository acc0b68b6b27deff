"""Pilot tests for the desk screens: search, timeline, letter, overview, practice log."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text
from textual.widgets import Button, Input, OptionList, SelectionList, Static, TextArea

from tests.test_desk_records import SECRETS, full_record
from vig_tui.export.letter import SIGN_HERE, current_letter
from vig_tui.packs import load_packs
from vig_tui.services.session import FamilySession
from vig_tui.store import Store
from vig_tui.store.practitioner import PractitionerLog
from vig_tui.ui.app import VigApp
from vig_tui.ui.dialogs.letter_export import LetterExportScreen
from vig_tui.ui.screens.letter import LetterScreen
from vig_tui.ui.screens.overview import OverviewScreen
from vig_tui.ui.screens.practitioner_log import PractitionerLogScreen, SupervisionEntryScreen
from vig_tui.ui.screens.search import SETTLE_S, SearchScreen
from vig_tui.ui.screens.timeline import TimelineScreen

PACKS = load_packs()


def _text(app: VigApp, selector: str) -> str:
    """What a Static shows, as plain text (tables and charts included)."""
    console = Console(width=400, file=io.StringIO(), record=True)
    console.print(app.screen.query_one(selector, Static).content)
    return console.export_text()


def _fill(store: Store) -> dict[str, str]:
    return {
        "rowan": store.create_family(full_record("Rowan family")).id,
        "birch": store.create_family(full_record("Birch family", final=False)).id,
    }


async def test_search_types_shows_highlights_and_opens_in_context(store: Store) -> None:
    ids = _fill(store)
    app = VigApp(store, packs=PACKS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(SearchScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert "Type to search 2 families" in _text(app, "#search-status")
        await pilot.press(*"whirl")
        results = screen.query_one("#search-results", OptionList)
        assert results.option_count == 2
        first = results.get_option_at_index(0).prompt
        assert isinstance(first, Text)
        assert "Birch family" in str(first) and "A whirlwind who never sits still." in str(first)
        assert any(
            "yellow" in str(span.style) and str(first)[span.start : span.end] == "whirl"
            for span in first.spans
        )
        assert "2 matches in 2 families" in _text(app, "#search-status")
        # keep typing: the list keeps up
        await pilot.press("space", *"zzz")
        assert results.option_count == 0 and "No matches" in _text(app, "#search-status")
        for _ in range(4):
            await pilot.press("backspace")
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        timeline = app.screen
        assert isinstance(timeline, TimelineScreen)
        assert timeline.family.id == ids["rowan"]
        detail = _text(app, "#timeline-detail")
        assert "Initial meeting" in detail and "A whirlwind who never sits still." in detail
        # Esc: straight back to the results as they were left (no detour by the
        # family's dashboard, the query kept, the same row highlighted)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#search-query", Input).value == "whirl"
        assert results.highlighted == 1  # the row opened, ready for ↓ from the box
        await pilot.press("down", "enter")  # the same result again
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen) and app.screen.family.id == ids["rowan"]


async def test_search_marks_private_results(store: Store) -> None:
    _fill(store)
    app = VigApp(store, packs=PACKS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(SearchScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*SECRETS["micro_note"][:12])
        prompt = str(
            app.screen.query_one("#search-results", OptionList).get_option_at_index(0).prompt
        )
        assert "private" in prompt and "Clip: micro-analysis" in prompt


async def test_timeline_filters_by_kind_cycle_and_words(store: Store) -> None:
    ids = _fill(store)
    app = VigApp(store, packs=PACKS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(TimelineScreen(FamilySession.open(store, ids["rowan"])))
        await pilot.pause()
        screen = app.screen
        events = screen.query_one("#timeline-events", OptionList)
        total = events.option_count
        assert total == len(screen.events) > 10  # type: ignore[attr-defined]
        assert (
            "phq-9"
            in " ".join(str(events.get_option_at_index(i).prompt) for i in range(total)).casefold()
        )
        await pilot.press("slash", *"puzzle")
        assert events.option_count == 2
        assert f"2 of {total} events" in _text(app, "#timeline-count")
        # private notes sit apart, in a block hidden when the family is at the screen
        events.highlighted = 0
        await pilot.pause()
        assert SECRETS["micro_note"] in _text(app, "#timeline-private")
        assert SECRETS["micro_note"] not in _text(app, "#timeline-detail")
        await pilot.press("escape")  # clears the filter first
        assert events.option_count == total
        screen.query_one("#timeline-kind").value = "rating"  # type: ignore[attr-defined]
        await pilot.pause()
        assert events.option_count == 6
        screen.query_one("#timeline-cycle").value = 1  # type: ignore[attr-defined]
        await pilot.pause()
        assert events.option_count == 2


async def test_letter_is_drafted_edited_autosaved_and_exported(
    store: Store, tmp_path: Path
) -> None:
    ids = _fill(store)
    repo = store.family(ids["birch"])
    app = VigApp(store, packs=PACKS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(LetterScreen(FamilySession(store, repo)))
        await pilot.pause()
        screen = app.screen
        area = screen.query_one("#letter-text", TextArea)
        assert "How can I help Mo settle at teatime?" in area.text
        assert "final meeting" in _text(app, "#letter-missing")
        for secret in SECRETS.values():
            assert secret not in area.text
        assert repo.record.letters == []  # a draft is not saved until it is changed
        # with no practitioner profile the letter ends on a line that is theirs to fill in
        assert area.text.rstrip().endswith(f"With warm wishes,\n{SIGN_HERE}")
        area.select_line(area.text.rstrip("\n").count("\n"))  # typing replaces that line
        await pilot.press(*"Alex")
        await pilot.pause(1.2)  # the autosave debounce
        saved = current_letter(store.read_family(ids["birch"]))
        assert saved is not None and saved.markdown.rstrip().endswith("With warm wishes,\nAlex")
        # the file on disk has it too
        with Store.open(store.root, readonly=True) as reader:
            on_disk = current_letter(reader.read_family(ids["birch"]))
        assert on_disk is not None and on_disk.markdown == saved.markdown
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LetterExportScreen)
        target = tmp_path / "letter.html"
        dialog.query_one("#export-folder", Input).value = str(tmp_path)
        dialog.query_one("#export-name", Input).value = "letter"
        dialog.query_one("#export-go", Button).press()
        await pilot.pause()
        assert app.screen is screen
        page = target.read_text("utf-8")
        assert "With warm wishes,<br>\nAlex</p>" in page and page.startswith("<!DOCTYPE html>")
        await pilot.press(*"!")
        await pilot.press("escape")  # leaving saves at once
        await pilot.pause()
    final = current_letter(Store.open(store.root, readonly=True).read_family(ids["birch"]))
    assert final is not None and final.markdown.rstrip().endswith("Alex!")
    assert len(store.read_family(ids["birch"]).letters) == 1


async def test_overview_shows_figures_and_charts(store: Store) -> None:
    _fill(store)
    app = VigApp(store, packs=PACKS)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(OverviewScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = _text(app, "#overview-status")
        assert "2 families: 2 open, 0 closed" in status and "2 cycles completed" in status
        ratings = _text(app, "#overview-ratings")
        assert "4 helping questions rated at least twice" in ratings
        assert "mean change +3.5 points" in ratings
        assert "█" in _text(app, "#overview-change-chart")
        questionnaires = _text(app, "#overview-questionnaires")
        assert "PHQ-9" in questionnaires and "-8.0" in questionnaires


async def test_practitioner_log_counts_stages_and_adds_supervision(store: Store) -> None:
    ids = _fill(store)
    app = VigApp(store, packs=PACKS)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(PractitionerLogScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        stages = _text(app, "#practice-stages")
        assert "Stage 1" in stages and "2/6 cycles, 2/2 new families" in stages
        supervision = _text(app, "#practice-supervision")
        assert SECRETS["guidance_reflection"] in supervision  # from each shared review
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SupervisionEntryScreen)
        dialog.query_one("#sup-date", Input).value = "2026-02-10"
        dialog.query_one("#sup-hours", Input).value = "1,5"
        await pilot.press(*"Talked about waiting")
        dialog.query_one("#sup-discussed", SelectionList).select(f"{ids['rowan']}:1")
        dialog.query_one("#sup-save", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, PractitionerLogScreen)
        supervision = _text(app, "#practice-supervision")
        assert "Supervision, 1.5 h – Rowan family cycle 1" in supervision
        assert "Talked about waiting" in supervision
        assert "1 supervision session, 1.5 hours" in _text(app, "#practice-status")
    entries = PractitionerLog(store.root).entries()
    assert [(e.date, e.hours, e.notes) for e in entries] == [
        ("2026-02-10", 1.5, "Talked about waiting")
    ]


async def test_supervision_entry_explains_a_bad_value(store: Store) -> None:
    app = VigApp(store, packs=PACKS)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(SupervisionEntryScreen([]))
        await pilot.pause()
        app.screen.query_one("#sup-hours", Input).value = "an hour"
        app.screen.query_one("#sup-save", Button).press()
        await pilot.pause()
        assert "Hours: write a number" in _text(app, "#sup-error")
        app.screen.query_one("#sup-hours", Input).value = "1"
        app.screen.query_one("#sup-date", Input).value = "yesterday"
        app.screen.query_one("#sup-save", Button).press()
        await pilot.pause()
        assert "Date" in _text(app, "#sup-error") and "YYYY-MM-DD" in _text(app, "#sup-error")


def test_every_desk_screen_has_help_and_is_a_practitioner_view() -> None:
    for screen in (
        SearchScreen,
        TimelineScreen,
        LetterScreen,
        OverviewScreen,
        PractitionerLogScreen,
    ):
        assert screen.TOGETHER is False
        assert screen.HELP.startswith("## ")


async def test_overview_counts_one_of_each_in_the_singular(store: Store) -> None:
    from vig_tui.desk.overview import ServiceOverview
    from vig_tui.outcomes.trends import change_rules
    from vig_tui.packs.change import ChangeCounts

    app = VigApp(store, packs=PACKS)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = OverviewScreen()
        app.push_screen(screen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        rating_rule, _ = change_rules(PACKS)
        assert rating_rule is not None
        ov = ServiceOverview(
            families=1,
            cycles_completed=1,
            journeys_completed=1,
            sessions_not_held={"cancelled": 1},
            erased=1,
            rating_firsts=[3],
            rating_lasts=[6],
            rating_rule=rating_rule,
            rating_counts=ChangeCounts(improved=1),
        )
        screen.show(ov)
        await pilot.pause()
        status = _text(app, "#overview-status")
        assert "1 family: " in status and "1 cycle completed" in status, status
        assert "1 journey finished" in status and "1 session cancelled" in status, status
        assert "1 family since erased" in status, status
        ratings = _text(app, "#overview-ratings")
        assert "1 helping question rated" in ratings, ratings
        assert f"at least {rating_rule.reliable_change:g} points" in ratings, ratings


async def test_back_on_search_a_new_word_replaces_the_last_query(store: Store) -> None:
    """Back from a result, the earlier results are still there, and the box has
    the last query selected: typing starts a new search, ↓ walks the results."""
    _fill(store)
    app = VigApp(store, packs=PACKS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(SearchScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        box = screen.query_one("#search-query", Input)
        results = screen.query_one("#search-results", OptionList)
        for leave in (("enter",), ("down", "down", "enter")):  # from the box, from the list
            await pilot.press(*"whirl", *leave)
            await pilot.pause()
            assert isinstance(app.screen, TimelineScreen)
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
            back: Any = app.screen
            assert back is screen and results.option_count == 2  # the earlier results
            assert app.focused is box and box.selected_text == "whirl", leave
        await pilot.press(*"still")
        assert box.value == "still"
        assert "still" in str(results.get_option_at_index(0).prompt).lower()
        await pilot.press("down")
        assert app.focused is results
        # left for Home and opened again with s: a new, empty search
        await pilot.press("escape", "s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        again: Any = app.screen
        assert isinstance(again, SearchScreen) and again is not screen
        fresh = again.query_one("#search-query", Input)
        focused: Any = app.focused  # (the press moved it)
        assert fresh.value == "" and focused is fresh
        assert "Type to search 2 families" in _text(app, "#search-status")


async def test_the_key_that_opens_search_is_never_typed_into_it(store: Store) -> None:
    """`s` on Home pressed twice (or held) once left an `s` in the new search
    box ("scalm"); typed after the screen has settled, an `s` is a letter."""
    _fill(store)
    app = VigApp(store, packs=PACKS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s", "s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        box = screen.query_one("#search-query", Input)
        assert app.focused is box and box.value == ""
        await pilot.press(*"calm")
        assert box.value == "calm"
        box.value = ""
        await pilot.pause(SETTLE_S + 0.1)
        await pilot.press(*"sleep")
        assert box.value == "sleep"
