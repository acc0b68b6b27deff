"""A private X server (Xvfb) for the tests that open a real film window."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def xvfb() -> Iterator[str]:
    """Start Xvfb on a free display number; yields e.g. ':57'."""
    if shutil.which("Xvfb") is None:
        message = "Xvfb is needed for the film window tests: sudo apt install xvfb"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so this is a failure, not a skip)")
        pytest.skip(message)
    # Xvfb picks a free display itself and writes its number to this pipe once it listens
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_fd,),
    )
    os.close(write_fd)
    try:
        number = _read_display(read_fd, server)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _read_display(read_fd: int, server: subprocess.Popen[bytes]) -> str:
    got = b""
    deadline = time.monotonic() + 10
    try:
        while not got.endswith(b"\n"):
            ready, _, _ = select.select([read_fd], [], [], 0.2)
            if ready:
                chunk = os.read(read_fd, 64)
                if not chunk:
                    break
                got += chunk
            if server.poll() is not None or time.monotonic() > deadline:
                break
    finally:
        os.close(read_fd)
    if not got.strip().isdigit():
        raise AssertionError(f"Xvfb did not start (it said {got!r})")
    return got.strip().decode()
