"""The family's papers with their stills: the booklet and the letter carry the
stills the practitioner picked (the first ones only when none were picked, and
the practitioner is told), and the letter only with the copies consent — from
the command line, the services and the letter screen's export dialog."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
from textual.widgets import Button, Input, Static

from tests.film_factory import MadeFilm
from tests.journey_helpers import make_app
from tests.test_booklet import _family, _private_sentinels, _vig
from tests.test_stills import PACKS, b64, family_with_stills
from vig_tui.domain import FamilyRecord
from vig_tui.export.letter import render_html
from vig_tui.export.letter_page import markdown_to_html, without_pictures
from vig_tui.export.pdf import html_to_pdf
from vig_tui.services.booklet import make_booklet
from vig_tui.services.letter import draft_for_family, letter_page, letter_page_in
from vig_tui.services.stills import unpicked_note
from vig_tui.store import Store
from vig_tui.ui.dialogs.letter_export import LetterExportScreen
from vig_tui.ui.screens.letter import LetterScreen


# -- the booklet and the letter ---------------------------------------------------------------
def test_the_booklet_has_the_picked_stills_and_says_when_none_were_picked(
    store: Store, test_films: dict[str, MadeFilm]
) -> None:
    session, names = family_with_stills(store, test_films["plain"])
    first = make_booklet(store, session.id, PACKS)
    assert [b64(session, n) in first.html for n in names] == [True, True, True, False]
    assert len(first.unpicked) == 1
    note = unpicked_note(first.unpicked)
    assert note is not None and "first ones" in note
    session.stills.pick(session.record.clips[0].id, [names[3]])
    picked = make_booklet(store, session.id, PACKS)
    assert [b64(session, n) in picked.html for n in names] == [False, False, False, True]
    assert picked.unpicked == [] and unpicked_note(picked.unpicked) is None


def test_the_letter_has_the_picked_stills_with_consent(
    store: Store, test_films: dict[str, MadeFilm]
) -> None:
    session, names = family_with_stills(store, test_films["plain"])
    session.stills.pick(session.record.clips[0].id, [names[0], names[2]])
    draft = draft_for_family(session.record, PACKS)
    assert f"]({names[0]})" in draft.markdown and f"]({names[1]})" not in draft.markdown
    plain = without_pictures(draft.markdown)  # no pictures may go out
    assert "](stills/" not in plain and "What we saw in your films" in plain
    page = letter_page(session, draft.markdown)
    assert [b64(session, n) in page for n in names] == [True, False, True, False]
    assert page == letter_page_in(store, session.id, draft.markdown)
    record: FamilyRecord = session.record
    for secret in _private_sentinels(record):
        assert secret not in page, secret
    pdf = html_to_pdf(page)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len({image.name for p in reader.pages for image in p.images}) == 2
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "What we saw in your films" in text and "With warm wishes" in text


def test_no_stills_in_the_letter_without_the_copies_consent(
    store: Store, test_films: dict[str, MadeFilm]
) -> None:
    session, names = family_with_stills(store, test_films["plain"], copies=False)
    session.stills.pick(session.record.clips[0].id, [names[0]])
    draft = draft_for_family(session.record, PACKS)
    assert "](stills/" not in draft.markdown
    # a letter written while the consent stood keeps its picture lines; the page leaves them out
    written = f"# Our work together\n\n![A still]({names[0]})\n\nWith warm wishes,\n"
    page = letter_page(session, written)
    assert "<img" not in page and b64(session, names[0]) not in page
    assert "stills/" not in page
    # and the page without a reader never reads a still
    assert "<img" not in render_html(written)


async def test_the_letter_screen_drafts_and_exports_the_picked_stills(
    tmp_path: Path, store: Store, test_films: dict[str, MadeFilm]
) -> None:
    session, names = family_with_stills(store, test_films["plain"])
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(LetterScreen(session))
        await pilot.pause()
        letter = app.screen
        assert f"]({names[0]})" in letter.query_one("#letter-text").text  # type: ignore[attr-defined]
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LetterExportScreen)
        note = str(dialog.query_one("#export-stills-note", Static).render())
        assert "No stills were picked" in note and "first ones" in note
        target = tmp_path / "letter.html"
        dialog.query_one("#export-folder", Input).value = str(tmp_path)
        dialog.query_one("#export-name", Input).value = target.name
        dialog.query_one("#export-go", Button).press()
        await pilot.pause()
    page = target.read_text("utf-8")
    assert [b64(session, n) in page for n in names] == [True, True, True, False]


def test_the_booklet_command_says_when_stills_were_not_picked(tmp_path: Path) -> None:
    root = tmp_path / "store"
    record = _family(root)
    out = tmp_path / "booklet.html"
    result = _vig(root, "export", "booklet", record.family.label, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "No stills were picked for" in result.stderr and out.exists()


def test_the_letter_page_takes_stills_by_the_one_still_name_rule() -> None:
    """A line is a picture exactly when the domain's still-name rule accepts
    its name: a still named with a space or an accent is pictured, and a name
    the rule refuses is never read and is shown as the text it is."""
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
    asked: list[str] = []

    def read_still(name: str) -> bytes:
        asked.append(name)
        return png

    good = ["stills/a moment 1.png", "stills/café.png"]
    bad = ["stills/..", "stills/.hidden.png", "/etc/shadow", "../stills/x.png", "stills/a/b.png"]
    markdown = "\n\n".join(f"![A still]({name})" for name in good + bad) + "\n"
    page = markdown_to_html(markdown, read_still)
    assert asked == good
    assert page.count("<img class='still'") == len(good)
    for name in bad:
        assert f"({name})" in page
    kept = without_pictures(markdown)
    assert all(name not in kept for name in good) and all(name in kept for name in bad)
