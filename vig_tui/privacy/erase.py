"""Erasing a family: everything the store holds about them, on request or on time.

Removed: the family's folder (record, its backup and migration copies,
stills, working copies), their index line, the index's backup and migration
copies that name them, and any note text the audit log might have picked up
(only the bare facts — time, action, id, counts — stay). Films live outside
the store, so they are listed for the practitioner to delete.

Kept: the family's outcome numbers without identity (no id, label, names or
text; dates cut to the month) and so the practitioner's counts — see
outcomes/kept.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..outcomes.kept import erase_keeping_numbers
from ..store import Store, StoreError
from ..store.audit import log_event, read_events
from .errors import PrivacyError


@dataclass
class ErasureResult:
    family_id: str
    removed: list[Path] = field(default_factory=list)
    #: films the record pointed at outside the store: the practitioner deletes these
    films_outside: list[Path] = field(default_factory=list)
    #: copies made earlier (exports, clip copies, bundles), as the audit log
    #: knew them before erasure scrubbed the names: the practitioner deletes these
    copies_made: list[str] = field(default_factory=list)
    #: the family's de-identified outcome numbers were kept (not for demo families)
    numbers_kept: bool = False


def copies_made(store: Store, family_id: str) -> list[str]:
    """Where exports, clip copies and bundles of this family were written
    (read from the audit log, which erasure then scrubs of these names)."""
    found: list[str] = []
    for event in read_events(store.root, store.codec):
        if event.family_id != family_id or not event.action.startswith("export."):
            continue
        where = event.detail.get("path") or event.detail.get("folder") or event.detail.get("file")
        if isinstance(where, str) and where:
            what = event.action.removeprefix("export.")
            line = f"{where} ({what}, {event.at[:10]})"
            if line not in found:
                found.append(line)
    return found


def confirm_matches(label: str, typed: str) -> bool:
    return typed.strip() == label.strip() and bool(typed.strip())


def erase_family(store: Store, key: str, confirm: str) -> ErasureResult:
    """Erase the family `key` (id or label) after `confirm` repeats its label exactly."""
    summary = store.resolve(key, missing=True)  # a family whose folder is gone, too
    if not confirm_matches(summary.label, confirm):
        raise PrivacyError(
            "The confirmation does not match the family's label, so nothing was erased. "
            "Type the label exactly as shown (run `vig families` to see it)."
        )
    films: list[Path] = []
    try:
        record = store.read_family(summary.id)
    except StoreError:
        record = (
            None  # an unreadable record (or a link) is still erased; its films cannot be listed
        )
    if record is not None:
        root = store.root.resolve()
        for film in record.films:
            path = Path(film.path).expanduser()
            try:
                inside = path.resolve().is_relative_to(root)
            except OSError:
                inside = False
            if not inside and path not in films:
                films.append(path)
    copies = copies_made(store, summary.id)
    removed = erase_keeping_numbers(store, record, None, lambda: store.erase_family(summary.id))
    log_event(
        store.root,
        "erase.family",
        summary.id,
        store.codec,
        files=len(removed),
        films_outside=len(films),
    )
    kept = record is not None and not record.family.demo
    return ErasureResult(summary.id, removed, films, copies, kept)
