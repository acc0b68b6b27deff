"""Reading every family's record, one at a time, without keeping them all."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..domain import FamilyRecord
from ..store import Store, StoreError

Progress = Callable[[int, int], None]


def iter_records(
    store: Store,
    progress: Progress | None = None,
    include_demo: bool = True,
    problems: list[str] | None = None,
) -> Iterator[FamilyRecord]:
    """Each family's record in label order. Families open in the app come from
    memory (so their latest edits are seen); the rest are read from disk
    without taking the lock, so this is safe on a read-only store.

    With a `problems` list, a family that cannot be read (a corrupt file) is
    skipped and its one-line message added to the list; without one, the
    error is raised."""
    summaries = store.summaries()
    total = len(summaries)
    for n, summary in enumerate(summaries, 1):
        record: FamilyRecord | None = None
        if not summary.demo or include_demo:
            try:
                record = store.read_family(summary.id)
            except StoreError as err:
                if problems is None:
                    raise
                problems.append(f"{summary.label}: {err}")
        if progress is not None:
            progress(n, total)
        if record is not None:
            yield record
