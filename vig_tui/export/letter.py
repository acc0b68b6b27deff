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
  (never a missing rating) and what they want to keep working on;
* who and what will help them keep going, under its own heading;
* each question in its latest wording (saying when it was reworded), and
  each adult's words and ratings under their name when there are several;
* the stills of each moment, when the family agreed to keep copies of their
  clips (the ones the practitioner picked, else the first ones taken);
* the practitioner's sign-off from their profile.

Practitioner-only fields — private notes, guidance reflections, micro-analysis
notes, practitioner notes, questionnaire bands and alerts — are never read.
Where something has not happened yet (no final meeting), the letter says what
is missing instead of inventing it; :attr:`LetterDraft.missing` lists the same
gaps for the practitioner.

:func:`render_html` (in :mod:`.letter_page`) turns the letter's Markdown into a
one-page, print-ready HTML document; the family's words and their strengths
come from :mod:`.family_words`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain import (
    Clip,
    EndingLetter,
    Family,
    FamilyRecord,
    HelpingQuestion,
    Rating,
    RatingKind,
    Session,
    SessionKind,
)
from ..domain.goals import when_first
from ..domain.profile import DEFAULT_CLOSING, PractitionerProfile
from ..domain.rules.stills import stills_for_family
from ..domain.rules.wording import owned, question_owner
from .family_words import (
    clip_strengths,
    clip_words,
    family_names,
    md_text,
    quoted,
    said,
)
from .letter_page import markdown_to_html, render_html
from .stills_html import ALT

# prompt ids (prompts/initial_meeting.yaml and prompts/final_meeting.yaml)
DESCRIBE_CHILD = "describe-child"
DESCRIBE_RELATIONSHIP = "describe-relationship"
DESCRIBE_CHILD_AGAIN = "describe-child-again"
DESCRIBE_RELATIONSHIP_AGAIN = "describe-relationship-again"
LOOKING_BACK = ("what-changed", "proudest", "moment-to-keep", "own-strengths")
FUTURE = ("next-goals",)
#: "Who or what will help you keep going?": the family's support, not an idea for the future
KEEP_GOING = "keep-going"

MISSING_FINAL = "the final meeting has not happened yet"
#: the letter's last line when no practitioner profile signs it: plainly theirs to replace
SIGN_HERE = "[Your name and role: write them here in place of this line]"
#: what a draft leaves for the practitioner to write, and what it is called
LEFT_TO_WRITE = {
    SIGN_HERE: "your name and role at the end",
    "_Not written down at the final meeting._": "the ideas for the future",
}


def left_to_write(text: str) -> list[str]:
    """What the letter still holds of the draft's places for the practitioner
    to write (the sign-off, the ideas for the future): the letter as it would
    reach the family."""
    return [what for mark, what in LEFT_TO_WRITE.items() if mark in text]


@dataclass
class LetterDraft:
    markdown: str
    missing: list[str] = field(default_factory=list)
    title: str = "Our work together"
    #: clips whose stills in the letter were not picked (their first ones are used)
    unpicked: list[str] = field(default_factory=list)


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
    return "; ".join(quoted(speaker, words) for speaker, words in said(record, session, prompt_id))


def _question_lines(
    q: HelpingQuestion, finished: bool, family: Family, missing: list[str]
) -> list[str]:
    """A helping question in its latest wording, with its first and last ratings."""
    owner = question_owner(family, q.owner)
    heading = md_text(owned(family, q.owner, q.text))
    out = [f"**{heading}**", ""]
    if q.reworded:
        was = md_text(q.first_wording())
        out += [f"_We changed the wording along the way; at first it was “{was}”._", ""]
    series = q.by_rater()
    if len(series) > 1:  # a shared question the adults rated each for themselves
        return out + _rater_lines(q, series, finished, missing)
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
    said = when_first(first, start=True)  # "At the start", or when first rated after that
    out.append(f"- {said} {who} put this at **{first.value}** out of 10.{hope}")
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


def _rater_lines(
    q: HelpingQuestion, series: dict[str | None, list[Rating]], finished: bool, missing: list[str]
) -> list[str]:
    """Each adult's own first and latest rating of a shared question (and
    those given together): one person's 3 and another's 8 are not a change."""
    out = []
    for rater, ratings in series.items():
        who = md_text(rater) if rater else "You together"
        first, latest = ratings[0], ratings[-1]
        line = f"- {who}: **{first.value}** out of 10 {when_first(first)}"
        if latest is not first:
            line += f", **{latest.value}** most recently"
        out.append(line + ".")
    if q.hoped_for is not None:
        out.append(f"- You hoped to get to {q.hoped_for}.")
    if not any(r.kind == RatingKind.FINAL for r in q.ratings):
        if finished:
            missing.append(f"helping question “{q.text}” was not rated at the final meeting")
        else:
            out.append("- _The last rating will be added at the final meeting._")
            missing.append(f"helping question “{q.text}” has no final rating")
    return [*out, ""]


