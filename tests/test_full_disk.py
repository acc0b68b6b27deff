"""A really full disk (a tiny tmpfs): one clear line, non-zero exit, nothing torn."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

VIG = str(Path(sys.executable).parent / "vig")


def fill(folder: Path, leave: int) -> None:
    stat = os.statvfs(folder)
    free = stat.f_bavail * stat.f_frsize
    (folder / "filler").write_bytes(b"\0" * max(0, free - leave))


def test_full_disk_is_one_line_and_leaves_the_store_readable(tiny_disk: Path) -> None:
    root = tiny_disk / "store"
    fill(tiny_disk, leave=6 * 1024)  # room for the folders and an index, not for a family
    result = subprocess.run(
        [VIG, "--data-dir", str(root), "demo"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "disk is full" in lines[0] and "Traceback" not in result.stderr
    # nothing half-written: the store still opens and lists what it had
    (tiny_disk / "filler").unlink()
    listed = subprocess.run(
        [VIG, "--data-dir", str(root), "families", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    families = json.loads(listed.stdout)
    assert all(f["label"] for f in families)
    for path in root.rglob("*.json"):
        json.loads(path.read_bytes())  # every store file is whole JSON


def test_a_family_not_added_on_a_full_disk_leaves_nothing_behind(tiny_disk: Path) -> None:
    """Adding a family failed on a full disk, yet left its folder: the next open
    adopted it (a family the practitioner was told was not saved), or an empty
    folder. Now nothing of it stays, on disk or in the open store."""
    from vig_tui.domain import Family
    from vig_tui.store import Store, StoreError

    root = tiny_disk / "store"
    with Store.open(root) as store:
        store.create_family(Family(label="Before"))
        for leave in (0, 1024, 3 * 1024):  # full at different points of the write
            fill(tiny_disk, leave=leave)
            try:
                store.create_family(Family(label="DiskFull"))
            except StoreError:
                pass
            else:  # there was room after all: not the case under test
                raise AssertionError(f"the family was added with {leave} bytes left")
            assert [s.label for s in store.summaries()] == ["Before"]
            (tiny_disk / "filler").unlink()
        folders = sorted(p.name for p in (root / "families").iterdir())
        assert len(folders) == 1, folders
    with Store.open(root) as again:
        assert [s.label for s in again.summaries()] == ["Before"]
