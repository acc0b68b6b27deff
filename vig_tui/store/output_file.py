"""The one gate for every file vig writes where the practitioner asked it to.

Exports (letter, record, outcomes, report, booklet) and hand-over bundles all
go through :func:`write_whole`: only an ordinary file (or nothing) may be at the
destination — never a folder, device, pipe or socket — and the file appears
whole or not at all. The data goes to an unnamed file in the destination
folder, is fsynced, and only then (after `before_naming`, e.g. an audit line)
gets the file's name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from .atomic import FILE_MODE, TMP_PREFIX, fsync_dir, process_alive, write_all
from .errors import StoreError


class OutputFileError(StoreError):
    """A file asked for could not be written; nothing was left half-written."""


def os_reason(err: OSError) -> str:
    """Why an OSError happened, in plain words."""
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
    if err.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    return err.strerror or type(err).__name__


def why_not_written(err: OSError) -> str:
    """Why a folder the practitioner chose (for backups, for the family's clips)
    did not take what vig wrote there, and what to do about it. A folder vig may
    not write in is not worth trying again: another folder is."""
    if err.errno == errno.ENOSPC:
        return "the disk is full; free some space there or choose a bigger disk"
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "vig may not write there; choose a folder you can write to (or unlock the drive)"
    if err.errno in (errno.ENOTDIR, errno.EEXIST):
        return "part of that path is a file, not a folder; choose a folder"
    return f"{err.strerror or err}; check the drive is plugged in, or choose another folder"


def check_output_target(target: Path) -> None:
    """Refuse a destination that is not an ordinary file (or not there yet)."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as err:
        raise OutputFileError(f"Cannot write {target}: {os_reason(err)}.") from err
    if stat.S_ISDIR(mode):
        raise OutputFileError(
            f"Cannot write {target}: that is a folder, not a file. "
            "Give the name of a file to save in."
        )
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise OutputFileError(
            f"Cannot write {target}: it is not an ordinary file (a device, pipe or socket), "
            "so it was left alone. Give the name of an ordinary file to save in."
        )


def write_whole(
    target: Path, data: bytes, before_naming: Callable[[], object] | None = None
) -> None:
    """Write `data` as the file `target`, whole or not at all (see the module)."""
    check_output_target(target)
    folder = target.parent
    _clean_leftovers(folder, target.name)
    try:
        fd, named = _open_unnamed(folder, target.name)
    except OSError as err:
        raise OutputFileError(
            f"Cannot write {target}: {os_reason(err)}. Nothing was written; "
            "choose another place to save it."
        ) from err
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
            if before_naming is not None:
                before_naming()
            _give_name(fd, named, target, data)
        finally:
            os.close(fd)
        fsync_dir(folder)
    except BaseException as err:
        if named is not None:
            with contextlib.suppress(OSError):
                os.unlink(named)
        if isinstance(err, OSError):
            raise OutputFileError(
                f"Cannot write {target}: {os_reason(err)}. Nothing was written; "
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
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _clean_leftovers(folder: Path, name: str) -> None:
    """Remove what a write of `name` killed half-way left behind (only
    possible where the file system has no unnamed files)."""
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f"{TMP_PREFIX}{name}.*"):
            pid = leftover.name.rsplit(".", 1)[-1]
            if pid.isdigit() and not process_alive(int(pid)):
                leftover.unlink()
