"""One writer per store.

An advisory `fcntl.flock` on `<store>/vig.lock`. The kernel drops the lock
when its holder dies, so a lock left by a crash or a kill is recovered on the
next start without guessing from pids. The file records who holds the lock
so a second instance can name it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
from pathlib import Path

from ..domain.ids import now_iso
from .atomic import FILE_MODE
from .errors import LinkInStoreError, StoreLockedError

LOCK_NAME = "vig.lock"


class StoreLock:
    def __init__(self, root: Path) -> None:
        self.path = Path(root) / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
        except OSError as err:
            if err.errno == errno.ELOOP:
                raise LinkInStoreError(self.path) from None
            raise
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = self.describe_holder(fd)
            os.close(fd)
            raise StoreLockedError(self.path.parent, holder) from None
        import socket  # here: read-only commands never take the lock

        info = {"pid": os.getpid(), "host": socket.gethostname(), "since": now_iso()}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
        os.fsync(fd)
        self._fd = fd

    @staticmethod
    def describe_holder(fd: int) -> str:
        try:
            info = json.loads(os.pread(fd, 4096, 0).decode() or "{}")
        except (OSError, ValueError):
            info = {}
        pid = info.get("pid")
        if not pid:
            return "another process"
        where = f" on {info['host']}" if info.get("host") else ""
        since = f", since {info['since']}" if info.get("since") else ""
        return f"process {pid}{where}{since}"

    def holder_pid(self) -> int | None:
        """The pid written in the lock file (None when it names nobody)."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return None
        try:
            info = json.loads(os.pread(fd, 4096, 0).decode() or "{}")
        except (OSError, ValueError):
            return None
        finally:
            os.close(fd)
        pid = info.get("pid") if isinstance(info, dict) else None
        return pid if isinstance(pid, int) else None

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        with contextlib.suppress(OSError):
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
