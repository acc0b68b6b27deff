"""The audit log and the key file are read through the small-file gate too.

A FIFO under one of their names used to hang `vig` (at start, in `vig
audit`, `vig doctor` and a passphrase change); a folder was a traceback or
"could not save" without a name; a huge audit log was read whole. Each is now
the usual one clear line naming the file and what to do. Every step runs in
its own process with a timeout, so a hang fails the test instead of hanging it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.journey_helpers import make_app
from vig_tui.domain import Family
from vig_tui.store import Store
from vig_tui.store.audit import log_event

VIG = str(Path(sys.executable).parent / "vig")
PASSPHRASE = "correct horse battery"
#: long enough for any of these steps on a loaded machine, short enough to fail a hang
STEP_TIMEOUT_S = 40


def vig(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [VIG, "--data-dir", str(root), *args],
            capture_output=True,
            text=True,
            timeout=STEP_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "VIG_NO_ENCRYPTION_OFFER": "1", **env},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`vig {' '.join(args)}` hung (a file read without the gate?)")


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr and "something went wrong" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def store_with_a_family(root: Path, *, encrypted: bool = False) -> None:
    with Store.open(root) as store:
        store.create_family(Family(label="Rowan"))
        if encrypted:
            store.change_passphrase(PASSPHRASE)


def put_in_place(path: Path, kind: str) -> None:
    """Something that is not a file vig wrote, under `path`'s name."""
    if path.exists():
        path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:  # huge: a sparse file far past any audit log a practice would write
        with open(path, "wb") as f:
            f.truncate(1 << 30)


@pytest.mark.parametrize("kind", ["fifo", "folder", "huge"])
def test_vig_audit_names_an_audit_log_it_cannot_read(tmp_path: Path, kind: str) -> None:
    root = tmp_path / "store"
    store_with_a_family(root)
    audit = root / "audit.log"
    put_in_place(audit, kind)
    line = one_line_error(vig(root, "audit"))
    assert str(audit) in line and "can't be read" in line


@pytest.mark.parametrize("kind", ["fifo"])
def test_vig_doctor_names_an_audit_log_it_cannot_read(tmp_path: Path, kind: str) -> None:
    root = tmp_path / "store"
    store_with_a_family(root)
    audit = root / "audit.log"
    put_in_place(audit, kind)
    result = vig(root, "doctor")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("!!  Store"))
    assert str(audit) in line and "can't be read" in line


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_passphrase_change_names_an_audit_log_it_cannot_read(tmp_path: Path, kind: str) -> None:
    root = tmp_path / "store"
    store_with_a_family(root)
    audit = root / "audit.log"
    put_in_place(audit, kind)
    line = one_line_error(vig(root, "passphrase", "enable", VIG_NEW_PASSPHRASE=PASSPHRASE))
    assert str(audit) in line and "can't be read" in line
    assert "Nothing was changed" in line
    assert not (root / "vig.key").exists(), "the store stays as it was"
    assert [p.name for p in root.rglob("*.rekey")] == []


@pytest.mark.parametrize(
    ("command", "kind"),
    [((), "fifo"), ((), "folder"), ((), "huge"), (("audit",), "fifo")],
)
def test_a_key_file_that_is_not_a_file_is_named(
    tmp_path: Path, command: tuple[str, ...], kind: str
) -> None:
    """At `vig` start (the app, before anything is drawn), and in a command
    that opens the store."""
    root = tmp_path / "store"
    store_with_a_family(root, encrypted=True)
    key = root / "vig.key"
    put_in_place(key, kind)
    line = one_line_error(vig(root, *command, VIG_PASSPHRASE=PASSPHRASE))
    assert str(key) in line and "can't be read" in line and "backup" in line


@pytest.mark.parametrize("kind", ["fifo"])
def test_vig_doctor_names_a_key_file_that_is_not_a_file(tmp_path: Path, kind: str) -> None:
    root = tmp_path / "store"
    store_with_a_family(root, encrypted=True)
    key = root / "vig.key"
    put_in_place(key, kind)
    result = vig(root, "doctor", VIG_PASSPHRASE=PASSPHRASE)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("!!  Store"))
    assert str(key) in line and "can't be read" in line


def test_an_audit_line_is_never_written_into_a_fifo(tmp_path: Path) -> None:
    """Appending to a FIFO with no reader waited for one for ever (every export,
    erasure and new family logs a line): now it is refused at once."""
    root = tmp_path / "store"
    root.mkdir()
    os.mkfifo(root / "audit.log")
    outcome: list[BaseException | None] = []

    def append() -> None:
        try:
            log_event(root, "backup.create", None, files=1)
        except OSError as err:
            outcome.append(err)
        else:
            outcome.append(None)

    worker = threading.Thread(target=append, daemon=True)
    worker.start()
    worker.join(timeout=STEP_TIMEOUT_S)
    assert not worker.is_alive(), "log_event hung on a FIFO"
    assert isinstance(outcome[0], OSError)


async def test_the_audit_screen_names_a_log_it_cannot_read(tmp_path: Path) -> None:
    root = tmp_path / "store"
    store_with_a_family(root)
    put_in_place(root / "audit.log", "folder")
    with Store.open(root) as store:
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("a")
            await pilot.pause()
            said = str(app.screen.query_one("#audit-empty", Static).render())
            assert str(root / "audit.log") in said and "can't be read" in said


def test_a_still_that_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    from vig_tui.services.stills import read_still_bytes

    with Store.open(tmp_path / "store") as store:
        repo = store.create_family(Family(label="Rowan"))
        repo.stills_dir.mkdir(parents=True, exist_ok=True)
        os.mkfifo(repo.stills_dir / "still-1.png")
        outcome: list[BaseException | bytes] = []

        def read() -> None:
            try:
                outcome.append(read_still_bytes(store, repo.folder, "stills/still-1.png"))
            except OSError as err:
                outcome.append(err)

        worker = threading.Thread(target=read, daemon=True)
        worker.start()
        worker.join(timeout=STEP_TIMEOUT_S)
        assert not worker.is_alive(), "reading a still hung on a FIFO"
        assert isinstance(outcome[0], OSError)
