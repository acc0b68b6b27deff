"""A family's label must be unique among the practitioner's families.

Two labels are the same when they read the same: compared after Unicode
normalisation (NFKC), with invisible characters (zero-width spaces and
joiners, the byte-order mark, soft hyphens, other format characters) removed,
runs of white space made one space, and case folded. So "Oak", "oak ",
"Oak\u200b" and "Ｏａｋ" (full-width) are one label.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def label_key(label: str) -> str:
    """The form two labels are compared in."""
    text = unicodedata.normalize("NFKC", label)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.split()).casefold()


def label_taken(label: str, existing: Iterable[str]) -> bool:
    key = label_key(label)
    return any(label_key(other) == key for other in existing)


def clean_label(label: str) -> str:
    """The label as it is kept: normalised, invisible characters removed,
    white space tidied (case is kept)."""
    text = unicodedata.normalize("NFKC", label)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.split())