def draft_letter(
    record: FamilyRecord,
    packs: object | None = None,
    today: date | None = None,
    profile: PractitionerProfile | None = None,
    *,
    stills: bool = False,
) -> LetterDraft:
    """A first draft of the ending letter from what the record holds, signed
    with the practitioner's profile when one is given. With `stills` (only
    when the family agreed to keep copies), each moment carries its stills."""
    missing: list[str] = []
    unpicked: list[str] = []
    greeting, child = family_names(record)
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
    times = len(record.meetings_of(SessionKind.SHARED_REVIEW))  # a review over 2 sittings: once
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
    questions = record.rated_questions()
    if not questions:
        out += ["_No helping questions were written down._", ""]
        missing.append("no helping questions were recorded")
    for q in questions:
        out += _question_lines(q, finished, record.family, missing)
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
    reviewed_cycles = {s.cycle for s in reviews if s.completed}
    clips_shown = 0
    for number in sorted({c.cycle for c in record.clips}):
        for clip in record.clips_for(number):
            quotes = [
                quoted(speaker, words) for speaker, words in clip_words(record, clip, review_ids)
            ]
            strengths = clip_strengths(packs, clip)
            # a moment not yet watched together (its cycle's review not held)
            # is not the family's to read about: its strengths were the
            # practitioner's notes from preparing it
            if not quotes and (not strengths or number not in reviewed_cycles):
                continue
            clips_shown += 1
            title = f": {md_text(clip.title)}" if clip.title else ""
            out += [f"**A moment from film {number}{title}**", ""]
            if stills:
                out += _still_lines(clip, number, unpicked)
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
        out += [f"- {quoted(g.by, g.text)}" for g in goals]
        out.append("")
    ideas = [
        quote for pid in FUTURE for quote in (quoted(*said) for said in said(record, final, pid))
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
    support = [quoted(who, words) for who, words in said(record, final, KEEP_GOING)]
    if support:
        out += ["", "## Who and what will help you keep going", ""]
        out += [f"- {words}" for words in support]
    out += ["", md_text(profile.closing if profile is not None else DEFAULT_CLOSING)]
    if profile is not None and not profile.empty:
        out += ["", *(md_text(line) for line in profile.sign_off())]
    else:
        out.append(SIGN_HERE)  # theirs to fill in: the letter never ends unsigned
        if profile is not None:
            missing.append(
                "no practitioner profile to sign the letter yet: write your name and role "
                "on its last line (or set up a profile: p on Home, or `vig profile`)"
            )
    text = "\n".join(out).rstrip() + "\n"
    return LetterDraft(markdown=text, missing=_unique(missing), unpicked=unpicked)


def _still_lines(clip: Clip, film: int, unpicked: list[str]) -> list[str]:
    """One Markdown picture line per still the family gets (see letter_page)."""
    chosen = stills_for_family(clip)
    if not chosen.stills:
        return []
    if not chosen.picked:
        unpicked.append(f"“{clip.title or 'untitled'}” (film {film})")
    return [*(f"![{ALT}]({still.path})" for still in chosen.stills), ""]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def letter_markdown(
    record: FamilyRecord,
    packs: object | None = None,
    fresh: bool = False,
    profile: PractitionerProfile | None = None,
    *,
    stills: bool = False,
) -> tuple[str, list[str]]:
    """The saved letter (as edited in the app) or, if none or `fresh`, a new draft.
    Returns the Markdown and what is missing (only known for a draft)."""
    saved = current_letter(record)
    if saved is not None and saved.markdown.strip() and not fresh:
        return saved.markdown, []
    draft = draft_letter(record, packs, profile=profile, stills=stills)
    return draft.markdown, draft.missing


__all__ = [
    "MISSING_FINAL",
    "SIGN_HERE",
    "LetterDraft",
    "clip_strengths",
    "clip_words",
    "current_letter",
    "draft_letter",
    "left_to_write",
    "letter_markdown",
    "markdown_to_html",
    "md_text",
    "render_html",
]
