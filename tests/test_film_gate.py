"""A film is opened only through the film gate: a regular file that can be read.

A named pipe typed as a film hung clip preparation for ever ("Checking
fifo.mp4 …"): fingerprinting opened it and waited for a writer, and the thread
then kept vig from quitting (and the store locked). Every way a film is opened
— checked, fingerprinted, measured, decoded — now goes through one gate that
refuses anything but a regular file at once."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from vig_tui.playback.errors import CannotDecode, FilmUnreadable
from vig_tui.playback.films import (
    FilmStatus,
    check_film,
    fingerprint,
    probe_duration_ms,
    readable_film,
)
from vig_tui.playback.frames import open_film
from vig_tui.services.films import FilmNotAttached, locate_film

#: long enough for any of these on a loaded machine; a hang never ends
PATIENCE_S = 20


def at_once(step: Callable[[], Any]) -> Any:
    """What `step` returns or raises, or a failure if it does not finish: a
    regression must fail the test, not hang the run."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = step()
        except BaseException as err:  # handed to the test below
            outcome["error"] = err

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(PATIENCE_S)
    if thread.is_alive():
        # let the stuck open go (a writer opens the pipe), then fail
        pytest.fail(f"{step} waited on the named pipe instead of refusing it")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def pipe(tmp_path: Path) -> Path:
    path = tmp_path / "fifo.mp4"
    os.mkfifo(path)
    return path


def test_a_named_pipe_is_refused_by_every_way_a_film_is_opened(pipe: Path) -> None:
    with pytest.raises(FilmUnreadable, match="not a regular file"):
        at_once(lambda: fingerprint(pipe))
    with pytest.raises(FilmUnreadable, match="not a regular file"):
        at_once(lambda: readable_film(pipe))
    with pytest.raises((FilmUnreadable, CannotDecode)):
        at_once(lambda: probe_duration_ms(pipe))
    with pytest.raises((FilmUnreadable, CannotDecode)):
        at_once(lambda: open_film(pipe))
    check = at_once(lambda: check_film(pipe, None))
    assert check.status is FilmStatus.UNREADABLE and str(pipe) in check.message


def test_a_named_pipe_typed_as_the_film_is_not_attached_with_a_reason(pipe: Path) -> None:
    with pytest.raises(FilmNotAttached) as refused:
        at_once(lambda: locate_film(str(pipe), None))
    assert str(pipe) in str(refused.value) and "not a regular file" in str(refused.value)


def test_a_folder_is_named_as_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "film.mp4"
    folder.mkdir()
    with pytest.raises(FilmUnreadable, match="a folder"):
        readable_film(folder)
