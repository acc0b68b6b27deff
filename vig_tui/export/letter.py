"""The ending letter: drafted from the record, in the family's own words.

What goes in (and only this):

* each helping question with its first and last rating;
* how the family described the child and the relationship at the start
  (initial meeting) and at the end (final meeting);
* what changed and what they are proud of, in their words (final meeting);
* the strengths seen in the clips: the family's words from the shared
  reviews, what they want to keep doing, and the principles tagged on each
  clip put into everyday words (never the principle names themselves);
* ideas for the future: the goals for the future set at the final meeting
  (never a missing rating) and the family's words about keeping going;
* each question in its latest wording (saying when it was reworded), and
  each adult's words and ratings under their name when there are several;
* the practitioner's sign-off from their profile.

Practitioner-only fields — private notes, guidance reflections, micro-analysis
notes, practitioner notes, questionnaire bands and alerts — are never read.
Where something has not happened yet (no final meeting), the letter says what
is missing instead of inventing it; :attr:`LetterDraft.missing` lists the same
gaps for the practitioner.

:func:`render_html` turns the letter's Markdown (a small, safe subset) into a
one-page, print-ready HTML document; every piece of text is escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date

from ..domain import (
    Clip,
    EndingLetter,
    FamilyRecord,
    HelpingQuestion,
    RatingKind,
    Session,
    SessionKind,
)
from ..domain.profile import PractitionerProfile

# prompt ids (prompts/initial_meeting.yaml and prompts/final_meeting.yaml)
DESCRIBE_CHILD = "describe-child"
DESCRIBE_RELATIONSHIP = "describe-relationship"
DESCRIBE_CHILD_AGAIN = "describe-child-again"
DESCRIBE_RELATIONSHIP_AGAIN = "describe-relationship-again"
LOOKING_BACK = ("what-changed", "proudest", "moment-to-keep", "own-strengths")
FUTURE = ("next-goals", "keep-going")

#: everyday words for the shipped principles, used when no pack is loaded
EVERYDAY: dict[str, str] = {
    "attentive": "Noticing — giving your full attention, time and space",
    "encouraging": "Making room for them to start — waiting, and letting them lead",
    "receiving": "Showing you got it — a look, a smile or a word back",
    "attuning": "Taking turns — going back and forth, and having fun together",
    "guiding": "Helping them along — just the right amount of help",
    "deepening": "Thinking it through together — understanding each other",
}

MISSING_FINAL = "the final meeting has not happened yet"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_text(value: str) -> str:
    """A person's words, safe inside Markdown: one line, special characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(value.split()))


@dataclass
class LetterDraft:
    markdown: str
    missing: list[str] = field(default_factory=list)
    title: str = "Our work together"


def current_letter(record: FamilyRecord) -> EndingLetter | None:
    """The letter as last edited, if one was saved."""
    if not record.letters:
        return None
    return max(record.letters, key=lambda letter: letter.updated_at)


def _first_completed(record: FamilyRecord, kind: SessionKind) -> Session | None:
    sessions = record.sessions_of(kind)
    done = [s for s in sessions if s.completed]
    chosen = done or sessions
    return chosen[0] if chosen else None


def _words(record: FamilyRecord, session: Session | None, prompt_id: str) -> str:
    """Everyone's words for a prompt, as one quotable piece of Markdown text."""
    return "; ".join(_quote(speaker, words) for speaker, words in _said(record, session, prompt_id))


def _said(
    record: FamilyRecord, session: Session | None, prompt_id: str, clip_id: str | None = None
) -> list[tuple[str | None, str]]:
    """(who, words) for a prompt in a meeting: one entry per adult who answered."""
    if session is None:
        return []
    return [
        (r.speaker, r.family_words.strip())
        for r in sorted(record.reflections, key=lambda r: r.created_at)
        if r.session_id == session.id
        and r.prompt_id == prompt_id
        and r.clip_id == clip_id
        and r.family_words.strip()
    ]


def _quote(speaker: str | None, words: str) -> str:
    """“words”, or Name: “words” when said by a named adult (Markdown-safe)."""
    quoted = f"“{md_text(words)}”"
    return f"{md_text(speaker)}: {quoted}" if speaker else quoted


