"""The `vig` command: one clear line and a non-zero exit for every bad input."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from vig_tui import __version__
from vig_tui.domain import Family
from vig_tui.store import Store

VIG = str(Path(sys.executable).parent / "vig")


def vig(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [VIG, *args], capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})}
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_version_and_help() -> None:
    assert vig("--version").stdout.strip() == f"vig {__version__}"
    help_text = vig("--help").stdout
    for word in ("--data-dir", "demo", "families", "doctor", "packs"):
        assert word in help_text


def test_families_json_empty_store_is_empty_list(tmp_path: Path) -> None:
    result = vig("--data-dir", str(tmp_path / "none-yet"), "families", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_demo_is_added_once(tmp_path: Path) -> None:
    root = str(tmp_path / "s")
    first = vig("--data-dir", root, "demo")
    assert first.returncode == 0, first.stderr
    family_id = first.stdout.strip()
    second = vig("--data-dir", root, "demo")
    assert second.returncode == 0 and second.stdout.strip() == family_id
    listed = json.loads(vig("--data-dir", root, "families", "--json").stdout)
    assert [f["id"] for f in listed] == [family_id]
    assert {"id", "label", "status"} <= set(listed[0])


def test_env_var_selects_store(tmp_path: Path) -> None:
    root = tmp_path / "from-env"
    assert vig("demo", env={"VIG_DATA_DIR": str(root)}).returncode == 0
    assert (root / "index.json").exists()


def test_data_dir_may_come_after_the_command(tmp_path: Path) -> None:
    """`vig families --data-dir X` is `vig --data-dir X families`; a --data-dir after
    the command wins over one before it, and one before it is kept when none follows."""
    root, other = str(tmp_path / "after"), str(tmp_path / "before")
    family_id = vig("demo", "--data-dir", root).stdout.strip()
    assert family_id
    after = json.loads(vig("families", "--json", "--data-dir", root).stdout)
    assert [f["id"] for f in after] == [family_id]
    both = json.loads(vig("--data-dir", other, "families", "--data-dir", root, "--json").stdout)
    assert [f["id"] for f in both] == [family_id]
    before_only = vig("--data-dir", other, "families", "--json")
    assert before_only.returncode == 0, before_only.stderr
    assert json.loads(before_only.stdout) == []
    # under a command's own commands too, and never an empty folder (the default store)
    record = vig("export", "record", "Demo", "--data-dir", root)
    assert record.returncode == 0 and json.loads(record.stdout)["format"] == "vig-family-record"
    assert vig("packs", "check", "--data-dir", root).returncode == 0
    empty = vig("--data-dir", root, "families", "--data-dir=")
    assert empty.returncode == 2 and "--data-dir" in empty.stderr and "empty" in empty.stderr


def test_unwritable_data_dir_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    line = one_line_error(vig("--data-dir", str(blocker / "store"), "demo"))
    assert "Cannot use the data folder" in line and "--data-dir" in line


def test_corrupt_index_is_one_line_and_untouched(tmp_path: Path) -> None:
    root = tmp_path / "s"
    assert vig("--data-dir", str(root), "demo").returncode == 0
    (root / "index.json").write_bytes(b"{oops")
    line = one_line_error(vig("--data-dir", str(root), "families"))
    assert "index.json" in line and "untouched" in line
    assert (root / "index.json").read_bytes() == b"{oops"
    restored = vig("--data-dir", str(root), "restore-backup", str(root / "index.json"))
    assert restored.returncode == 0, restored.stderr
    assert vig("--data-dir", str(root), "families", "--json").returncode == 0


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from vig_tui.store import Store
    store = Store.open(Path(sys.argv[1]))
    print("ready", flush=True)
    time.sleep(60)
    """
)


def test_second_writer_is_refused_naming_the_holder_and_stale_lock_recovers(tmp_path: Path) -> None:
    root = tmp_path / "s"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        result = vig("--data-dir", str(root), "demo")
        assert result.returncode == 3
        line = one_line_error(result)
        assert f"process {holder.pid}" in line and "already open" in line
        # read-only commands still work while the store is open elsewhere
        assert vig("--data-dir", str(root), "families", "--json").returncode == 0
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    # the holder died without cleaning up: the next writer recovers the lock
    start = time.monotonic()
    assert vig("--data-dir", str(root), "demo").returncode == 0
    assert time.monotonic() - start < 30


def test_store_lock_in_process(tmp_path: Path) -> None:
    from vig_tui.store import StoreLockedError

    with Store.open(tmp_path / "s") as store:
        store.create_family(Family(label="Quince"))
        with pytest.raises(StoreLockedError, match=f"process {os.getpid()}"):
            Store.open(tmp_path / "s")
    Store.open(tmp_path / "s").close()


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_an_index_that_is_not_a_file_is_one_line_naming_it(tmp_path: Path, kind: str) -> None:
    """A folder under the index's name was "something went wrong"; a FIFO would
    have hung every start. Both are named, with the way back (its backup)."""
    root = tmp_path / "s"
    assert vig("--data-dir", str(root), "demo").returncode == 0
    index = root / "index.json"
    index.unlink()
    if kind == "folder":
        index.mkdir()
    else:
        os.mkfifo(index)
    line = one_line_error(vig("--data-dir", str(root), "families"))
    assert str(index) in line and "can't be read" in line and "restore-backup" in line
