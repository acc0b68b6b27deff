"""A real film window (not the dummy output) under Xvfb, and `vig doctor` checking for one.

Issue 12, problem 1: a fresh setup had no video output plugin, so no window opened
and `vig doctor` still said all was well.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest_playback import SAMPLE_FILM, png_size, require_libvlc
from tests.film_factory import MadeFilm
from tests.xvfb import xvfb

pytestmark = pytest.mark.window

VIG = str(Path(sys.executable).parent / "vig")
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    require_libvlc()
    with xvfb() as name:
        yield name


def _env(display: str, vlc_args: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
    env.update(DISPLAY=display, VIG_VLC_ARGS=vlc_args)
    return env


def _play_in_window(display: str, film: Path, still: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.window_probe", str(film), str(still)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env=_env(display, "--aout=dummy --intf=dummy"),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_clip_plays_in_a_real_window_and_its_still_has_the_films_size(
    display: str, tmp_path: Path
) -> None:
    result = _play_in_window(display, SAMPLE_FILM, tmp_path / "still.png")
    assert result["has_vout"] is True, result
    assert png_size(tmp_path / "still.png") == (640, 360)


def test_a_portrait_phone_film_in_a_real_window_gives_an_upright_still(
    display: str, tmp_path: Path, test_films: dict[str, MadeFilm]
) -> None:
    film = test_films["rot90"]
    result = _play_in_window(display, film.path, tmp_path / "still.png")
    assert result["has_vout"] is True, result
    assert png_size(tmp_path / "still.png") == (film.width, film.height) == (180, 320)


def test_doctor_sees_the_film_window_open(display: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [VIG, "--data-dir", str(tmp_path / "s"), "doctor"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(display, "--aout=dummy"),
    )
    assert "a film window opened" in done.stdout, done.stdout
    assert done.returncode == 0, done.stdout


def test_doctor_says_what_to_install_when_no_window_can_open(display: str, tmp_path: Path) -> None:
    # A video output module that is not installed stands for Debian's libvlc5 +
    # vlc-plugin-base without vlc-plugin-video-output: libVLC finds no output.
    done = subprocess.run(
        [VIG, "--data-dir", str(tmp_path / "s"), "doctor"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(display, "--vout=xcb_not_installed --aout=dummy"),
    )
    assert done.returncode == 1, done.stdout
    assert "could not open a film window" in done.stdout
    assert "sudo apt install vlc-plugin-video-output" in done.stdout
    assert "All is well" not in done.stdout
