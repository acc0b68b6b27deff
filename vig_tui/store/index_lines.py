"""Reading the index's lines: each field checked, a bad one names the file."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..domain import FamilySummary
from ..domain.ids import is_valid_id
from .atomic import backup_path
from .errors import CorruptFileError


def summaries_of(data: Mapping[str, object], path: Path) -> dict[str, FamilySummary]:
    lines = data.get("families", {})
    if not isinstance(lines, dict):
        raise CorruptFileError(path, "its 'families' table is not a table", backup_path(path))
    out: dict[str, FamilySummary] = {}
    for doc in lines.values():
        summary = _summary(doc, path)
        out[summary.id] = summary
    return out


_TEXT_FIELDS = ("id", "label", "status", "children", "next_step", "updated_at")


def _summary(doc: object, path: Path) -> FamilySummary:
    """One index line, checked field by field: a bad one names the file."""

    def bad(what: str) -> CorruptFileError:
        return CorruptFileError(path, f"an index line {what}", backup_path(path))

    if not isinstance(doc, dict):
        raise bad("is not a table")
    missing = [k for k in _TEXT_FIELDS if k not in doc]
    if missing:
        raise bad(f"is incomplete (no {', '.join(missing)})")
    for key in _TEXT_FIELDS:
        if not isinstance(doc[key], str):
            raise bad(f"has a {type(doc[key]).__name__} for '{key}' where text belongs")
    if not isinstance(doc.get("erase_by"), str | None) or not isinstance(
        doc.get("demo"), bool | None
    ):
        raise bad("has a bad value for 'erase_by' or 'demo'")
    if not is_valid_id(doc["id"]):
        raise bad(f"has an id that is not a vig id ({str(doc['id'])[:40]!r})")
    return FamilySummary(
        **{k: doc[k] for k in FamilySummary.__dataclass_fields__ if k in doc and doc[k] is not None}
    )
