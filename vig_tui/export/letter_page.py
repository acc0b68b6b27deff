"""The letter's Markdown (a small, safe subset) as a print-ready HTML page.

Headings, paragraphs, lists, quotes, bold and italic; every piece of text is
escaped, raw HTML is shown as text and never run. A line that is only
``![words](stills/<file>)`` is a still of the family's: it becomes a picture
when the caller hands over a way to read stills (only with the family's
consent to keep copies), and is left out otherwise.
"""

from __future__ import annotations

import html
import re

from ..domain.rules.stills import still_name_problem
from .stills_html import ALT, ReadStill, still_img, still_src

_ESCAPED = re.compile(r"\\([\\`*_\[\]<>#|{}()+\-.!])")
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EM = re.compile(r"(?<![\w*])[_*](?![\s_*])(.+?)(?<![\s\\])[_*](?![\w*])")
_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBER = re.compile(r"^\s*\d+[.)]\s+(.*)$")
#: a line that is only a picture: ![words](<name>)
_PICTURE = re.compile(r"^!\[[^\]\n]*\]\(([^\n]+)\)$")


def _still_of(line: str) -> str | None:
    """The still's name when `line` is only a still of the family's
    (``![words](stills/<file>)``, by the one still-name rule), else None."""
    picture = _PICTURE.match(line.strip())
    if picture is None or still_name_problem(picture.group(1)) is not None:
        return None
    return picture.group(1)


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


def markdown_to_html(markdown: str, read_still: ReadStill | None = None) -> str:
    """Headings, paragraphs, bullet and numbered lists, quotes, bold, italic, and
    the family's stills (only with `read_still`; without it they are left out).
    Anything else is shown as the text it is; raw HTML is escaped, never run."""
    markdown = _NOT_TEXT.sub("\ufffd", markdown)
    blocks: list[str] = []
    para: list[str] = []
    items: list[str] = []
    pictures: list[str] = []
    list_tag = ""

    def flush() -> None:
        nonlocal list_tag
        if pictures:
            blocks.append("<div class='stills'>" + "".join(pictures) + "</div>")
            pictures.clear()
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
        if (still := _still_of(stripped)) is not None:
            if para or items:
                flush()
            img = still_img(read_still, still) if read_still else ""
            if img:
                pictures.append(img)
            continue
        if pictures:
            flush()
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
.stills { display: flex; gap: 3mm; flex-wrap: wrap; margin: .4em 0 .6em; }
.stills img { width: 52mm; border-radius: 2mm; }
@media print { body { margin: 0; padding: 0; max-width: none; }
  h2 { break-after: avoid; } li, p { break-inside: avoid; } }
"""


def without_pictures(markdown: str) -> str:
    """The letter's Markdown without its still lines (no pictures may go out)."""
    return markdown_file(markdown, None)


def markdown_file(markdown: str, read_still: ReadStill | None) -> str:
    """The letter's Markdown as a file to hand over: each still line carries its
    picture inside the file (a ``data:`` address, as the HTML page does), so
    the file shows the same stills as the page; with no `read_still`, or a
    still that cannot be read, the line is left out."""
    out: list[str] = []
    for line in markdown.splitlines(keepends=True):
        still = _still_of(line)
        if still is None:
            out.append(line)
        elif read_still is not None and (src := still_src(read_still, still)):
            out.append(f"![{ALT}]({src})\n")
    return "".join(out)


def render_html(
    markdown: str, title: str = "Our work together", read_still: ReadStill | None = None
) -> str:
    """A complete, self-contained HTML page (no scripts, no external files; the
    stills, when `read_still` is given, are inside the page)."""
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_PAGE_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{markdown_to_html(markdown, read_still)}\n</main>\n</body>\n</html>\n"
    )
