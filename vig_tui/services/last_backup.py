"""What the last backup was, and the reminder when it is too old.

`backup.json` in the store's folder remembers when the last backup was made, where
it went and how many were kept (no passphrase needed to read it), for the
reminders in Home and `vig doctor` and for the backup screen's defaults.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

from ..domain.ids import now_iso
from ..store.atomic import atomic_write
from ..store.errors import StoreError
from ..store.small_file import read_small_file

STATE_NAME = "backup.json"
DEFAULT_REMIND_DAYS = 7


class BackupError(StoreError):
    """A backup or restore could not be done; the message says what to do.

    Defined here, not with the archive format, so Home reads the reminder
    without loading the archive code and the cipher."""


def write_state(
    root: Path, archive: Path, files: int, size: int, remind_days: int | None, keep: int
) -> None:
    """Remember the backup just made (durably, replacing the last one's record)."""
    state = read_state(root) or {}
    state.pop("restored_from", None)  # this store's own backup now
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


def note_restored(root: Path, archive: Path, made_at: str) -> None:
    """A store just restored from `archive` (made at `made_at`): that backup holds
    it as it is, so it counts as its last backup, and the reminders say where
    the store came from rather than that it was never backed up."""
    state = {"last_backup_at": made_at, "archive": str(archive), "restored_from": str(archive)}
    atomic_write(root / STATE_NAME, json.dumps(state, indent=1).encode(), keep_backup=False)


def read_state(root: Path) -> dict[str, object] | None:
    """What the last backup was, or None before the first one."""
    try:
        doc = json.loads(read_small_file(Path(root) / STATE_NAME))
    except FileNotFoundError:
        return None
    except OSError as err:  # a folder, a FIFO, too big, unreadable
        raise BackupError(
            f"{Path(root) / STATE_NAME} can't be read ({err.strerror or err}); move it "
            "aside, and the next `vig backup` writes it again."
        ) from err
    except (ValueError, RecursionError) as err:
        raise BackupError(
            f"{Path(root) / STATE_NAME} is damaged; the next `vig backup` rewrites it."
        ) from err
    return doc if isinstance(doc, dict) else None


def _has_families(root: Path) -> bool:
    """Is there a family folder? Read only until the first is found (listing
    the whole folder cost a read of every name at every start of Home)."""
    try:
        with os.scandir(Path(root) / "families") as entries:
            return any(not entry.name.startswith(".") for entry in entries)
    except (FileNotFoundError, NotADirectoryError):
        return False


CLI_HOW = "run `vig backup DEST`"


def backup_reminder(root: Path, now: datetime | None = None, how: str = CLI_HOW) -> str | None:
    """A sentence when the store holds families and its last backup is older
    than the chosen number of days (default 7); None when all is well. `how`
    says how to back up where the sentence is read (the app: "press b")."""
    root = Path(root)
    if not _has_families(root):
        return None
    try:
        state = read_state(root)
    except BackupError as err:
        return str(err)
    if state is None:
        return f"This store has never been backed up: {how} to back up to a USB stick or drive."
    days = state.get("remind_after_days", DEFAULT_REMIND_DAYS)
    limit = days if isinstance(days, int) and days > 0 else DEFAULT_REMIND_DAYS
    try:
        last = datetime.fromisoformat(str(state.get("last_backup_at")))
    except ValueError:
        return f"When the last backup was made cannot be read: {how} to back up again."
    now = now or datetime.now().astimezone()
    if last.tzinfo is None:
        last = last.astimezone()
    age = now - last
    if age <= timedelta(days=limit):
        return None
    if state.get("restored_from"):
        return (
            f"This store was restored from a backup made on {last:%Y-%m-%d} ({age.days} days "
            f"ago) and has not been backed up since: {how} to keep a copy of it as it is now."
        )
    return (
        f"The last backup is {age.days} days old (from {last:%Y-%m-%d}); {how} "
        "to keep a copy away from this laptop."
    )
