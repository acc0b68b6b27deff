"""When two family labels are the same label.

Labels are compared as a person reads them: ignoring case, Unicode
compatibility forms, invisible characters (zero-width spaces and joiners,
soft hyphens, direction marks) and how much space sits between words. So
"Robin family" and "Robin\u200b family" are one label, not two.
"""

from __future__ import annotations

import unicodedata


def label_key(label: str) -> str:
    text = unicodedata.normalize("NFKC", label)
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(visible.split()).casefold()


def same_label(a: str, b: str) -> bool:
    return label_key(a) == label_key(b)
