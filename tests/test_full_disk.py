"""A really full disk (a tiny tmpfs): one clear line, non-zero exit, nothing torn."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

VIG = str(Path(sys.executable).parent / "vig")


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs as root and must be able to mount a tmpfs: {result.stderr}")
        pytest.skip("mounting a tmpfs needs root")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


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
