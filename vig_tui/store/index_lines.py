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


def _bad(path: Path, what: str) -> CorruptFileError:
    return CorruptFileError(path, f"an index line {what}", backup_path(path))


def _summary(doc: object, path: Path) -> FamilySummary:
    """One index line, checked field by field: a bad one names the file.
    (Read for every family at every start, so the checks are kept cheap.)"""
    if not isinstance(doc, dict):
        raise _bad(path, "is not a table")
    texts: list[str] = []
    for key in _TEXT_FIELDS:
        value = doc.get(key)
        if not isinstance(value, str):
            missing = [k for k in _TEXT_FIELDS if k not in doc]
            if missing:
                raise _bad(path, f"is incomplete (no {', '.join(missing)})")
            raise _bad(path, f"has a {type(value).__name__} for '{key}' where text belongs")
        texts.append(value)
    erase_by, demo = doc.get("erase_by"), doc.get("demo")
    if not isinstance(erase_by, str | None) or not isinstance(demo, bool | None):
        raise _bad(path, "has a bad value for 'erase_by' or 'demo'")
    ident, label, status, children, next_step, updated_at = texts
    if not is_valid_id(ident):
        raise _bad(path, f"has an id that is not a vig id ({ident[:40]!r})")
    return FamilySummary(
        ident, label, status, children, next_step, updated_at, erase_by, bool(demo)
    )
