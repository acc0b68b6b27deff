"""Search across every family's notes, reflections, clip notes and helping questions.

The index is held in memory. For each family it keeps one case-folded "blob"
(all of that family's searchable texts joined by a separator) and a small
table saying where each text starts. A query is a handful of words (or
"quoted phrases"); a text matches when every term starts a word somewhere in
it, so typing "bed" already finds "bedtime". Finding the longest term in each
blob is a C-speed `str.find`, so a query over 1,000 families takes a few
milliseconds — fast enough to search again on every key press.

Building the index means reading every family file once (about 1.6 s for
1,000 realistic families), so callers build it lazily or in a background
thread; a family can be re-indexed on its own after it changes.
"""

from __future__ import annotations

import re
import threading
import weakref
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..domain import FamilyRecord
from ..store import Store, StoreError
from .search_texts import SEP, FamilyDocs, family_docs, fold
from .word_masks import WORD, WordMasks

MIN_TERM = 2
DEFAULT_LIMIT = 200

#: field -> (what it is, practitioner only?)
FIELDS: dict[str, tuple[str, bool]] = {
    "question": ("Helping question", False),
    "shared_notes": ("Shared notes", False),
    "keep_doing": ("Keep doing", False),
    "private_notes": ("Private notes", True),
    "guidance_reflection": ("Guidance reflection", True),
    "family_words": ("Family's words", False),
    "practitioner_note": ("Practitioner's note", True),
    "clip_title": ("Clip title", False),
    "chain_note": ("Clip: initiative → reception", False),
    "micro_note": ("Clip: micro-analysis", True),
    "earlier_wording": ("Helping question, earlier wording", False),
    "future_goal": ("Goal for the future", False),
    "not_held": ("Session not held: why", False),
}


