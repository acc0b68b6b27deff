"""The family's own words and strengths, ready for the papers they keep.

Shared by the ending letter and the moments booklet: who said what (in the
family's words, named when several adults answered), what a clip shows in
everyday words (never a principle's name), and how to address the family.
Nothing here reads a practitioner-only field.
"""

from __future__ import annotations

import re

from ..domain import Clip, FamilyRecord, Session

#: everyday words for the shipped principles, used when no pack is loaded
EVERYDAY: dict[str, str] = {
    "attentive": "Noticing — giving your full attention, time and space",
    "encouraging": "Making room for them to start — waiting, and letting them lead",
    "receiving": "Showing you got it — a look, a smile or a word back",
    "attuning": "Taking turns — going back and forth, and having fun together",
    "guiding": "Helping them along — just the right amount of help",
    "deepening": "Thinking it through together — understanding each other",
}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_text(value: str) -> str:
    """A person's words, safe inside Markdown: one line, special characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(value.split()))


def said(
    record: FamilyRecord, session: Session | None, prompt_id: str, clip_id: str | None = None
) -> list[tuple[str | None, str]]:
    """(who, words) for a prompt in a meeting (in any of its sittings, oldest
    first): one entry per adult who answered."""
    if session is None:
        return []
    sittings = record.whole_meeting(session.id)
    return [
        (r.speaker, r.family_words.strip())
        for r in sorted(record.reflections, key=lambda r: r.created_at)
        if r.session_id in sittings
        and r.prompt_id == prompt_id
        and r.clip_id == clip_id
        and r.family_words.strip()
    ]


def quoted(speaker: str | None, words: str) -> str:
    """“words”, or Name: “words” when said by a named adult (Markdown-safe)."""
    quoted = f"“{md_text(words)}”"
    return f"{md_text(speaker)}: {quoted}" if speaker else quoted


def principle_words(packs: object | None, principle_id: str) -> str:
    principle = None
    finder = getattr(packs, "principle", None)
    if callable(finder):
        principle = finder(principle_id)
    if principle is not None and getattr(principle, "family_name", None):
        behaviours = list(getattr(principle, "behaviours", []) or [])
        first = str(behaviours[0]).rstrip(".") if behaviours else ""
        name = str(principle.family_name)
        return f"{name} — {first[:1].lower() + first[1:]}" if first else name
    return EVERYDAY.get(principle_id, "")


def clip_words(
    record: FamilyRecord, clip: Clip, review_ids: set[str]
) -> list[tuple[str | None, str]]:
    """The family's own words about a clip, said in its shared reviews, oldest
    first: (the named adult who said them, when there are several; the words)."""
    return [
        (r.speaker, r.family_words.strip())
        for r in sorted(record.reflections, key=lambda r: r.created_at)
        if r.clip_id == clip.id and r.session_id in review_ids and r.family_words.strip()
    ]


def clip_strengths(packs: object | None, clip: Clip) -> list[str]:
    """What a clip shows, in everyday words (never the principle names)."""
    return [w for w in (principle_words(packs, p) for p in clip.principles) if w]


def family_names(record: FamilyRecord) -> tuple[str, str]:
    family = record.family
    adults = [a for a in family.adults if a.strip()]
    children = [c.name for c in family.children if c.name.strip()]

    def join(names: list[str]) -> str:
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    greeting = join(adults) if adults else family.label
    child = join(children) if children else "your child"
    return greeting, child
