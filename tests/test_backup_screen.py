"""The backup screen (Home, b): a real backup read back, the folder remembered,
the last N kept, and each way it can fail said plainly with the folder named."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Button, Input, ProgressBar, Static

from vig_tui.domain import Family
from vig_tui.services.backup import archives
from vig_tui.services.restore import restore_store
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.backup import BackupScreen

from .journey_helpers import add_demo, make_app, screen_text

PASS = "a long backup passphrase"
STORE_PASS = "the store passphrase"


def status(app: VigApp) -> str:
    return str(app.screen.query_one("#backup-status", Static).render())


async def open_backup(app: VigApp, pilot: object) -> BackupScreen:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.pause()
    await pilot.press("b")
    await pilot.pause()
    assert isinstance(app.screen, BackupScreen)
    return app.screen


async def back_up(
    app: VigApp, pilot: object, folder: Path | None, passphrase: str, again: str | None, keep: str
) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    screen = app.screen
    if folder is not None:
        screen.query_one("#backup-dest", Input).value = str(folder)
    screen.query_one("#backup-passphrase", Input).value = passphrase
    if again is not None:
        screen.query_one("#backup-again", Input).value = again
    screen.query_one("#backup-keep", Input).value = keep
    await pilot.pause()
    # pressed, not clicked: a click can miss while the form scrolls to its last message
    screen.query_one("#backup-start", Button).press()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_a_backup_is_written_checked_listed_and_its_folder_remembered(
    store: Store, tmp_path: Path
) -> None:
    add_demo(store)
    store.create_family(Family(label="Willow [bold]"))
    usb = tmp_path / "usb"
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_backup(app, pilot)
        await back_up(app, pilot, usb, PASS, PASS, "2")
        assert "read back and checked" in status(app), status(app)
        bar = app.screen.query_one("#backup-progress", ProgressBar)
        assert bar.display and bar.progress == 100, "written, then read back, in full"
        (archive,) = archives(usb)
        assert archive.name in screen_text(app)  # listed with its date and size
        for _ in range(2):
            await back_up(app, pilot, None, PASS, PASS, "2")
        assert len(archives(usb)) == 2 and archive not in archives(usb), "the last 2 kept"
        assert "Removed 1 older backup" in status(app)
        await pilot.press("escape")
        await pilot.pause()
        screen = await open_backup(app, pilot)
        assert screen.query_one("#backup-dest", Input).value == str(usb.resolve())
        assert screen.query_one("#backup-keep", Input).value == "2"
    # the archive is a real one: it restores into the same families
    restored = restore_store(archives(usb)[-1], tmp_path / "restored", PASS)
    assert restored.families == 2


async def test_the_size_said_is_the_one_listed_and_the_parts_are_named(
    store: Store, tmp_path: Path
) -> None:
    """One measurement: the size the screen gives after a backup is the size its
    list of backups gives for that file (it gave the store's size, twice the
    archive's); and the screen says what goes into a backup, before and after."""
    from vig_tui.services.backup_contents import size_text

    add_demo(store)
    usb = tmp_path / "usb"
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_backup(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        before = str(screen.query_one("#backup-parts", Static).render())
        assert before == "What goes in: the records of 1 family, the list of families.", before
        await back_up(app, pilot, usb, PASS, PASS, "2")
        (archive,) = archives(usb)
        size = size_text(archive.stat().st_size)
        said = status(app)
        assert f"({size})" in said, said
        assert "In it: the records of 1 family, the list of families" in said, said
        listed = [line for line in screen_text(app).splitlines() if archive.name in line]
        assert any(size in line for line in listed), listed


async def test_mistakes_in_the_form_are_said_before_anything_is_written(
    store: Store, tmp_path: Path
) -> None:
    add_demo(store)
    usb = tmp_path / "usb"
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_backup(app, pilot)
        await back_up(app, pilot, usb, PASS, PASS + "x", "3")
        assert "The two passphrases differ" in status(app)
        await back_up(app, pilot, usb, "short", "short", "3")
        assert "Not backed up" in status(app) and "too short" in status(app)
        for keep in ("0", "100", "9" * 4400, "٣", "-2", "2.5"):
            await back_up(app, pilot, usb, PASS, PASS, keep)
            assert "type a whole number from 1 to 99" in status(app), (keep[:9], status(app))
        assert not usb.exists() or archives(usb) == []


async def test_a_folder_that_cannot_be_used_is_named_with_what_to_do(
    store: Store, tmp_path: Path
) -> None:
    add_demo(store)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_backup(app, pilot)
        await back_up(app, pilot, a_file / "backups", PASS, PASS, "3")
        said = status(app)
        assert str(a_file / "backups") in said and "choose a folder" in said, said
        assert "Traceback" not in screen_text(app)


async def test_a_wrong_store_passphrase_is_refused(store: Store, tmp_path: Path) -> None:
    add_demo(store)
    store.change_passphrase(STORE_PASS)
    usb = tmp_path / "usb"
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_backup(app, pilot)
        assert not screen.query("#backup-again"), "the store's own passphrase, asked once"
        await back_up(app, pilot, usb, "not the passphrase", None, "3")
        assert "does not open the store" in status(app)
        assert not usb.exists() or archives(usb) == []
        await back_up(app, pilot, usb, STORE_PASS, None, "3")
        assert "read back and checked" in status(app)
        assert len(archives(usb)) == 1


async def test_a_full_disk_is_said_plainly_and_leaves_no_partial_file(
    store: Store, tiny_disk: Path
) -> None:
    add_demo(store)
    free = os.statvfs(tiny_disk)
    (tiny_disk / "filler").write_bytes(b"\0" * (free.f_bavail * free.f_frsize - 4096))
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_backup(app, pilot)
        await back_up(app, pilot, tiny_disk, PASS, PASS, "3")
        said = status(app)
        assert str(tiny_disk) in said and "the disk is full" in said, said
        assert "free some space" in said
    assert [p.name for p in tiny_disk.iterdir()] == ["filler"]


async def test_leaving_during_a_backup_still_says_how_it_ended(
    store: Store, tmp_path: Path
) -> None:
    add_demo(store)
    usb = tmp_path / "usb"
    app = make_app(store)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        screen = await open_backup(app, pilot)
        screen.query_one("#backup-dest", Input).value = str(usb)
        screen.query_one("#backup-passphrase", Input).value = PASS
        screen.query_one("#backup-again", Input).value = PASS
        await pilot.click("#backup-start")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, BackupScreen)
        for _ in range(300):  # the thread goes on after the screen is gone
            if archives(usb) and any(n.title == "Backed up" for n in app._notifications):
                break
            await pilot.pause(0.1)
        said = [(n.title, n.message) for n in app._notifications]
        assert len(archives(usb)) == 1, said
        assert any(n.title == "Backed up" for n in app._notifications)


async def test_the_result_is_in_view_on_a_small_terminal(store: Store, tmp_path: Path) -> None:
    add_demo(store)
    usb = tmp_path / "usb"  # the same disk as the store: the warning must show too
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backup(app, pilot)
        await back_up(app, pilot, usb, PASS, PASS, "3")
        for _ in range(3):
            await pilot.pause()
        seen = screen_text(app)
        assert "read back and checked" in status(app), status(app)
        assert "Backed up" in seen and "read back and" in seen, seen
        assert "same disk" in seen, seen
        assert archives(usb)[0].name in seen, seen  # the list below shows it


async def test_homes_reminder_says_the_key_and_the_cli_says_the_command(store: Store) -> None:
    from vig_tui.services.last_backup import backup_reminder

    add_demo(store)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.pause()
        notice = str(app.screen.query_one("#backup-due", Static).render())
        assert "never been backed up: press b" in notice, notice
        assert "vig backup" not in notice, notice
    assert "run `vig backup DEST`" in (backup_reminder(store.root) or "")
