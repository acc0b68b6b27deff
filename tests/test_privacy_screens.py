"""The privacy screens, driven with Pilot on real stores."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Checkbox, DataTable, Input

from tests.test_privacy_support import LABEL, add_family, files_containing
from vig_tui.services.session import FamilySession
from vig_tui.store import Store
from vig_tui.store.audit import read_events
from vig_tui.store.crypto import unlock
from vig_tui.ui.app import VigApp
from vig_tui.ui.dialogs.erase import EraseScreen
from vig_tui.ui.dialogs.export_clips import ExportClipsScreen
from vig_tui.ui.dialogs.passphrase import NewPassphraseScreen, PassphraseScreen
from vig_tui.ui.screens.audit import AuditScreen
from vig_tui.ui.screens.consent import ConsentScreen


async def test_consent_form_saves_ticks_and_withdrawal(store: Store) -> None:
    family_id = add_family(store)
    repo = store.family(family_id)
    async with VigApp(store).run_test(size=(100, 60)) as pilot:
        await pilot.app.push_screen(ConsentScreen(FamilySession(store, repo)))
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("#training_events", Checkbox).value = True
        screen.query_one("#erase_by", Input).value = "not a date"
        screen.query_one("#save", Button).press()
        await pilot.pause()
        assert "YYYY-MM-DD" in str(screen.query_one("#consent-error").render())
        signed = screen.query_one("#signed_on", Input).value
        screen.query_one("#erase_by", Input).value = "2000-01-01"  # before it was signed
        screen.query_one("#save", Button).press()
        await pilot.pause()
        assert signed, "the test family has a signed date"
        assert "before the signed date" in str(screen.query_one("#consent-error").render())
        assert store.read_family(family_id).consent.erase_by != "2000-01-01"
        screen.query_one("#erase_by", Input).value = "2099-09-30"
        screen.query_one("#save", Button).press()
        await pilot.pause()
        await pilot.pause()
        consent = store.read_family(family_id).consent
        assert consent.training_events and consent.erase_by == "2099-09-30"
        screen.query_one("#withdraw", Button).press()
        await pilot.pause()
        screen.query_one("#withdrawn_on", Input).value = "2026-05-02"
        screen.query_one("#confirm-withdraw", Button).press()
        await pilot.pause()
        await pilot.pause()
        assert store.read_family(family_id).consent.withdrawn_on == "2026-05-02"
        assert screen.query_one("#erase", Button).display  # erasure is offered
    fields = [e.detail["fields"] for e in read_events(store.root) if e.action == "consent.change"]
    assert fields == ["training_events,erase_by", "withdrawn_on"]


async def test_erase_needs_the_label_typed(store: Store) -> None:
    family_id = add_family(store)
    results: list[object] = []
    async with VigApp(store).run_test(size=(100, 30)) as pilot:
        await pilot.app.push_screen(EraseScreen(family_id, LABEL), results.append)
        await pilot.pause()
        button = pilot.app.screen.query_one("#erase", Button)
        await pilot.press(*"Zebulon")
        assert button.disabled
        await pilot.press(*LABEL[len("Zebulon") :])
        assert not button.disabled
        await pilot.click("#erase")
        await pilot.pause()
    assert results and results[0] is not None
    assert store.summaries() == []
    assert files_containing(store.root, LABEL) == []


async def test_audit_viewer_lists_events_newest_first(store: Store) -> None:
    family_id = add_family(store)
    from vig_tui.store.audit import log_event

    log_event(store.root, "export.letter", family_id, format="md")
    log_event(store.root, "export.clips", family_id, files=2)
    async with VigApp(store).run_test(size=(100, 30)) as pilot:
        await pilot.app.push_screen(AuditScreen())
        await pilot.pause()
        table = pilot.app.screen.query_one(DataTable)
        assert table.row_count == 2
        assert "Clips copied" in str(table.get_row_at(0)[2])
        assert LABEL in str(table.get_row_at(0)[1])


async def test_unlock_and_new_passphrase_screens(store: Store, tmp_path: Path) -> None:
    store.change_passphrase("the right words")
    got: list[object] = []
    async with VigApp(store).run_test(size=(100, 30)) as pilot:
        await pilot.app.push_screen(PassphraseScreen(store.root), got.append)
        await pilot.pause()
        await pilot.press(*"wrong words", "enter")
        await pilot.pause()
        assert "does not open" in str(pilot.app.screen.query_one("#pp-error").render())
        await pilot.press(*"the right words", "enter")
        await pilot.pause()
        assert got and got[0] is not None
        await pilot.app.push_screen(
            NewPassphraseScreen(ask_current=True, root=store.root), got.append
        )
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("#current", Input).value = "the right words"
        screen.query_one("#new", Input).value = "brand new words"
        screen.query_one("#again", Input).value = "brand new wordz"
        await pilot.click("#save")
        assert "differ" in str(screen.query_one("#pp-error").render())
        screen.query_one("#again", Input).value = "brand new words"
        await pilot.click("#save")
        await pilot.pause()
    assert got[-1] == "brand new words"
    assert unlock(store.root, "the right words") is not None


async def test_export_clips_screen_shows_progress(store: Store, tmp_path: Path) -> None:
    family_id = add_family(store)
    usb = tmp_path / "usb"
    usb.mkdir()
    async with VigApp(store).run_test(size=(100, 30)) as pilot:
        screen = ExportClipsScreen(family_id, usb)
        await pilot.app.push_screen(screen)
        await pilot.pause()
        await pilot.click("#copy")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.written and all(p.exists() for p in screen.written)
        assert screen.query_one("#clips-progress").percentage == 1.0  # type: ignore[attr-defined]
    assert sorted(p.name for p in usb.iterdir()) == sorted(p.name for p in screen.written)