@dataclass(frozen=True)
class SearchResult:
    """One matching text, with where it sits in the family's journey."""

    family_id: str
    family_label: str
    field: str
    item_id: str
    session_id: str | None
    clip_id: str | None
    prompt_id: str | None
    date: str
    place: str
    text: str
    spans: tuple[tuple[int, int], ...]  # matched words in `text`, for highlighting
    terms: tuple[str, ...] = ()

    @property
    def field_title(self) -> str:
        return FIELDS.get(self.field, (self.field, False))[0]

    @property
    def private(self) -> bool:
        return FIELDS.get(self.field, ("", False))[1]

    def snippet(self, width: int = 90) -> tuple[str, list[tuple[int, int]]]:
        """A one-line excerpt around the first match, with spans shifted to fit."""
        flat = " ".join(self.text.split())
        spans = match_spans(flat, self.terms)
        if len(flat) <= width:
            return flat, spans
        first = spans[0][0] if spans else 0
        start = max(0, min(first - width // 3, len(flat) - width))
        end = start + width
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(flat) else ""
        piece = prefix + flat[start:end] + suffix
        shift = len(prefix) - start
        kept = [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]
        return piece, kept


@dataclass
class SearchResults:
    query: str
    terms: list[str]
    results: list[SearchResult] = field(default_factory=list)
    total: int = 0  # every matching text (results holds at most `limit`)
    families: int = 0  # families with at least one match
    searched: int = 0  # families in the index when the query ran
    problem: str | None = None  # e.g. "type at least 2 letters"
    complete: bool = True  # False when the search stopped at its limit

    def summary(self) -> str:
        if self.problem:
            return self.problem
        if not self.terms:
            return ""
        if not self.complete:
            return (
                f"The first {len(self.results)} matches are shown (there are more) — "
                "add a word to narrow the search."
            )
        if not self.total:
            return "No matches."
        fam = f"{self.families} famil{'y' if self.families == 1 else 'ies'}"
        return f"{self.total} match{'' if self.total == 1 else 'es'} in {fam}."


# -- query terms ------------------------------------------------------------------------
_QUERY = re.compile(r'"([^"]*)"?|(\S+)')
_EDGE = re.compile(r"^\W+|\W+$")


def parse_query(query: str) -> list[str]:
    """Words and "quoted phrases", case-folded, punctuation trimmed from word ends."""
    terms: list[str] = []
    for phrase, word in _QUERY.findall(query):
        text = " ".join(phrase.split()) if phrase else _EDGE.sub("", word)
        text = fold(text)  # as the texts are folded (search_texts)
        if text and text not in terms:
            terms.append(text)
    return terms


def _starts_word(blob: str, pos: int) -> bool:
    return pos == 0 or not blob[pos - 1].isalnum()


def match_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for term in terms:
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, term.split())), re.IGNORECASE)
        spans.extend((m.start(), m.end()) for m in pattern.finditer(text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


# -- the index ----------------------------------------------------------------------------
class SearchIndex:
    """Every family's texts, searchable as you type. Thread-safe: one thread may
    build or refresh while another searches (a search sees a consistent snapshot)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._build_lock = threading.Lock()  # one full read at a time
        self._families: dict[str, FamilyDocs] = {}
        self._order: list[FamilyDocs] = []
        self._bits: dict[str, int] = {}  # family id -> its bit in the word masks
        self._masks = WordMasks()
        self.ready = False  # every family has been read at least once
        self.expected = 0  # families to read in the current build
        self.problems: list[str] = []  # families that could not be read (skipped)

    def __len__(self) -> int:
        return len(self._order)

    @property
    def texts(self) -> int:
        return sum(len(f) for f in self._order)

    def add(self, record: FamilyRecord) -> None:
        """(Re-)index one family."""
        self._merge([family_docs(record)])

    def add_many(self, records: Iterable[FamilyRecord]) -> None:
        batch: list[FamilyDocs] = []
        for record in records:
            batch.append(family_docs(record))
            if len(batch) >= 50:
                self._merge(batch)
                batch = []
        self._merge(batch)

    def _merge(self, batch: list[FamilyDocs]) -> None:
        if not batch:
            return
        with self._lock:
            for entry in batch:
                entry.bit = self._bits.setdefault(entry.family_id, len(self._bits))
                self._masks.set_family(entry.bit, entry.words)
                self._families[entry.family_id] = entry
            self._order = sorted(self._families.values(), key=lambda f: f.sort_key)

    def remove(self, family_id: str) -> None:
        with self._lock:
            gone = self._families.pop(family_id, None)
            if gone is not None:
                self._masks.remove_family(gone.bit)
            self._order = sorted(self._families.values(), key=lambda f: f.sort_key)

    def build(self, store: Store, progress: Callable[[int, int], None] | None = None) -> None:
        """Read every family in the store (skipping none) and index it. When a
        build is already running (the app warms the index up after start),
        this waits for it instead of reading everything twice."""
        from .load import iter_records

        with self._build_lock:
            if self.ready:
                if progress is not None:
                    progress(len(self._order), len(self._order))
                return
            self._build(store, progress, iter_records)

    def _build(
        self,
        store: Store,
        progress: Callable[[int, int], None] | None,
        iter_records: Callable[..., Iterable[FamilyRecord]],
    ) -> None:
        summaries = store.summaries()
        self.expected = len(summaries)
        known = {s.id for s in summaries}
        for gone in set(self._families) - known:
            self.remove(gone)
        self.problems = []
        self.add_many(iter_records(store, progress, problems=self.problems))
        self.ready = True

    def refresh(self, store: Store, family_ids: Iterable[str]) -> None:
        """Re-read families that may have changed (e.g. those open in the app),
        and drop families no longer in the store."""
        known = {s.id for s in store.summaries()}
        for family_id in list(self._families):
            if family_id not in known:
                self.remove(family_id)
        missing = known - set(self._families) if self.ready else set()
        for family_id in [*family_ids, *missing]:
            if family_id in known:
                try:
                    self.add(store.read_family(family_id))
                except StoreError as err:
                    self.problems.append(str(err))

    # -- searching -----------------------------------------------------------------------
    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> SearchResults:
        """Texts containing every term at the start of a word, family by family
        (in label order, each family's texts by date). Stops once `limit`
        results are found: then `complete` is False and `total` is a lower bound."""
        terms = parse_query(query)
        order = self._order  # a snapshot: replaced, never mutated, by writers
        out = SearchResults(query=query, terms=terms, searched=len(order))
        if not terms:
            return out
        if max(len(t) for t in terms) < MIN_TERM:
            out.problem = f"Type at least {MIN_TERM} letters."
            return out
        driver = max(terms, key=len)
        others = [t for t in terms if t != driver]
        worth_reading = self._families_worth_reading(terms)
        for fam in order:
            room = limit - len(out.results)
            if room <= 0:
                out.complete = False
                break
            if worth_reading is not None and worth_reading[fam.bit : fam.bit + 1] != "1":
                continue
            blob = fam.blob
            if any(term not in blob for term in terms):
                continue
            matched = _search_family(fam, driver, others, room + 1)
            if not matched:
                continue
            out.families += 1
            out.total += len(matched)
            for n in matched[:room]:
                doc = fam.doc(n)
                text = fam.text(n)
                out.results.append(
                    SearchResult(
                        family_id=fam.family_id,
                        family_label=fam.label,
                        field=doc.field,
                        item_id=doc.item_id,
                        session_id=doc.session_id,
                        clip_id=doc.clip_id,
                        prompt_id=doc.prompt_id,
                        date=doc.date,
                        place=doc.place,
                        text=text,
                        spans=tuple(match_spans(text, terms)),
                        terms=tuple(terms),
                    )
                )
            if len(matched) > room:
                out.complete = False
                out.total -= 1  # the extra one only told us there is more
                break
        return out

    def _families_worth_reading(self, terms: list[str]) -> str | None:
        """The families that may match, as a string of "0"/"1" (character n for
        family bit n), or None when no term narrows them."""
        found: int | None = None
        for term in terms:
            lead = WORD.match(term)
            if lead is not None:
                mask = self._masks.families_with_prefix(lead.group())
                found = mask if found is None else found & mask
        return None if found is None else format(found, "b")[::-1]


def _search_family(fam: FamilyDocs, driver: str, others: list[str], limit: int) -> list[int]:
    blob, starts = fam.blob, fam.starts
    found: list[int] = []
    pos = blob.find(driver)
    while pos != -1:
        if _starts_word(blob, pos):
            n = bisect_right(starts, pos) - 1
            begin = starts[n]
            end = blob.index(SEP, pos)
            if all(_has_word_start(blob, term, begin, end) for term in others):
                found.append(n)
                if len(found) >= limit:
                    break
            pos = blob.find(driver, end + 1)
        else:
            pos = blob.find(driver, pos + 1)
    return found


def _has_word_start(blob: str, term: str, begin: int, end: int) -> bool:
    pos = blob.find(term, begin, end)
    while pos != -1:
        if _starts_word(blob, pos):
            return True
        pos = blob.find(term, pos + 1, end)
    return False


# -- one shared index per open store --------------------------------------------------------
_INDEXES: weakref.WeakKeyDictionary[Store, SearchIndex] = weakref.WeakKeyDictionary()


def index_for(store: Store) -> SearchIndex:
    """The search index kept for this store while it is open (built on demand)."""
    index = _INDEXES.get(store)
    if index is None:
        index = SearchIndex()
        _INDEXES[store] = index
    return index
