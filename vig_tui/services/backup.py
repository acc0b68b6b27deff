"""What survives a lost laptop: back the whole store up to one archive.

`backup_store` writes every store file (sealed files stay sealed) into one
archive (see backup_archive.py) under a key from a passphrase: the store's own
for an encrypted store, its own for a plain one. The archive is written to a
temporary file in DEST, made durable, read back and checked frame by frame
against what was written, and only then given its name — so a backup killed
at any moment leaves the previous archives as they were. The last `keep`
archives stay in DEST.

Restoring an archive is in restore.py; what the last backup was (and the
reminder when it is old) is in last_backup.py.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..domain.ids import now_iso
from ..store import crypto
from ..store.atomic import (
    FILE_MODE,
    TMP_PREFIX,
    fsync_dir,
    process_alive,
)
from ..store.audit import log_event
from ..store.codec import PLAIN, Codec
from ..store.crypto import AesGcmCodec
from ..store.lock import LOCK_NAME
from ..store.output_file import why_not_written
from .backup_archive import (
    ArchiveWriter,
    BackupError,
    FileEnd,
    Piece,
    Progress,
    new_header,
    read_archive,
)
from .backup_contents import contents_text
from .backup_dest import prepare_dest
from .last_backup import write_state
from .restore import STAGING_NAME

ARCHIVE_PREFIX = "vig-backup-"
ARCHIVE_SUFFIX = ".vigbackup"
PARTIAL_PREFIX = ".vig-backup-partial-"
DEFAULT_KEEP = 5
MAX_KEEP = 99


@dataclass
class BackupResult:
    archive: Path
    files: int
    bytes: int
    removed: list[Path] = field(default_factory=list)
    #: True when DEST is on the same disk as the store (no help if the laptop is lost)
    same_disk: bool = False
    #: the archive's size as it lies in DEST (what the folder's listing shows for it)
    archive_size: int = 0
    #: what it holds, in words (`backup_contents.contents_text`)
    contents: str = ""


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
        raise BackupError(f"Cannot use {dest} for backups: {why_not_written(err)}.") from err
    _clean_partials(dest)
    key_before = crypto.read_key_file(root)
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
        if crypto.read_key_file(root) != key_before:
            raise BackupError("The store's passphrase changed during the backup; try again.")
        _verify(partial, passphrase, written, total, progress, writer.codec)
        archive = _free_name(dest, header.created_at)
        os.replace(partial, archive)
        fsync_dir(dest)
    except OSError as err:
        raise BackupError(
            f"Could not write the backup in {dest}: {why_not_written(err)}. "
            "The backups already there are as they were."
        ) from err
    finally:
        # (on a read-only disk even removing what was never made fails: that
        # must not hide why the backup was not written; a leftover is removed
        # by the next backup, `_clean_partials`)
        with contextlib.suppress(OSError):
            partial.unlink()
    removed = _keep_last(dest, keep)
    write_state(root, archive, len(files), total, remind_days, keep)
    log_event(root, "backup.create", None, codec, files=len(files), kept=keep)
    return BackupResult(
        archive,
        len(files),
        total,
        removed,
        os.stat(root).st_dev == os.stat(dest).st_dev,
        archive_size=archive.stat().st_size,
        contents=contents_text(rel for rel, _path in files),
    )


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
