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

from ...errors import VigError

#: the longest a family's label may be (one short line on Home; a bundle bringing
#: a longer one is refused, and the app never makes one)
LABEL_MAX = 200


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


def label_problem(label: str) -> str | None:
    """What is wrong with a label as it would be kept (see `clean_label`), or
    None: the one rule for a family added, renamed or brought in a bundle."""
    if not label:
        return "the family needs a label"
    if len(label) > LABEL_MAX:
        return f"a label has at most {LABEL_MAX} characters (this one has {len(label):,})"
    return None


class LabelError(VigError, ValueError):
    """A label that can't be kept (empty, too long, or another family's)."""


class LabelTakenError(LabelError):
    def __init__(self, label: str) -> None:
        super().__init__(f"A family called “{label}” already exists; choose another label")


def checked_label(label: str, others: Iterable[str]) -> str:
    """`label` as it is kept (`clean_label`), or LabelError: the one check for
    a family added or renamed (a bundle's label meets `label_problem` too)."""
    label = clean_label(label)
    if (problem := label_problem(label)) is not None:
        raise LabelError(problem[:1].upper() + problem[1:])
    if label_taken(label, others):
        raise LabelTakenError(label)
    return label