def _principle_words(packs: object | None, principle_id: str) -> str:
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
    return [w for w in (_principle_words(packs, p) for p in clip.principles) if w]


def _names(record: FamilyRecord) -> tuple[str, str]:
    family = record.family
    adults = [a for a in family.adults if a.strip()]
    children = [c.name for c in family.children if c.name.strip()]

    def join(names: list[str]) -> str:
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    greeting = join(adults) if adults else family.label
    child = join(children) if children else "your child"
    return greeting, child


def _question_lines(
    q: HelpingQuestion, finished: bool, several: bool, missing: list[str]
) -> list[str]:
    """A helping question in its latest wording, with its first and last ratings."""
    owner = q.owner if several and q.owner else None
    heading = f"{md_text(owner)}'s question: {md_text(q.text)}" if owner else md_text(q.text)
    out = [f"**{heading}**", ""]
    if q.reworded:
        was = md_text(q.first_wording())
        out += [f"_We changed the wording along the way; at first it was “{was}”._", ""]
    who = md_text(owner) if owner else "you"
    first = q.first()
    finals = [r for r in q.ratings if r.kind == RatingKind.FINAL]
    last = finals[-1] if finals else None
    hope = (
        f" {'You' if who == 'you' else who} hoped to get to {q.hoped_for}."
        if q.hoped_for is not None
        else ""
    )
    if first is None:
        missing.append(f"helping question “{q.text}” has no ratings")
        return [*out, "- _This question has not been rated yet._", ""]
    out.append(f"- At the start {who} put this at **{first.value}** out of 10.{hope}")
    if last is not None and last is not first:
        out.append(f"- At the end {who} put it at **{last.value}** out of 10.")
        if len(q.ratings) > 2:
            out.append(f"- Along the way: {' → '.join(str(v) for v in q.values())}.")
    else:
        latest = q.latest()
        if latest is not None and latest is not first:
            out.append(f"- Most recently {who} put it at {latest.value} out of 10.")
        if finished:
            missing.append(f"helping question “{q.text}” was not rated at the final meeting")
        else:
            out.append("- _The last rating will be added at the final meeting._")
            missing.append(f"helping question “{q.text}” has no final rating")
    out.append("")
    return out


