"""What the last backup was, and the reminder when it is too old.

`backup.json` in the store's folder remembers when the last backup was made, where
it went and how many were kept (no passphrase needed to read it), for the
reminders in Home and `vig doctor` and for the backup screen's defaults.
"""

from __future__ import annotations

import json
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
    families = Path(root) / "families"
    return families.is_dir() and any(not p.name.startswith(".") for p in families.iterdir())


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
    return (
        f"The last backup is {age.days} days old (from {last:%Y-%m-%d}); {how} "
        "to keep a copy away from this laptop."
    )
