"""Delivering an export: to stdout or to a file that appears whole or not at all.

The text goes to a temporary file in the same folder, is fsynced and renamed,
and one line is added to the audit log (facts only: what, which format, where
to — never any of the content). Used by `vig export` and the letter screen.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from pathlib import Path
from typing import Any

from ..store import Store, StoreError
from ..store.atomic import FILE_MODE, TMP_PREFIX, fsync_dir, process_alive
from ..store.audit import log_event


class ExportError(StoreError):
    """An export could not be written; nothing was left half-written."""


def _reason(err: OSError) -> str:
    if isinstance(err, FileNotFoundError):
        return "its folder does not exist"
    if isinstance(err, IsADirectoryError):
        return "that is a folder, not a file"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if err.errno == errno.ENOSPC:
        return "the disk is full"
    if err.errno == errno.EROFS:
        return "the disk is read-only"
    return err.strerror or type(err).__name__


def deliver(
    store: Store,
    text: str | bytes,
    output: str | None,
    action: str,
    family_id: str | None,
    **facts: Any,
) -> None:
    """Write `text` to stdout or `output`, logging the export in the audit log.

    For a file: the text is written to an unnamed file in the destination
    folder (so a kill leaves nothing behind), then, once it is on disk and
    the audit line is written, it is given the file's name. Only a regular
    file is ever replaced. On any failure nothing is left behind."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if output is None or output == "-":
        _audit(store, action, family_id, destination="stdout", **facts)
        try:
            if isinstance(text, str):
                sys.stdout.write(text)  # through the CLI's stdout, which shows controls literally
                sys.stdout.flush()
            else:
                sys.stdout.flush()
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
        except OSError as err:
            with contextlib.suppress(ExportError):
                _audit(store, "export.failed", family_id, destination="stdout")
            raise ExportError(f"Could not print the export: {_reason(err)}.") from err
        return
    target = Path(output).expanduser()
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise ExportError(f"Cannot write {target}: {_reason(err)}.") from err
    if mode is not None and stat.S_ISDIR(mode):
        raise ExportError(
            f"Cannot write {target}: that is a folder, not a file. "
            "Give the name of a file to save in."
        )
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise ExportError(
            f"Cannot write {target}: it is not an ordinary file (a device, pipe or socket), "
            "so it was left alone. Give the name of an ordinary file to save in."
        )
    folder = target.parent
    _clean_leftovers(folder, target.name)
    try:
        fd, named = _open_unnamed(folder, target.name)
    except OSError as err:
        raise ExportError(
            f"Cannot write {target}: {_reason(err)}. Nothing was written; "
            "choose another place to save it."
        ) from err
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            _audit(
                store,
                action,
                family_id,
                destination="file",
                file=target.name,
                path=str(target.absolute()),
                **facts,
            )
            _give_name(fd, named, target, data)
        finally:
            os.close(fd)
        fsync_dir(folder)
    except BaseException as err:
        if named is not None:
            with contextlib.suppress(OSError):
                os.unlink(named)
        if isinstance(err, OSError):
            raise ExportError(
                f"Cannot write {target}: {_reason(err)}. Nothing was written; "
                "choose another place to save it."
            ) from err
        raise


def _tmp_name(folder: Path, name: str) -> Path:
    return folder / f"{TMP_PREFIX}{name}.{os.getpid()}"


def _open_unnamed(folder: Path, name: str) -> tuple[int, Path | None]:
    """A file in `folder` with no name yet (O_TMPFILE), or, where the file
    system cannot do that, a hidden temporary name. Returns (fd, that name)."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag:
        try:
            return os.open(folder, flag | os.O_WRONLY, FILE_MODE), None
        except OSError as err:
            if err.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                raise
    tmp = _tmp_name(folder, name)
    return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, FILE_MODE), tmp


def _give_name(fd: int, named: Path | None, target: Path, data: bytes) -> None:
    if named is not None:
        os.replace(named, target)
        return
    # the finished file gets a name only for the instant before the rename
    named = _tmp_name(target.parent, target.name)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(named)
    try:
        if not _link_unnamed(fd, named):
            _write_named(named, data)  # the kernel would not link it: write it out again
        os.replace(named, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(named)
        raise


_AT_FDCWD = -100
_AT_SYMLINK_FOLLOW = 0x400


def _link_unnamed(fd: int, path: Path) -> bool:
    """Give the unnamed file open as `fd` the name `path` (Linux linkat)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        done = libc.linkat(
            _AT_FDCWD,
            f"/proc/self/fd/{fd}".encode(),
            _AT_FDCWD,
            os.fsencode(path),
            _AT_SYMLINK_FOLLOW,
        )
    except (OSError, AttributeError):
        return False
    return bool(done == 0)


def _write_named(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _clean_leftovers(folder: Path, name: str) -> None:
    """Remove what an export of `name` killed half-way left behind (only
    possible where the file system has no unnamed files)."""
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f"{TMP_PREFIX}{name}.*"):
            pid = leftover.name.rsplit(".", 1)[-1]
            if pid.isdigit() and not process_alive(int(pid)):
                leftover.unlink()


def _audit(store: Store, action: str, family_id: str | None, **facts: Any) -> None:
    if not store.root.is_dir():
        return  # no store yet: nothing was held, nothing left it
    try:
        log_event(store.root, action, family_id, store.codec, **facts)
    except OSError as err:
        raise ExportError(
            f"Could not record this export in the audit log at {store.root} ({_reason(err)}); "
            "nothing was exported."
        ) from err