def draft_letter(
    record: FamilyRecord,
    packs: object | None = None,
    today: date | None = None,
    profile: PractitionerProfile | None = None,
) -> LetterDraft:
    """A first draft of the ending letter from what the record holds, signed
    with the practitioner's profile when one is given."""
    missing: list[str] = []
    greeting, child = _names(record)
    initial = _first_completed(record, SessionKind.INITIAL_MEETING)
    final = _first_completed(record, SessionKind.FINAL_MEETING)
    if final is None or not final.completed:
        missing.append(MISSING_FINAL)
    finished = final is not None and final.completed
    when = final.date if final is not None and finished else (today or date.today()).isoformat()
    try:
        day = date.fromisoformat(when)
        when = f"{day.day} {day:%B %Y}"
    except ValueError:
        pass
    reviews = [s for s in record.sessions_of(SessionKind.SHARED_REVIEW)]
    out: list[str] = [
        "# Our work together",
        "",
        f"_{md_text(when)}_",
        "",
        f"Dear {md_text(greeting)},",
        "",
    ]
    times = len(reviews)
    watched = (
        f"the {times} times we watched your films together"
        if times > 1
        else "the time we watched your film together"
        if times == 1
        else "our time together"
    )
    out += [
        "This letter is for you to keep. It brings together what we talked about over "
        f"{watched}, in your own words as much as possible.",
        "",
    ]
    if MISSING_FINAL in missing:
        out += [
            "_This is a draft: the final meeting has not happened yet, so the last ratings, "
            "how you describe things now and the ideas for the future are still to come._",
            "",
        ]

    # -- helping questions --------------------------------------------------------------
    out += ["## Your helping questions", ""]
    questions = record.active_questions()
    if not questions:
        out += ["_No helping questions were written down._", ""]
        missing.append("no helping questions were recorded")
    several = len([a for a in record.family.adults if a.strip()]) > 1
    for q in questions:
        out += _question_lines(q, finished, several, missing)
    retired = [q for q in sorted(record.questions, key=lambda q: q.order) if q.retired]
    if retired:
        names = "; ".join(f"“{md_text(q.text)}”" for q in retired)
        out += [f"We also worked on {names} for a while, before setting it aside.", ""]

    # -- descriptions --------------------------------------------------------------------
    for heading, start_id, end_id in (
        (f"How you described {child}", DESCRIBE_CHILD, DESCRIBE_CHILD_AGAIN),
        ("How you described your relationship", DESCRIBE_RELATIONSHIP, DESCRIBE_RELATIONSHIP_AGAIN),
    ):
        out += [f"## {md_text(heading)}", ""]
        start = _words(record, initial, start_id)
        end = _words(record, final, end_id)
        if start:
            out.append(f"- At the start: {start}")
        else:
            out.append("- At the start: _not written down at the first meeting._")
            missing.append(f"no answer to “{start_id}” at the first meeting")
        if end:
            out.append(f"- At the end: {end}")
        elif final is None or not final.completed:
            out.append("- At the end: _to be asked again at the final meeting._")
        else:
            out.append("- At the end: _not written down at the final meeting._")
            missing.append(f"no answer to “{end_id}” at the final meeting")
        out.append("")

    # -- looking back (final meeting) ------------------------------------------------------
    looking_back = [(pid, _words(record, final, pid)) for pid in LOOKING_BACK]
    looking_back = [(pid, words) for pid, words in looking_back if words]
    if looking_back:
        titles = {
            "what-changed": "What has changed",
            "proudest": "What you are proudest of",
            "moment-to-keep": "A moment to remember",
            "own-strengths": "Strengths you see in yourself",
        }
        out += ["## Looking back", ""]
        for pid, words in looking_back:
            out.append(f"- {titles[pid]}: {words}")
        out.append("")

    # -- strengths seen in the clips ----------------------------------------------------------
    out += ["## What we saw in your films", ""]
    review_ids = {s.id for s in reviews}
    clips_shown = 0
    for number in sorted({c.cycle for c in record.clips}):
        for clip in record.clips_for(number):
            quotes = [
                _quote(speaker, words) for speaker, words in clip_words(record, clip, review_ids)
            ]
            strengths = clip_strengths(packs, clip)
            if not quotes and not strengths:
                continue
            clips_shown += 1
            title = f": {md_text(clip.title)}" if clip.title else ""
            out += [f"**A moment from film {number}{title}**", ""]
            if strengths:
                out.append("What this moment shows: " + "; ".join(strengths) + ".")
                out.append("")
            out += [f"- {w}" for w in quotes]
            if quotes:
                out.append("")
    if not clips_shown:
        out += ["_No clips have been watched together yet._", ""]
        missing.append("no clips have been reviewed together")
    keep = [s.keep_doing.strip() for s in reviews if s.keep_doing.strip()]
    if keep:
        out += ["What you want to keep doing, in your words:", ""]
        out += [f"- “{md_text(k)}”" for k in keep]
        out.append("")

    # -- the future -----------------------------------------------------------------------
    out += ["## Ideas for the future", ""]
    goals = list(final.future_goals) if final is not None else []
    if goals:
        out += ["Goals to carry on with after our work together:", ""]
        out += [f"- {_quote(g.by, g.text)}" for g in goals]
        out.append("")
    ideas = [
        quote for pid in FUTURE for quote in (_quote(*said) for said in _said(record, final, pid))
    ]
    if ideas:
        out += [f"- {idea}" for idea in ideas]
    elif goals:
        pass
    elif final is None or not final.completed:
        out.append("- _We will think about this together at the final meeting._")
    else:
        out.append("- _Not written down at the final meeting._")
        missing.append("no ideas for the future were written down at the final meeting")
    out += ["", "With warm wishes,", ""]
    if profile is not None and not profile.empty:
        out += [md_text(line) for line in profile.sign_off()]
    elif profile is not None:
        missing.append("no practitioner profile to sign the letter yet (p on Home sets it up)")
    text = "\n".join(out).rstrip() + "\n"
    return LetterDraft(markdown=text, missing=_unique(missing))


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def letter_markdown(
    record: FamilyRecord,
    packs: object | None = None,
    fresh: bool = False,
    profile: PractitionerProfile | None = None,
) -> tuple[str, list[str]]:
    """The saved letter (as edited in the app) or, if none or `fresh`, a new draft.
    Returns the Markdown and what is missing (only known for a draft)."""
    saved = current_letter(record)
    if saved is not None and saved.markdown.strip() and not fresh:
        return saved.markdown, []
    draft = draft_letter(record, packs, profile=profile)
    return draft.markdown, draft.missing


