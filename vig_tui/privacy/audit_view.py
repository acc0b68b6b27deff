"""The audit log in plain words, for `vig audit` and the app's viewer."""

from __future__ import annotations

from ..store import Store
from ..store.audit import AuditEvent, read_events

WHAT = {
    "export.letter": "Ending letter exported",
    "export.record": "Record exported",
    "export.outcomes": "Outcomes exported",
    "export.clips": "Clips copied for the family",
    "export.bundle": "Hand-over bundle made",
    "import.bundle": "Hand-over bundle imported",
    "erase.family": "Family erased",
    "consent.change": "Consent changed",
    "passphrase.change": "Passphrase changed",
    "encryption.enable": "Encryption turned on",
    "family.create": "Family added",
    "export.report": "Service outcome report made",
    "export.booklet": "Moments booklet made for the family",
    "backup.create": "Whole store backed up",
    "backup.restore": "Store restored from a backup",
    "unreadable": "Unreadable line",
}


def describe(event: AuditEvent) -> str:
    what = WHAT.get(event.action, event.action)
    facts = ", ".join(f"{k.replace('_', ' ')}: {_fact(v)}" for k, v in event.detail.items())
    return what + (f" ({facts})" if facts else "")


def _fact(value: object) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value is None:
        return "all"
    return str(value)


def rows(store: Store) -> list[tuple[str, str, str]]:
    """(when, family, what) for every event, newest first. The family is shown
    by its current label when it is still in the store (its folder missing
    noted), else by a short id."""
    labels = {s.id: s.label for s in store.summaries()}
    labels |= {s.id: f"{s.label} (folder missing)" for s, _folder in store.missing_families()}
    out = []
    for event in reversed(read_events(store.root, store.codec)):
        fid = event.family_id
        family = labels.get(fid, f"({fid[:8]}, no longer here)") if fid else ""
        out.append((event.at.replace("T", " ")[:16], family, describe(event)))
    return out
