"""Reading the index's lines: each field checked, a bad one names the file.

The index is read at every start, a line per family, so the usual case — every
line sound — is checked a column at a time (one pass in C over each: the ids
against the id rule, the texts by joining them); only when that finds
something wrong are the lines walked one by one, for the message that names
what is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import chain
from operator import itemgetter, methodcaller
from pathlib import Path
from typing import Any, cast

from ..domain import FamilySummary
from ..domain.ids import all_valid_ids, is_valid_id
from .atomic import backup_path
from .errors import CorruptFileError


def summaries_of(data: Mapping[str, object], path: Path) -> dict[str, FamilySummary]:
    lines = data.get("families", {})
    if not isinstance(lines, dict):
        raise CorruptFileError(path, "its 'families' table is not a table", backup_path(path))
    docs = list(lines.values())
    sound = _all_sound(docs)
    if sound is not None:
        return sound
    out: dict[str, FamilySummary] = {}
    for doc in docs:
        summary = _summary(doc, path)
        out[summary.id] = summary
    return out


_TEXT_FIELDS = ("id", "label", "status", "children", "next_step", "updated_at")
_texts = itemgetter(*_TEXT_FIELDS)
_erase_by = methodcaller("get", "erase_by")
_demo = methodcaller("get", "demo")
_NONE = type(None)


def _all_sound(docs: list[object]) -> dict[str, FamilySummary] | None:
    """Every line's summary when every line is sound, else None (then
    :func:`_summary` finds the first bad one and says what is wrong)."""
    if not {type(doc) for doc in docs} <= {dict}:
        return None
    lines = cast(list[dict[str, Any]], docs)
    try:
        rows: list[tuple[str, str, str, str, str, str]] = list(map(_texts, lines))
        "".join(chain.from_iterable(rows))  # TypeError: not all of them text
    except (KeyError, TypeError):
        return None
    ids = [row[0] for row in rows]
    erase_bys = list(map(_erase_by, lines))
    demos = list(map(_demo, lines))
    if (
        not all_valid_ids(ids)
        or not set(map(type, erase_bys)) <= {str, _NONE}
        or not set(map(type, demos)) <= {bool, _NONE}
    ):
        return None
    return {
        row[0]: FamilySummary(*row, erase_by, demo is True)
        for row, erase_by, demo in zip(rows, erase_bys, demos, strict=True)
    }


def _bad(path: Path, what: str) -> CorruptFileError:
    return CorruptFileError(path, f"an index line {what}", backup_path(path))


def _summary(doc: object, path: Path) -> FamilySummary:
    """One index line, checked field by field: a bad one names the file."""
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
