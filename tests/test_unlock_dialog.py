"""Unlocking an encrypted store: working the key out of the passphrase takes a
moment on purpose, so the dialog says "please wait" and stays responsive
(the work runs in a thread), and a wrong passphrase is told in place."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input, Static
from textual.worker import WorkerState

from vig_tui.services import practice
from vig_tui.store import Store
from vig_tui.ui.dialogs import passphrase as dialog_module
from vig_tui.ui.dialogs.passphrase import PassphraseScreen

PASSPHRASE = "a long enough passphrase"


class Host(App[object]):
    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root
        self.result: object = "not yet"

    def on_mount(self) -> None:
        self.push_screen(PassphraseScreen(self.root), self.done)

    def done(self, codec: object) -> None:
        self.result = codec


def encrypted_store(root: Path) -> None:
    with Store.open(root) as store:
        store.change_passphrase(PASSPHRASE)


def wait_line(app: App[Any]) -> str:
    return str(app.screen.query_one("#pp-wait", Static).render())


async def test_a_wait_line_while_the_key_is_worked_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "store"
    encrypted_store(root)
    release = threading.Event()
    real_unlock = practice.unlock

    def slow_unlock(where: Path, passphrase: str) -> Any:
        assert release.wait(10), "the test never let the unlock finish"
        return real_unlock(where, passphrase)

    monkeypatch.setattr(dialog_module, "unlock", slow_unlock)
    app = Host(root)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*PASSPHRASE, "enter")
        await pilot.pause()
        # the key is still being worked out, and the dialog is drawn and answers
        assert "takes a moment" in wait_line(app)
        assert app.screen.query_one("#passphrase", Input).disabled
        await pilot.press("tab")  # keys are still handled while it works
        await pilot.pause()
        assert app.result == "not yet"
        release.set()
        await app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()
        assert app.result is not None and app.result != "not yet"


class SlowThreads(Host):
    """A thread that hands its result over and is then slow to end, as on a busy
    machine: the store opening must not race the end of the work that opened it."""

    def call_from_thread(self, *args: Any, **kwargs: Any) -> Any:
        result = super().call_from_thread(*args, **kwargs)
        time.sleep(0.3)
        return result


async def test_the_unlock_ends_finished_before_its_dialog_closes(tmp_path: Path) -> None:
    root = tmp_path / "store"
    encrypted_store(root)
    app = SlowThreads(root)
    async with app.run_test() as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PassphraseScreen)
        started: list[Any] = []
        unlock_in_a_thread = dialog._unlock

        def noted(passphrase: str) -> Any:
            started.append(unlock_in_a_thread(passphrase))
            return started[-1]

        dialog._unlock = noted  # type: ignore[method-assign]
        await pilot.press(*PASSPHRASE, "enter")
        await pilot.pause()
        [worker] = started
        for _ in range(100):
            if worker.is_finished and app.result != "not yet":
                break
            await asyncio.sleep(0.02)
        assert worker.state == WorkerState.SUCCESS
        await app.workers.wait_for_complete()
        assert app.result is not None and app.result != "not yet"


async def test_a_wrong_passphrase_is_told_and_the_box_is_ready_again(tmp_path: Path) -> None:
    root = tmp_path / "store"
    encrypted_store(root)
    app = Host(root)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"not the passphrase", "enter")
        await app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()
        field = app.screen.query_one("#passphrase", Input)
        assert not field.disabled and field.value == "" and app.focused is field
        assert "does not open" in str(app.screen.query_one("#pp-error", Static).render())
        assert wait_line(app) == ""
        await pilot.press(*PASSPHRASE, "enter")
        await app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()
        assert app.result not in (None, "not yet")
