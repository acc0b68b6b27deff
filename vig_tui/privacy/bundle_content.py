"""What a bundle's record may hold, checked at the import gate (one place):
answers that fit their questionnaire, ids unique within each list, text of a
bounded length, and film paths that name a film file.

Each problem is returned as (where in the record, what is wrong); the gate
turns the first into the message that refuses the bundle.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import fields
from typing import Any

from ..domain import FamilyRecord
from ..domain.rules.alerts import check_acted_on, raised_on
from ..domain.rules.labels import label_problem
from ..playback.films import FILM_SUFFIXES

#: the longest any other text in a bundle's record may be (a note or a letter)
TEXT_MAX = 100_000
_FINGERPRINT = re.compile(r"(v1|v2):[0-9]+:[0-9a-f]{64}")


def content_problems(record: FamilyRecord, data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every problem in `record` (and `data`, the same record as stored)."""
    if (problem := label_problem(record.family.label)) is not None:
        yield "family.label", problem
    yield from _long_text(data, "")
    for list_field in fields(record):
        items = getattr(record, list_field.name)
        if not isinstance(items, list):
            continue
        seen: set[str] = set()
        for number, item in enumerate(items, 1):
            item_id = getattr(item, "id", None)
            if item_id is None:
                continue
            if item_id in seen:
                yield f"{list_field.name} {number}", f"its id {item_id!r} is used twice"
            seen.add(item_id)
    for number, film in enumerate(record.films, 1):
        if problem := _film_problem(film.path, film.fingerprint):
            yield f"films {number}", problem
    yield from _answer_problems(record)


def _long_text(value: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        if len(value) > TEXT_MAX:
            yield where, f"it is {len(value):,} characters; text has at most {TEXT_MAX:,}"
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _long_text(inner, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for number, inner in enumerate(value, 1):
            yield from _long_text(inner, f"{where} {number}")


def _film_problem(path: str, fingerprint: str) -> str | None:
    """A film's path from elsewhere is kept as the place to look for it; the
    film gate checks the file before it is played. Only a film file's name
    is taken (never, e.g., a system file), with a well-formed fingerprint."""
    if not path.startswith("/") or any(ch in path for ch in "\x00\n\r"):
        return "its path is not a full path to a file"
    ending = "." + path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    if ending not in FILM_SUFFIXES:
        return f"its path does not name a film file (one of {', '.join(sorted(FILM_SUFFIXES))})"
    if fingerprint and not _FINGERPRINT.fullmatch(fingerprint):
        return "its fingerprint is not one vig makes"
    return None


def _answer_problems(record: FamilyRecord) -> Iterator[tuple[str, str]]:
    if not record.administrations:
        return
    from ..packs import ScoringError, load_packs, score

    questionnaires = load_packs().questionnaires
    for number, adm in enumerate(record.administrations, 1):
        questionnaire = questionnaires.get(adm.questionnaire_id)
        if questionnaire is None:
            continue  # a pack not installed here: its answers are shown unscored
        where = f"administrations {number} ({adm.questionnaire_id})"
        try:
            result = score(questionnaire, adm.answers)
        except ScoringError as err:  # an AnswerError names the item and what it allows
            yield where, str(err)
            continue
        raised = {alert.id for alert in result.alerts}
        for action in adm.acted_on:  # what was done about an alert: as the desk allows it
            if action.alert_id not in raised:
                yield (
                    where,
                    f"it says alert {action.alert_id!r} was dealt with, "
                    "but its answers raise no such alert",
                )
                continue
            try:
                check_acted_on(action.on, raised_on(record, adm))
            except ValueError as err:
                yield where, f"the day alert {action.alert_id!r} was dealt with: {err}"
