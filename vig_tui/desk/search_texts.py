"""What is searchable in a family's record, and how one family is kept in the index.

`documents` lists every searchable text with its place in the journey;
`family_docs` packs them for the index: the texts case-folded and joined into
one string, where each text starts, and each text's place as numbers into a
table of the family's distinct strings — a few bytes per text instead of a
tuple of strings.

The texts as written are not kept beside the folded copy (that doubled the
index: about 14 MB per 1,000 families): only the characters folding changed
(capitals, mostly — a few in a hundred) and where they are, so a text is put
back together exactly, and only when it is shown.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from typing import NamedTuple

from ..domain import FamilyRecord, SessionKind
from .word_masks import words_of

SEP = "\x00"  # never typed by a person, so a term never spans two texts

PLACE_FIELDS = 7  # the fields of a Doc


class Doc(NamedTuple):
    field: str
    item_id: str  # the session, reflection, clip or question the text belongs to
    session_id: str | None
    clip_id: str | None
    prompt_id: str | None
    date: str
    place: str  # "Cycle 2 – shared review", "Helping questions", ...


@dataclass
class FamilyDocs:
    """One family's texts, kept small: the places of its texts are numbers
    into a table of the family's distinct strings (ids, dates, places)."""

    family_id: str
    label: str
    blob: str  # case-folded texts joined by SEP
    cased_at: array[int]  # where a text as written differs from blob (in order)
    cased: str  # the character written there, one per position
    starts: array[int]  # where each text begins in blob
    places: array[int]  # PLACE_FIELDS numbers per text, into `strings`
    strings: tuple[str | None, ...]
    words: tuple[str, ...]  # distinct words, for the word masks
    sort_key: str = ""
    bit: int = 0  # this family's bit in the word masks (given by the index)

    def __len__(self) -> int:
        return len(self.starts)

    def doc(self, n: int) -> Doc:
        at, strings = n * PLACE_FIELDS, self.strings
        return Doc._make(strings[i] for i in self.places[at : at + PLACE_FIELDS])

    def text(self, n: int) -> str:
        """The n-th text as written."""
        begin = self.starts[n]
        end = self.blob.index(SEP, begin)
        folded = self.blob[begin:end]
        first = bisect_left(self.cased_at, begin)
        last = bisect_left(self.cased_at, end, first)
        if first == last:
            return folded
        chars = list(folded)
        for k in range(first, last):
            chars[self.cased_at[k] - begin] = self.cased[k]
        return "".join(chars)


# -- extracting texts from a record -------------------------------------------------------
def _day(value: str | None) -> str:
    return (value or "")[:10]


def fold(text: str) -> str:
    """Case-folded text of exactly the same length, so positions line up. A letter
    that folds to two (ß, İ) is kept as written; a query is folded the same way,
    so it matches the text as written."""
    folded = text.casefold()
    if len(folded) == len(text):
        return folded
    return "".join(c.casefold() if len(c.casefold()) == 1 else c for c in text)


