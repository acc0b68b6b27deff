"""What survives a lost laptop: back the whole store up to one archive, and restore it.

`backup_store` writes every store file (sealed files stay sealed) into one
archive (see backup_archive.py) under a key from a passphrase: the store's own
for an encrypted store, its own for a plain one. The archive is written to a
temporary file in DEST, made durable, read back and checked frame by frame
against what was written, and only then given its name — so a backup killed
at any moment leaves the previous archives as they were. The last `keep`
archives stay in DEST.

`restore_store` unpacks an archive into an empty folder: every file is
written to a staging folder, read back and checked against its checksum;
only a whole, checked archive is moved into place, and the restored store
must open and read.

`backup.json` in the store's folder remembers when the last backup was made
(no passphrase needed to read it), for the reminders in Home and `vig doctor`.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..domain.ids import now_iso
from ..store import Store, StoreError, crypto
from ..store.atomic import (
    FILE_MODE,
    TMP_PREFIX,
    atomic_write,
    ensure_private_dir,
    fsync_dir,
    process_alive,
)
from ..store.audit import log_event
from ..store.codec import PLAIN, Codec
from ..store.crypto import AesGcmCodec
from ..store.lock import LOCK_NAME
from .backup_archive import (
    ArchiveEnd,
    ArchiveWriter,
    BackupError,
    FileEnd,
    FileStart,
    Piece,
    new_header,
    read_archive,
    read_header,
)
from .backup_dest import prepare_dest
from .backup_state import CLI_HOW as CLI_HOW  # the reminder's names, where they were
from .backup_state import DEFAULT_REMIND_DAYS as DEFAULT_REMIND_DAYS
from .backup_state import STATE_NAME as STATE_NAME
from .backup_state import backup_reminder as backup_reminder
from .backup_state import read_state as read_state

ARCHIVE_PREFIX = "vig-backup-"
ARCHIVE_SUFFIX = ".vigbackup"
PARTIAL_PREFIX = ".vig-backup-partial-"
STAGING_NAME = ".vig-restoring"
DEFAULT_KEEP = 5
MAX_KEEP = 99

#: (bytes done, bytes in all, what is happening: "backup", "verify" or "restore")
Progress = Callable[[int, int, str], None]


@dataclass
class BackupResult:
    archive: Path
    files: int
    bytes: int
    removed: list[Path] = field(default_factory=list)
    #: True when DEST is on the same disk as the store (no help if the laptop is lost)
    same_disk: bool = False


@dataclass
class RestoreResult:
    root: Path
    files: int
    families: int
    encrypted: bool


# -- which files ----------------------------------------------------------------------
def _skipped(rel: Path) -> bool:
    name = rel.name
    return (
        rel.as_posix() == LOCK_NAME
        or name.startswith(TMP_PREFIX)
        or name.endswith(crypto.REKEY_SUFFIX)
        or name == crypto.PENDING_NAME
        or any(part.startswith((".erasing-", STAGING_NAME)) for part in rel.parts)
    )


def store_files(root: Path) -> list[tuple[str, Path]]:
    """Every file a restore needs, as (name inside the store, path): the lock,
    temporary files and a family being erased are left out."""
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and not path.is_symlink() and not _skipped(rel):
            found.append((rel.as_posix(), path))
    return found


def _pieces(path: Path, counter: list[int], total: int, progress: Progress) -> Iterator[bytes]:
    with open(path, "rb") as f:
        while piece := f.read(1 << 20):
            counter[0] += len(piece)
            progress(counter[0], total, "backup")
            yield piece


# -- backup -------------------------------------------------------------------------------
def check_backup_passphrase(root: Path, passphrase: str) -> Codec:
    """An encrypted store's archive uses the store's passphrase (checked here);
    a plain store's archive needs a new one long enough to protect it."""
    if crypto.is_encrypted(root):
        return crypto.unlock(root, passphrase)
    crypto.check_new_passphrase(passphrase)
    return PLAIN


def keep_count(text: str | int) -> int:
    """How many backups to keep, as the user gave it: a whole number from 1 to
    MAX_KEEP in plain digits, or BackupError saying what to type."""
    digits = str(text).strip()
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 2 and int(digits) >= 1):
        raise BackupError(
            f"How many backups to keep: type a whole number from 1 to {MAX_KEEP} "
            f"(“{digits[:20]}” is not one)."
        )
    return int(digits)


