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
