"""Prompts in the family's own terms: with one child, "your child" becomes the
child's name; with several, the prompt asks which child they mean (and a
heading speaks of "your children")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..family import Family

_YOUR_CHILD = re.compile(r"\b([Yy])our child('s)?\b")


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def for_family(text: str, family: Family, *, about_a_moment: bool = False) -> str:
    """`text` with "your child" put in this family's words (text as written
    in the pack otherwise; names are used as they were typed). With several
    children a prompt asks which child they mean — unless it is about a moment
    on film (`about_a_moment`): the film shows which child, and "your child"
    stays as written."""
    names = [c.name.strip() for c in family.children if c.name.strip()]
    if not names or not _YOUR_CHILD.search(text):
        return text
    if len(names) == 1:
        name = names[0]
        return _YOUR_CHILD.sub(lambda m: name + (m.group(2) or ""), text)
    if about_a_moment:
        return text
    return f"{text} (Which child are you thinking of: {_join(names)}?)"


def heading_for_family(text: str, family: Family) -> str:
    """A heading with "your child" put in this family's words: the child's name
    with one child, "your children" with several (a heading asks nothing)."""
    names = [c.name.strip() for c in family.children if c.name.strip()]
    if not names or not _YOUR_CHILD.search(text):
        return text
    if len(names) == 1:
        name = names[0]
        return _YOUR_CHILD.sub(lambda m: name + (m.group(2) or ""), text)
    return _YOUR_CHILD.sub(
        lambda m: m.group(1) + "our children" + ("'s" if m.group(2) else ""), text
    )


def whose(name: str, thing: str, *, start: bool = False) -> str:
    """`thing` as belonging to an adult, in words that read well: "Alex's
    question", but "the question from Mum (Aisha)" where an 's would follow a
    bracket or other mark. With `start`, ready to begin a sentence."""
    name = name.strip()
    if name[-1:].isalnum():
        return f"{name}'s {thing}"
    return f"{'The' if start else 'the'} {thing} from {name}"


def question_owner(family: Family, owner: str | None) -> str | None:
    """Whose a helping question is, to say beside it: its owner when the family
    has two or more adults (with one, every question is theirs and nothing is said)."""
    several = len([a for a in family.adults if a.strip()]) > 1
    return owner if several and owner and owner.strip() else None


def owned(family: Family, owner: str | None, text: str) -> str:
    """A helping question's words with whose it is in front ("Dad's question:
    …") when the family has several adults; its words alone otherwise."""
    name = question_owner(family, owner)
    return f"{whose(name, 'question', start=True)}: {text}" if name else text