def backup_store(
    root: Path,
    dest: Path,
    passphrase: str,
    *,
    keep: int = DEFAULT_KEEP,
    remind_days: int | None = None,
    n: int = crypto.DEFAULT_N,
    on_progress: Progress | None = None,
) -> BackupResult:
    root, dest = Path(root).expanduser().resolve(), Path(dest).expanduser()
    progress = on_progress or (lambda _done, _total, _what: None)
    keep = keep_count(keep)
    if not (root / "index.json").exists():
        raise BackupError(f"There is no vig store at {root} to back up.")
    if crypto.needs_recovery(root):
        raise BackupError(
            "A passphrase change was cut short; open vig once to finish it, then back up."
        )
    codec = check_backup_passphrase(root, passphrase)
    try:
        dest = prepare_dest(dest, root)
    except OSError as err:
        raise BackupError(f"Cannot use {dest} for backups: {_why(err)}.") from err
    _clean_partials(dest)
    key_before = _key_bytes(root)
    files = store_files(root)
    total = sum(path.stat().st_size for _rel, path in files)
    header = new_header(now_iso(), codec is not PLAIN, n)
    partial = dest / f"{PARTIAL_PREFIX}{os.getpid()}"
    written: dict[str, str] = {}
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "wb") as out:
            writer = ArchiveWriter(out, header, passphrase)
            counter = [0]
            for rel, path in files:
                try:
                    written[rel] = writer.add_file(rel, _pieces(path, counter, total, progress))
                except FileNotFoundError:
                    raise BackupError(
                        f"{rel} disappeared while it was being backed up (a family erased?); "
                        "try again."
                    ) from None
            writer.finish()
            out.flush()
            os.fsync(out.fileno())
        if _key_bytes(root) != key_before:
            raise BackupError("The store's passphrase changed during the backup; try again.")
        _verify(partial, passphrase, written, total, progress, writer.codec)
        archive = _free_name(dest, header.created_at)
        os.replace(partial, archive)
        fsync_dir(dest)
    except OSError as err:
        raise BackupError(
            f"Could not write the backup in {dest}: {_why(err)}. The backups already there "
            "are as they were."
        ) from err
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    removed = _keep_last(dest, keep)
    _write_state(root, archive, len(files), total, remind_days, keep)
    log_event(root, "backup.create", None, codec, files=len(files), kept=keep)
    return BackupResult(
        archive, len(files), total, removed, os.stat(root).st_dev == os.stat(dest).st_dev
    )


def _why(err: OSError) -> str:
    """What went wrong with a backup folder, and what to do about it."""
    if err.errno == errno.ENOSPC:
        return "the disk is full; free some space there or choose a bigger disk"
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "vig may not write there; choose a folder you can write to (or unlock the drive)"
    if err.errno in (errno.ENOTDIR, errno.EEXIST):
        return "part of that path is a file, not a folder; choose a folder"
    return f"{err.strerror or err}; check the drive is plugged in, or choose another folder"


def _key_bytes(root: Path) -> bytes | None:
    try:
        return (root / crypto.KEY_NAME).read_bytes()
    except FileNotFoundError:
        return None


def _verify(
    archive: Path,
    passphrase: str,
    written: dict[str, str],
    total: int,
    progress: Progress,
    codec: AesGcmCodec,
) -> None:
    """Read the archive back from disk: every frame opens, every checksum
    matches what was written, nothing is missing or extra."""
    seen: dict[str, str] = {}
    done = 0
    for event in read_archive(archive, passphrase, codec):
        if isinstance(event, Piece):
            done += len(event.data)
            progress(done, total, "verify")
        elif isinstance(event, FileEnd):
            seen[event.path] = event.sha256
    if seen != written:
        raise BackupError("The backup read back differently from what was written; try again.")


def archive_order(path: Path) -> tuple[str, int]:
    """An archive's place in time: its stamp, then its count within that second."""
    stem = path.name[len(ARCHIVE_PREFIX) : -len(ARCHIVE_SUFFIX)]
    stamp, _, count = stem.partition("~")
    return stamp, int(count) if count.isdigit() else 1


def _free_name(dest: Path, created_at: str) -> Path:
    """A new name that sorts after every archive already in DEST (two backups
    within one second are counted, never given a freed name again)."""
    stamp = datetime.fromisoformat(created_at).strftime("%Y-%m-%d-%H%M%S")
    same = [count for s, count in map(archive_order, archives(dest)) if s == stamp]
    count = max(same, default=0) + 1
    suffix = "" if count == 1 else f"~{count}"
    return dest / f"{ARCHIVE_PREFIX}{stamp}{suffix}{ARCHIVE_SUFFIX}"


def archives(dest: Path) -> list[Path]:
    """The archives vig made in DEST, oldest first."""
    found = [
        p
        for p in Path(dest).glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}")
        if p.is_file() and not p.name.startswith(".")
    ]
    return sorted(found, key=archive_order)


