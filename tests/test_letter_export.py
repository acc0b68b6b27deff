"""The letter export dialog: the focus can be seen, Enter never writes the file
by itself, the folder is asked for (never the home folder by default) and
remembered, and the messages are in plain words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Input, Select

from vig_tui.services.profile import practitioner_profile
from vig_tui.store import Store

from .journey_helpers import add_demo, make_app, screen_text


async def settle(pilot: Any) -> None:
    for _ in range(3):
        await pilot.pause()


async def open_export(app: Any, pilot: Any, family_id: str) -> Any:
    await settle(pilot)
    app.open_family(family_id)
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    await pilot.press("ctrl+e")
    await settle(pilot)
    assert type(app.screen).__name__ == "LetterExportScreen", screen_text(app)
    return app.screen


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


async def test_enter_never_exports_and_the_folder_is_asked_for(tmp_path: Path, home: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await open_export(app, pilot, family_id)
            # Enter in each text box moves on; nothing is written anywhere
            for _ in range(3):
                await pilot.press("enter")
                await settle(pilot)
                if app.screen is not dialog:
                    break
            assert list(home.iterdir()) == [], "Enter exported to the home folder"
            if app.screen is dialog:
                # the Export button, pressed with no folder given, asks for one
                dialog.query_one("#export-go", Button).press()
                await settle(pilot)
                text = screen_text(app)
                assert "Choose a folder" in text, text
                assert list(home.iterdir()) == []


async def test_the_focus_is_always_on_something_visible(tmp_path: Path, home: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await open_export(app, pilot, family_id)
            seen = []
            for _ in range(7):
                focused = app.focused
                assert isinstance(focused, Input | Select | Button), f"focus on {focused!r}"
                seen.append(focused.id)
                await pilot.press("tab")
                await settle(pilot)
            assert {"export-format", "export-go", "export-cancel"} <= set(seen), seen
            assert app.screen is dialog


async def test_the_last_folder_is_offered_next_time(tmp_path: Path, home: Path) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await open_export(app, pilot, family_id)
            dialog.query_one("#export-folder", Input).value = "letters"  # not a full path
            dialog.query_one("#export-go", Button).press()
            await settle(pilot)
            text = screen_text(app)
            assert "whole folder path" in text and "-o" not in text, text
            dialog.query_one("#export-folder", Input).value = str(letters)
            dialog.query_one("#export-go", Button).press()
            await settle(pilot)
            written = list(letters.iterdir())
            assert [p.suffix for p in written] == [".html"], written
            assert practitioner_profile(store).export_folder == str(letters)
            await pilot.press("ctrl+e")
            await settle(pilot)
            again = app.screen
            assert again.query_one("#export-folder", Input).value == str(letters)
            assert app.focused is again.query_one("#export-name", Input)


async def test_the_focus_shows_without_colour(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        app = make_app(store)
        assert app.no_color
        async with app.run_test(size=(80, 24)) as pilot:
            await open_export(app, pilot, family_id)
            assert app.focused is not None and app.focused.id == "export-folder"
            text = screen_text(app)
            rounded = [line for line in text.splitlines() if "╭" in line and "Export" not in line]
            # the dialog's own frame, and the one box that has the focus
            assert len(rounded) == 2, text
            await pilot.press("tab")
            await settle(pilot)
            assert app.focused is not None and app.focused.id == "export-name"
            assert text != screen_text(app)


async def test_an_existing_file_is_replaced_only_when_asked(tmp_path: Path, home: Path) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await open_export(app, pilot, family_id)
            name = dialog.query_one("#export-name", Input).value
            other = letters / name
            other.write_text("another family's letter")
            dialog.query_one("#export-folder", Input).value = str(letters)
            dialog.query_one("#export-go", Button).press()
            await settle(pilot)
            text = screen_text(app)
            assert f"There is already a file called {name}" in text, text
            assert "Replace it?" in text
            await pilot.press("enter")  # Enter on its own keeps the file
            await settle(pilot)
            assert other.read_text() == "another family's letter"
            assert app.screen is dialog
            dialog.query_one("#export-go", Button).press()
            await settle(pilot)
            app.screen.query_one("#replace-go", Button).press()
            await settle(pilot)
            assert other.read_text() != "another family's letter"
            assert app.screen is not dialog


async def test_an_old_message_goes_once_a_folder_is_typed(tmp_path: Path, home: Path) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await open_export(app, pilot, family_id)
            dialog.query_one("#export-go", Button).press()
            await settle(pilot)
            assert "Choose a folder" in screen_text(app)
            dialog.query_one("#export-folder", Input).focus()
            await pilot.press(*str(letters))
            await settle(pilot)
            assert "Choose a folder" not in screen_text(app)


async def test_the_letter_can_be_saved_as_a_pdf_from_the_dialog(tmp_path: Path, home: Path) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await open_export(app, pilot, family_id)
            dialog.query_one("#export-format", Select).value = "pdf"
            await settle(pilot)
            assert dialog.query_one("#export-name", Input).value.endswith(".pdf")
            dialog.query_one("#export-folder", Input).value = str(letters)
            dialog.query_one("#export-go", Button).press()
            await settle(pilot)
            await app.workers.wait_for_complete()
            await settle(pilot)
            assert type(app.screen).__name__ == "LetterScreen", screen_text(app)
    written = list(letters.iterdir())
    assert [p.suffix for p in written] == [".pdf"], written
    assert written[0].read_bytes().startswith(b"%PDF")
    assert written[0].stat().st_mode & 0o077 == 0


async def test_a_pdf_still_being_made_when_the_dialog_closes_is_written_and_said(
    tmp_path: Path, home: Path
) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        app = make_app(store)
        said: list[str] = []
        real_notify = app.notify

        def notify(message: str, **kwargs: Any) -> None:
            said.append(message)
            real_notify(message, **kwargs)

        app.notify = notify  # type: ignore[method-assign]
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await open_export(app, pilot, family_id)
            dialog.query_one("#export-format", Select).value = "pdf"
            await settle(pilot)
            dialog.query_one("#export-folder", Input).value = str(letters)
            dialog.query_one("#export-go", Button).press()
            await pilot.press("escape")  # closed while the PDF is being made
            await app.workers.wait_for_complete()
            await settle(pilot)
            assert type(app.screen).__name__ == "LetterScreen", screen_text(app)
    written = list(letters.iterdir())
    assert [p.suffix for p in written] == [".pdf"], written
    assert any(m.startswith("Written to ") and m.endswith(".pdf") for m in said), said


async def test_the_export_says_what_is_not_written_yet(tmp_path: Path, home: Path) -> None:
    """A fresh draft still holds its place for the practitioner's name and role:
    the export box says so, where the file is made (the letter went to the
    family with "[Your name and role: …]" in it, the warning only at the top
    of the letter screen)."""
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_export(app, pilot, family_id)
            text = " ".join(screen_text(app).split())
            assert "Not written yet: your name and role at the end" in text, text


async def test_every_export_offers_the_folder_the_last_one_went_to(
    tmp_path: Path, home: Path
) -> None:
    """One remembered folder for what is made for a family (the letter, the
    moments booklet, the clips: often one stick the family takes home): each
    export dialog offers the folder the last of them went to."""
    from vig_tui.ui.dialogs.export_clips import ExportClipsScreen
    from vig_tui.ui.screens.booklet import BookletScreen
    from vig_tui.ui.screens.dashboard import DashboardScreen

    letters, stick = tmp_path / "letters", tmp_path / "stick"
    letters.mkdir()
    stick.mkdir()
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        app = make_app(store)
        async with app.run_test(size=(100, 40)) as pilot:
            dialog = await open_export(app, pilot, family_id)
            dialog.query_one("#export-folder", Input).value = str(letters)
            dialog.query_one("#export-go", Button).press()
            await settle(pilot)
            while not isinstance(app.screen, DashboardScreen):
                app.pop_screen()
                await settle(pilot)
            await pilot.press("b")
            await settle(pilot)
            booklet = app.screen
            assert isinstance(booklet, BookletScreen)
            box = booklet.query_one("#booklet-folder", Input)
            assert box.value == str(letters), box.value
            box.value = str(stick)
            booklet.query_one("#booklet-html", Button).press()
            await app.workers.wait_for_complete()
            await settle(pilot)
            assert [p.suffix for p in stick.iterdir()] == [".html"]
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("k")
            await settle(pilot)
            clips = app.screen
            assert isinstance(clips, ExportClipsScreen)
            assert clips.query_one("#folder", Input).value == str(stick)
            await pilot.press("escape")
            await settle(pilot)
            dialog = await open_export(app, pilot, family_id)
            assert dialog.query_one("#export-folder", Input).value == str(stick)