# -- Markdown (small, safe subset) → print-ready HTML ------------------------------------------
_ESCAPED = re.compile(r"\\([\\`*_\[\]<>#|{}()+\-.!])")
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EM = re.compile(r"(?<![\w*])[_*](?![\s_*])(.+?)(?<![\s\\])[_*](?![\w*])")
_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBER = re.compile(r"^\s*\d+[.)]\s+(.*)$")


def _inline(text: str) -> str:
    """Escape everything, then turn **bold** and _italic_ into tags."""
    stash: list[str] = []

    def keep(match: re.Match[str]) -> str:
        stash.append(match.group(1))
        return f"\x00{len(stash) - 1}\x00"

    text = _ESCAPED.sub(keep, text)
    out = html.escape(text, quote=True)
    out = _STRONG.sub(r"<strong>\1</strong>", out)
    out = _EM.sub(r"<em>\1</em>", out)
    return re.sub(r"\x00(\d+)\x00", lambda m: html.escape(stash[int(m.group(1))]), out)


#: characters HTML may not hold (and our own stash marker): shown as U+FFFD
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def markdown_to_html(markdown: str) -> str:
    """Headings, paragraphs, bullet and numbered lists, quotes, bold, italic.
    Anything else is shown as the text it is; raw HTML is escaped, never run."""
    markdown = _NOT_TEXT.sub("\ufffd", markdown)
    blocks: list[str] = []
    para: list[str] = []
    items: list[str] = []
    list_tag = ""

    def flush() -> None:
        nonlocal list_tag
        if para:
            blocks.append("<p>" + "<br>\n".join(_inline(p) for p in para) + "</p>")
            para.clear()
        if items:
            blocks.append(
                f"<{list_tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{list_tag}>"
            )
            items.clear()
            list_tag = ""

    for line in markdown.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if heading := _HEADING.match(stripped):
            flush()
            level = len(heading.group(1))
            blocks.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
            continue
        bullet = _BULLET.match(line)
        number = _NUMBER.match(line) if not bullet else None
        if bullet or number:
            tag = "ul" if bullet else "ol"
            if para or (items and list_tag != tag):
                flush()
            list_tag = tag
            items.append(_inline((bullet or number).group(1)))  # type: ignore[union-attr]
            continue
        if stripped.startswith(">"):
            flush()
            blocks.append(f"<blockquote>{_inline(stripped.lstrip('> '))}</blockquote>")
            continue
        if items:  # a continuation line of the last list item
            items[-1] += " " + _inline(stripped)
            continue
        para.append(stripped)
    flush()
    return "\n".join(blocks)


_PAGE_CSS = """
@page { size: A4; margin: 18mm 20mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: Georgia, "Iowan Old Style", "Palatino Linotype", serif;
  font-size: 11pt; line-height: 1.45; color: #222; max-width: 42em;
  margin: 2em auto; padding: 0 1em; }
h1 { font-size: 19pt; font-weight: normal; color: #2f4f4f; margin: 0 0 .2em; }
h2 { font-size: 12.5pt; font-weight: normal; color: #2f4f4f;
  border-bottom: 1px solid #d8e0df; padding-bottom: .1em; margin: 1.1em 0 .4em; }
h3 { font-size: 11pt; margin: .8em 0 .3em; }
p, ul, ol, blockquote { margin: .35em 0; }
ul, ol { padding-left: 1.3em; }
li { margin: .15em 0; }
blockquote { border-left: 3px solid #d8e0df; padding-left: .8em; color: #444; }
em { color: #555; }
@media print { body { margin: 0; padding: 0; max-width: none; }
  h2 { break-after: avoid; } li, p { break-inside: avoid; } }
"""


def render_html(markdown: str, title: str = "Our work together") -> str:
    """A complete, self-contained HTML page (no scripts, no external files)."""
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_PAGE_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{markdown_to_html(markdown)}\n</main>\n</body>\n</html>\n"
    )
