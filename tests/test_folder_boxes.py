"""Every dialog that asks for a folder refuses an empty box, a box of spaces
and a bare name (``letters``) with a message saying what to type, by one rule
(``export.folder``): none of them writes into the folder vig was started
from. The booklet used to save there from an empty box; the clips dialog
copied there; a bare name in the backup box made a folder there."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input, Static

from tests.journey_helpers import add_demo, make_app, screen_text
from tests.test_backup_screen import PASS, back_up, open_backup, status
from tests.test_booklet_screen import app_for, family, open_booklet
from tests.test_letter_export import open_export, settle
from tests.test_privacy_support import add_family
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.dialogs.export_clips import ExportClipsScreen

TYPED = ["", "   ", "letters"]


@pytest.fixture
def started_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder vig is started from, kept apart from the store and home."""
    folder = tmp_path / "started-here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    return folder


def said(text: str) -> str:
    return " ".join(text.split())


def nothing_in(folder: Path) -> list[str]:
    return [str(p.relative_to(folder)) for p in folder.rglob("*")]


async def test_the_booklet_refuses_an_empty_folder_box(store: Store, started_here: Path) -> None:
    record = family(store)
    async with app_for(store).run_test(size=(100, 50)) as pilot:
        screen = await open_booklet(pilot, record.family.id)
        for typed in TYPED:
            screen.query_one("#booklet-folder", Input).value = typed
            screen.query_one("#booklet-html", Button).press()
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            shown = said(screen_text(pilot.app))
            if typed.strip():
                assert "Give the whole folder path for the booklet" in shown, shown
            else:
                assert "Choose a folder for the booklet first" in shown, shown
            assert screen.saved is None
    assert nothing_in(started_here) == []


async def test_the_letter_refuses_an_empty_or_bare_folder(store: Store, started_here: Path) -> None:
    family_id = add_demo(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_export(app, pilot, family_id)
        for typed in TYPED:
            dialog.query_one("#export-folder", Input).value = typed
            dialog.query_one("#export-go", Button).press()
            await settle(pilot)
            assert app.screen is dialog
            shown = said(str(dialog.query_one("#export-error", Static).render()))
            if typed.strip():
                assert "Give the whole folder path for the letter" in shown, shown
            else:
                assert "Choose a folder for the letter first" in shown, shown
    assert nothing_in(started_here) == []


async def test_the_clips_dialog_refuses_an_empty_folder_box(
    store: Store, started_here: Path
) -> None:
    family_id = add_family(store)
    async with VigApp(store).run_test(size=(100, 30)) as pilot:
        screen = ExportClipsScreen(family_id)
        await pilot.app.push_screen(screen)
        await pilot.pause()
        for typed in TYPED:
            screen.query_one("#folder", Input).value = typed
            screen.query_one("#copy", Button).press()
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            shown = said(str(screen.query_one("#clips-error", Static).render()))
            assert "for the clips" in shown, shown
            assert not screen.written
    assert nothing_in(started_here) == []


async def test_the_backup_refuses_a_bare_folder_name(store: Store, started_here: Path) -> None:
    add_demo(store)
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_backup(app, pilot)
        for typed in TYPED:
            app.screen.query_one("#backup-dest", Input).value = typed
            await back_up(app, pilot, None, PASS, PASS, "2")
            assert "for the backups" in said(status(app)), status(app)
    assert nothing_in(started_here) == []
