"""Outcomes across families as one CSV, ready for a spreadsheet or R.

One row per helping-question rating and one per questionnaire
administration. Column names are stable: the fixed columns below, then one
column per item of every loaded questionnaire (``<instrument>_<item>``, in
instrument then item order), then one per subscale
(``<instrument>_sub_<subscale>``); instruments found in the data but not
loaded add their item columns at the end, sorted. Names use only lowercase
letters, digits and underscores, so R's ``read.csv`` keeps them as they are.

Totals are recomputed from the raw answers. Bands and alerts are not
exported, and neither are free-text answers: this file is for service
reporting, and a family's own words do not belong in it (they are in the
family's record export). Any text cell a spreadsheet would read as a formula
(starting with = + - @) is prefixed with an apostrophe.

``person`` says whose a row is when a family has several adults: the adult
who gave the rating or filled in the questionnaire, as a number (1, 2, … in
the family's order; never a name); empty for ratings given together and for
questionnaires whose respondent was not asked.

Families erased since are included from the numbers kept without identity
(outcomes/kept.py), marked ``erased`` TRUE: a random key instead of their id,
dates by month, totals without item answers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

from ..domain import FamilyRecord
from ..outcomes import score_administration
from ..outcomes.numbers import FamilyNumbers, family_numbers, person_numbers

FIXED = [
    "family_id",
    "kind",
    "record_id",
    "cycle",
    "date",
    "timepoint",
    "instrument",
    "version",
    "question_number",
    "rating",
    "hoped_for",
    "completed",
    "total",
    "total_max",
    "prorated",
    "erased",
    "person",
]
RATING_INSTRUMENT = "helping-question"
_UNSAFE = re.compile(r"[^a-z0-9]+")


def column(*parts: str) -> str:
    return "_".join(_UNSAFE.sub("_", p.casefold()).strip("_") for p in parts)


def _item_ids(packs: object | None) -> dict[str, tuple[list[str], list[str]]]:
    """instrument -> (item ids, subscale ids) from the loaded packs."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    questionnaires = getattr(packs, "questionnaires", {}) or {}
    for qid in sorted(questionnaires):
        q = questionnaires[qid]
        scoring = getattr(q, "scoring", None)
        subs = [s.id for s in getattr(scoring, "subscales", [])] if scoring else []
        out[qid] = ([item.id for item in q.items if item.kind != "text"], subs)
    return out


def _text_items(packs: object | None) -> set[tuple[str, str]]:
    questionnaires = getattr(packs, "questionnaires", {}) or {}
    return {
        (qid, item.id)
        for qid, q in questionnaires.items()
        for item in q.items
        if item.kind == "text"
    }


def _safe(value: Any) -> Any:
    """Every text cell a spreadsheet could read as a formula gets an apostrophe."""
    if isinstance(value, str) and (
        value[:1] in ("\t", "\r", "\n") or value.lstrip()[:1] in ("=", "+", "-", "@")
    ):
        return "'" + value
    return value


def _rating_rows(
    family: FamilyNumbers, question_ids: list[str] | None = None
) -> list[dict[str, Any]]:
    """One row per rating of each helping question (numbered, never worded)."""
    rows: list[dict[str, Any]] = []
    for n, q in enumerate(family.questions):
        for r in q.ratings:
            rows.append(
                {
                    "family_id": family.key,
                    "kind": "rating",
                    "record_id": question_ids[n] if question_ids else None,
                    "cycle": r.cycle,
                    "date": r.date,
                    "timepoint": r.kind,
                    "instrument": RATING_INSTRUMENT,
                    "version": "",
                    "question_number": q.number,
                    "rating": r.value,
                    "hoped_for": q.hoped_for,
                    "completed": True,
                    "total": r.value,
                    "total_max": 10,
                    "prorated": False,
                    "erased": family.erased,
                    "person": r.person,
                }
            )
    return rows


def kept_rows(kept: Iterable[FamilyNumbers]) -> list[dict[str, Any]]:
    """Rows from the numbers kept after erasure: a random key for the family,
    dates by month, totals only (no item answers), marked erased."""
    rows: list[dict[str, Any]] = []
    for family in kept:
        rows += _rating_rows(family)
        for t in family.totals:
            rows.append(
                {
                    "family_id": family.key,
                    "kind": "questionnaire",
                    "cycle": t.cycle,
                    "date": t.date,
                    "timepoint": t.timepoint,
                    "instrument": t.instrument,
                    "version": t.version,
                    "completed": t.completed,
                    "total": t.total,
                    "total_max": t.total_max,
                    "prorated": t.prorated if t.total is not None else None,
                    "erased": True,
                    "person": t.person,
                }
            )
    return [{k: _safe(v) for k, v in row.items()} for row in rows]


def outcome_rows(
    records: Iterable[FamilyRecord],
    packs: object | None = None,
    kept: Iterable[FamilyNumbers] = (),
) -> tuple[list[str], list[dict[str, Any]]]:
    """The header and the rows (dicts keyed by column name): the families in
    the store, then the numbers kept from families since erased."""
    known = _item_ids(packs)
    free_text = _text_items(packs)
    extra: dict[str, set[str]] = {}
    rows: list[dict[str, Any]] = []
    for record in records:
        fid = record.family.id
        sessions = {s.id: s for s in record.sessions}
        retired = [q for q in record.questions if q.retired]
        ids = [q.id for q in record.active_questions() + retired]
        rows += _rating_rows(family_numbers(record, None), ids)
        people = person_numbers(record)
        for adm in sorted(record.administrations, key=lambda a: a.at):
            session = sessions.get(adm.session_id or "")
            view = score_administration(packs, adm)
            row: dict[str, Any] = {
                "family_id": fid,
                "kind": "questionnaire",
                "record_id": adm.id,
                "cycle": session.cycle if session else None,
                "date": session.date if session else adm.at[:10],
                "timepoint": adm.timepoint,
                "instrument": adm.questionnaire_id,
                "version": adm.version,
                "completed": adm.completed,
                "total": view.total,
                "total_max": view.max,
                "prorated": view.prorated if view.total is not None else None,
                "erased": False,
                "person": people.get(adm.respondent) if adm.respondent is not None else None,
            }
            items, _subs = known.get(adm.questionnaire_id, ([], []))
            for item_id, answer in adm.answers.items():
                if (adm.questionnaire_id, item_id) in free_text or isinstance(answer, str):
                    continue  # the family's own words stay out of service figures
                if item_id not in items:
                    extra.setdefault(adm.questionnaire_id, set()).add(item_id)
                row[column(adm.questionnaire_id, item_id)] = answer
            for sub_id, total in view.subscales.items():
                row[column(adm.questionnaire_id, "sub", sub_id)] = total
            rows.append(row)
    rows += kept_rows(kept)
    header = list(FIXED)
    for qid, (items, subs) in known.items():
        header += [column(qid, i) for i in items]
        header += [column(qid, "sub", s) for s in subs]
    for qid in sorted(extra):
        header += [column(qid, i) for i in sorted(extra[qid]) if column(qid, i) not in header]
    return header, rows


def outcomes_csv(
    records: Iterable[FamilyRecord],
    packs: object | None = None,
    kept: Iterable[FamilyNumbers] = (),
) -> str:
    header, rows = outcome_rows(records, packs, kept)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else _safe(_cell(v))) for k, v in row.items()})
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return value