def _keep_last(dest: Path, keep: int) -> list[Path]:
    doomed = archives(dest)[:-keep]
    for path in doomed:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    if doomed:
        fsync_dir(dest)
    return doomed


def _clean_partials(dest: Path) -> None:
    """Remove what a killed backup left (never a finished archive)."""
    for leftover in dest.glob(f"{PARTIAL_PREFIX}*"):
        pid = leftover.name[len(PARTIAL_PREFIX) :]
        if pid.isdigit() and int(pid) != os.getpid() and process_alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            leftover.unlink()


# -- restore ------------------------------------------------------------------------------
def archive_is_for_encrypted_store(archive: Path) -> bool:
    """Whether the archive opens with a store's passphrase (else its own)."""
    return read_header(Path(archive).expanduser()).store_encrypted


def restore_store(
    archive: Path, target: Path, passphrase: str, *, on_progress: Progress | None = None
) -> RestoreResult:
    archive, target = Path(archive).expanduser(), Path(target).expanduser()
    progress = on_progress or (lambda _done, _total, _what: None)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(
            f"{target} is not an empty folder; restore into a new or empty folder so nothing "
            "there is overwritten."
        )
    created = not target.exists()
    try:
        ensure_private_dir(target)
        staging = ensure_private_dir(target / STAGING_NAME)
    except OSError as err:
        raise BackupError(f"Cannot restore into {target}: {err.strerror or err}.") from err
    try:
        files = _unpack(archive, staging, passphrase, progress)
        for entry in sorted(staging.iterdir()):
            os.replace(entry, target / entry.name)
        staging.rmdir()
        fsync_dir(target)
    except BaseException as err:
        shutil.rmtree(staging, ignore_errors=True)
        if created:
            with contextlib.suppress(OSError):
                target.rmdir()
        if isinstance(err, OSError):
            raise BackupError(f"Could not restore into {target}: {err.strerror or err}.") from err
        raise
    codec, families = _check_restored(target, passphrase)
    log_event(target, "backup.restore", None, codec, files=files)
    return RestoreResult(target, files, families, codec is not PLAIN)


def _unpack(archive: Path, staging: Path, passphrase: str, progress: Progress) -> int:
    out: int | None = None
    path: Path | None = None
    done = 0
    try:
        for event in read_archive(archive, passphrase):
            if isinstance(event, FileStart):
                path = staging / event.path
                folder = staging
                for part in Path(event.path).parts[:-1]:  # each level 0700, not just the last
                    folder = ensure_private_dir(folder / part)
                out = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            elif isinstance(event, Piece) and out is not None:
                view = memoryview(event.data)
                while view:
                    view = view[os.write(out, view) :]
                done += len(event.data)
                progress(done, done, "restore")
            elif isinstance(event, FileEnd) and out is not None and path is not None:
                os.fsync(out)
                os.close(out)
                out = None
                if _sha256(path) != event.sha256:
                    raise BackupError(
                        f"{event.path} did not read back as it was written; check the disk "
                        "and try again. Nothing was restored."
                    )
            elif isinstance(event, ArchiveEnd):
                for folder in {p.parent for p in staging.rglob("*")} | {staging}:
                    fsync_dir(folder)
                return event.files
    finally:
        if out is not None:
            os.close(out)
    raise BackupError(f"{archive.name} ended early; nothing was restored.")  # pragma: no cover


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while piece := f.read(1 << 20):
            digest.update(piece)
    return digest.hexdigest()


def _check_restored(target: Path, passphrase: str) -> tuple[Codec, int]:
    """The restored store must open and every family must read."""
    try:
        codec = crypto.unlock(target, passphrase)
        store = Store.open(target, readonly=True, codec=codec)
        summaries = store.summaries()
        for summary in summaries:
            store.read_family(summary.id)
    except StoreError as err:
        raise BackupError(
            f"The files were restored into {target}, but the store there does not open: {err}"
        ) from err
    return codec, len(summaries)


# -- reminders ------------------------------------------------------------------------------
def _write_state(
    root: Path, archive: Path, files: int, size: int, remind_days: int | None, keep: int
) -> None:
    state = read_state(root) or {}
    state.update(
        {
            "last_backup_at": now_iso(),
            "archive": str(archive),
            "files": files,
            "bytes": size,
            "keep": keep,
        }
    )
    if remind_days is not None:
        state["remind_after_days"] = remind_days
    atomic_write(root / STATE_NAME, json.dumps(state, indent=1).encode(), keep_backup=False)
