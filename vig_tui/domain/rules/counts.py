"""How a count reads in words: "1 answer", "2 answers", "no clips".

One copy of the plural rule for every screen, letter and command-line line
that says how many of something there are.
"""

from __future__ import annotations


def counted(n: int, one: str, many: str | None = None, *, zero: str | None = None) -> str:
    """`n` followed by the right form of the noun: `one` for exactly one,
    `many` (by default `one` + "s") otherwise. `zero`, when given, is said
    instead of "0 ..."."""
    if n == 0 and zero is not None:
        return zero
    return f"{n} {one if n == 1 else (many or one + 's')}"
