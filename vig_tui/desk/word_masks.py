"""Which families hold a word starting with a given prefix — without reading them.

Each distinct word (a run of letters and digits, case-folded) maps to a bit
mask of the families it occurs in, one bit per family. A search term can only
match in a family that holds a word starting with the term's leading letters
and digits, so OR-ing the masks of those words (a binary search in the sorted
words) names every family worth reading; the others are skipped. A word that
is in no family (a typo, a rare name) costs nothing however many families
there are.
"""

from __future__ import annotations

import re
import sys
import threading
from bisect import bisect_left

#: a word as search sees it: where a term may start (after anything not a letter or digit)
WORD = re.compile(r"[^\W_]+")


def words_of(folded: str) -> tuple[str, ...]:
    return tuple(sys.intern(w) for w in set(WORD.findall(folded)))


class WordMasks:
    """Thread-safe: one thread may add families while another asks."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._masks: dict[str, int] = {}
        self._family_words: dict[int, tuple[str, ...]] = {}
        self._sorted: list[str] = []
        self._sorted_stale = False

    def set_family(self, bit: int, words: tuple[str, ...]) -> None:
        with self._lock:
            self._drop(bit)
            flag = 1 << bit
            masks = self._masks
            for word in words:
                old = masks.get(word)
                if old is None:
                    masks[word] = flag
                    self._sorted_stale = True
                else:
                    masks[word] = old | flag
            self._family_words[bit] = words

    def remove_family(self, bit: int) -> None:
        with self._lock:
            self._drop(bit)

    def _drop(self, bit: int) -> None:
        keep = ~(1 << bit)
        for word in self._family_words.pop(bit, ()):
            self._masks[word] &= keep

    def families_with_prefix(self, prefix: str) -> int:
        """The mask of families holding a word that starts with `prefix`."""
        with self._lock:
            if self._sorted_stale:
                self._sorted = sorted(self._masks)
                self._sorted_stale = False
            words, masks = self._sorted, self._masks
            found = 0
            for i in range(bisect_left(words, prefix), len(words)):
                word = words[i]
                if not word.startswith(prefix):
                    break
                found |= masks[word]
            return found
