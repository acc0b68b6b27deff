"""One error base (VigError) and one handler for failed workers.

Every error vig raises for people derives from VigError; the CLI prints it as
one line without a traceback, and a background worker that fails says so in a
notification instead of failing silently.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import vig_tui
from vig_tui.cli import main
from vig_tui.errors import VigError, one_line
from vig_tui.packs.errors import AnswerError, PackError, ScoringError
from vig_tui.playback.clips import ClipInvalid
from vig_tui.playback.errors import FilmMissing, PlayerUnavailable
from vig_tui.privacy.errors import PrivacyError
from vig_tui.store import Store, StoreError, StoreLockedError, StoreWriteError
from vig_tui.ui.app import VigApp
from vig_tui.ui.failed_workers import TITLE
from vig_tui.ui.screens.overview import OverviewScreen

#: Exceptions that never reach a person: caught where they are raised.
INTERNAL = {"vig_tui.store.crypto.DecryptError", "vig_tui.store.codec.NoKeyError"}


def vig_exception_classes() -> Iterator[type[BaseException]]:
    for info in pkgutil.walk_packages(vig_tui.__path__, "vig_tui."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for _name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, BaseException) and obj.__module__ == info.name:
                yield obj


def test_every_error_vig_defines_is_a_vig_error() -> None:
    found = {f"{c.__module__}.{c.__qualname__}": c for c in vig_exception_classes()}
    assert len(found) >= 15
    outside = sorted(
        name
        for name, cls in found.items()
        if not issubclass(cls, VigError) and name not in INTERNAL
    )
    assert outside == []


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (StoreWriteError(Path("/s/index.json"), "the disk is full"), 1),
        (StoreLockedError(Path("/s"), "pid 42"), 3),
        (PrivacyError("This store is already encrypted."), 1),
        (PackError("a.yaml", 3, 7, "an id is missing"), 1),
        (ScoringError("No questionnaire 'xyz' is loaded."), 1),
        (AnswerError("Item 3 allows 0 to 3."), 1),
        (FilmMissing(Path("/films/a.mp4")), 1),
        (PlayerUnavailable("no libvlc"), 1),
        (ClipInvalid("The clip ends before it starts."), 1),
    ],
)
def test_the_cli_prints_any_vig_error_as_one_line(
    error: VigError,
    code: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def fails(_args: object) -> int:
        raise error

    monkeypatch.setattr("vig_tui.cli.families.cmd_families", fails)
    assert main(["--data-dir", str(tmp_path / "store"), "families"]) == code
    out = capsys.readouterr()
    assert out.err == f"vig: {one_line(error)}\n"
    assert "Traceback" not in out.err and out.out == ""
    assert not (tmp_path / "store" / "crash-reports").exists()


def test_one_line_joins_a_wrapped_message() -> None:
    assert one_line(VigError("Cannot read a.json:\n  it is empty.\n")) == (
        "Cannot read a.json: it is empty."
    )


async def _overview_failing_with(
    store: Store, error: BaseException, monkeypatch: pytest.MonkeyPatch, *, together: bool = False
) -> tuple[VigApp, list[tuple[str, str]]]:
    def fails(*_args: object) -> object:
        raise error

    app = VigApp(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = OverviewScreen()
        app.push_screen(screen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert list(app._notifications) == []  # the first reading went well
        monkeypatch.setattr("vig_tui.ui.screens.overview.service_overview", fails)
        app.together = together
        screen.action_reload()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = [(n.title, n.message) for n in app._notifications]
        assert app.is_running  # a failed worker does not stop the app
    return app, shown


async def test_a_failed_worker_says_so_with_a_report(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _app, shown = await _overview_failing_with(
        store, RuntimeError("what a family said"), monkeypatch
    )
    ((title, message),) = shown
    assert title == TITLE
    assert message.startswith("Reading families for the overview stopped")
    assert "RuntimeError" in message and "what a family said" not in message
    (report,) = (store.root / "crash-reports").iterdir()
    assert str(report) in message
    assert "what a family said" not in report.read_text()


async def test_a_failed_worker_shows_a_vig_errors_own_words(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    err = StoreWriteError(store.root / "index.json", "the disk is full")
    _app, shown = await _overview_failing_with(store, err, monkeypatch)
    assert shown == [(TITLE, f"Reading families for the overview stopped: {err}")]
    assert not (store.root / "crash-reports").exists()


async def test_a_failed_worker_in_the_room_shows_nothing_private(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    err = StoreError("Oak family: private detail")
    _app, shown = await _overview_failing_with(store, err, monkeypatch, together=True)
    assert len(shown) == 1
    assert "Oak" not in shown[0][1] and "private" not in shown[0][1]
