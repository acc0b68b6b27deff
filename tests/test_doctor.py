"""`vig doctor` reports on VLC, the display, the store and the packs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

VIG = str(Path(sys.executable).parent / "vig")


def doctor(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [VIG, *args, "doctor"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )


def test_all_well_with_dummy_outputs(tmp_path: Path) -> None:
    result = doctor(
        "--data-dir", str(tmp_path / "s"), VIG_VLC_ARGS="--vout=dummy --aout=dummy --intf=dummy"
    )
    assert result.returncode == 0, result.stdout
    assert "found libVLC 3." in result.stdout
    assert "will be created on first use" in result.stdout
    assert "All is well." in result.stdout


def test_unwritable_store_and_missing_display_are_named(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["VIG_VLC_ARGS"] = ""
    result = subprocess.run(
        [VIG, "--data-dir", str(blocker / "s"), "doctor"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 1
    assert "is a file, not a folder" in result.stdout
    assert "No screen to show the film on" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_corrupt_family_file_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "s"
    env = {"VIG_VLC_ARGS": "--vout=dummy --aout=dummy --intf=dummy"}
    subprocess.run(
        [VIG, "--data-dir", str(root), "demo"],
        check=True,
        capture_output=True,
        env={**os.environ, **env},
    )
    (record,) = root.glob("families/*/record.json")
    record.write_bytes(b"{not json")
    result = doctor("--data-dir", str(root), **env)
    assert result.returncode == 1
    assert "record.json" in result.stdout and "invalid JSON" in result.stdout
    assert record.read_bytes() == b"{not json"


def test_a_room_left_open_is_named(tmp_path: Path) -> None:
    """vig quit in the room opens on the closing screen next time: the doctor says
    why, and how to go back to the desk."""
    root = tmp_path / "s"
    root.mkdir()
    (root / "room.json").write_text('{"family": "' + "0" * 32 + '"}')
    result = doctor("--data-dir", str(root), VIG_VLC_ARGS="--vout=dummy --aout=dummy --intf=dummy")
    assert "The room was left open" in result.stdout and "type desk" in result.stdout
