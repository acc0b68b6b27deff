"""Schema versions and the path from old files to the current format.

Every store file carries `_meta: {"1": {"schema": N, "kind": ...}}`. Opening
a file with an older schema first copies it aside untouched
(`<name>.schema<N>`), then applies each step in turn and saves atomically.
A file from a newer vig is refused, never rewritten.

Schema history:
  1 — the prototype format: clip times as float seconds (`start`, `end`),
      the family's words under `text`.
  2 — media times as integer milliseconds (`start_ms`, `end_ms`),
      the family's words under `family_words`.
  3 — a real course: children's ages are true on a day (`age_on`, taken
      from when the family was added) so they grow; "what to keep working
      on" written at the final meeting becomes that meeting's goals for the
      future (`future_goals`) instead of an unrated helping question; new
      fields (dates, attendance, status history, edits, speakers, owners)
      take their defaults.
  4 — a shared review as a conversation: a reflection may have no prompt
      (`prompt_id: null`, the family's own remark) and names the review
      `stage` the talk was in; a prompt may have several. Old files need no
      change (every old reflection has a prompt); the number goes up so an
      older vig refuses these files instead of misreading them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .atomic import FILE_MODE, backup_path, fsync_dir
from .errors import CorruptFileError, SchemaTooNewError

CURRENT_SCHEMA = 4
META_TABLE = "_meta"

Data = dict[str, dict[str, Any]]


def schema_of(data: Data, path: Path) -> int:
    table = data.get(META_TABLE, {})
    meta = table.get("1") if isinstance(table, dict) else {}
    if meta is None:
        return 1  # files written before versions were recorded
    schema = meta.get("schema") if isinstance(meta, dict) else None
    if not isinstance(schema, int) or schema < 1:
        raise CorruptFileError(path, f"unreadable format version {schema!r}", backup_path(path))
    return schema


#: when anything in a family's record last changed (every save stamps it; an
#: import keeps the stamp of the record it brings), to microseconds
CHANGED_AT = "changed_at"


def stamp(data: Data, kind: str, changed_at: str | None = None) -> Data:
    meta: dict[str, Any] = {"schema": CURRENT_SCHEMA, "kind": kind}
    if changed_at is not None:
        meta[CHANGED_AT] = changed_at
    data[META_TABLE] = {"1": meta}
    return data


def changed_at_of(data: Data) -> str | None:
    """The record's change stamp, or None for files written before stamps."""
    table = data.get(META_TABLE)
    meta = table.get("1") if isinstance(table, dict) else None
    value = meta.get(CHANGED_AT) if isinstance(meta, dict) else None
    return value if isinstance(value, str) else None


def _v1_to_v2(data: Data) -> Data:
    for doc in data.get("clips", {}).values():
        if "start" in doc and "start_ms" not in doc:
            doc["start_ms"] = round(float(doc.pop("start")) * 1000)
        if "end" in doc and "end_ms" not in doc:
            doc["end_ms"] = round(float(doc.pop("end")) * 1000)
    for doc in data.get("reflections", {}).values():
        if "text" in doc and "family_words" not in doc:
            doc["family_words"] = doc.pop("text")
    return data


def _v2_to_v3(data: Data) -> Data:
    for family in data.get("family", {}).values():
        created = str(family.get("created_at") or "")[:10]
        for child in family.get("children") or []:
            has_age = child.get("age_years") is not None or child.get("age_months") is not None
            if has_age and not child.get("age_on") and not child.get("born_on") and created:
                child["age_on"] = created
    sessions = data.get("sessions", {})
    finals = {doc.get("id"): doc for doc in sessions.values() if doc.get("kind") == "final_meeting"}
    questions = data.get("questions", {})
    for key, doc in list(questions.items()):
        final = finals.get(doc.get("session_id"))
        if final is None:
            continue
        goal = {"id": doc.get("id"), "text": doc.get("text", ""), "by": None}
        if doc.get("created_at"):
            goal["created_at"] = doc["created_at"]
        final.setdefault("future_goals", []).append(goal)
        del questions[key]
    return data


def _v3_to_v4(data: Data) -> Data:
    return data  # only new kinds of value: every schema-3 reflection is already valid


STEPS: dict[int, Callable[[Data], Data]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


def needs_migration(data: Data, path: Path) -> bool:
    schema = schema_of(data, path)
    if schema > CURRENT_SCHEMA:
        raise SchemaTooNewError(path, schema, CURRENT_SCHEMA)
    return schema < CURRENT_SCHEMA


def set_aside(path: Path, schema: int) -> Path:
    """Copy the old file aside before it is migrated; never overwrite a copy."""
    aside = path.with_name(f"{path.name}.schema{schema}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.schema{schema}.{n}")
    shutil.copy2(path, aside)
    aside.chmod(FILE_MODE)
    fsync_dir(path.parent)
    return aside


def migrate(data: Data, path: Path, kind: str) -> Data:
    schema = schema_of(data, path)
    if schema > CURRENT_SCHEMA:
        raise SchemaTooNewError(path, schema, CURRENT_SCHEMA)
    try:
        while schema < CURRENT_SCHEMA:
            data = STEPS[schema](data)
            schema += 1
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise CorruptFileError(
            path, f"could not bring an old file up to date ({err})", backup_path(path)
        ) from err
    return stamp(data, kind, changed_at_of(data))
