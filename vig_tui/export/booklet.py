"""The moments booklet: what the family keeps, print-ready (A4 HTML, and PDF).

For each clip watched together: its stills for the family (the one to three
the practitioner picked; when none were picked, the first ones taken, and
:attr:`BookletPages.unpicked` names those clips), the family's own words about
it, and the strength it shows in everyday words; then their helping questions
with a first → last picture. Made only with the family's consent to keep
copies of their clips: the one way in is
:func:`vig_tui.services.booklet.make_booklet`, which checks it. Never private
notes, questionnaire scores, bands or principle names: the text comes only
from the family's words, the clip's title and the packs' everyday wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from ..domain import FamilyRecord, RatingKind, SessionKind
from ..domain.goals import TOGETHER, when_first
from ..domain.rules.stills import stills_for_family
from ..outcomes.charts import Bar, bar_chart
from .family_words import clip_strengths, clip_words, family_names
from .stills_html import ReadStill, still_img

CSS = """
@page { size: A4; margin: 16mm; }
body { font-family: serif; font-size: 12pt; color: #222; line-height: 1.45; }
h1 { font-size: 22pt; margin: 0 0 4mm; }
h2 { font-size: 15pt; margin: 8mm 0 3mm; }
section.moment { break-inside: avoid; margin-bottom: 8mm; }
.stills { display: flex; gap: 3mm; flex-wrap: wrap; }
.stills img { width: 58mm; border-radius: 2mm; }
blockquote { margin: 2mm 0 2mm 6mm; font-style: italic; }
.strength { color: #35607f; }
"""


@dataclass
class BookletPages:
    html: str
    #: the clips whose stills were not picked (their first ones are in the booklet)
    unpicked: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Moment:
    """One clip as the booklet carries it."""

    film: int
    title: str
    #: the stills that go in (``stills/<file>`` names) and when in the film they are
    stills: list[tuple[str, int]]
    #: True when the practitioner picked them; False when the first ones are used
    picked: bool
    #: the family's own words: (the adult who said them, when named; the words)
    words: list[tuple[str | None, str]]
    #: what the moment shows, in everyday words
    strengths: list[str]

    @property
    def name(self) -> str:
        return f"“{self.title or 'untitled'}” (film {self.film})"


def booklet_moments(record: FamilyRecord, packs: object | None) -> list[Moment]:
    """The clips the booklet carries, in order: only those watched together,
    which have the family's own words."""
    reviews = {s.id for s in record.sessions_of(SessionKind.SHARED_REVIEW)}
    moments = []
    for number in sorted({c.cycle for c in record.clips}):
        for clip in record.clips_for(number):
            words = clip_words(record, clip, reviews)
            if not words:
                continue  # only clips watched together, in the family's own words
            chosen = stills_for_family(clip)
            moments.append(
                Moment(
                    film=number,
                    title=clip.title,
                    stills=[(s.path, s.at_ms) for s in chosen.stills],
                    picked=chosen.picked,
                    words=words,
                    strengths=clip_strengths(packs, clip),
                )
            )
    return moments


def booklet_html(record: FamilyRecord, packs: object | None, read_still: ReadStill) -> str:
    """The booklet as one HTML page (the caller has checked consent)."""
    return booklet_pages(record, packs, read_still).html


def booklet_pages(
    record: FamilyRecord, packs: object | None, read_still: ReadStill
) -> BookletPages:
    """The booklet, and which clips' stills were not picked by the practitioner."""
    greeting, child = family_names(record)
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Our moments</title><style>{CSS}</style></head><body>",
        f"<h1>Our moments, {escape(greeting)} and {escape(child)}</h1>",
    ]
    moments = booklet_moments(record, packs)
    for moment in moments:
        images = [img for name, _ in moment.stills if (img := still_img(read_still, name))]
        title = f": {escape(moment.title)}" if moment.title else ""
        parts.append(f"<section class='moment'><h2>A moment from film {moment.film}{title}</h2>")
        if images:
            parts.append("<div class='stills'>" + "".join(images) + "</div>")
        parts += [
            f"<blockquote>{escape(who) + ': ' if who else ''}“{escape(w)}”</blockquote>"
            for who, w in moment.words
        ]
        if moment.strengths:
            shows = "; ".join(escape(s) for s in moment.strengths)
            parts.append(f"<p class='strength'>What this moment shows: {shows}.</p>")
        parts.append("</section>")
    if not moments:
        parts.append("<p>No moments have been watched together yet.</p>")
    parts.append(_questions(record))
    parts.append("</body></html>")
    unpicked = [m.name for m in moments if m.stills and not m.picked]
    return BookletPages("".join(parts), unpicked)


def _questions(record: FamilyRecord) -> str:
    questions = [q for q in record.rated_questions() if q.ratings]
    if not questions:
        return ""
    out = ["<h2>Your helping questions</h2>"]
    for q in questions:
        series = q.by_rater()
        for rater, ratings in series.items():  # each adult's own, when they rated apart
            first, last = ratings[0].value, ratings[-1].value
            said = when_first(ratings[0], start=True)  # or when this adult first rated it
            bars = [Bar(said, first, f"{first} of 10", "#9bb7cc")]
            if len(ratings) > 1:
                # "at the end" only once it is: a booklet made mid-course shows the latest
                ended = ratings[-1].kind == RatingKind.FINAL
                label = "At the end" if ended else "Most recently"
                bars.append(Bar(label, last, f"{last} of 10", "#3a7ca5"))
            title = q.text if len(series) == 1 else f"{q.text} · {rater or TOGETHER}"
            out.append(f"<figure>{bar_chart(bars, title, top=10.0)}</figure>")
    return "".join(out)