def documents(record: FamilyRecord) -> list[tuple[Doc, str]]:
    """Every searchable text in a record with its place in the journey.
    Place strings are shared between the texts of one session or clip."""
    sessions = {s.id: s for s in record.sessions}
    films = {f.id: f for f in record.films}
    first_day = min((s.date for s in record.sessions), default=_day(record.family.created_at))
    session_place = {s.id: s.title() for s in record.sessions}
    clip_place: dict[str, str] = {}
    clip_date: dict[str, str] = {}
    for c in record.clips:
        film = films.get(c.film_id)
        clip_date[c.id] = (film.recorded_on if film and film.recorded_on else None) or _day(
            c.created_at
        )
        clip_place[c.id] = f"Cycle {c.cycle} – clip {c.span_text()}"
    out: list[tuple[Doc, str]] = []

    def add(
        fld: str,
        text: str,
        item_id: str,
        session_id: str | None,
        clip_id: str | None,
        prompt_id: str | None,
        date: str,
        place: str,
    ) -> None:
        if text and text.strip():
            out.append((Doc(fld, item_id, session_id, clip_id, prompt_id, date, place), text))

    for q in record.questions:
        add(
            "question",
            q.text,
            q.id,
            None,
            None,
            None,
            _day(q.created_at) or first_day,
            "Helping questions",
        )
        for old in q.earlier_wordings:
            day = _day(old.until)
            add("earlier_wording", old.text, q.id, None, None, None, day, "Helping questions")
    for s in record.sessions:
        place = session_place[s.id]
        for fld in ("shared_notes", "keep_doing", "private_notes", "guidance_reflection"):
            add(fld, getattr(s, fld), s.id, s.id, None, None, s.date, place)
        if not s.held:
            why = f"{s.attendance.label}: {s.attendance_reason}"
            add("not_held", why, s.id, s.id, None, None, s.date, place)
        for goal in s.future_goals:
            add("future_goal", goal.text, s.id, s.id, None, None, s.date, place)
    for c in record.clips:
        date, place = clip_date[c.id], clip_place[c.id]
        add("clip_title", c.title, c.id, None, c.id, None, date, place)
        add("chain_note", c.chain_note, c.id, None, c.id, None, date, place)
        add("micro_note", c.micro_note, c.id, None, c.id, None, date, place)
    places: dict[tuple[str, str | None], str] = {}
    for r in record.reflections:
        session = sessions.get(r.session_id)
        date = session.date if session else _day(r.created_at)
        key = (r.session_id, r.clip_id)
        known = places.get(key)
        if known is None:
            known = session_place.get(r.session_id, SessionKind.OTHER.title)
            if r.clip_id is not None and r.clip_id in clip_place:
                known += " – " + clip_place[r.clip_id].split(" – ", 1)[1]
            places[key] = known
        place = known
        add("family_words", r.family_words, r.id, r.session_id, r.clip_id, r.prompt_id, date, place)
        add(
            "practitioner_note",
            r.practitioner_note,
            r.id,
            r.session_id,
            r.clip_id,
            r.prompt_id,
            date,
            place,
        )
    out.sort(key=lambda pair: pair[0].date)
    return out


#: the characters folding may change: capitals A–Z and anything not ASCII
#: (every other ASCII character folds to itself)
_MAY_FOLD = re.compile(r"[A-Z\x80-\U0010ffff]")


def _differences(raw: str, blob: str) -> tuple[array[int], str]:
    """Where `raw` and its folded copy `blob` (the same length) differ, and
    `raw`'s characters there."""
    at = array("I")
    chars: list[str] = []
    if raw != blob:
        for m in _MAY_FOLD.finditer(raw):
            pos = m.start()
            if blob[pos] != m.group():
                at.append(pos)
                chars.append(m.group())
    return at, "".join(chars)


def _smallest(numbers: list[int], most: int) -> array[int]:
    """`numbers` (none above `most`) in the smallest array that holds them."""
    return array("B" if most < 1 << 8 else "H" if most < 1 << 16 else "I", numbers)


def family_docs(record: FamilyRecord) -> FamilyDocs:
    pairs = documents(record)
    starts = array("I")
    numbered: list[int] = []
    numbers: dict[str | None, int] = {None: 0}
    texts: list[str] = []
    pos = 0
    for doc, text in pairs:
        starts.append(pos)
        numbered.extend(numbers.setdefault(value, len(numbers)) for value in doc)
        texts.append(text)
        pos += len(text) + 1
    raw = SEP.join(texts) + SEP
    blob = fold(raw)
    cased_at, cased = _differences(raw, blob)
    return FamilyDocs(
        record.family.id,
        record.family.label,
        blob,
        cased_at,
        cased,
        starts,
        _smallest(numbered, len(numbers)),
        tuple(sys.intern(v) if v is not None else None for v in numbers),
        words_of(blob),
        record.family.label.casefold(),
    )
