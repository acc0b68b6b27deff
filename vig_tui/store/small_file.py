"""Reading a small state file of the store's folder (room.json, backup.json).

Such a file is read as vig starts, before anything is on screen, so whatever
is found under its name must not hang or drown the start: only a regular file
is read (a FIFO would block for ever, a folder can't be), it is opened without
waiting, and no more than `limit` bytes are taken.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def read_small_file(path: Path, limit: int = 64 * 1024) -> bytes:
    """The bytes of `path`. Raises FileNotFoundError when nothing is there, and
    OSError when it can't be read or is not a small regular file (a folder, a
    FIFO, a device, a file over `limit`: EINVAL or EFBIG, saying which)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        if info.st_size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
        data = os.read(fd, limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
    return data
