"""The audit log: when something left or changed the store — never what was said.

One JSON object per line in `<store>/audit.log`, appended with O_APPEND and
fsync'd, so a read-only command (an export while the app is open) can add a
line without the store lock and lines from two processes never interleave.
Entries hold a time, an action, a family id and short factual details
(a format, a file name, a count) — never note text or family names.
With an encryption codec each line is sealed on its own (base64).
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..domain.ids import now_iso
from .atomic import FILE_MODE, atomic_write
from .codec import PLAIN, Codec
from .errors import StoreError
from .small_file import open_for_append, read_regular_file, why_unreadable

AUDIT_NAME = "audit.log"
#: The log grows by a line of a few hundred bytes per export, erasure or
#: backup: 64 MiB holds hundreds of thousands of them, decades of a practice.
#: A larger file is not a log vig wrote, and is not read whole.
AUDIT_LIMIT = 64 * 1024 * 1024


class AuditLogUnreadableError(StoreError):
    """The audit log is there but is not a file vig can read (see small_file)."""

    def __init__(self, path: Path, err: OSError) -> None:
        self.path = Path(path)
        super().__init__(
            f"Cannot use the audit log {self.path}: {why_unreadable(err)}. Move it out of "
            "the store folder (keep it if you need its history); vig then starts a new "
            "log. Nothing was changed."
        )


ACTIONS = {
    "export.letter",
    "export.record",
    "export.outcomes",
    "export.clips",
    "export.bundle",
    "export.failed",
    "import.bundle",
    "erase.family",
    "consent.change",
    "passphrase.change",
    "encryption.enable",
    "family.create",
    "export.report",
    "export.booklet",
    "backup.create",
    "backup.restore",
}


@dataclass
class AuditEvent:
    at: str
    action: str
    family_id: str | None
    detail: dict[str, str | int | bool | None]


def log_event(
    root: Path,
    action: str,
    family_id: str | None = None,
    codec: Codec = PLAIN,
    **detail: str | int | bool | None,
) -> AuditEvent:
    """Append one event. Callers pass facts only (formats, counts, file names)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    event = AuditEvent(now_iso(), action, family_id, dict(detail))
    line = json.dumps(event.__dict__, ensure_ascii=False).encode()
    if codec is not PLAIN:
        line = base64.b64encode(codec.seal(line))
    fd = open_for_append(Path(root) / AUDIT_NAME, FILE_MODE)  # OSError: not a file
    try:
        os.write(fd, line + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    return event


def read_log_lines(root: Path) -> list[bytes]:
    """The log's lines as stored (sealed or plain); none when there is no log
    yet. AuditLogUnreadableError when something else is under its name."""
    path = Path(root) / AUDIT_NAME
    try:
        return read_regular_file(path, AUDIT_LIMIT).splitlines()
    except FileNotFoundError:
        return []
    except OSError as err:  # a FIFO, a folder, too big, no permission
        raise AuditLogUnreadableError(path, err) from err


def read_events(root: Path, codec: Codec = PLAIN) -> list[AuditEvent]:
    """All events, oldest first. A damaged line is shown as such, not skipped."""
    raw_lines = read_log_lines(root)
    events = []
    for n, raw in enumerate(raw_lines, 1):
        if not raw.strip():
            continue
        try:
            plain = raw if codec is PLAIN else codec.open(base64.b64decode(raw))
            data = json.loads(plain)
            events.append(
                AuditEvent(
                    data["at"], data["action"], data.get("family_id"), data.get("detail", {})
                )
            )
        except Exception:  # a torn last line after a power cut, or tampering
            events.append(AuditEvent("?", "unreadable", None, {"line": n}))
    return events


def scrub_family(root: Path, family_id: str, codec: Codec = PLAIN) -> bool:
    """Keep only numbers and yes/no facts in an erased family's audit lines.

    Entries never hold note text, but a file name someone chose (an export's
    target, say) might contain a name; after erasure only the bare facts about
    the family remain. Unreadable lines cannot be checked, so they go.
    Returns True if the log was rewritten (atomically)."""
    path = Path(root) / AUDIT_NAME
    raw_lines = read_log_lines(root)
    out: list[bytes] = []
    changed = False
    for raw in raw_lines:
        if not raw.strip():
            continue
        try:
            plain = raw if codec is PLAIN else codec.open(base64.b64decode(raw))
            event = json.loads(plain)
        except Exception:
            changed = True
            continue
        if event.get("family_id") == family_id:
            detail = event.get("detail") or {}
            kept = {k: v for k, v in detail.items() if isinstance(v, bool | int) or v is None}
            if kept != detail:
                event["detail"] = kept
                changed = True
                plain = json.dumps(event, ensure_ascii=False).encode()
                raw = plain if codec is PLAIN else base64.b64encode(codec.seal(plain))
        out.append(raw)
    if changed:
        atomic_write(path, b"".join(line + b"\n" for line in out), keep_backup=False)
    return changed
