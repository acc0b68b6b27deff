"""Shared fixtures: every test gets its own store and config folders."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.film_factory import MadeFilm, films_for_the_run
from vig_tui.store import Store

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
os.environ.setdefault("VIG_VLC_ARGS", "--vout=dummy --aout=dummy --intf=dummy")

IN_CI = bool(os.environ.get("CI"))

#: Marks of the tests that run in real time against real processes: the installed vig in
#: tmux, a film window on Xvfb, libVLC playing films, storms of kills. Under pytest-xdist
#: (scripts/run-tests.sh runs `-n auto --dist loadgroup`) they all go to one worker, one after
#: another, so two of them never compete for the machine; the other workers run the rest.
REAL_TIME_MARKS = ("tmux", "window", "vlc", "slow")
REAL_TIME_GROUP = "real-time"


#: Workers per core for `-n auto`. A Pilot test spends about half its time waiting for the app
#: to go idle (pytest-xdist would leave that core unused), so two workers share each core.
WORKERS_PER_CORE = 2


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto`: two workers per core (PYTEST_XDIST_AUTO_NUM_WORKERS still decides if set)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # pytest-xdist's own hook reads it
    return WORKERS_PER_CORE * len(os.sched_getaffinity(0))


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if any(item.get_closest_marker(mark) for mark in REAL_TIME_MARKS):
            item.add_marker(pytest.mark.xdist_group(REAL_TIME_GROUP))


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real per-user folders from a test."""
    monkeypatch.setenv("VIG_DATA_DIR", str(tmp_path / "default-store"))
    monkeypatch.setenv("VIG_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("VIG_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def store_root(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def store(store_root: Path) -> Iterator[Store]:
    s = Store.open(store_root)
    yield s
    s.close()


@pytest.fixture(scope="session")
def test_films(tmp_path_factory: pytest.TempPathFactory) -> dict[str, MadeFilm]:
    """Films as families have them (portrait phones, camcorders, damaged files), made once
    per run (and shared by the pytest-xdist workers)."""
    return films_for_the_run(tmp_path_factory)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB disk of its own (tmpfs; CI runs as root), to fill on purpose."""
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
