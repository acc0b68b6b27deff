"""The practitioner's whole store, as the screens use it.

Screens never import or call the store: they ask a :class:`Practice` (every
family, the search index, erasure, the demo family, the audit log, ...) or a
:class:`~vig_tui.services.session.FamilySession` (one family). Opening the
store and unlocking it also live here, so the app's start-up needs nothing
from the store package either.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import lazy_exports
from ..domain.rules.labels import LabelError, LabelTakenError, checked_label, label_taken
from ..store import (
    PLAIN,
    Codec,
    CorruptFileError,
    Store,
    StoreError,
    crypto,
    restore_backup,
)
from ..store.atomic import FILE_MODE

if TYPE_CHECKING:  # the record models load when a family or the log is opened, not for Home
    from ..desk.search import SearchIndex
    from ..domain import Family, FamilyRecord, FamilySummary
    from ..outcomes.numbers import FamilyNumbers
    from ..privacy.erase import ErasureResult
    from ..store.practitioner import Discussed, PractitionerLog, SupervisionEntry
    from .session import FamilySession

__getattr__, _ = lazy_exports(
    __name__,
    dict.fromkeys(
        ("Discussed", "PractitionerLog", "SupervisionEntry"), "vig_tui.store.practitioner"
    ),
)

__all__ = [
    "PLAIN",
    "Codec",
    "CorruptFileError",
    "Discussed",
    "LabelError",
    "LabelTakenError",
    "Practice",
    "PractitionerLog",
    "Store",
    "StoreError",
    "SupervisionEntry",
    "check_new_passphrase",
    "checked_label",
    "is_encrypted",
    "is_new_store",
    "open_store",
    "recover_from_backup",
    "unlock",
]

check_new_passphrase = crypto.check_new_passphrase
unlock = crypto.unlock
is_encrypted = crypto.is_encrypted
#: Put a file's backup back in its place (the unreadable file is kept aside).
recover_from_backup = restore_backup


def is_new_store(root: Path) -> bool:
    """True before the first family or setting was saved in `root`."""
    return not (root / "index.json").exists() and not crypto.is_encrypted(root)


def open_store(root: Path, codec: Codec = PLAIN) -> Store:
    """Open the store for writing (takes its lock)."""
    return Store.open(root, codec=codec)


class Practice:
    """Every family of one practitioner, and what can be done across them."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @property
    def root(self) -> Path:
        return self._store.root

    # -- families ----------------------------------------------------------------
    def summaries(self) -> list[FamilySummary]:
        return self._store.summaries()

    def label_taken(self, label: str) -> bool:
        return label_taken(label, (s.label for s in self._store.summaries()))

    def create_family(self, family: Family) -> FamilySession:
        """Add a family (its label cleaned of invisible characters and unique)."""
        label = checked_label(family.label, (s.label for s in self._store.summaries()))
        family = family.model_copy(update={"label": label})
        from .session import FamilySession

        return FamilySession(self._store, self._store.create_family(family))

    def open_family(self, family_id: str) -> FamilySession:
        from .session import FamilySession

        return FamilySession.open(self._store, family_id)

    def read_family(self, family_id: str) -> FamilyRecord:
        """Read a family without opening it for changes."""
        return self._store.read_family(family_id)

    def add_demo(self) -> tuple[str, bool]:
        from ..demo import add_demo_family

        return add_demo_family(self._store)

    def erase(self, family_id: str, typed_label: str) -> ErasureResult:
        from ..privacy.erase import erase_family

        return erase_family(self._store, family_id, typed_label)

    def missing_families(self) -> list[str]:
        """What to tell the practitioner about each family the index holds whose
        folder is gone (by label, naming the folder and what to do); the desk
        says it, the room never does."""
        return self._store.missing_notes()

    def past_erase_by(self) -> list[FamilySummary]:
        from datetime import date

        from ..domain.summary import past_erase_by

        return past_erase_by(self._store.summaries(), date.today())

    # -- the desk ----------------------------------------------------------------
    def search_index(self) -> SearchIndex:
        from ..desk import index_for

        return index_for(self._store)

    def prepare_search(
        self, index: SearchIndex, progress: Callable[[int, int], None] | None = None
    ) -> None:
        """Build the index (first time) or bring it up to date (blocking: run in a worker)."""
        if index.ready:
            index.refresh(self._store, self._store.open_family_ids())
        else:
            index.build(self._store, progress)

    def records(
        self, progress: Callable[[int, int], None], problems: list[str]
    ) -> list[FamilyRecord]:
        """Every readable family (blocking: run in a worker)."""
        from ..desk import iter_records

        return list(iter_records(self._store, progress, problems=problems))

    def kept_numbers(self) -> list[FamilyNumbers]:
        """Outcome numbers kept, without identity, from families since erased."""
        from ..outcomes.kept import read_kept

        return read_kept(self._store.root, self._store.codec)

    def backup_reminder(self, how: str) -> str | None:
        """A sentence when the last backup is older than the chosen days;
        `how` says how to back up from where it is read."""
        from .last_backup import backup_reminder

        return backup_reminder(self._store.root, how=how)

    def audit_rows(self) -> list[tuple[str, str, str]]:
        from ..privacy.audit_view import rows

        return rows(self._store)

    def practice_log(self) -> PractitionerLog:
        from ..store.practitioner import PractitionerLog

        return PractitionerLog.open(self._store)

    # -- files leaving vig ---------------------------------------------------------
    def export_clips(
        self,
        family_id: str,
        folder: Path,
        cycle: int | None,
        progress: Callable[[float, str], None],
    ) -> list[Path]:
        from ..privacy.clips import export_family_clips

        return export_family_clips(self._store, family_id, folder, cycle, progress)

    def deliver(
        self, text: str, output: str | None, action: str, family_id: str | None, **facts: Any
    ) -> None:
        """Write an export to a file (or stdout), noting it in the audit log."""
        from ..export.deliver import deliver

        deliver(self._store, text, output, action, family_id, **facts)

    def deliver_printable(
        self, html: str, output: str, fmt: str, action: str, family_id: str | None, **facts: Any
    ) -> str | None:
        """Write a print-ready page as PDF (or HTML); the sentence returned says
        when a PDF could not be made and HTML was written instead."""
        from ..export.pdf import deliver_printable

        return deliver_printable(self._store, html, output, fmt, action, family_id, **facts)

    def seal_still(self, path: Path) -> None:
        """Stills live inside the family's folder, private like every store file
        (VLC writes them 0644): 0600, and in an encrypted store sealed straight away."""
        if self._store.codec is not PLAIN:
            crypto.seal_file_in_place(path, self._store.codec)  # rewritten 0600
        else:
            os.chmod(path, FILE_MODE)

    def change_passphrase(self, passphrase: str) -> None:
        self._store.change_passphrase(passphrase)
